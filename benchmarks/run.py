"""Measure what a user feels. Run from the project folder: ``python -m benchmarks.run``.

Prints each figure with its target as a Markdown table (pasted into the README). Whole processes are
timed where a user waits for a whole process. LibreOffice is the named peer for PDF output and is
measured side by side when ``soffice`` is on the machine.
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.pdf_import import rows as pdf_import_rows
from benchmarks.scale import edit_cost

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"
PYTHON = sys.executable
MAIN = str(ROOT / "main.py")


def once(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def median_time(args: list[str], runs: int = 7, env: dict[str, str] | None = None) -> float:
    once(args, env)  # warm the disk cache and the font metrics cache
    return statistics.median(once(args, env) for _ in range(runs))


def gui_start(out: Path) -> tuple[float, float]:
    """Seconds from process start to a shown, idle window with the example; peak memory in MB."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NIANBAO_STARTUP_PROBE": "1",
        "XDG_DATA_HOME": str(out / "data"),
        "XDG_CONFIG_HOME": str(out / "config"),
    }
    seconds = median_time([PYTHON, MAIN], runs=5, env=env)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def check_many(out: Path, count: int = 1000) -> float:
    folder = out / "many"
    folder.mkdir()
    data = EXAMPLE.read_bytes()
    for i in range(count):
        (folder / f"r{i:04}.nianbao").write_bytes(data)
    files = sorted(str(p) for p in folder.iterdir())
    return median_time([PYTHON, MAIN, "check", *files], runs=3)


def pdf_versus_libreoffice(out: Path) -> tuple[float, float | None]:
    ours = [PYTHON, MAIN, "export", str(EXAMPLE), "-o", str(out / "a.pdf")]
    subprocess.run([PYTHON, MAIN, "export", str(EXAMPLE), "-o", str(out / "a.xlsx")], check=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return median_time(ours), None
    theirs = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(out / "a.xlsx")]
    once(ours)
    once(theirs)
    mine, peer = [], []
    for _ in range(7):  # interleaved, so both see the same machine
        mine.append(once(ours))
        peer.append(once(theirs))
    return statistics.median(mine), statistics.median(peer)


def edit_latency(edits: int = 10_000) -> dict[str, float]:
    """Keystroke → repainted total over ``edits`` edits in one run of the real window (its own process)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [PYTHON, "-m", "benchmarks.edit_latency", "--edits", str(edits), "--json"]
    done = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def compile_bytecode() -> None:
    """Compile the project's modules, as an installed copy has them.

    Without this, a shell with PYTHONDONTWRITEBYTECODE set (as some CI images have) recompiles
    every module on every start, and the figures measure the compiler rather than the product.
    """
    for package in ("model", "cli", "export", "readers", "gui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> None:
    compile_bytecode()
    out = Path(tempfile.mkdtemp())
    rows: list[tuple[str, str, str]] = []
    start, memory = gui_start(out)
    rows.append(("GUI cold start to a shown window with the example", f"{start:.2f} s", "< 1 s"))
    rows.append(("GUI peak memory with the example open", f"{memory:.0f} MB", "< 200 MB"))
    for factor in (1, 10, 100):
        rows.append(
            (
                f"one cell edit, model, template {factor}× the official one",
                f"{edit_cost(factor):.0f} µs",
                "< 1000 µs, flat over 1×–100×",
            )
        )
    typing = edit_latency()
    rows.append(("keystroke → repainted total, real window, 10,000 edits: p50", f"{typing['p50_ms']:.1f} ms", "—"))
    p99 = f"{typing['p99_ms']:.1f} ms"
    rows.append(("keystroke → repainted total, real window, 10,000 edits: p99", p99, "< 16 ms"))
    memory = " / ".join(f"{typing[f'memory_mb_at_{n}']:.0f}" for n in (0, 1_000, 10_000))
    rows.append(("memory at 0 / 1,000 / 10,000 edits in one run", f"{memory} MB", "— (the undo history)"))
    single = median_time([PYTHON, MAIN, "check", str(EXAMPLE)])
    rows.append(("`check` of one report, whole process", f"{single:.2f} s", "< 0.25 s"))
    rows.append(("`check` of 1,000 reports in one call, whole process", f"{check_many(out):.2f} s", "< 3 s"))
    mine, peer = pdf_versus_libreoffice(out)
    rows.append(("PDF export of the example, whole process", f"{mine:.2f} s", "—"))
    if peer is None:
        rows.append(("LibreOffice headless: exported workbook → PDF", "not installed", "peer"))
    else:
        rows.append(("LibreOffice headless: exported workbook → PDF", f"{peer:.2f} s", "peer"))
        rows.append(("PDF export speed vs LibreOffice", f"{peer / mine:.1f}× faster", "≥ 4×"))
    rows.extend(pdf_import_rows(out))
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
