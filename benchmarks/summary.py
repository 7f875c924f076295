"""汇总与审核 measured as a user waits for it: ``python -m benchmarks.summary``.

Generates random valid units' reports (every rule holds), then times whole ``aggregate`` processes of
1,000 and 3,000 of them (with and without the detail workbook) and a ``review`` of 100 published
reports as text and web pages. Wall time is what a user waits; CPU time is printed beside it because
this 2-core machine is shared, and a busy neighbour stretches the wall time without our doing.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.units import random_unit

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "main.py")
PUBLISHED = ROOT / "tests" / "fixtures" / "published"

# Runs one command and reports its wall time, CPU time and peak memory from inside a fresh parent,
# so each figure is of that process alone.
_PROBE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024,
                  "code": done.returncode}))
"""


def measure(args: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["code"] not in (0, 1):
        raise RuntimeError(f"{args[2:4]} failed with exit code {result['code']}")
    return result


def best_of(args: list[str], runs: int = 3) -> dict[str, float]:
    """The median run (the disk cache is warmed by a first run that is not counted)."""
    measure(args)
    results = sorted((measure(args) for _ in range(runs)), key=lambda r: r["wall"])
    return results[len(results) // 2]


def write_units(folder: Path, count: int) -> None:
    from model.fileformat import dumps

    folder.mkdir(parents=True)
    rng = random.Random(2025)
    for i in range(count):
        document = random_unit("2021", 2024, f"测试单位{i:05}", rng)
        (folder / f"unit{i:05}.nianbao").write_text(dumps(document), encoding="utf-8")


def write_published(folder: Path, count: int = 100) -> None:
    """Half real published reports as text (the three fixtures, renamed), half units' reports as web pages."""
    from export.html import export_html

    folder.mkdir(parents=True)
    texts = sorted(PUBLISHED.glob("*.txt"))
    rng = random.Random(7)
    for i in range(count // 2):
        shutil.copy(texts[i % len(texts)], folder / f"published{i:03}.txt")
    for i in range(count - count // 2):
        export_html(random_unit("2021", 2024, f"网页单位{i:03}", rng), folder / f"page{i:03}.html")


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="nianbao-summary-"))
    rows: list[tuple[str, str, str]] = []
    try:
        for count, target in ((1000, "< 3 s"), (3000, "< 8 s")):
            folder = out / f"units{count}"
            write_units(folder, count)
            plain = best_of([sys.executable, MAIN, "aggregate", str(folder), "-o", str(out / "total.nianbao")])
            rows.append(
                (
                    f"`aggregate` of {count:,} unit files, whole process",
                    f"{plain['wall']:.2f} s (CPU {plain['cpu']:.2f} s), {plain['mb']:.0f} MB",
                    f"{target}, < 500 MB",
                )
            )
            detail = best_of(
                [
                    sys.executable,
                    MAIN,
                    "aggregate",
                    str(folder),
                    "-o",
                    str(out / "total.nianbao"),
                    "--detail",
                    str(out / "detail.xlsx"),
                ],
                runs=1,
            )
            rows.append(
                (
                    f"… with `--detail` workbook ({count:,} rows × 166 cells)",
                    f"{detail['wall']:.2f} s (CPU {detail['cpu']:.2f} s), {detail['mb']:.0f} MB",
                    "—",
                )
            )
        published = out / "published"
        write_published(published)
        review = best_of([sys.executable, MAIN, "review", str(published), "--json"])
        rows.append(
            (
                "`review` of 100 published reports (50 text, 50 web pages), whole process",
                f"{review['wall']:.2f} s (CPU {review['cpu']:.2f} s), {review['mb']:.0f} MB",
                "< 5 s",
            )
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
