"""Page breaks and row heights of the exported sheet, without a spreadsheet application."""

from __future__ import annotations

import openpyxl

from export.sheet_pages import Block, page_breaks
from export.sheet_text import line_count, text_height
from export.xlsx import COLUMN_PT, SHEET_NAME, export_xlsx
from model.document import Document
from model.edits import SetText


def test_blocks_that_do_not_fit_start_a_new_page():
    heights = {row: 10.0 for row in range(30)}
    blocks = [Block(0, 5), Block(6, 6, keep_with_next=True), Block(7, 14), Block(15, 29)]
    # 0-5 (60) fit; the heading at 6 goes with the table 7-14 (90): 150 > 100, so both move.
    assert page_breaks(heights, blocks, 100, 10) == [6, 15]


def test_a_block_taller_than_a_page_breaks_only_where_allowed():
    heights = {row: 10.0 for row in range(30)}
    blocks = [Block(0, 1), Block(2, 29, split_before=(10, 20, 25))]
    # The table (280) cannot fit anywhere: it starts right away and breaks at allowed rows only.
    assert page_breaks(heights, blocks, 100, 10) == [10, 20]


def test_cjk_is_one_em_latin_narrower_and_words_stay_whole():
    assert line_count("政" * 10, 10 * 10 + 4, 10) == 1
    assert line_count("政" * 11, 10 * 10 + 4, 10) == 2
    assert line_count("政府\n信息", 1000, 10) == 2
    # A number does not break in the middle: it moves whole to the next line.
    assert line_count("政" * 9 + "2020", 10 * 10 + 4, 10) == 2
    # Closing punctuation never starts a line.
    assert line_count("政" * 10 + "。", 10 * 10 + 4, 10) == 2
    assert text_height("政", 100, 10) < text_height("政" * 30, 100, 10)


def _rows(path):
    sheet = openpyxl.load_workbook(path)[SHEET_NAME]
    values = {cell.row: cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    return sheet, values


def test_wrapped_labels_get_rows_tall_enough(tmp_path):
    path = tmp_path / "r.xlsx"
    export_xlsx(Document.new("2021", 2025, "测试市测试局"), path)
    sheet, _ = _rows(path)
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    row = next(c.row for line in sheet.iter_rows() for c in line if c.value == label)
    # The label has a 6-column cell (220 points): two lines of 10-point text at least.
    assert sheet.row_dimensions[row].height >= 2 * 10 * 1.3
    one_line = next(c.row for line in sheet.iter_rows() for c in line if c.value == "3.其他")
    assert sheet.row_dimensions[one_line].height < 2 * 10 * 1.3


def test_text_rows_are_sized_to_their_text(tmp_path, example):
    path = tmp_path / "r.xlsx"
    export_xlsx(example, path)
    sheet, _ = _rows(path)
    for paragraph in example.texts()["s1"].split("\n"):
        row = next(c.row for line in sheet.iter_rows() for c in line if c.value == paragraph)
        lines = line_count(paragraph, 18 * COLUMN_PT, 11)
        # At most one line more than the text needs at Excel's narrowest (no blank gap under 一、总体情况).
        assert lines * 11 * 1.26 <= sheet.row_dimensions[row].height <= (lines + 1) * 11 * 1.36 + 4


def test_tables_are_never_split_and_titles_stay_with_what_follows(tmp_path):
    document = Document.new("2021", 2024, "某局")
    sentence = "本机关坚持以公开为常态、不公开为例外，共主动公开政府信息1234条。"
    document.apply(
        [
            SetText(section.id, "\n".join(sentence * (2 + n % 7) for n in range(9)))
            for section in document.template.editable_texts()
        ]
    )
    path = tmp_path / "r.xlsx"
    export_xlsx(document, path)
    sheet, values = _rows(path)
    breaks = [brk.id for brk in sheet.row_breaks.brk]  # 1-based row that ends a page
    assert len(breaks) >= 2
    assert not sheet.print_title_rows
    titles = {section.title for section in document.template.numbered_sections()}
    headings = {table.heading for table in document.template.tables.values() if table.heading}
    for brk in breaks:
        # The last row of a page is not a title or table heading left without what follows it.
        assert values.get(brk) not in titles | headings
        # No break inside a table: table rows have bordered cells, the blank row after a table has none.
        assert not (bordered(sheet, brk) and bordered(sheet, brk + 1)), brk


def bordered(sheet, row: int) -> bool:
    """True for a row of a table (its data cells are bordered; merged labels may not say so)."""
    return any(cell.border.top.style is not None for cell in sheet[row])


def test_a_paragraph_taller_than_excel_allows_a_row_gets_several_rows_and_reads_back(tmp_path):
    from readers.dispatch import read_report

    document = Document.new("2021", 2024, "某局")
    sentence = "本机关坚持以公开为常态、不公开为例外，共主动公开政府信息1234条，其中规范性文件56件（占4.5%）。"
    long = sentence * 45  # about 2,500 characters: 40 lines, more than Excel's 409-point row
    first = document.template.editable_texts()[1].id
    document.apply([SetText(first, "短段落。\n" + long)])
    path = tmp_path / "r.xlsx"
    export_xlsx(document, path)
    sheet, _ = _rows(path)
    cell = next(c for line in sheet.iter_rows() for c in line if c.value == long)
    merged = next(m for m in sheet.merged_cells.ranges if m.min_row == cell.row)
    assert merged.max_row > merged.min_row
    total = sum(sheet.row_dimensions[r].height for r in range(merged.min_row, merged.max_row + 1))
    assert total >= text_height(long, 18 * COLUMN_PT, 11)
    assert read_report(path).document.texts() == document.texts()
