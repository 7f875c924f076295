"""Measure the offline package as a user gets it: ``python -m benchmarks.bundle DIR`` (DIR from build_bundle.py).

Prints Markdown rows for the README: the unpacked size, the GUI's start to a shown window with the example
(a new process each time, as benchmarks/run.py measures it: the first run, then the median of five), and
``check`` and PDF export from the bundle. Runs outside the source tree with only the system's PATH. The disk
cache is not dropped: the machine is shared.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


def timed(args: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env, cwd=cwd)
    return time.perf_counter() - start


def measure(built: Path) -> list[tuple[str, str, str]]:
    folder = built / "nianbao"
    exe = str(folder / ("nianbao.exe" if sys.platform == "win32" else "nianbao"))
    size = sum(p.lstat().st_size for p in folder.rglob("*"))
    work = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    shutil.copy(EXAMPLE, work / "example.nianbao")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(work / "c"),
        "XDG_DATA_HOME": str(work / "d"),
        "XDG_CACHE_HOME": str(work / "cache"),
    }
    gui_env = {**env, "QT_QPA_PLATFORM": "offscreen", "NIANBAO_STARTUP_PROBE": "1"}
    first = timed([exe], gui_env, work)
    warm = statistics.median(timed([exe], gui_env, work) for _ in range(5))
    check = statistics.median(timed([exe, "check", "example.nianbao"], env, work) for _ in range(5))
    pdf = statistics.median(timed([exe, "export", "example.nianbao", "-o", "x.pdf"], env, work) for _ in range(5))
    shutil.rmtree(work, ignore_errors=True)
    return [
        ("bundle size, unpacked (`DIR/nianbao/`)", f"{size / 1e6:.0f} MB", "< 150 MB"),
        ("bundled GUI start to a shown window with the example, first run", f"{first:.2f} s", "< 1 s"),
        ("bundled GUI start to a shown window, median of 5", f"{warm:.2f} s", "< 1 s"),
        ("`nianbao check` of the example from the bundle", f"{check:.2f} s", "< 0.25 s"),
        ("`nianbao export -o x.pdf` from the bundle", f"{pdf:.2f} s", "—"),
    ]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m benchmarks.bundle DIR   (DIR as given to scripts/build_bundle.py -o)")
    print("| measure | result | target |\n|---|---|---|")
    for row in measure(Path(sys.argv[1]).resolve()):
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
