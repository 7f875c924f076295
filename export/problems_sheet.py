"""The 问题清单 sheet shared by the 汇总 detail workbook and the 审核 workbook: one row per check result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xlsxwriter import Workbook

from export.row_height import wrapped_height
from model.aggregate import cell_label
from model.rules import ERROR, RuleResult
from model.template import Template

PROBLEMS_SHEET = "问题清单"
HEADERS = ("单位", "规则", "说明", "单元格", "级别", "文件")
WIDTHS = (18, 6, 60, 30, 6, 24)
CELLS_SHOWN = 3  # B1 names every blank cell; the message already says how many


@dataclass(frozen=True)
class Problem:
    """One check result of one report, as a row."""

    agency: str
    rule: str
    message: str
    cells: str
    severity: str
    source: str


def problems_of(agency: str, source: str, template: Template, results: Iterable[RuleResult]) -> list[Problem]:
    """The rows of one report's check results, cells named by their printed labels."""
    return [
        Problem(
            agency,
            r.rule,
            r.message,
            "；".join(cell_label(template, ref) for ref in r.cells[:CELLS_SHOWN])
            + (f"等{len(r.cells)}格" if len(r.cells) > CELLS_SHOWN else ""),
            "错误" if r.severity == ERROR else "提示",
            source,
        )
        for r in results
    ]


def write_problems(book: Workbook, problems: Iterable[Problem], *, name: str = PROBLEMS_SHEET) -> None:
    """Add the sheet: a frozen, filterable header and one row per problem (errors in red)."""
    sheet = book.add_worksheet(name)
    header = book.add_format({"bold": True, "bg_color": "#EEF1F6", "border": 1, "text_wrap": True})
    plain = book.add_format({"text_wrap": True, "valign": "top"})
    error = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#9C0006"})
    for column, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.write_string(0, column, title, header)
        sheet.set_column(column, column, width)
    row = 0
    for row, problem in enumerate(problems, start=1):
        fmt = error if problem.severity == "错误" else plain
        values = (problem.agency, problem.rule, problem.message, problem.cells, problem.severity, problem.source)
        for column, value in enumerate(values):
            sheet.write_string(row, column, value, fmt)
        sheet.set_row(row, wrapped_height(values, WIDTHS))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row, 1), len(HEADERS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
