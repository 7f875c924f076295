"""Issue 15 item 3 for ``aggregate`` and ``review``: an output is never one of the files they read, even
when the inputs are folders (a unit's workbook or report inside the folder given)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, nianbao


@pytest.fixture
def units(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.nianbao")
    other = tmp_path / "other.nianbao"  # a second unit: another agency, kept as a workbook
    shutil.copy(EXAMPLE, other)
    assert nianbao("set", other, "--agency", "某某区另一局").returncode == 0
    assert nianbao("export", other, "-o", folder / "b.xlsx").returncode == 0
    return folder


def unchanged(units: Path, snapshot: dict[str, bytes]) -> bool:
    return {p.name: p.read_bytes() for p in units.iterdir()} == snapshot


@pytest.mark.parametrize(
    "args",
    [
        ["aggregate", "{units}", "-o", "{units}/a.nianbao"],
        ["aggregate", "{units}", "-o", "{tmp}/t.nianbao", "--detail", "{units}/b.xlsx"],
        ["review", "{units}", "-o", "{units}/b.xlsx"],
        ["review", "{units}", "{units}/b.xlsx", "-o", "{units}/b.xlsx"],
        ["aggregate", "{units}/a.nianbao", "-o", "{tmp}/t.nianbao", "--against", "{tmp}/t.nianbao"],
    ],
)
def test_a_unit_inside_an_input_folder_is_never_overwritten(tmp_path, units, args):
    if "--against" in args:
        shutil.copy(EXAMPLE, tmp_path / "t.nianbao")
    snapshot = {p.name: p.read_bytes() for p in units.iterdir()}
    against = (tmp_path / "t.nianbao").read_bytes() if (tmp_path / "t.nianbao").exists() else None
    result = nianbao(*(a.format(units=units, tmp=tmp_path) for a in args))
    assert result.returncode == 2, result.stderr
    assert "输入之一" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert unchanged(units, snapshot)
    if against is not None:
        assert (tmp_path / "t.nianbao").read_bytes() == against


def test_an_earlier_total_and_workbooks_in_the_folder_may_be_replaced(units):
    """Running the same summary twice into the units' folder is the normal workflow, not an overwrite."""
    for _ in range(2):
        result = nianbao("aggregate", units, "-o", units / "total.nianbao", "--detail", units / "detail.xlsx")
        assert result.returncode in (0, 1), result.stderr
        result = nianbao("review", units, "-o", units / "review.xlsx")
        assert result.returncode in (0, 1), result.stderr


@pytest.mark.parametrize(
    "args", [["review", "{units}", "-o", ""], ["aggregate", "{units}", "-o", "{units}/t.nianbao", "--detail", ""]]
)
def test_an_empty_output_name_is_refused_not_ignored(units, args):
    result = nianbao(*(a.format(units=units) for a in args))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (units / "t.nianbao").exists()


@pytest.mark.parametrize("args", [["export", "{report}", "-o", "{link}"], ["review", "{report}", "-o", "{link}"]])
def test_a_link_named_like_a_workbook_never_turns_a_report_into_one(tmp_path, args):
    other = tmp_path / "someone.nianbao"
    shutil.copy(EXAMPLE, other)
    link = tmp_path / "out.xlsx"
    link.symlink_to(other)
    before = other.read_bytes()
    result = nianbao(*(a.format(report=EXAMPLE, link=link) for a in args))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert other.read_bytes() == before and link.is_symlink()


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="RLIMIT_FSIZE")
@pytest.mark.parametrize("earlier_total", [False, True])
def test_aggregate_that_cannot_write_its_detail_leaves_no_total(tmp_path, earlier_total):
    """Exit 2 means nothing was written: the total saved before a detail workbook that failed is undone
    (a new one removed, an earlier one put back)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    total = tmp_path / "t.nianbao"
    if earlier_total:
        assert nianbao("aggregate", EXAMPLE, "-o", total).returncode in (0, 1)
    before = total.read_bytes() if earlier_total else None

    def small_files() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (10 * 1024, 10 * 1024))  # the total fits, the workbook not

    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "aggregate",
            str(EXAMPLE),
            "-o",
            str(total),
            "--agency",
            "另一名称",
            "--detail",
            str(tmp_path / "d.xlsx"),
        ],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        check=False,
    )
    assert result.returncode == 2 and "d.xlsx" in result.stderr
    assert not (tmp_path / "d.xlsx").exists()
    assert (total.read_bytes() if total.exists() else None) == before
