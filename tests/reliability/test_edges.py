"""Values at the edges: stored, shown, exported and re-imported unchanged, or refused clearly."""

from decimal import Decimal

import pytest

from export.pdf import export_pdf
from export.xlsx import export_xlsx
from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetText
from model.errors import InvalidValue
from model.fileformat import load_report, save_report
from readers.dispatch import read_report

ODD_TEXT = "\n".join(
    [
        "空行之前",
        "",
        "组合字符e\u0301 RTL\u200f标记 \u202e反向\u202c emoji😀🏛 零宽\u200b 全角　空格",
        "<b>&amp;</b> =1+1",
        "\t缩进",
    ]
)


def edge_document() -> Document:
    document = Document.new("2021", 2025, "边界测试局")
    document.apply(
        [
            SetCell(CellRef("2_6", "punish", "decisions"), document.template.count_max),
            SetCell(CellRef("2_8", "fees", "fee_amount"), document.template.amount_max),
            SetCell(CellRef("3", "new", "natural"), 0),
            SetText("s1", ODD_TEXT),
        ]
    )
    return document


def test_edges_survive_file_excel_and_pdf(tmp_path):
    document = edge_document()
    save_report(document, tmp_path / "e.nianbao")
    loaded = load_report(tmp_path / "e.nianbao")
    assert loaded.inputs() == document.inputs() and loaded.text("s1") == ODD_TEXT
    assert loaded.value(CellRef("3", "new", "business")) is None  # blank stays blank, 0 stays 0
    assert loaded.value(CellRef("3", "new", "natural")) == 0
    export_xlsx(document, tmp_path / "e.xlsx")
    back = read_report(tmp_path / "e.xlsx").document
    assert back.inputs() == document.inputs()
    assert back.text("s1") == ODD_TEXT
    export_pdf(document, tmp_path / "e.pdf")
    assert (tmp_path / "e.pdf").read_bytes().startswith(b"%PDF")


def test_totals_of_largest_counts_do_not_overflow():
    document = Document.new("2021", 2025, "局")
    biggest = document.template.count_max
    document.apply([SetCell(CellRef("3", "new", c), biggest) for c in ("natural", "business", "research")])
    assert document.value(CellRef("3", "new", "total")) == 3 * biggest


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07", "esc\x1b[31m"])
def test_control_characters_are_refused_with_message(text):
    document = Document.new("2021", 2025, "局")
    with pytest.raises(InvalidValue, match="控制字符"):
        document.apply([SetText("s1", text)])


def test_beyond_limits_refused():
    document = Document.new("2021", 2025, "局")
    with pytest.raises(InvalidValue):
        document.apply([SetCell(CellRef("2_6", "punish", "decisions"), document.template.count_max + 1)])
    with pytest.raises(InvalidValue):
        document.apply([SetCell(CellRef("2_8", "fees", "fee_amount"), Decimal("10000000000.00"))])


def test_windows_line_ends_become_line_ends():
    document = Document.new("2021", 2025, "局")
    document.apply([SetText("s1", "第一段\r\n第二段\r第三段")])
    assert document.text("s1") == "第一段\n第二段\n第三段"


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_edges_survive_word_and_web_page(tmp_path, suffix):
    from export.writers import export_report

    document = edge_document()
    path = tmp_path / f"e{suffix}"
    export_report(document, path)
    back = read_report(path).document
    assert back.inputs() == document.inputs()
    # Word and HTML readers fold runs of white space and drop empty paragraphs; every visible
    # character, the odd ones included, comes back.
    assert "".join(back.text("s1").split()) == "".join(ODD_TEXT.split())
