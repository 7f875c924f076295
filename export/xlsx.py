"""Write a report as an Excel workbook that looks and prints like the official report.

XlsxWriter rather than openpyxl: totals are written as live ``SUM`` formulas *with* their computed
values, so viewers that do not recalculate still show the right numbers.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from export.report_parts import SectionTitle, TableHeading, TablePart, Text, Title, report_parts
from export.sheet_grid import SHEET_COLUMNS, physical_starts, physical_widths
from export.sheet_pages import Block, page_breaks
from export.sheet_text import CELL_PADDING, text_em, text_height
from model.atomic_file import write_file
from model.document import Document
from model.errors import ReportFileError
from model.grid import GridCell, GridLayout, Part, layout_table
from model.template import Table
from model.values import CellKind

SHEET_NAME = "年度报告"
FONT = "宋体"
COLUMN_WIDTH = 6.3  # characters of the workbook's default font (Arial 10)


# One column of COLUMN_WIDTH in points: Excel rounds it to whole pixels (int(6.3 * 7 + 0.5) + 5 = 49 px);
# LibreOffice takes the stored width (7 digits) times Arial's digit width, 5.56 points. Text wraps in the
# narrower, the page must hold the wider.
COLUMN_PT = 49 * 0.75
COLUMN_PT_WIDEST = 7 * 5.5615
A4_PT = (595.28, 841.89)
MARGINS_IN = {"left": 0.7, "right": 0.6, "top": 0.9, "bottom": 0.8}
PRINTABLE_PT = (
    A4_PT[0] - (MARGINS_IN["left"] + MARGINS_IN["right"]) * 72,
    A4_PT[1] - (MARGINS_IN["top"] + MARGINS_IN["bottom"]) * 72,
)
# A fixed scale, not "fit to one page wide": Excel ignores manual page breaks when fitting.
PRINT_SCALE = int(100 * PRINTABLE_PT[0] / (SHEET_COLUMNS * COLUMN_PT_WIDEST))
# Rows of this many points fill a printed page; a little is kept back for rounding in either application.
PAGE_ROWS_PT = PRINTABLE_PT[1] * 100 / PRINT_SCALE * 0.97
SPACER_PT = 12.0
MAX_ROW_PT = 409.0  # Excel's limit for one row
SHRINK_AT_MOST = 1.3  # a header is shrunk to one line by at most this factor, else it wraps

SIZES = {"title": 16, "section": 12, "text": 11, "heading": 10, "table": 10}
MIN_HEIGHTS = {"title": 30.0, "section": 20.0, "text": 0.0, "heading": 18.0, "header": 22.0, "row": 18.0}


def workbook_options() -> dict:
    """Options for a workbook that holds the report sheet (a fresh dict: XlsxWriter writes into it).

    The default font decides how wide a "character" of column width is. Calibri, XlsxWriter's default, is
    missing on most Linux desktops and LibreOffice then measures columns with a wider substitute, so the
    sheet no longer fits the page; Arial has a metric twin (Liberation Sans) wherever LibreOffice runs.
    """
    return {
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "default_format_properties": {"font_name": "Arial", "font_size": 10, "font_scheme": False, "theme": -1},
        "default_row_height": 17,  # pixels: Arial 10's 12.75 points
    }


def _formats(book: xlsxwriter.Workbook) -> dict[str, Format]:
    base = {"font_name": FONT, "font_size": SIZES["table"], "valign": "vcenter", "text_wrap": True}
    border = {**base, "border": 1}
    bold = {**base, "font_name": "黑体", "bold": True}
    return {
        "title": book.add_format({**bold, "font_size": SIZES["title"], "align": "center"}),
        "section": book.add_format({**bold, "font_size": SIZES["section"]}),
        "text": book.add_format({**base, "font_size": SIZES["text"], "valign": "top"}),
        "heading": book.add_format({**base, "font_size": SIZES["heading"], "bold": True}),
        "header": book.add_format({**border, "align": "center", "bg_color": "#EEF1F6"}),
        "header_shrink": book.add_format(
            {**border, "align": "center", "bg_color": "#EEF1F6", "text_wrap": False, "shrink": True}
        ),
        "label": book.add_format({**border, "align": "left", "bg_color": "#EEF1F6"}),
        "label_center": book.add_format({**border, "align": "center", "bg_color": "#EEF1F6"}),
        "count": book.add_format({**border, "align": "right", "num_format": "0", "locked": False}),
        "signed": book.add_format({**border, "align": "right", "num_format": "+0;-0;0", "locked": False}),
        "amount": book.add_format({**border, "align": "right", "num_format": "0.00", "locked": False}),
        "total": book.add_format({**border, "align": "right", "num_format": "0", "bold": True, "bg_color": "#E4E9F1"}),
    }


def write_workbook(document: Document, path: Path | io.BytesIO) -> None:
    """Write the workbook to ``path`` or, as :func:`export_xlsx` does, into memory."""
    target = path if isinstance(path, io.BytesIO) else str(path)
    book = xlsxwriter.Workbook(target, {**workbook_options(), "in_memory": True})
    write_report_sheet(book, document)
    book.set_properties({"title": document.title, "author": document.agency, "comments": "由政务公开年报编辑器导出"})
    book.close()


def write_report_sheet(book: xlsxwriter.Workbook, document: Document, name: str = SHEET_NAME) -> Worksheet:
    """Add the report as one printable sheet to ``book`` (made with :func:`workbook_options`)."""
    formats = _formats(book)
    sheet = book.add_worksheet(name)
    sheet.set_column(0, SHEET_COLUMNS - 1, COLUMN_WIDTH)
    last = SHEET_COLUMNS - 1
    full_width = SHEET_COLUMNS * COLUMN_PT
    row = 0
    heights: dict[int, float] = {}
    blocks: list[Block] = []

    def merged_text(text: str, fmt: str, keep_with_next: bool = False) -> None:
        nonlocal row
        needed = max(MIN_HEIGHTS[fmt], text_height(text, full_width, SIZES[fmt]) + (4 if fmt == "title" else 0))
        # Excel caps a row at 409 points: a longer paragraph gets a cell merged over as many rows as it needs
        # (still one cell, so it reads back as one paragraph), up to a page.
        count = min(math.ceil(needed / MAX_ROW_PT), max(1, int(PAGE_ROWS_PT // MAX_ROW_PT)))
        sheet.merge_range(row, 0, row + count - 1, last, "", formats[fmt])
        # write_string: user text is never a formula, whatever it starts with
        sheet.write_string(row, 0, text, formats[fmt])
        for number in range(row, row + count):
            heights[number] = min(MAX_ROW_PT, needed / count)
        blocks.append(Block(row, row + count - 1, keep_with_next))
        row += count

    def spacer() -> None:
        nonlocal row
        heights[row] = SPACER_PT
        blocks.append(Block(row, row))
        row += 1

    for part in report_parts(document):
        match part:
            case Title(text=text):
                merged_text(text, "title")
                spacer()
            case Text(paragraphs=paragraphs, preamble=True):
                merged_text("\n".join(paragraphs), "text")
            case Text(paragraphs=paragraphs):
                # One paragraph per cell, so that pages can break between paragraphs.
                for paragraph in paragraphs:
                    # An empty paragraph is written as one space so that a reader sees the blank line.
                    merged_text(paragraph or " ", "text")
            case SectionTitle(section=section):
                merged_text(section.title, "section", keep_with_next=True)
            case TableHeading(text=text):
                merged_text(text, "heading", keep_with_next=True)
            case TablePart(table=table):
                block = _write_table(sheet, formats, document, table, row, heights)
                blocks.append(block)
                row = block.last + 1
                spacer()

    for number, height in heights.items():
        sheet.set_row(number, height)
    sheet.protect(
        "", {"format_columns": True, "format_rows": True, "select_locked_cells": True, "select_unlocked_cells": True}
    )
    # No repeated print titles: a sheet has only one range of them, and it would reappear above every
    # later table. Breaks between blocks keep each table whole on its page instead.
    sheet.set_h_pagebreaks(page_breaks(heights, blocks, PAGE_ROWS_PT, SPACER_PT))
    sheet.set_paper(9)  # A4
    sheet.set_portrait()
    sheet.set_print_scale(PRINT_SCALE)
    sheet.set_margins(**MARGINS_IN)
    sheet.center_horizontally()
    sheet.set_header(f'&C&"{FONT}"&9' + document.title.replace("&", "&&"))
    sheet.set_footer("&C第 &P 页 共 &N 页")
    return sheet


def _write_table(
    sheet: Worksheet, formats: dict[str, Format], document: Document, table: Table, top: int, heights: dict[int, float]
) -> Block:
    """Write one table from row ``top``; record its rows' heights; return it as one block of rows."""
    layout = layout_table(table)
    starts = physical_starts(layout)
    widths = physical_widths(layout)
    positions: dict = {}
    for cell in layout.cells:
        first_col = starts[cell.column]
        last_col = starts[cell.column + cell.column_span - 1] + widths[cell.column + cell.column_span - 1] - 1
        first_row, last_row = top + cell.row, top + cell.row + cell.row_span - 1
        if cell.part is Part.DATA:
            assert cell.ref is not None
            positions[cell.ref] = (first_row, first_col, last_row, last_col)
            continue
        if cell.part is Part.ROW_HEADER:
            fmt = formats["label"] if cell.row_span == 1 else formats["label_center"]
        elif _shrinks(cell, widths):
            fmt = formats["header_shrink"]
        else:
            fmt = formats["header"]
        if (first_row, first_col) != (last_row, last_col):
            sheet.merge_range(first_row, first_col, last_row, last_col, "", fmt)
        sheet.write_string(first_row, first_col, cell.text, fmt)
    for ref, (first_row, first_col, last_row, last_col) in positions.items():
        kind = document.kind(ref)
        value = document.value(ref)
        if document.is_total(ref):
            fmt = formats["total"]
        else:
            fmt = formats[{CellKind.SIGNED: "signed", CellKind.AMOUNT: "amount"}.get(kind, "count")]
        if first_col != last_col:
            sheet.merge_range(first_row, first_col, last_row, last_col, "", fmt)
        if document.is_total(ref):
            parts = document.template.formulas()[ref]
            cells = ",".join(xl_rowcol_to_cell(positions[p][0], positions[p][1]) for p in parts)
            # A blank total stays blank in Excel too: SUM of blanks would show 0.
            formula = f'=IF(COUNT({cells})=0,"",SUM({cells}))'
            sheet.write_formula(first_row, first_col, formula, fmt, "" if value is None else int(value))
        elif value is None:
            sheet.write_blank(first_row, first_col, None, fmt)
        else:
            sheet.write_number(first_row, first_col, float(value) if kind is CellKind.AMOUNT else int(value), fmt)
    for grid_row, height in enumerate(table_row_heights(layout, widths)):
        heights[top + grid_row] = height
    # A table taller than a page may break only between rows that no merged label spans, never under its header.
    split_before = tuple(
        top + grid_row
        for grid_row in range(layout.header_rows + 1, layout.rows)
        if not any(c.row < grid_row < c.row + c.row_span for c in layout.cells)
    )
    return Block(top, top + layout.rows - 1, split_before=split_before)


