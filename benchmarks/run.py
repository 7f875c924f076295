"""Measure what a user feels. Run: ``python benchmarks/run.py`` (prints each figure with its target).

- one cell edit in the model (recompute + rules), median over many edits;
- ``check`` of one report as a whole process;
- PDF and Excel export of the example as whole processes.
LibreOffice (the named peer for PDF) is compared when ``soffice`` is on the machine.
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
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


def process_seconds(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def edit_microseconds() -> float:
    from model.cellref import CellRef
    from model.fileformat import load_report

    document = load_report(EXAMPLE)
    cells = [c for c in document.template.input_cells() if c.table == "3"]
    times = []
    for i in range(2000):
        ref: CellRef = cells[i % len(cells)]
        start = time.perf_counter()
        document.enter(ref, str(i % 7))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    python = sys.executable
    main_py = str(ROOT / "main.py")
    out = Path(tempfile.mkdtemp())
    rows = [
        ("one cell edit in the model (median)", f"{edit_microseconds():.0f} µs", "< 1000 µs"),
        (
            "`check` of one report, whole process",
            f"{process_seconds([python, main_py, 'check', str(EXAMPLE)]):.2f} s",
            "< 0.25 s",
        ),
        (
            "PDF export of the example, whole process",
            f"{process_seconds([python, main_py, 'export', str(EXAMPLE), '-o', str(out / 'a.pdf'), '--force']):.2f} s",
            "≥ 4× faster than LibreOffice",
        ),
        (
            "Excel export of the example, whole process",
            f"{process_seconds([python, main_py, 'export', str(EXAMPLE), '-o', str(out / 'a.xlsx'), '--force']):.2f} s",
            "—",
        ),
    ]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        seconds = process_seconds(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(out / "a.xlsx")], runs=3
        )
        rows.append(("LibreOffice: the exported workbook to PDF", f"{seconds:.2f} s", "peer"))
    else:
        rows.append(("LibreOffice: the exported workbook to PDF", "not installed here", "peer"))
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
