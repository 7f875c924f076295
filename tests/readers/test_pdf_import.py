"""PDF imports straight from the file: our own export in both layouts (blank cells kept apart from 0),
PDFs LibreOffice made from our Word export, a real published report without table rules, and the
PDFs that cannot be read (scans, damaged, password-protected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from export.fonts import body_candidates
from export.pdf import export_pdf
from model.errors import ImportFailed
from readers.dispatch import read_report
from readers.pdf import NoTextLayer
from readers.pdf_grid import Rule, find_grids
from tests.conftest import nianbao
from tests.readers.report_builders import report_with_blanks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF = FIXTURES / "pdf"
HAS_TTF = any(Path(p).is_file() for p, _ in body_candidates())
needs_font = pytest.mark.skipif(not HAS_TTF, reason="no TrueType CJK font to export with")


def assert_same_report(result, original):
    """Layout, title, every cell (blank is not 0), every text, and nothing to warn about."""
    document = result.document
    assert (document.template.id, document.agency, document.year) == (
        original.template.id,
        original.agency,
        original.year,
    )
    cells = [ref for table in original.template.tables.values() for ref in table.cells()]
    assert [
        (ref, document.value(ref), original.value(ref)) for ref in cells if document.value(ref) != original.value(ref)
    ] == []
    for section in original.template.sections:
        assert document.text(section.id) == original.text(section.id), section.title
    assert result.warnings == []


@needs_font
def test_example_pdf_imports_exactly(tmp_path, example):
    path = tmp_path / "黔江区城市管理局2020年报告.pdf"  # a Chinese file name, as offices name them
    export_pdf(example, path)
    assert_same_report(read_report(path), example)


@needs_font
@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_our_pdf_round_trip_keeps_every_number_and_blank(tmp_path, template_id):
    original = report_with_blanks(template_id)
    assert any(v is None for t in original.template.tables.values() for v in map(original.value, t.cells()))
    path = tmp_path / "published.pdf"
    export_pdf(original, path)
    assert_same_report(read_report(path), original)


@needs_font
def test_filled_report_round_trip(tmp_path, filled):
    path = tmp_path / "filled.pdf"
    export_pdf(filled, path)
    assert_same_report(read_report(path), filled)


@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_pdf_made_by_libreoffice_from_word_reads_back(template_id):
    """Not our PDF writer: LibreOffice typeset our Word export (scripts/make_import_fixtures.py)."""
    assert_same_report(read_report(PDF / f"lo-blanks-{template_id}.pdf"), report_with_blanks(template_id))


def test_workbook_printed_to_pdf_by_libreoffice_reads_back():
    """The Excel export printed to PDF: a page header repeats the title in small type above it."""
    assert_same_report(read_report(PDF / "calc-blanks-2021.pdf"), report_with_blanks("2021"))


def test_paragraphs_set_flush_left_are_told_apart_by_their_short_last_lines(example):
    """The example workbook printed to PDF: long paragraphs wrap with no first-line indent."""
    assert_same_report(read_report(PDF / "calc-example-2020.pdf"), example)


def test_tables_running_over_page_breaks_with_repeated_headers():
    from tests.readers.report_builders import report_with_long_general_section

    assert_same_report(read_report(PDF / "lo-split-2021.pdf"), report_with_long_general_section())


def test_published_report_without_table_rules_reads_like_its_text():
    """A real report (洪泽区 2023) typeset without rules: cells are told apart by the gaps between them."""
    from_text = read_report(FIXTURES / "published" / "10_hongze-district-2023.txt")
    from_pdf = read_report(PDF / "hongze-2023-unruled.pdf")
    document, expected = from_pdf.document, from_text.document
    assert (document.agency, document.year, document.template.id) == ("洪泽区人民政府", 2023, "2021")
    cells = [ref for table in expected.template.tables.values() for ref in table.cells()]
    assert [ref for ref in cells if document.value(ref) != expected.value(ref)] == []
    assert len([w for w in from_pdf.warnings if w.startswith("警告") and "合计为0" in w]) == 2
    assert document.text("s1").startswith("2023年，洪泽区人民政府坚持")


def test_scanned_pdf_is_refused_saying_it_has_no_text_layer(tmp_path):
    from PIL import Image, ImageDraw

    page = Image.new("L", (595, 842), 255)
    ImageDraw.Draw(page).rectangle((80, 100, 500, 300), outline=0, width=3)  # a picture of a table
    path = tmp_path / "scan.pdf"
    page.save(path, "PDF", resolution=72)
    with pytest.raises(NoTextLayer, match=r"没有文字层.*扫描件"):
        read_report(path)


@pytest.mark.parametrize(
    "content", [b"", b"%PDF-1.7\n garbage", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", b"not a pdf"]
)
def test_damaged_pdf_is_refused(tmp_path, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=r"bad\.pdf"):
        read_report(path)


def test_password_protected_pdf_says_so(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(PDF / "lo-blanks-2021.pdf"))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(ImportFailed, match="密码"):
        read_report(path)


def test_truncated_pdf_is_read_or_refused_never_crashes(tmp_path):
    data = (PDF / "lo-blanks-2021.pdf").read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        path = tmp_path / "cut.pdf"
        path.write_bytes(data[:cut])
        try:
            read_report(path)
        except ImportFailed:
            pass


def test_grid_cells_from_rules_keep_spans_and_blank_cells():
    """Two columns, three rows; the top row's cell spans both columns (no rule between them)."""
    rules = [Rule(True, y, 0, 100) for y in (90, 60, 30, 0)]
    rules += [Rule(False, 0, 0, 90), Rule(False, 100, 0, 90), Rule(False, 50, 0, 60)]
    (grid,) = find_grids(rules)
    assert grid.cells == [(0, 0, 0, 1), (1, 1, 0, 0), (1, 1, 1, 1), (2, 2, 0, 0), (2, 2, 1, 1)]
    assert grid.locate(75, 80) == 0 and grid.locate(75, 45) == 2 and grid.locate(200, 45) is None
    assert (
        find_grids([Rule(True, 0, 0, 10), Rule(True, 10, 0, 10), Rule(False, 0, 0, 10), Rule(False, 10, 0, 10)]) == []
    )