def _cell_width(cell: GridCell, widths: list[int]) -> float:
    return sum(widths[cell.column : cell.column + cell.column_span]) * COLUMN_PT


def _shrinks(cell: GridCell, widths: list[int]) -> bool:
    """A short column header a little too wide for its narrow column (结果维持 in table 四) is shrunk to
    one line rather than wrapped into 结果维/持."""
    if cell.part is not Part.COLUMN_HEADER or "\n" in cell.text:
        return False
    room = _cell_width(cell, widths) - CELL_PADDING
    return room < text_em(cell.text) * SIZES["table"] <= room * SHRINK_AT_MOST


def table_row_heights(layout: GridLayout, widths: list[int]) -> list[float]:
    """Height in points of each grid row, tall enough for every header and label to show whole."""
    heights = [MIN_HEIGHTS["header" if r < layout.header_rows else "row"] for r in range(layout.rows)]
    texts = [c for c in layout.cells if c.part is not Part.DATA and c.text]
    # Cells of one row first: a label spanning several rows only adds what those rows still lack.
    for cell in sorted(texts, key=lambda c: c.row_span):
        width = math.inf if _shrinks(cell, widths) else _cell_width(cell, widths)
        needed = min(MAX_ROW_PT * cell.row_span, text_height(cell.text, width, SIZES["table"]))
        rows = range(cell.row, cell.row + cell.row_span)
        lacking = needed - sum(heights[r] for r in rows)
        if lacking > 0:
            for r in rows:
                heights[r] += lacking / cell.row_span
    return [round(h, 2) for h in heights]


def export_xlsx(document: Document, path: str | os.PathLike[str]) -> None:
    """Export atomically: the workbook is built in memory, then written by the one atomic writer."""
    buffer = io.BytesIO()
    try:
        write_workbook(document, buffer)
    except (OSError, XlsxWriterException) as exc:
        raise ReportFileError(f"无法导出“{os.path.basename(os.fspath(path))}”：{exc}") from exc
    write_file(Path(path), buffer.getvalue())
