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
