"""``aggregate``: the CLI contract (exit codes, one stderr line, JSON), exact sums, blanks, workbooks."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from main import main
from model.edits import SetCell
from model.fileformat import load_report, save_report
from model.template import load_template
from tests.conftest import nianbao
from tests.summary.unit_reports import FEE, ISSUED, NEW_NATURAL, unit, write_units


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sums_every_cell_and_rules_hold(tmp_path, capsys):
    paths = write_units(tmp_path / "units", 5)
    total_path = tmp_path / "total.nianbao"
    code, out, err = run(capsys, "aggregate", tmp_path / "units", "-o", total_path)
    assert code == 0, err
    assert "已汇总5个单位" in out
    total = load_report(total_path)
    units = [load_report(p) for p in paths]
    for ref in total.template.input_cells():
        assert total.value(ref) == sum(u.value(ref) for u in units)
    assert total.errors() == []
    assert total.agency == "5个单位汇总"
    assert total.origin.units == tuple(u.agency for u in units)
    assert all(total.text(s.id) == "" for s in total.template.editable_texts())


def test_amounts_are_summed_exactly(tmp_path, capsys):
    save_report(unit("甲局", {FEE: "0.10"}), tmp_path / "a.nianbao")
    save_report(unit("乙局", {FEE: "0.20"}), tmp_path / "b.nianbao")
    a, b = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    code, _, err = run(capsys, "aggregate", a, b, "-o", tmp_path / "t.nianbao")
    assert code == 0, err
    assert load_report(tmp_path / "t.nianbao").value(FEE) == Decimal("0.30")
    assert '"2_8/fees/fee_amount": "0.30"' in (tmp_path / "t.nianbao").read_text(encoding="utf-8")


def test_blank_cells_and_which_units_left_them_blank(tmp_path, capsys):
    save_report(unit("甲局", {ISSUED: 3}), tmp_path / "a.nianbao")
    save_report(unit("乙局", {}), tmp_path / "b.nianbao")
    save_report(unit("丙局", {ISSUED: 4}), tmp_path / "c.nianbao")
    target = tmp_path / "t.nianbao"
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", target, "--agency", "某县")
    assert code == 0, err
    total = load_report(target)  # the warning survives save and load
    assert total.agency == "某县"
    assert total.value(ISSUED) == 7
    assert total.value(FEE) is None  # blank in every unit stays blank
    gaps = [r for r in total.warnings() if r.rule == "U1"]
    assert len(gaps) == 1
    assert "乙局" in gaps[0].message and "甲局" not in gaps[0].message
    assert gaps[0].cells == (ISSUED,)
    code, out, _ = run(capsys, "check", target)
    assert "乙局" in out and "U1" in out


def test_multi_level_total(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    save_report(unit("甲镇", {ISSUED: 1, FEE: "0.10"}), tmp_path / "a" / "x.nianbao")
    save_report(unit("乙镇", {FEE: "0.20"}), tmp_path / "a" / "y.nianbao")
    (tmp_path / "b").mkdir()
    save_report(unit("丙镇", {ISSUED: 5, FEE: "1.05"}), tmp_path / "b" / "z.nianbao")
    assert run(capsys, "aggregate", tmp_path / "a", "-o", tmp_path / "county_a.nianbao", "--agency", "甲县")[0] == 0
    assert run(capsys, "aggregate", tmp_path / "b", "-o", tmp_path / "county_b.nianbao", "--agency", "乙县")[0] == 0
    counties = [tmp_path / "county_a.nianbao", tmp_path / "county_b.nianbao"]
    code, _, err = run(capsys, "aggregate", *counties, "-o", tmp_path / "city.nianbao")
    assert code == 0, err
    city = load_report(tmp_path / "city.nianbao")
    assert city.value(ISSUED) == 6
    assert city.value(FEE) == Decimal("1.35")
    assert city.origin.units == ("甲县", "乙县")
    gap = next(r for r in city.warnings() if r.rule == "U1")
    assert "甲县／乙镇" in gap.message  # the blank one level down is still named


def test_mixed_years_refused_naming_the_odd_file(tmp_path, capsys):
    write_units(tmp_path / "units", 3)
    save_report(unit("旧局", {}, year=2023), tmp_path / "units" / "old.nianbao")
    target = tmp_path / "t.nianbao"
    code, _, err = run(capsys, "aggregate", tmp_path / "units", "-o", target)
    assert code == 2
    assert err.count("\n") == 1 and "old.nianbao" in err and "2023年度" in err
    assert "unit000" not in err
    assert not target.exists()


def test_mixed_templates_refused(tmp_path, capsys):
    save_report(unit("甲局", {}, template="2021", year=2024), tmp_path / "a.nianbao")
    save_report(unit("乙局", {}, template="2021", year=2024), tmp_path / "b.nianbao")
    save_report(unit("丙局", {}, template="2019", year=2024), tmp_path / "c.nianbao")
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t.nianbao")
    assert code == 2 and "c.nianbao" in err and "2019" in err and err.count("\n") == 1


def test_same_agency_twice_names_both_files(tmp_path, capsys):
    save_report(unit("甲局", {}), tmp_path / "a.nianbao")
    save_report(unit("甲局", {ISSUED: 1}), tmp_path / "b.nianbao")
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t.nianbao")
    assert code == 2 and "a.nianbao" in err and "b.nianbao" in err and "甲局" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "t.nianbao").exists()


def test_unreadable_input_named_and_nothing_written(tmp_path, capsys):
    write_units(tmp_path / "units", 2)
    (tmp_path / "units" / "broken.nianbao").write_text("{not json", encoding="utf-8")
    target = tmp_path / "t.nianbao"
    target.write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "aggregate", tmp_path / "units", "-o", target, "--detail", tmp_path / "d.xlsx")
    assert code == 2 and "broken.nianbao" in err and "损坏" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "d.xlsx").exists()


def test_missing_input_and_empty_folder(tmp_path, capsys):
    code, _, err = run(capsys, "aggregate", tmp_path / "nope", "-o", tmp_path / "t.nianbao")
    assert code == 2 and "nope" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "aggregate", tmp_path / "empty", "-o", tmp_path / "t.nianbao")
    assert code == 2 and "没有找到" in err


def test_unit_errors_give_exit_1_json_and_stderr(tmp_path, capsys):
    write_units(tmp_path, 2)
    save_report(unit("错局", {NEW_NATURAL: 4}), tmp_path / "bad.nianbao")  # 一+二 ≠ 三+四: R1 errors
    target = tmp_path / "t.nianbao"
    code, out, err = run(capsys, "aggregate", tmp_path, "-o", target, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["output"] == str(target)
    assert [u["agency"] for u in data["units"]] == ["错局", "测试单位000", "测试单位001"]
    bad = data["units"][0]
    assert set(bad) == {"file", "agency", "errors", "warnings"}
    assert bad["file"].endswith("bad.nianbao") and bad["errors"] == 2
    assert data["units"][1]["errors"] == 0
    assert "bad.nianbao" in err and "R1" in err
    assert target.exists()


def test_total_output_can_sit_in_the_input_folder(tmp_path, capsys):
    write_units(tmp_path, 2)
    target = tmp_path / "total.nianbao"
    assert run(capsys, "aggregate", tmp_path, "-o", target)[0] == 0
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", target)  # a rerun does not sum its own total
    assert code == 0, err
    assert load_report(target).origin.units == ("测试单位000", "测试单位001")


def test_detail_workbook(tmp_path, capsys):
    save_report(unit("甲局", {ISSUED: 3, FEE: "0.10"}), tmp_path / "a.nianbao")
    save_report(unit("乙局", {FEE: "0.20"}), tmp_path / "b.nianbao")
    detail = tmp_path / "d.xlsx"
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t.nianbao", "--detail", detail)
    assert code == 0, err
    book = openpyxl.load_workbook(detail)
    assert book.sheetnames == ["单位明细", "问题清单", "汇总表"]
    sheet = book["单位明细"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["单位", "文件", "错误数", "提示数"]
    # One header row, one column per input cell, each named as printed (table, row, column): the rows
    # below are the units and 合计, so sorting, filtering and reading by program see plain rows.
    assert len(headers) == 4 + len(load_template("2021").input_cells()) and all(headers)
    natural_col = headers.index("第二十条第（一）项·规章·本年制发件数")
    fee_col = next(i for i, h in enumerate(headers) if h and "收费" in h)
    assert "表三·一、本年新收政府信息公开申请数量·自然人" in headers
    assert sheet.auto_filter.ref.startswith("A1:")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["甲局", "乙局", "合计"]
    assert rows[0][natural_col] == 3 and rows[1][natural_col] is None
    total_row = rows[2]
    assert str(total_row[natural_col]).startswith("=SUM(")
    cached = openpyxl.load_workbook(detail, data_only=True)["单位明细"]
    cached_rows = list(cached.iter_rows(min_row=2, values_only=True))
    assert cached_rows[2][natural_col] == 3
    assert cached_rows[2][fee_col] == pytest.approx(0.3) and repr(cached_rows[2][fee_col]) == "0.3"
    problems = book["问题清单"]
    assert [c.value for c in problems[1]][:4] == ["单位", "规则", "说明", "单元格"]
    assert problems.auto_filter.ref
    listed = list(problems.iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in listed} == {"甲局", "乙局"}
    assert any(r[1] == "B1" and r[3] for r in listed)
    summary = book["汇总表"]
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("2个单位汇总" in t for t in texts)
    formulas = [c.value for row in summary.iter_rows() for c in row if str(c.value).startswith("=")]
    assert formulas  # the official layout with its live totals


def test_against_lists_differences(tmp_path, capsys):
    (tmp_path / "units").mkdir()
    save_report(unit("甲局", {ISSUED: 3, FEE: "0.10"}), tmp_path / "units" / "a.nianbao")
    save_report(unit("乙局", {ISSUED: 4, FEE: "0.20"}), tmp_path / "units" / "b.nianbao")
    save_report(unit("某县", {ISSUED: 8, FEE: "0.30"}), tmp_path / "published.nianbao")
    target = tmp_path / "t.nianbao"
    code, out, err = run(
        capsys, "aggregate", tmp_path / "units", "-o", target, "--against", tmp_path / "published.nianbao", "--json"
    )
    assert code == 1, err
    data = json.loads(out)
    cells = {(tuple(d["row"]), d["column"][-1]): (d["sum"], d["report"]) for d in data["differences"]}
    assert cells == {(("规章",), "本年制发件数"): (7, 8)}
    assert not any("收费" in "".join(d["row"] + d["column"]) for d in data["differences"])
    published = tmp_path / "published.nianbao"
    code, out, _ = run(capsys, "aggregate", tmp_path / "units", "-o", target, "--against", published)
    assert "各单位合计7，报告为8" in out


def test_against_agrees(tmp_path, capsys):
    (tmp_path / "units").mkdir()
    save_report(unit("甲局", {ISSUED: 3}), tmp_path / "units" / "a.nianbao")
    save_report(unit("某县", {ISSUED: 3}), tmp_path / "published.nianbao")
    published = tmp_path / "published.nianbao"
    code, out, err = run(capsys, "aggregate", tmp_path / "units", "-o", tmp_path / "t.nianbao", "--against", published)
    assert code == 0, err
    assert "全部一致" in out


def test_whole_process_no_traceback_on_bad_arguments(tmp_path):
    result = nianbao("aggregate", tmp_path, "-o", tmp_path / "t.txt")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    result = nianbao("aggregate", "-o", tmp_path / "t.nianbao")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_imported_units_are_summed(tmp_path, capsys):
    from tests.conftest import ROOT

    published = ROOT / "tests" / "fixtures" / "published"
    files = [published / "09_huaian-city-2024.txt", published / "11_hongze-district-2024.txt"]
    code, _, err = run(capsys, "aggregate", *files, "-o", tmp_path / "t.nianbao")
    assert code in (0, 1), err
    total = load_report(tmp_path / "t.nianbao")
    from readers.dispatch import read_report

    parts = [read_report(f).document for f in files]
    assert total.value(NEW_NATURAL) == sum(p.value(NEW_NATURAL) or 0 for p in parts)


def test_last_year_of_the_units_is_summed_too(tmp_path, capsys):
    from model.edits import SetPrior
    from model.rollforward import prior_of

    carryover = NEW_NATURAL._replace(row="carryover")
    for name, value in (("甲局", 2), ("乙局", 5)):
        last = unit(name, {}, year=2023)
        last.apply([SetCell(carryover, value)])
        this = unit(name, {carryover: value, NEW_NATURAL._replace(row="carried"): value})  # carried on, balanced
        this.apply([SetPrior(prior_of(last))])
        save_report(this, tmp_path / f"{name}.nianbao")
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t.nianbao")
    assert code == 0, err
    total = load_report(tmp_path / "t.nianbao")
    assert total.prior is not None and total.prior.year == 2023
    assert total.prior.values[carryover] == 7
    assert not [r for r in total.errors() if r.rule == "Y1"]  # the summed years agree as the units' did


def test_own_workbooks_in_the_folder_are_not_units(tmp_path, capsys):
    write_units(tmp_path, 2)
    assert run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t.nianbao", "--detail", tmp_path / "d1.xlsx")[0] == 0
    assert run(capsys, "review", tmp_path, "-o", tmp_path / "r1.xlsx")[0] == 0
    (tmp_path / "t.nianbao").rename(tmp_path / "elsewhere.total")
    code, out, err = run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t2.nianbao", "--detail", tmp_path / "d2.xlsx")
    assert code == 0, err  # neither d1.xlsx nor r1.xlsx was taken as a unit
    assert "已汇总2个单位" in out


def test_a_total_beside_its_own_units_is_refused(tmp_path, capsys):
    write_units(tmp_path, 2)
    assert run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t.nianbao")[0] == 0
    code, _, err = run(capsys, "aggregate", tmp_path, "-o", tmp_path / "t2.nianbao")
    assert code == 2 and "t.nianbao" in err and "重复" in err and err.count("\n") == 1
    assert not (tmp_path / "t2.nianbao").exists()


def test_output_named_among_the_inputs_is_refused(tmp_path, capsys):
    paths = write_units(tmp_path, 2)
    before = paths[0].read_bytes()
    code, _, err = run(capsys, "aggregate", *paths, "-o", paths[0])
    assert code == 2 and "也是输入之一" in err and err.count("\n") == 1
    assert paths[0].read_bytes() == before


def test_an_output_that_is_a_unit_found_in_a_folder_is_refused(tmp_path, capsys):
    # -o naming a unit's own report inside the input folder used to drop that unit and overwrite it.
    paths = write_units(tmp_path / "units", 3)
    before = paths[0].read_bytes()
    code, out, err = run(capsys, "aggregate", tmp_path / "units", "-o", paths[0])
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert paths[0].name in err and "覆盖" in err
    assert paths[0].read_bytes() == before
    xlsx = tmp_path / "units" / "unit001.xlsx"  # a unit sent as a workbook: not a place for the detail
    assert main(["export", str(paths[1]), "-o", str(xlsx)]) == 0
    paths[1].unlink()
    before = xlsx.read_bytes()
    capsys.readouterr()
    code, _, err = run(capsys, "aggregate", tmp_path / "units", "-o", tmp_path / "t.nianbao", "--detail", xlsx)
    assert code == 2 and "unit001.xlsx" in err and xlsx.read_bytes() == before
    assert not (tmp_path / "t.nianbao").exists()


def test_a_total_written_into_the_units_folder_is_replaced_on_a_rerun(tmp_path, capsys):
    write_units(tmp_path / "units", 3)
    total = tmp_path / "units" / "total.nianbao"
    assert run(capsys, "aggregate", tmp_path / "units", "-o", total)[0] == 0
    code, _, err = run(capsys, "aggregate", tmp_path / "units", "-o", total)  # the old total is not a unit
    assert code == 0, err
    assert len(load_report(total).origin.units) == 3


def test_a_county_total_in_the_city_folder_is_not_overwritten(tmp_path, capsys):
    write_units(tmp_path / "county", 2)
    county = tmp_path / "city" / "county.nianbao"
    county.parent.mkdir()
    assert run(capsys, "aggregate", tmp_path / "county", "-o", county, "--agency", "某县")[0] == 0
    save_report(unit("市本级", {ISSUED: 1}), tmp_path / "city" / "city.nianbao")
    before = county.read_bytes()
    code, _, err = run(capsys, "aggregate", tmp_path / "city", "-o", county)  # the county's total is an input
    assert code == 2 and "county.nianbao" in err and county.read_bytes() == before
