"""Printed totals: kept beside the computed ones, reported by check, accepted by the user."""

from __future__ import annotations

import pytest

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetPrinted
from model.errors import NotEditable
from model.fileformat import dumps, loads

RC_TOTAL = CellRef("4", "cases", "rc_total")
TOTAL7 = CellRef("3", "total7", "natural")


@pytest.fixture
def report() -> Document:
    document = Document.new("2021", 2023, "测试区人民政府")
    document.apply([SetCell(CellRef("4", "cases", "rc_upheld"), 7), SetCell(CellRef("4", "cases", "rc_other"), 4)])
    return document


def test_a_printed_total_that_differs_is_an_error_naming_both_values(report):
    report.apply([SetPrinted(RC_TOTAL, 0)])
    assert report.value(RC_TOTAL) == 11  # the computed total stays the report's value
    errors = [r for r in report.errors() if r.rule == "P1"]
    assert [r.message for r in errors] == [
        "表四·行政复议·总计：报告中印的是0，而各项之和为11，相差11（请核对各项；各项无误时采用计算值）"
    ]
    assert errors[0].cells == (RC_TOTAL,)
    assert report.results_at(RC_TOTAL)[0].rule == "P1"


def test_accepting_the_computed_total_clears_the_error_and_undo_restores_it(report):
    report.apply([SetPrinted(RC_TOTAL, 0)])
    changes = report.apply(report.accept_totals())
    assert report.printed(RC_TOTAL) is None and not [r for r in report.errors() if r.rule == "P1"]
    assert RC_TOTAL in changes.printed and RC_TOTAL in changes.cells
    report.apply(changes.undo)
    assert report.printed(RC_TOTAL) == 0 and [r for r in report.errors() if r.rule == "P1"]


def test_correcting_the_parts_to_the_printed_total_clears_the_error(report):
    report.apply([SetPrinted(RC_TOTAL, 10)])
    assert [r for r in report.errors() if r.rule == "P1"]
    report.apply([SetCell(CellRef("4", "cases", "rc_other"), 3)])
    assert not [r for r in report.errors() if r.rule == "P1"]
    assert report.printed_conflicts() == {}


def test_only_totals_keep_printed_values(report):
    with pytest.raises(NotEditable):
        report.apply([SetPrinted(CellRef("4", "cases", "rc_upheld"), 3)])


def test_printed_totals_survive_save_and_old_files_still_load(report):
    report.apply([SetPrinted(RC_TOTAL, 0)])
    text = dumps(report)
    assert '"printed"' in text
    again = loads(text)
    assert again.printed(RC_TOTAL) == 0 and [r.rule for r in again.errors()] == [r.rule for r in report.errors()]
    plain = Document.new("2021", 2023, "测试区人民政府")
    assert '"printed"' not in dumps(plain)  # files without printed totals are as before
    assert loads(dumps(plain)).printed_totals() == {}


def test_r1_reads_the_printed_total_and_the_error_points_at_it():
    """A printed （七）总计 of 20 balances 一＋二＝20, but its rows add up to 26: the error is on
    （七）总计 as printed, and no message quotes the recomputed 26 as if it were in the report."""
    document = Document.new("2021", 2023, "测试局")
    document.apply(
        [
            SetCell(CellRef("3", "new", "natural"), 20),
            SetCell(CellRef("3", "carried", "natural"), 0),
            SetCell(CellRef("3", "open", "natural"), 10),
            SetCell(CellRef("3", "partial", "natural"), 16),
            SetCell(CellRef("3", "carryover", "natural"), 0),
        ]
    )
    assert any(r.rule == "R1" and "＝26" in r.message for r in document.errors())  # before: recomputed 26
    document.apply([SetPrinted(TOTAL7, 20)])
    errors = document.errors()
    assert [r.rule for r in errors if TOTAL7 in r.cells] == ["P1"]
    p1 = next(r for r in errors if r.rule == "P1")
    assert "（七）总计·自然人：报告中印的是20，而各项之和为26" in p1.message
    assert not any(r.rule == "R1" and "自然人" in r.message for r in errors)
    document.apply(document.accept_totals())
    messages = [r.message for r in document.errors() if r.rule == "R1"]
    assert any(m.startswith("自然人：一＋二＝20，三（七）＋四＝26") for m in messages)


def test_full_recompute_agrees_with_incremental_state_with_printed_totals(report):
    report.apply([SetPrinted(RC_TOTAL, 0), SetCell(CellRef("4", "cases", "rc_pending"), 2)])
    values, results = report.full_recompute()
    assert (values, results) == report.state()
