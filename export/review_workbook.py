"""The 审核 workbook: one row per report with its status in colour, and every problem on a second sheet."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from export.problems_sheet import problems_of, write_problems
from export.row_height import wrapped_height
from export.xlsx import workbook_options
from model.atomic_file import write_file
from model.errors import ReportFileError
from model.review import CLEAN, ERRORS, SUMMARY_MARK, UNREADABLE, WARNINGS, Reviewed

RESULTS_SHEET = "审核结果"
HEADERS = ("文件", "单位", "年度", "格式", "状态", "错误数", "提示数", "说明")
WIDTHS = (30, 20, 6, 10, 9, 6, 6, 50)
COLOURS = {  # Excel's own good / neutral / bad styles, and grey for what could not be read
    CLEAN: ("#C6EFCE", "#006100"),
    WARNINGS: ("#FFEB9C", "#9C5700"),
    ERRORS: ("#FFC7CE", "#9C0006"),
    UNREADABLE: ("#D9D9D9", "#3F3F3F"),
}


def write_review_book(path: Path | io.BytesIO, reports: Sequence[Reviewed]) -> None:
    """Write both sheets to ``path`` or, as :func:`export_review` does, into memory."""
    target = path if isinstance(path, io.BytesIO) else str(path)
    book = xlsxwriter.Workbook(target, {**workbook_options(), "in_memory": True})
    sheet = book.add_worksheet(RESULTS_SHEET)
    header = book.add_format({"bold": True, "bg_color": "#EEF1F6", "border": 1, "text_wrap": True})
    plain = book.add_format({"text_wrap": True, "valign": "vcenter", "border": 1})
    status = {
        key: book.add_format(
            {"bg_color": fill, "font_color": ink, "bold": True, "border": 1, "align": "center", "valign": "vcenter"}
        )
        for key, (fill, ink) in COLOURS.items()
    }
    for column, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.write_string(0, column, title, header)
        sheet.set_column(column, column, width)
    problems = []
    for row, report in enumerate(reports, start=1):
        unit = report.unit
        sheet.write_string(row, 0, report.file, plain)
        sheet.write_string(row, 1, unit.agency if unit else "", plain)
        if unit:
            sheet.write_number(row, 2, unit.year, plain)
        else:
            sheet.write_blank(row, 2, None, plain)
        sheet.write_string(row, 3, f"{unit.template.id}年版" if unit else report.kind, plain)
        sheet.write_string(row, 4, report.status_name, status[report.status])
        if unit:
            sheet.write_number(row, 5, len(unit.errors), plain)
            sheet.write_number(row, 6, len(unit.warnings), plain)
            problems.extend(problems_of(unit.agency, report.file, unit.template, (*unit.errors, *unit.warnings)))
        else:
            sheet.write_blank(row, 5, None, plain)
            sheet.write_blank(row, 6, None, plain)
        sheet.write_string(row, 7, report.summary(), plain)
        sheet.set_row(
            row,
            wrapped_height([report.file, unit.agency if unit else "", "", "", "", "", "", report.summary()], WIDTHS),
        )
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(reports)), len(HEADERS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    write_problems(book, problems)
    book.set_properties({"title": "年度报告审核结果", "comments": "由政务公开年报编辑器生成"})
    book.set_custom_property(SUMMARY_MARK, "review")  # a rerun over the same folder skips it
    book.close()


def export_review(path: str | os.PathLike[str], reports: Sequence[Reviewed]) -> None:
    """Write the review workbook atomically."""
    target = Path(path)
    buffer = io.BytesIO()
    try:
        write_review_book(buffer, reports)
    except (OSError, XlsxWriterException) as exc:
        raise ReportFileError(f"无法写入“{target.name}”：{exc}") from exc
    write_file(target, buffer.getvalue())