def test_cli_imports_a_pdf_and_refuses_a_scan_in_one_line(tmp_path):
    out = tmp_path / "r.nianbao"
    result = nianbao("import", PDF / "lo-blanks-2021.pdf", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    from PIL import Image

    Image.new("L", (200, 300), 200).save(tmp_path / "scan.pdf", "PDF")
    refused = nianbao("import", tmp_path / "scan.pdf", "-o", tmp_path / "s.nianbao")
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "扫描件" in refused.stderr
    assert not (tmp_path / "s.nianbao").exists()


def test_running_heads_and_page_numbers_are_not_report_text():
    from readers.lines import Line
    from readers.pdf_layout import Glyph, Placed, layout_page
    from readers.pdf_pages import with_indents

    def free(text, top, left=90.0):
        return Placed(top, left, 16.0, Line((), text, f"y{top}"))

    pages = [[free("某某局政务公开专栏", 800), free(f"第{n}页的正文，足够长的一行文字。", 700)] for n in range(1, 5)]
    assert [line.text for line in with_indents(pages)] == [f"第{n}页的正文，足够长的一行文字。" for n in range(1, 5)]

    def glyphs(text, top):
        return [Glyph(char, 100 + 12 * i, top - 12, 112 + 12 * i, top) for i, char in enumerate(text)]

    for number in ("— 2 —", "- 2 -", "第2页 共9页", "2/9"):
        page = layout_page([*glyphs("正文一行。", 700), *glyphs(number, 40)], [], 2)
        assert [p.line.text for p in page] == ["正文一行。"], number


@needs_font
@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_table_printed_without_rules_keeps_blank_cells_by_position(tmp_path, monkeypatch, template_id):
    """Our export with its rules left out: table 三's blanks are found from the other rows' columns,
    and labels wrapped round their numbers are joined again."""
    from reportlab.pdfgen.canvas import Canvas

    original = report_with_blanks(template_id)
    path = tmp_path / "unruled.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(Canvas, "drawPath", lambda self, *args, **kwargs: None)
        export_pdf(original, path)
    document = read_report(path).document
    table3 = list(original.template.tables["3"].cells())
    assert sum(original.value(ref) is None for ref in table3) >= 20
    assert [ref for ref in table3 if document.value(ref) != original.value(ref)] == []
    inputs = [
        ref for t in original.template.tables.values() for ref in t.cells() if not original.template.is_total(ref)
    ]
    wrong = {ref.table for ref in inputs if document.value(ref) != original.value(ref)}
    assert wrong <= {"2_8"}  # a one-row table of two columns with one blank: no row shows both columns


def test_unruled_columns_fill_blanks_only_when_they_line_up():
    from readers.pdf_unruled import PrintedCell, PrintedRow, table_rows

    def row(y, *cells):
        return PrintedRow([PrintedCell(text, left, left + 6 * len(text)) for text, left in cells], y, y - 12)

    header = row(100, ("信息内容", 0), ("甲", 100), ("乙", 150))
    full = row(80, ("行政许可", 0), ("12", 100), ("3", 155), ("40", 200))
    sparse = row(60, ("行政处罚", 0), ("7", 105), ("9", 205))
    assert table_rows([header, full, sparse]) == [None, None, ("行政处罚", "7", "", "9")]
    askew = row(60, ("行政处罚", 0), ("7", 125), ("9", 175))  # numbers between the columns
    assert table_rows([header, full, askew]) == [None, None, None]

    head = row(40, ("（二）部分公开（区分处理的，", 0))
    numbers = row(28, ("5", 105), ("8", 205))
    tail = row(16, ("不计其他情形）", 0))
    result = table_rows([full, head, numbers, tail])
    assert result[2] == ("（二）部分公开（区分处理的，不计其他情形）", "5", "", "8") and head.joined and tail.joined


def test_ruled_cells_printed_with_a_dash_are_blank():
    from readers.pdf_layout import Glyph, layout_page

    rules = [Rule(True, y, 0, 300) for y in (100, 80, 60)] + [Rule(False, x, 60, 100) for x in (0, 100, 200, 300)]

    def text(string, left, top):
        return [Glyph(char, left + 10 * i, top - 12, left + 10 * (i + 1), top) for i, char in enumerate(string)]

    glyphs = text("信息内容", 5, 96) + text("甲", 150, 96) + text("乙", 250, 96)
    glyphs += text("规章", 5, 76) + text("—", 150, 76) + text("5", 280, 76)
    rows = [p.line.cells for p in layout_page(glyphs, rules, 1)]
    assert rows == [("信息内容", "甲", "乙"), ("规章", "", "5")]


@needs_font
def test_turned_table_page_and_diagonal_watermark(tmp_path):
    """A table page printed turned a quarter (landscape content on its side) is read turned back;
    a diagonal watermark on every page is not report text."""
    import io

    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject
    from reportlab.pdfgen.canvas import Canvas

    from export.fonts import find_font

    original = report_with_blanks("2021")
    plain = tmp_path / "plain.pdf"
    export_pdf(original, plain)
    stamp = io.BytesIO()
    canvas = Canvas(stamp, pagesize=(595.27, 841.89))
    canvas.setFont(find_font().name, 40)
    canvas.translate(300, 420)
    canvas.rotate(45)
    canvas.drawCentredString(0, 0, "内部资料")
    canvas.save()
    watermark = PdfReader(io.BytesIO(stamp.getvalue())).pages[0]
    writer = PdfWriter(clone_from=plain)
    for number, page in enumerate(writer.pages):
        page.merge_page(watermark)
        if number == 1:  # table 三
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            page.add_transformation(Transformation().rotate(90).translate(tx=height, ty=0))
            page.mediabox = RectangleObject([0, 0, height, width])
    turned = tmp_path / "turned.pdf"
    with turned.open("wb") as handle:
        writer.write(handle)
    assert_same_report(read_report(turned), original)


def test_fake_bold_copies_and_radical_code_points_read_as_typed():
    from readers.pdf_glyphs import typed_character, without_doubles
    from readers.pdf_layout import Glyph

    assert "".join(map(typed_character, "⼀、总体情况⻓⻔")) == "一、总体情况长门"
    line = [Glyph(c, 10 * i, 0, 10 * i + 10, 12) for i, c in enumerate("总体情况")]
    bold = line + [Glyph(g.text, g.left + 0.4, g.bottom + 0.2, g.right + 0.4, g.top + 0.2) for g in line]
    zeros = [Glyph("0", 50, 14 * r, 56, 14 * r + 12) for r in range(8)]  # a column of zeros stays whole
    kept = without_doubles(bold + zeros)
    assert sorted(g.text for g in kept) == sorted("总体情况" + "0" * 8)


def test_title_lines_join_only_until_the_title_is_whole():
    from readers.lines import Line
    from readers.pdf_layout import Placed
    from readers.pdf_pages import with_indents

    def line(text, top, height, left=200.0):
        return Placed(top, left, height, Line((), text, f"y{top}"), left + height * len(text))

    body = [line("正文第一段，足够长的一行文字，用来确定正文的字号。", 600 - 20 * i, 16, 90) for i in range(5)]
    split = [line("测试市测试局2025年政府信息公开工作年度", 800, 22), line("报告", 770, 22), *body]
    assert with_indents([split])[0].text == "测试市测试局2025年政府信息公开工作年度报告"
    agency_above = [line("重庆市黔江区城市管理局", 800, 22), line("2020年政府信息公开工作年度报告", 770, 22), *body]
    assert with_indents([agency_above])[0].text == "重庆市黔江区城市管理局2020年政府信息公开工作年度报告"
    letterhead = [line("某某市人民政府办公室", 800, 30), line("某某市2023年政府信息公开工作年度报告", 760, 22), *body]
    assert [x.text for x in with_indents([letterhead])[:2]] == [
        "某某市人民政府办公室",
        "某某市2023年政府信息公开工作年度报告",
    ]
    from readers.pdf_pages import _WHOLE_TITLE

    assert _WHOLE_TITLE.search("2019年某某办公厅政府信息公开工作年度报告")  # year first: whole
    assert not _WHOLE_TITLE.search("2020年度政府信息公开工作年度报告")  # the agency is on the line above


def test_numbers_in_one_ruled_cell_are_not_glued_together():
    from readers.pdf_layout import Glyph, cell_text

    glyphs = [Glyph("1", 100, 0, 106, 12), Glyph("6", 106, 0, 112, 12), Glyph("7", 150, 0, 156, 12)]
    assert cell_text(glyphs) == "16 7"  # refused as not a number, never read as 167


def test_a_row_broken_across_pages_keeps_its_label_and_numbers():
    """Word lets a table row break across pages: "6.属" and its numbers end page 2, "于四类过程性信息"
    starts page 3. The two parts are one row (LibreOffice PDF of a Word-made report of 洪泽区 2024)."""
    from readers.dispatch import read_report

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    split = read_report(fixtures / "pdf" / "word-row-split-2024.pdf")
    source = read_report(fixtures / "published" / "11_hongze-district-2024.txt")
    assert split.document.inputs() == source.document.inputs()
    assert not [w for w in split.warnings if "未找到" in w]


def test_a_sub_table_heading_atop_a_page_is_not_the_rest_of_a_row():
    """A hand-made sheet printed by LibreOffice Calc: 第二十条第（八）项 starts page 2 right under 行政强制's
    row; it is the next table's heading, not the rest of that row's label."""
    from readers.dispatch import read_report

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    printed = read_report(fixtures / "pdf" / "calc-handmade-2024.pdf")
    source = read_report(fixtures / "published" / "11_hongze-district-2024.txt")
    assert printed.document.inputs() == source.document.inputs()
    assert not [w for w in printed.warnings if "未找到" in w]


def test_a_label_alone_atop_a_page_is_a_row_of_its_own():
    """The rest of a broken row joins its label only when the two make a label of the report: a row
    whose numbers are all blank (其他对外管理服务事项) at the top of a page stays a row."""
    from readers.lines import Line
    from readers.pdf_layout import Placed
    from readers.pdf_pages import with_indents

    def placed(line: Line) -> Placed:
        return Placed(100.0, 100.0, 10.0, line, 400.0)

    page_one = [placed(Line(("行政许可", "15", "2", "52"), "行政许可 15 2 52", "第1页表1第5行", exact_cells=True))]
    page_two = [
        placed(Line(("其他对外管理服务事项", "", "", ""), "其他对外管理服务事项", "第2页表1第1行", exact_cells=True)),
        placed(Line(("3.危", "5", "0"), "3.危 5 0", "第2页表1第2行", exact_cells=True)),
    ]
    page_three = [
        placed(Line(("", "及“三安全一稳定”", "", ""), "及“三安全一稳定”", "第3页表1第1行", exact_cells=True)),
    ]
    lines = with_indents([page_one, page_two, page_three])
    rows = [line.cells[:2] for line in lines]
    assert rows == [("行政许可", "15"), ("其他对外管理服务事项", ""), ("3.危及“三安全一稳定”", "5")]


def _sparse_report(template_id: str) -> object:
    """Tables 三 and 四 with blanks no row shows around: table 三's 科研机构 column empty in every row,
    table 四's one row with four blanks; every other cell a number."""
    from model.document import Document
    from model.edits import SetCell

    document = Document.new(template_id, 2020 if template_id == "2019" else 2025, "测试市测试局")
    template = document.template
    edits = []
    for table_id in ("3", "4"):
        table = template.tables[table_id]
        for number, ref in enumerate(table.cells()):
            column = [c.id for c in table.column_leaves].index(ref.column)
            blank = column == 2 if table_id == "3" else number % 4 == 1
            if not template.is_total(ref) and not blank:
                edits.append(SetCell(ref, number * 7 % 23 + 1))
    document.apply(edits)
    return document


def _printed(document, table_id: str) -> list[tuple[str, ...]]:
    table = document.template.tables[table_id]
    return [
        tuple("" if (v := document.value(c)) is None else str(v) for c in table.cells() if c.row == row.id)
        for row in table.row_leaves
    ]


UNRULED_VARIANTS = [
    pytest.param({"wrap": False, "align": "right"}, id="right-aligned"),
    pytest.param({"wrap": False, "align": "centre"}, id="centred"),
    pytest.param({"wrap": False, "align": "left"}, id="left-aligned"),
    pytest.param({"wrap": True, "align": "right"}, id="wrapped-labels"),
    pytest.param({"wrap": True, "align": "centre", "break_after": 9}, id="page-break-in-table-3"),
    pytest.param({"align": "right", "break_after": 12, "repeat_labels": False}, id="page-break-labels-not-repeated"),
]


@needs_font
@pytest.mark.parametrize("variant", UNRULED_VARIANTS)
@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_unruled_tables_where_no_row_is_full_take_columns_from_their_labels(tmp_path, template_id, variant):
    """Text-only tables 三 and 四 (no rules), as Word prints them with borders hidden: no row shows every
    column, so the columns come from the printed column labels; every number and blank comes back."""
    from readers.pdf import read_pdf
    from tests.readers.unruled_pdf import draw_unruled

    original = _sparse_report(template_id)
    path = tmp_path / "unruled.pdf"
    draw_unruled(original, path, body_candidates()[0], **variant)
    rows = [line.cells for line in read_pdf(path) if line.exact_cells]
    three = [cells[-7:] for cells in rows[:-1]]
    assert three == _printed(original, "3") and rows[-1] == _printed(original, "4")[0]
    if template_id == "2021":  # the 2019 layout is told by its table 二, which this file leaves out
        result = read_report(path)
        assert [w for w in result.warnings if "表三" in w or "表四" in w or "行政复议" in w] == []
        cells = [ref for t in ("3", "4") for ref in original.template.tables[t].cells()]
        assert [ref for ref in cells if result.document.value(ref) != original.value(ref)] == []


def test_unruled_header_columns_refuse_what_they_cannot_place():
    """A group label between two columns is no column; numbers straddling two columns' reach, or two in
    one column, leave the row as printed."""
    from readers.pdf_unruled import PrintedCell, PrintedRow, table_rows

    def row(y, *cells):
        return PrintedRow([PrintedCell(text, left, left + 6 * len(text)) for text, left in cells], y, y - 12)

    group = row(120, ("甲乙", 169))  # centred between the second and third columns
    labels = row(100, ("甲", 97), ("乙", 147), ("丙", 197), ("丁", 247))
    assert table_rows([group, labels, row(80, ("7", 100), ("9", 250))]) == [None, None, ("7", "", "", "9")]
    assert table_rows([group, labels, row(80, ("7", 100), ("9", 170))]) == [None, None, None]  # 9 straddles
    assert table_rows([group, labels, row(80, ("7", 100), ("9", 110))]) == [None, None, None]  # both in one
    labelled = row(80, ("行政处罚", 0), ("5", 145), ("8", 245))
    assert table_rows([labels, labelled]) == [None, ("行政处罚", "", "5", "", "8")]
