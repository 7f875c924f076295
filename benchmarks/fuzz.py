"""The long fuzzing run: ``python -m benchmarks.fuzz [CASES_PER_READER]`` (default 2000).

Mutated real files for every reader; prints, per reader, how many cases were read, refused with
the typed error, or crashed (any other exception: a bug), the slowest case and the most memory
one case needed.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.fuzzing import mutations, outcome, seeds


def fuzz_reader(suffix: str, data: bytes, cases: int, folder: Path) -> tuple[Counter[str], float, float]:
    """Run ``cases`` mutations of one seed file; crashing inputs are kept in ``folder``.

    Returns the counts of each ending, the slowest case in seconds and the hungriest in MB.
    """
    counts: Counter[str] = Counter()
    slowest = hungriest = 0.0

    @settings(max_examples=cases, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.data())
    def run(draw) -> None:  # type: ignore[no-untyped-def]
        nonlocal slowest, hungriest
        path = folder / f"case{suffix}"
        path.write_bytes(draw.draw(mutations(data)))
        try:
            ended = outcome(path)
        except Exception:
            counts["crash"] += 1
            keep = folder / f"crash-{counts['crash']}{suffix}"
            keep.write_bytes(path.read_bytes())
            if counts["crash"] <= 3:  # the first few are enough to start debugging
                print(f"CRASH {keep}\n{traceback.format_exc(limit=3)}")
            return
        counts[ended.result] += 1
        slowest = max(slowest, ended.seconds)
        hungriest = max(hungriest, ended.peak_mb)

    run()
    return counts, slowest, hungriest


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    folder = Path(tempfile.mkdtemp())
    crashed = False
    for suffix, data in seeds(folder).items():
        counts, slowest, hungriest = fuzz_reader(suffix, data, cases, folder)
        crashed = crashed or bool(counts["crash"])
        print(f"{suffix:9} {dict(counts)}  slowest {slowest:.2f} s  most memory for one case {hungriest:.0f} MB")
    sys.exit(1 if crashed else 0)


if __name__ == "__main__":
    main()
