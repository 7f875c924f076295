"""The 汇总 detail workbook a 政务公开办 prints and files: 单位明细, 问题清单 and 汇总表.

单位明细 has one row per unit and one column per input cell of the template, and a 合计 row of live
``SUM`` formulas written with their values (XlsxWriter), so a viewer that does not recalculate still
shows the sums. 汇总表 is the total in the official layout, as ``export`` writes it.
"""

from __future__ import annotations

import io
import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_rowcol_to_cell

from export.problems_sheet import problems_of, write_problems
from export.xlsx import workbook_options, write_report_sheet
from model.aggregate import Unit
from model.atomic_file import write_file
from model.cellref import CellRef
from model.document import Document
from model.errors import ReportFileError
from model.review import SUMMARY_MARK
from model.template import Table
from model.values import CellKind

DETAIL_SHEET = "单位明细"
TOTAL_SHEET = "汇总表"
FIXED = ("单位", "文件", "错误数", "提示数")
DATA_WIDTH = 11  # characters of a data column (a Chinese character counts two)
LINE_POINTS = 13.5  # one wrapped line of the 10-point header
HEADER_ROWS = 1  # one header row: sorting, filtering and reading by program see plain rows below it


def write_detail_book(path: Path | io.BytesIO, units: Sequence[Unit], total: Document) -> None:
    """Write the three sheets to ``path`` or, as :func:`export_detail` does, into memory."""
    target = path if isinstance(path, io.BytesIO) else str(path)
    book = xlsxwriter.Workbook(target, {**workbook_options(), "in_memory": True})
    _write_units(book, units, total)
    problems = []
    for unit in units:
        problems.extend(problems_of(unit.agency, unit.source, unit.template, (*unit.errors, *unit.warnings)))
    write_problems(book, problems)
    write_report_sheet(book, total, TOTAL_SHEET)
    book.set_properties({"title": f"{total.title}（汇总明细）", "comments": "由政务公开年报编辑器汇总"})
    book.set_custom_property(SUMMARY_MARK, "detail")  # a rerun over the same folder skips it
    book.close()


def _write_units(book: xlsxwriter.Workbook, units: Sequence[Unit], total: Document) -> None:
    template = total.template
    cells = template.input_cells()
    sheet = book.add_worksheet(DETAIL_SHEET)
    base = {"border": 1, "valign": "vcenter", "font_size": 10}
    header = book.add_format({**base, "bold": True, "bg_color": "#EEF1F6", "text_wrap": True, "align": "center"})
    text = book.add_format(base)
    count = book.add_format({**base, "num_format": "0"})
    amount = book.add_format({**base, "num_format": "0.00"})
    total_count = book.add_format({**base, "num_format": "0", "bold": True, "bg_color": "#E4E9F1"})
    total_amount = book.add_format({**base, "num_format": "0.00", "bold": True, "bg_color": "#E4E9F1"})
    total_text = book.add_format({**base, "bold": True, "bg_color": "#E4E9F1"})
    for column, title in enumerate(FIXED):
        sheet.write_string(0, column, title, header)
    first = len(FIXED)
    kinds = [template.kind_of(ref) for ref in cells]
    labels = [_label(template.table(ref.table), ref) for ref in cells]
    for offset, label in enumerate(labels):
        sheet.write_string(0, first + offset, label, header)
    sheet.set_row(0, _header_height(labels))
    row = HEADER_ROWS
    for row, unit in enumerate(units, start=HEADER_ROWS):
        sheet.write_string(row, 0, unit.agency, text)
        sheet.write_string(row, 1, unit.source, text)
        sheet.write_number(row, 2, len(unit.errors), count)
        sheet.write_number(row, 3, len(unit.warnings), count)
        inputs = unit.inputs
        for offset, ref in enumerate(cells):
            value = inputs.get(ref)
            if value is None:
                continue  # blank stays blank: it is not 0
            if kinds[offset] is CellKind.AMOUNT:
                sheet.write_number(row, first + offset, float(value), amount)
            else:
                sheet.write_number(row, first + offset, value, count)
    last = row
    sum_row = last + 1
    sheet.write_string(sum_row, 0, "合计", total_text)
    sheet.write_string(sum_row, 1, f"{len(units)}个单位", total_text)
    sums = [sum(len(u.errors) for u in units), sum(len(u.warnings) for u in units)]
    values = [*sums, *(total.value(ref) for ref in cells)]
    for offset, value in enumerate(values):
        column = 2 + offset
        top, bottom = xl_rowcol_to_cell(HEADER_ROWS, column), xl_rowcol_to_cell(last, column)
        is_amount = offset >= 2 and kinds[offset - 2] is CellKind.AMOUNT
        # The cached value is what SUM gives: 0 where every unit left the cell blank.
        cached = float(value) if is_amount and value is not None else (value or 0)
        formula = f"=SUM({top}:{bottom})" if units else "=0"
        sheet.write_formula(sum_row, column, formula, total_amount if is_amount else total_count, cached)
    sheet.set_column(0, 0, 18)
    # The file column as wide as its longest path (within reason): a cut-off path names no file.
    sheet.set_column(1, 1, min(40, max([14, *(len(unit.source) + 2 for unit in units)])), text)
    sheet.set_column(2, 3, 6)
    sheet.set_column(first, first + len(cells) - 1, DATA_WIDTH)
    sheet.freeze_panes(HEADER_ROWS, 1)
    sheet.autofilter(0, 0, sum_row - 1, first + len(cells) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(0, HEADER_ROWS - 1)
    sheet.repeat_columns(0, 0)


def _header_height(labels: Sequence[str]) -> float:
    """Points for the header row so the longest label shows whole when wrapped in its column
    (Excel and LibreOffice do not grow a row for wrapped text on their own)."""
    per_line = DATA_WIDTH - 1
    widths = (sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label) for label in labels)
    longest = max(widths, default=0)
    lines = -(-longest // per_line) + 1  # a spare line: words do not break exactly at the edge
    return min(409.0, max(30.0, lines * LINE_POINTS))


def _label(table: Table, ref: CellRef) -> str:
    """A column's heading: the cell as printed (table, row labels, column labels), so each column
    names its cell on its own, without a merged title above it."""
    place = table.heading or "表" + table.title.split("、")[0]
    column = table.column(ref.column).path[_shared_depth(table) :]
    return "·".join([place, *table.row(ref.row).path, *column])


def _shared_depth(table: Table) -> int:
    """How many outer column headers every column shares (申请人情况): they name nothing in particular."""
    depth = 0
    leaves = table.column_leaves
    while len(leaves) > 1 and all(len(leaf.path) > depth + 1 for leaf in leaves):
        if len({leaf.path[depth] for leaf in leaves}) != 1:
            break
        depth += 1
    return depth


def export_detail(path: str | os.PathLike[str], units: Sequence[Unit], total: Document) -> None:
    """Write the detail workbook atomically: an existing file is replaced only by a complete one."""
    target = Path(path)
    data = detail_bytes(target, units, total)
    write_file(target, data)


def detail_bytes(target: Path, units: Sequence[Unit], total: Document) -> bytes:
    """The detail workbook as bytes, built in memory (the atomic writer alone touches the folder)."""
    buffer = io.BytesIO()
    try:
        write_detail_book(buffer, units, total)
    except (OSError, XlsxWriterException) as exc:
        raise ReportFileError(f"无法写入“{target.name}”：{exc}") from exc
    return buffer.getvalue()
