import json

import pytest

from model.cellref import CellRef
from model.errors import TemplateError, UnknownTemplate
from model.template import TEMPLATE_DIR, available_templates, load_template, template_from_dict
from model.values import CellKind


def test_both_layouts_ship():
    assert available_templates() == ["2021", "2019"]


def test_unknown_template_is_refused_with_chinese_message():
    with pytest.raises(UnknownTemplate, match="未知的报告模板"):
        load_template("2030")


def test_sections_in_official_order(template_id):
    titles = [s.title for s in load_template(template_id).numbered_sections()]
    assert titles == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_table_three_rows_match_official_wording():
    table = load_template("2021").table("3")
    paths = [r.path for r in table.row_leaves]
    assert len(paths) == 25
    assert paths[0] == ("一、本年新收政府信息公开申请数量",)
    assert ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”") in paths
    assert ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") in paths
    assert paths[-2] == ("三、本年度办理结果", "（七）总计")
    assert paths[-1] == ("四、结转下年度继续办理",)
    assert table.corner == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [c.path for c in table.column_leaves][1] == ("申请人情况", "法人或其他组织", "商业企业")


def test_2019_table_three_has_single_other_row():
    paths = [r.path for r in load_template("2019").table("3").row_leaves]
    assert len(paths) == 23
    assert ("三、本年度办理结果", "（六）其他处理") in paths


def test_2019_section_two_has_item_nine_and_signed_deltas():
    template = load_template("2019")
    assert template.table("2_9").heading == "第二十条第（九）项"
    assert template.kind_of(CellRef("2_6", "punish", "delta")) is CellKind.SIGNED
    assert template.kind_of(CellRef("2_9", "procurement", "purchase_amount")) is CellKind.AMOUNT
    assert "2_9" not in load_template("2021").tables


def test_table_four_has_three_totals(template_id):
    table = load_template(template_id).table("4")
    totals = [ref.column for ref in table.formulas]
    assert sorted(totals) == ["la_total", "ld_total", "rc_total"]
    assert table.column("ld_upheld").path == ("行政诉讼", "未经复议直接起诉", "结果维持")


def test_no_label_is_written_in_python():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    for package in ("model", "cli", "export"):
        for source in (root / package).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            for label in ("本年新收政府信息公开申请数量", "结转下年度继续办理", "现行有效件数", "予以公开"):
                assert label not in text, f"{label} written in {source}"


def test_cyclic_totals_are_refused():
    data = json.loads((TEMPLATE_DIR / "2021.json").read_text(encoding="utf-8"))
    table = data["sections"][3]["tables"][0]
    table["totals"].append({"row": "open", "sum_of": ["total7"]})
    with pytest.raises(TemplateError, match="循环"):
        template_from_dict(data)
