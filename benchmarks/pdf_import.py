"""Importing a 10-page published PDF, as a whole process: ``python -m benchmarks.pdf_import``.

The report is the real 淮安市 2024 report (tests/fixtures/published), its general section written out
until our PDF export of it fills ten pages. The peer is what users did before import read PDFs
itself: ``pdftotext -layout`` and then an import of the text, two whole processes.
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
PUBLISHED = ROOT / "tests" / "fixtures" / "published" / "09_huaian-city-2024.txt"
PAGES = 10


def ten_page_pdf(folder: Path) -> tuple[Path, int]:
    """The published report as a PDF of at least ten pages, and its page count."""
    import pypdfium2 as pdfium

    from export.pdf import export_pdf
    from model.edits import SetText
    from readers.dispatch import read_report

    document = read_report(PUBLISHED).document
    general = document.text("s1")
    path = folder / "published-10-pages.pdf"
    for copies in range(1, 20):
        document.apply([SetText("s1", "\n".join([general] * copies))])
        export_pdf(document, path)
        pages = len(pdfium.PdfDocument(path))
        if pages >= PAGES:
            return path, pages
    raise RuntimeError("the report never reached ten pages")


def _once(*commands: list[str]) -> float:
    start = time.perf_counter()
    for args in commands:
        subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(folder: Path, runs: int = 7) -> tuple[float, int, float | None]:
    """Median seconds of ``main.py import`` on the PDF, its pages, and the old way's median (None without
    pdftotext)."""
    pdf, pages = ten_page_pdf(folder)
    main = [sys.executable, str(ROOT / "main.py"), "import"]
    ours = [*main, str(pdf), "-o", str(folder / "r.nianbao")]
    peer_tool = shutil.which("pdftotext")
    text = folder / "r.txt"
    peer = [[peer_tool, "-layout", str(pdf), str(text)], [*main, str(text), "-o", str(folder / "t.nianbao")]]
    _once(ours)
    mine, theirs = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        mine.append(_once(ours))
        if peer_tool:
            theirs.append(_once(*peer))
    return statistics.median(mine), pages, statistics.median(theirs) if theirs else None


def rows(folder: Path) -> list[tuple[str, str, str]]:
    seconds, pages, peer = measure(folder)
    found = [(f"import of a {pages}-page published PDF, whole process", f"{seconds:.2f} s", "< 0.5 s")]
    if peer is not None:
        found.append(("before: `pdftotext -layout`, then import of the text", f"{peer:.2f} s", "peer"))
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as temp:
        for row in rows(Path(temp)):
            print("| " + " | ".join(row) + " |")
