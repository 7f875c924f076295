"""Every reader, fed mutated real files, ends in a typed error or a correct report, quickly."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.fuzzing import hostile_corpus, mutations, outcome, seeds

SEEDS = seeds(Path(tempfile.mkdtemp()))
HOSTILE = hostile_corpus()
# A report is a few hundred kB at most; a reader that needs far more is being led astray.
MEMORY_LIMIT_MB = 64


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_reader_survives_mutations(suffix, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.data())
    def run(data):  # type: ignore[no-untyped-def]
        mutated = data.draw(mutations(SEEDS[suffix]))
        path = folder / f"case{suffix}"
        path.write_bytes(mutated)
        ended = outcome(path)
        assert ended.seconds < 5, f"{suffix} took {ended.seconds:.1f} s"
        assert ended.peak_mb < MEMORY_LIMIT_MB, f"{suffix} needed {ended.peak_mb:.0f} MB"

    run()


def test_unmutated_seeds_read_back(tmp_path):
    for suffix, data in SEEDS.items():
        path = tmp_path / f"seed{suffix}"
        path.write_bytes(data)
        assert outcome(path).result == "ok", suffix


def test_docx_with_damaged_deflate_stream_is_refused():
    """Found by benchmarks/fuzz: zlib.error escaped the Word reader."""
    from model.errors import ImportFailed
    from readers.dispatch import read_report

    with pytest.raises(ImportFailed, match="已损坏"):
        read_report(Path(__file__).resolve().parents[1] / "fixtures" / "fuzz" / "zlib-error.docx")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_shapes_within_budget(tmp_path, name):
    """The shapes of issue 15 (merge bomb, million rows, hostile numbers…) end in a typed error or a report,
    within 10 s and 300 MB."""
    suffix, data = HOSTILE[name]
    path = tmp_path / f"case{suffix}"
    path.write_bytes(data)
    ended = outcome(path)
    assert ended.seconds < 10 and ended.peak_mb < 300, (name, ended)
    if name.startswith(("report-", "prior-")):
        assert ended.result == "refused", name
