"""The pure 汇总 model: sums, blanks, origin kept in the file, refusals with their reasons."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from model.aggregate import Unit, UnitsMismatch, aggregate, compare
from model.errors import ReportFileError
from model.fileformat import dumps, loads
from tests.summary.unit_reports import FEE, ISSUED, unit


def units(*documents):
    return [Unit.of(f"{d.agency}.nianbao", d) for d in documents]


def test_sum_is_exact_and_blank_stays_blank():
    total = aggregate(units(unit("甲", {FEE: "0.10"}), unit("乙", {FEE: "0.20"}), unit("丙", {})))
    assert total.value(FEE) == Decimal("0.30") and str(total.value(FEE)) == "0.30"
    assert total.value(ISSUED) is None
    assert total.origin.gaps == {FEE: ("丙",)}
    assert total.agency == "3个单位汇总" and total.year == 2024


def test_many_small_amounts_add_up_exactly():
    documents = [unit(f"单位{chr(0x4E00 + i)}", {FEE: "0.01"}) for i in range(300)]
    assert aggregate(units(*documents)).value(FEE) == Decimal("3.00")


def test_origin_survives_the_file_and_bad_origin_is_a_file_error():
    total = aggregate(units(unit("甲", {ISSUED: 1}), unit("乙", {})), agency="某县")
    again = loads(dumps(total))
    assert again.origin == total.origin
    assert [r.message for r in again.warnings() if r.rule == "U1"] == [
        r.message for r in total.warnings() if r.rule == "U1"
    ]
    data = json.loads(dumps(total))
    data["origin"]["gaps"] = {"2_1/rules/issued": [7]}
    with pytest.raises(ReportFileError):
        loads(json.dumps(data))


def test_refusals_name_the_files():
    with pytest.raises(UnitsMismatch, match=r"不同的有 2021年版.*2023年度：乙\.nianbao"):
        aggregate(units(unit("甲", {}), unit("乙", {}, year=2023), unit("丙", {})))
    with pytest.raises(UnitsMismatch, match=r"甲\.nianbao 和 甲\.nianbao"):
        aggregate(units(unit("甲", {}), unit("甲", {})))
    with pytest.raises(UnitsMismatch, match="没有可汇总"):
        aggregate([])


def test_compare_treats_blank_as_zero_and_lists_totals_too():
    summed = aggregate(units(unit("甲", {ISSUED: 2}), unit("乙", {})))
    reported = unit("某县", {ISSUED: 3, FEE: "0.00"})
    (difference,) = compare(summed, reported)
    assert (difference.ref, difference.summed, difference.reported) == (ISSUED, 2, 3)
    assert difference.describe(summed) == "第二十条第（一）项·规章·本年制发件数：各单位合计2，报告为3"
    with pytest.raises(UnitsMismatch):
        compare(summed, unit("某县", {}, year=2023))
