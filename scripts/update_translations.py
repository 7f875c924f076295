"""Refresh the Simplified Chinese translation of the GUI.

    python scripts/update_translations.py

Runs ``pyside6-lupdate`` over ``gui/`` to collect every ``tr()``/``translate()`` text into
``resources/translations/nianbao_zh_CN.ts`` (translations already there are kept), then compiles it
with ``pyside6-lrelease``. Edit the .ts in Qt Linguist (``pyside6-linguist``) for new texts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "nianbao_zh_CN.ts"
BIN = Path(sys.executable).parent


def main() -> None:
    sources = sorted(str(p) for p in (ROOT / "gui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS), "-no-obsolete"], check=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    main()
