"""Labels and headings as printed in the wild, from the template's alias lists; a label not found
names the printed line that came closest."""

from __future__ import annotations

import pytest

from model.cellref import CellRef
from model.document import Document
from readers.dispatch import read_report
from tests.readers.layouts import text_layout


@pytest.fixture
def report_2021(filled: Document) -> Document:
    if filled.template.id != "2021":
        pytest.skip("the variants below are printings of the 2021 layout")
    return filled


@pytest.mark.parametrize("layout", ["tab", "pipe", "one-per-line"])
def test_printed_variants_of_a_row_and_a_section_title(report_2021, tmp_path, layout):
    text = text_layout(report_2021, tmp_path, layout)
    assert "行政规范性文件" in text and "五、存在的主要问题及改进情况" in text
    text = text.replace("行政规范性文件", "规范性文件").replace(
        "\n五、存在的主要问题及改进情况\n", "\n五、存在的主要问题及整改措施\n"
    )
    path = tmp_path / "variants.txt"
    path.write_text(text, encoding="utf-8")
    result = read_report(path)
    document = result.document
    assert document.inputs() == report_2021.inputs()
    assert document.text("s5") == report_2021.text("s5")
    assert not [r for r in document.warnings() if r.rule == "B2"]  # section 五 is not empty
    assert result.warnings == []


def test_variants_in_a_workbook(report_2021, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from export.xlsx import export_xlsx

    path = tmp_path / "r.xlsx"
    export_xlsx(report_2021, path)
    book = openpyxl.load_workbook(path)
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "行政规范性文件":
                    cell.value = "规范性文件"
                    changed += 1
    assert changed == 1
    book.save(path)
    document = read_report(path).document
    assert document.value(CellRef("2_1", "admin_normative", "issued")) == report_2021.value(
        CellRef("2_1", "admin_normative", "issued")
    )


def test_a_row_not_found_names_the_closest_printed_line(report_2021, tmp_path):
    text = text_layout(report_2021, tmp_path, "tab").replace("行政处罚", "行政处理处罚决定")
    path = tmp_path / "typo.txt"
    path.write_text(text, encoding="utf-8")
    result = read_report(path)
    hint = [w for w in result.warnings if "行政处罚" in w]
    assert hint and "最接近的是" in hint[0] and "行政处理处罚决定" in hint[0], result.warnings
    assert result.document.value(CellRef("2_6", "punish", "decisions")) is None  # never guessed


def test_a_section_title_not_found_names_the_closest_printed_line(report_2021, tmp_path):
    text = text_layout(report_2021, tmp_path, "tab").replace("\n六、其他需要报告的事项\n", "\n六、需要报告的其他情况\n")
    path = tmp_path / "section.txt"
    path.write_text(text, encoding="utf-8")
    result = read_report(path)
    hint = [w for w in result.warnings if "六、其他需要报告的事项" in w]
    assert hint and "最接近的是" in hint[0] and "六、需要报告的其他情况" in hint[0], result.warnings
