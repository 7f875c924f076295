"""Replay issue 15's hostile shapes against the CLI: ``python -m benchmarks.hostile``.

Every case runs in a child process under an address-space limit of 1 GB and a CPU limit of 30 s (so a
regression fails here instead of taking the machine down) and is timed; the child's peak resident
memory is read with ``wait4``. Prints one line per case: how it ended, seconds, peak MB. The budget
the issue states is 10 s and 300 MB for any input under the 50 MB import limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.reliability import hostile
from tests.reliability.bounded import ROOT, _limits

MEMORY_MB = 1024
CPU_SECONDS = 30
BUDGET_SECONDS, BUDGET_MB = 10.0, 300.0


def run(args: list[object], *, stdin: int | None = None) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, the child's peak RSS in MB and its last line on stderr."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=stdin,
        preexec_fn=_limits(MEMORY_MB, CPU_SECONDS, False),
    )
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024, err[-1] if err else ""


def cases(folder: Path) -> dict[str, Callable[[], list[object]]]:
    report = folder / "r.nianbao"
    shutil.copy(hostile.EXAMPLE, report)
    found: dict[str, Callable[[], list[object]]] = {}
    for name, build in hostile.WORKBOOKS.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(build())
        found[f"import {name}"] = lambda p=path: ["import", p, "-o", folder / "out.nianbao"]
    for raw in ("Infinity", "NaN", '"sNaN"', "1e308", "1" + "0" * 400, "1" + "0" * 100_000, '"1e999999999"'):
        for where in ("values", "prior"):
            path = folder / f"n-{where}-{len(raw)}-{raw[:4].strip(chr(34))}.nianbao"
            path.write_text(hostile.report_with(raw, where=where), encoding="utf-8")
            shown = raw if len(raw) < 14 else f"{raw[:4]}…({len(raw)} digits)"
            found[f"show {where} {shown}"] = lambda p=path: ["show", p]
    bomb = folder / "head.html"
    bomb.write_bytes(b"<head" * 200_000)
    found["import 1 MB of <head (H13b)"] = lambda: ["import", bomb, "-o", folder / "out.nianbao"]
    fifo = folder / "pipe.nianbao"
    os.mkfifo(fifo)
    found["show FIFO"] = lambda: ["show", fifo]
    found["show /dev/zero"] = lambda: ["show", "/dev/zero"]
    found["set --prior FIFO"] = lambda: ["set", report, "--prior", fifo]
    for target in ("/dev/null", "/dev/full"):
        device_link = folder / f"{Path(target).name}.pdf"
        device_link.symlink_to(target)
        found[f"export -o link to {target}"] = lambda t=device_link: ["export", report, "-o", t]
        found[f"new -o {target}"] = lambda t=target: [
            "new",
            "--template",
            "2021",
            "--year",
            "2025",
            "--agency",
            "局",
            "-o",
            t,
        ]
    link = folder / "link.pdf"
    link.symlink_to(folder / "real.pdf")
    found["export through a symlink"] = lambda: ["export", report, "-o", link]
    read_only = folder / "ro.docx"
    read_only.write_bytes(b"x")
    read_only.chmod(0o444)
    found["export onto read-only"] = lambda: ["export", report, "-o", read_only]
    found["rollforward r -o r"] = lambda: ["rollforward", report, "-o", report]
    found.update(later_cases(folder, report, fifo))
    return found


def later_cases(folder: Path, report: Path, fifo: Path) -> dict[str, Callable[[], list[object]]]:
    """The shapes found by the acceptance run after the first replay: batch outputs, planted locks,
    PDF runs, hostile fonts, unreadable and escape-named files."""
    found: dict[str, Callable[[], list[object]]] = {}
    units = folder / "units"
    units.mkdir()
    shutil.copy(hostile.EXAMPLE, units / "a.nianbao")
    subprocess.run([sys.executable, str(ROOT / "main.py"), "export", report, "-o", units / "b.xlsx"], check=False)
    found["aggregate folder -o a unit in it"] = lambda: ["aggregate", units, "-o", units / "a.nianbao"]
    found["review folder -o a unit in it"] = lambda: ["review", units, "-o", units / "b.xlsx"]
    found["aggregate/review FIFO input"] = lambda: ["review", fifo]
    found["import --log onto a report"] = lambda: [
        "import",
        folder / "head.html",
        "-o",
        folder / "o.nianbao",
        "--log",
        report,
    ]
    locked = folder / "locked.nianbao"
    shutil.copy(hostile.EXAMPLE, locked)
    os.mkfifo(folder / ".~locked.nianbao.lock")
    found["set with a FIFO planted as its lock"] = lambda: ["set", locked, "--agency", "某局"]
    unreadable = folder / "mode000.nianbao"
    shutil.copy(hostile.EXAMPLE, unreadable)
    unreadable.chmod(0)
    found["show a chmod 000 report (as root too)"] = lambda: ["show", unreadable]
    escaped = folder / "bad\x1b[2J\x07.nianbao"
    escaped.write_text("{", encoding="utf-8")
    found["check a file named with escapes"] = lambda: ["check", escaped]
    # Built in a child: the font parsing would grow this process, and every case forked from it.
    endless, runs = folder / "endless.ttf", folder / "runs.pdf"
    build = (
        "import sys; from pathlib import Path; from export.fonts import body_candidates;"
        "from tests.export.test_fonts import _with_endless_cmap;"
        "from tests.reliability.test_import_budget import _pdf_of_runs;"
        "fonts = [f for f in body_candidates() if f[0].lower().endswith(('.ttf', '.ttc'))][:1];"
        "fonts and _with_endless_cmap(fonts[0][0], fonts[0][1], Path(sys.argv[1]));"
        "fonts and _pdf_of_runs(Path(sys.argv[2]), 130, '。' * 5000)"
    )
    subprocess.run([sys.executable, "-c", build, str(endless), str(runs)], cwd=ROOT, check=False)
    if endless.exists():
        found["export --font with an endless cmap"] = lambda: [
            "export",
            report,
            "-o",
            folder / "f.pdf",
            "--font",
            endless,
        ]
    if runs.exists():
        found["import PDF of 130 lines of 5,000 。"] = lambda: ["import", runs, "-o", folder / "o.nianbao"]
    return found


def concurrent_sets(folder: Path, pairs: int = 100) -> tuple[int, float]:
    """``pairs`` times two ``set`` processes on one report at once; returns edits lost and seconds."""
    from model.cellref import CellRef
    from model.fileformat import load_report

    started = time.perf_counter()
    lost = 0
    for trial in range(pairs):
        path = folder / f"c{trial}.nianbao"
        shutil.copy(hostile.EXAMPLE, path)
        procs = [
            subprocess.Popen([sys.executable, str(ROOT / "main.py"), "set", str(path), f"3/new/{cell}={trial + 1}"])
            for cell in ("natural", "legal")
        ]
        for proc in procs:
            proc.wait(60)
        document = load_report(path)
        lost += sum(document.value(CellRef("3", "new", cell)) != trial + 1 for cell in ("natural", "legal"))
    return lost, time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        worst_seconds = worst_mb = 0.0
        for label, args in cases(folder).items():
            code, seconds, peak, last = run(args())
            within = seconds <= BUDGET_SECONDS and peak <= BUDGET_MB
            worst_seconds, worst_mb = max(worst_seconds, seconds), max(worst_mb, peak)
            flag = "" if within else "OVER BUDGET"
            print(f"{label:40} exit {code:3} {seconds:6.2f} s {peak:6.0f} MB {flag}  {last[:70]}")
        print(
            f"slowest {worst_seconds:.2f} s, most memory {worst_mb:.0f} MB (budget {BUDGET_SECONDS} s, {BUDGET_MB} MB)"
        )
        pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
        lost, seconds = concurrent_sets(folder, pairs)
        print(f"{pairs} concurrent set pairs (separate processes): {lost} edits lost, {seconds:.1f} s")


if __name__ == "__main__":
    main()
