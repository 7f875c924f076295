"""The 汇总 detail workbook a 政务公开办 prints and files: 单位明细, 问题清单 and 汇总表.

单位明细 has one row per unit and one column per input cell of the template, and a 合计 row of live
``SUM`` formulas written with their values (XlsxWriter), so a viewer that does not recalculate still
shows the sums. 汇总表 is the total in the official layout, as ``export`` writes it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_rowcol_to_cell

from export.problems_sheet import problems_of, write_problems
from export.xlsx import workbook_options, write_report_sheet
from model.aggregate import Unit
from model.document import Document
from model.errors import ReportFileError
from model.fileformat import write_atomically
from model.review import SUMMARY_MARK
from model.template import Table
from model.values import CellKind

DETAIL_SHEET = "单位明细"
TOTAL_SHEET = "汇总表"
FIXED = ("单位", "文件", "错误数", "提示数")
HEADER_ROWS = 2


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
        sheet.merge_range(0, column, 1, column, title, header)
    first = len(FIXED)
    start = first
    for table in template.tables.values():
        span = sum(1 for ref in cells if ref.table == table.id)
        if not span:
            continue
        title = table.title if span > 1 else (table.heading or table.title)
        if span > 1:
            sheet.merge_range(0, start, 0, start + span - 1, title, header)
        else:
            sheet.write_string(0, start, title, header)
        start += span
    kinds = [template.kind_of(ref) for ref in cells]
    for offset, ref in enumerate(cells):
        table = template.table(ref.table)
        column = table.column(ref.column).path[_shared_depth(table) :]
        label = "·".join([*table.row(ref.row).path, *column])
        sheet.write_string(1, first + offset, label, header)
    sheet.set_row(0, 45)
    sheet.set_row(1, 150)
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
    sheet.set_column(1, 1, 14, text)
    sheet.set_column(2, 3, 6)
    sheet.set_column(first, first + len(cells) - 1, 9)
    sheet.freeze_panes(HEADER_ROWS, 1)
    sheet.autofilter(1, 0, sum_row - 1, first + len(cells) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(0, HEADER_ROWS - 1)
    sheet.repeat_columns(0, 0)


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
    write_atomically(target, data, keep_backup=False)


def detail_bytes(target: Path, units: Sequence[Unit], total: Document) -> bytes:
    """The detail workbook as bytes, built in memory (the atomic writer alone touches the folder)."""
    buffer = io.BytesIO()
    try:
        write_detail_book(buffer, units, total)
    except (OSError, XlsxWriterException) as exc:
        raise ReportFileError(f"无法写入“{target.name}”：{exc}") from exc
    return buffer.getvalue()
