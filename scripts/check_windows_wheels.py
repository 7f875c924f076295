"""Show that every pinned package of the build has a Windows wheel (so a Windows PC can build the bundle).

``python scripts/check_windows_wheels.py`` runs ``pip download --only-binary=:all: --platform win_amd64
--python-version 3.11 -d TMP -r <pinned set>`` on packaging/build-lock.txt with its hashes (markers taken for
Windows) and prints one line per package. Exit 0 when every package has a wheel whose hash the lock names.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from update_build_lock import load_lock_module  # noqa: E402  (one loader of the lock file)


def normalise(name: str) -> str:
    """A project name as wheel file names spell it (PEP 427: lower case, runs of -_. as one _)."""
    import re

    return re.sub(r"[-_.]+", "_", name).lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查构建所需的每个软件包都有 Windows (win_amd64) wheel")
    parser.add_argument("--python-version", default="3.11")
    args = parser.parse_args(argv)
    lock = load_lock_module()
    _, pins = lock.read_lock()
    windows = [pin for pin in pins if pin.applies_to(lock.TARGETS["windows"]["markers"])]
    with tempfile.TemporaryDirectory(prefix="nianbao-win-") as temp:
        pinned = Path(temp) / "windows-requirements.txt"
        # Markers are evaluated by pip on *this* machine; the Windows-only pins are written without them.
        pinned.write_text("\n".join(pin.requirement(with_marker=False) for pin in windows) + "\n", encoding="utf-8")
        folder = Path(temp) / "wheels"
        command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--platform", "win_amd64"]
        command += ["--python-version", args.python_version, "--implementation", "cp", "--require-hashes"]
        command += ["-d", str(folder), "-r", str(pinned)]
        result = subprocess.run(command, capture_output=True, text=True)
        wheels = sorted(p.name for p in folder.glob("*.whl")) if folder.is_dir() else []
        missing = 0
        for pin in windows:
            match = next((w for w in wheels if w.split("-")[:2] == [normalise(pin.name), pin.version]), None)
            missing += match is None
            print(f"{'ok ' if match else 'MISSING'} {pin.name}=={pin.version}  {match or ''}")
        if result.returncode != 0:
            print(result.stdout[-2000:] + result.stderr[-2000:], file=sys.stderr)
            return 1
    print(
        f"{len(windows) - missing} of {len(windows)} pinned packages have a Windows wheel (win_amd64, Python "
        f"{args.python_version}){'' if missing else '; all hashes match the lock'}"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
