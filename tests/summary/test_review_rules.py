"""The checks reviewers apply to published reports, as template rules, through the model and import."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetPrior
from model.fileformat import dumps, loads
from model.rollforward import prior_of
from readers.dispatch import read_report
from tests.conftest import ROOT
from tests.summary.unit_reports import FEE

PUBLISHED = ROOT / "tests" / "fixtures" / "published"
RC_TOTAL_PARTS = [CellRef("4", "cases", c) for c in ("rc_upheld", "rc_corrected")]


def rules(document: Document, rule: str) -> list[str]:
    return [r.message for r in document.results() if r.rule == rule]


@pytest.fixture(params=["2021", "2019"])
def document(request) -> Document:
    year = 2024 if request.param == "2021" else 2020
    return Document.new(request.param, year, "某某局")


def write(document: Document, section: str, text: str) -> None:
    document.apply(document.write_text(section, text))


def test_year_not_this_or_last(document):
    year = document.year
    write(document, "s1", f"{year}年，我局共收到申请。{year - 1}年底结转2件。")
    assert rules(document, "N1") == []
    write(document, "s1", f"{year}年工作如下。{year - 3}年，我局完善了制度。")
    (message,) = rules(document, "N1")
    assert f"{year - 3}年" in message and "一、总体情况" in message
    document.apply([SetCell(CellRef("4", "cases", "rc_upheld"), 1)])  # unrelated edits keep it
    assert rules(document, "N1")


def test_year_rule_follows_the_report_year(document):
    from model.edits import SetMeta

    write(document, "s1", f"{document.year - 3}年的情况")
    assert rules(document, "N1")
    document.apply([SetMeta(None, document.year - 2)])
    assert rules(document, "N1") == []


def test_year_citations_and_plans_are_not_flagged(document):
    year = document.year
    write(
        document,
        "s1",
        "根据《中华人民共和国政府信息公开条例》（2019年修订）和《2021年政务公开工作要点》，"
        "条例自2008年5月1日起施行。“十四五”（2021—2025年）规划和2035年远景目标。",
    )
    write(document, "s5", f"针对存在问题，{year + 1}年我们将切实抓好以下工作：一是加强培训，二是完善制度建设。")
    assert rules(document, "N1") == []
    write(document, "s1", f"{year + 1}年将继续")
    assert rules(document, "N1")  # next year's plans belong in 五, not in 一


def test_section_five_too_short(document):
    write(document, "s5", "无")
    (message,) = rules(document, "Q1")
    assert "“无”" in message and "五、存在的主要问题及改进情况" in message
    write(document, "s5", "存在问题：无。")
    assert rules(document, "Q1")
    write(document, "s5", "主要问题是公开内容不够全面，政策解读形式单一。下一步将加强培训，完善制度。")
    assert rules(document, "Q1") == []
    write(document, "s5", "")
    assert rules(document, "Q1") == [] and any("五、" in m for m in rules(document, "B2"))


def test_review_and_litigation_counts_against_table_four(document):
    write(document, "s1", "本年度发生政府信息公开行政复议 3\n件，行政诉讼2件。")
    assert len(rules(document, "T2")) == 1 and len(rules(document, "T3")) == 1
    document.apply(
        [
            SetCell(CellRef("4", "cases", "rc_upheld"), 2),
            SetCell(CellRef("4", "cases", "rc_pending"), 1),
            SetCell(CellRef("4", "cases", "ld_upheld"), 1),
        ]
    )
    assert rules(document, "T2") == []
    (litigation,) = rules(document, "T3")
    assert "行政诉讼2件" in litigation and "为1" in litigation
    document.apply([SetCell(CellRef("4", "cases", "la_corrected"), 1)])  # 直接起诉 1 + 复议后起诉 1
    assert rules(document, "T3") == []
    write(document, "s1", "行政复议结果维持2件。")  # an outcome, not the count of cases
    assert rules(document, "T2") == []


def test_all_figures_equal_to_last_year():
    last = Document.new("2021", 2023, "某某局")
    last.apply([SetCell(ref, 1) for ref in last.template.input_cells() if ref.table != "3"])
    this = Document.new("2021", 2024, "某某局")
    this.apply([SetCell(ref, 1) for ref in this.template.input_cells() if ref.table != "3"])
    assert rules(this, "Y8") == []  # last year not linked
    this.apply([SetPrior(prior_of(last))])
    (message,) = rules(this, "Y8")
    assert "上年" in message
    this.apply([SetCell(CellRef("2_1", "rules", "issued"), 2)])
    assert rules(this, "Y8") == []


def test_all_zero_both_years_is_not_copying():
    last = Document.new("2021", 2023, "某某局")
    last.apply(last.fill_blanks(0))
    this = Document.new("2021", 2024, "某某局")
    this.apply([*this.fill_blanks(0), SetPrior(prior_of(last))])
    assert rules(this, "Y8") == []


def test_fees_are_never_compared_with_information_processing_fee():
    document = Document.new("2021", 2024, "某某局")
    document.apply([SetCell(FEE, Decimal("12.50"))])
    write(document, "s6", "本年度未收取信息处理费，收取信息处理费0元。")
    assert not any("12.50" in r.message or "信息处理费" in r.message for r in document.results())


def _imported(tmp_path, text: str) -> Document:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return read_report(path).document


def test_imported_headings_in_order_are_fine(tmp_path):
    text = (PUBLISHED / "10_hongze-district-2023.txt").read_text(encoding="utf-8")
    document = _imported(tmp_path, text)
    assert rules(document, "H1") == []
    assert "五、存在的主要问题及改进情况" in document.origin.headings


def test_imported_headings_misnumbered(tmp_path):
    text = (PUBLISHED / "10_hongze-district-2023.txt").read_text(encoding="utf-8")
    text = text.replace("五、存在的主要问题及改进情况", "三、存在的主要问题及改进情况")
    document = _imported(tmp_path, text)
    (message,) = rules(document, "H1")
    assert "三、存在的主要问题及改进情况" in message and "第五部分" in message
    again = loads(dumps(document))  # what import saw is kept in the file
    assert rules(again, "H1") == [message]


def test_imported_headings_out_of_order(tmp_path):
    text = (PUBLISHED / "10_hongze-district-2023.txt").read_text(encoding="utf-8")
    five = text.index("     五、存在的主要问题及改进情况")
    six = text.index("  六、其他需要报告的事项")
    text = text[:five] + text[six:] + "\n" + text[five:six]
    document = _imported(tmp_path, text)
    (message,) = rules(document, "H1")
    assert "排在" in message


def test_typed_report_has_no_heading_check():
    document = Document.new("2021", 2024, "某某局")
    assert rules(document, "H1") == []
    assert "origin" not in dumps(document)


def test_misnumbered_heading_in_an_imported_workbook(tmp_path):
    import openpyxl

    from export.xlsx import export_xlsx
    from model.fileformat import load_report
    from tests.conftest import EXAMPLE

    path = tmp_path / "r.xlsx"
    export_xlsx(load_report(EXAMPLE), path)
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == "五、存在的主要问题及改进情况":
                cell.value = "四、存在的主要问题及改进情况"
    book.save(path)
    (message,) = rules(read_report(path).document, "H1")
    assert "“四、存在的主要问题及改进情况”应为第五部分" in message


def test_a_paragraph_repeating_the_current_heading_is_not_disorder(tmp_path):
    # A first paragraph that opens with its section's own heading words (or a heading repeated at a
    # page top) is not a section out of order: only an earlier section after a later one is.
    text = (PUBLISHED / "10_hongze-district-2023.txt").read_text(encoding="utf-8")
    five = text.index("     五、存在的主要问题及改进情况")
    end = text.index("\n", five)
    text = text[: end + 1] + "五、存在的主要问题及改进情况如下。\n" + text[end + 1 :]
    document = _imported(tmp_path, text)
    assert rules(document, "H1") == []
