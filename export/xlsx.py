"""Write a report as an Excel workbook that looks and prints like the official report.

XlsxWriter rather than openpyxl: totals are written as live ``SUM`` formulas *with* their computed
values, so viewers that do not recalculate still show the right numbers.
"""

from __future__ import annotations

import os
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from export.report_parts import SectionTitle, TableHeading, TablePart, Text, Title, report_parts
from export.sheet_grid import SHEET_COLUMNS, physical_starts, physical_widths
from model.document import Document
from model.errors import ReportFileError
from model.fileformat import write_atomically
from model.grid import Part, layout_table
from model.template import Table
from model.values import CellKind

SHEET_NAME = "年度报告"
COLUMN_WIDTH = 6.3  # characters; 18 of them fit A4 portrait at about 85 %
CHARS_PER_LINE = 52  # a merged text row of the full width holds about this many CJK characters
FONT = "宋体"


def _formats(book: xlsxwriter.Workbook) -> dict[str, Format]:
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "text_wrap": True}
    border = {**base, "border": 1}
    return {
        "title": book.add_format({**base, "font_name": "黑体", "font_size": 16, "bold": True, "align": "center"}),
        "section": book.add_format({**base, "font_name": "黑体", "font_size": 12, "bold": True}),
        "text": book.add_format({**base, "font_size": 11, "valign": "top"}),
        "heading": book.add_format({**base, "bold": True}),
        "header": book.add_format({**border, "align": "center", "bg_color": "#EEF1F6"}),
        "label": book.add_format({**border, "align": "left", "bg_color": "#EEF1F6"}),
        "label_center": book.add_format({**border, "align": "center", "bg_color": "#EEF1F6"}),
        "count": book.add_format({**border, "align": "right", "num_format": "0", "locked": False}),
        "signed": book.add_format({**border, "align": "right", "num_format": "+0;-0;0", "locked": False}),
        "amount": book.add_format({**border, "align": "right", "num_format": "0.00", "locked": False}),
        "total": book.add_format({**border, "align": "right", "num_format": "0", "bold": True, "bg_color": "#E4E9F1"}),
    }


def _text_rows(text: str) -> int:
    lines = text.split("\n") if text else [""]
    return sum(max(1, -(-len(line) // CHARS_PER_LINE)) for line in lines)


def write_workbook(
    document: Document, path: Path, *, book: xlsxwriter.Workbook | None = None, sheet_name: str = SHEET_NAME
) -> None:
    """Write the workbook to ``path`` (a temporary file; :func:`export_xlsx` renames it); given a ``book``,
    add the report as its sheet ``sheet_name`` and leave the book open (the 汇总 detail workbook)."""
    own = book is None
    if book is None:
        book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    formats = _formats(book)
    sheet = book.add_worksheet(sheet_name)
    sheet.set_column(0, SHEET_COLUMNS - 1, COLUMN_WIDTH)
    last = SHEET_COLUMNS - 1
    row = 0
    repeat: list[tuple[int, int]] = []
    tallest = max(document.template.tables.values(), key=lambda t: len(t.row_leaves))

    def merged_text(text: str, fmt: str, height: float | None = None) -> None:
        nonlocal row
        # write_string: user text is never a formula, whatever it starts with
        sheet.merge_range(row, 0, row, last, "", formats[fmt])
        sheet.write_string(row, 0, text, formats[fmt])
        if height is not None:
            sheet.set_row(row, height)
        row += 1

    for part in report_parts(document):
        match part:
            case Title(text=text):
                merged_text(text, "title", 30)
                row += 1
            case Text(paragraphs=paragraphs, preamble=True):
                joined = "\n".join(paragraphs)
                merged_text(joined, "text", 15 * _text_rows(joined))
            case Text(paragraphs=paragraphs):
                # Excel caps a row at 409 points: very long texts go one paragraph per row.
                for paragraph in paragraphs:
                    # An empty paragraph is written as one space so that a reader sees the blank line.
                    merged_text(paragraph or " ", "text", min(409, 15 * _text_rows(paragraph)))
            case SectionTitle(section=section):
                merged_text(section.title, "section", 20)
            case TableHeading(text=text):
                merged_text(text, "heading", 18)
            case TablePart(table=table):
                if table is tallest:
                    # The tallest table spans pages: its header rows repeat on each printed page.
                    depth = layout_table(table).header_rows
                    repeat.append((row, row + depth - 1))
                row = _write_table(sheet, formats, document, table, row) + 1

    sheet.protect(
        "", {"format_columns": True, "format_rows": True, "select_locked_cells": True, "select_unlocked_cells": True}
    )
    if repeat:
        sheet.repeat_rows(*repeat[0])
    sheet.set_paper(9)  # A4
    sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.7, right=0.6, top=0.9, bottom=0.8)
    sheet.center_horizontally()
    sheet.set_header(f'&C&"{FONT}"&9' + document.title.replace("&", "&&"))
    sheet.set_footer("&C第 &P 页 共 &N 页")
    book.set_properties({"title": document.title, "author": document.agency, "comments": "由政务公开年报编辑器导出"})
    if own:
        book.close()


def _write_table(sheet: Worksheet, formats: dict[str, Format], document: Document, table: Table, top: int) -> int:
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
    for grid_row in range(layout.header_rows, layout.rows):
        label_len = max(
            (len(c.text) for c in layout.cells if c.row == grid_row and c.part is Part.ROW_HEADER and c.row_span == 1),
            default=0,
        )
        width_chars = sum(widths[: layout.label_columns]) * COLUMN_WIDTH * 0.5 or 1
        lines = max(1, -(-label_len // int(width_chars))) if label_len else 1
        sheet.set_row(top + grid_row, 15 * lines + 3)
    for grid_row in range(layout.header_rows):
        sheet.set_row(top + grid_row, 30)
    return top + layout.rows


def export_xlsx(document: Document, path: str | os.PathLike[str]) -> None:
    """Export atomically: an existing file is replaced only by a complete workbook."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.writing.xlsx")
    try:
        write_workbook(document, temp)
        data = temp.read_bytes()
    except OSError as exc:
        raise ReportFileError(f"无法导出“{target.name}”：{exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    write_atomically(target, data, keep_backup=False)
