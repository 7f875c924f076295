"""What an import read, ignored and doubted, one entry per line, each marked note or warning.

The level travels with the entry, so the GUI's summary and the CLI show the warnings without
guessing them from the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from model.cellref import CellRef
from model.template import Template

WARNING_MARK = "警告："


class Level(str, Enum):
    NOTE = "note"  # where a value came from, which layout was recognised
    WARNING = "warning"  # something the user should look at before trusting the report


@dataclass(frozen=True)
class LogEntry:
    text: str
    level: Level = Level.NOTE

    def __str__(self) -> str:
        return self.text


def note(text: str) -> LogEntry:
    """An entry that only records what was done."""
    return LogEntry(text, Level.NOTE)


def warning(text: str) -> LogEntry:
    """An entry the user should read: a value not taken, a total contradicted, a guess made.
    Its text starts with 警告 wherever it is shown."""
    return LogEntry(text if text.startswith("警告") else WARNING_MARK + text, Level.WARNING)


def table_name(template: Template, table_id: str) -> str:
    """表三, 表四, 表二（第二十条第（一）项）: how the log names a table."""
    table = template.table(table_id)
    return f"表{table.title.split('、', 1)[0]}" + (f"（{table.heading}）" if table.heading else "")


def cell_name(template: Template, ref: CellRef) -> str:
    """A cell named by its table, its row and its whole column group, e.g.
    表四·行政诉讼·复议后起诉·总计 or 表三·（三）不予公开·1.属于国家秘密·法人或其他组织·商业企业."""
    table = template.table(ref.table)
    row = table.row(ref.row).path[-2:]
    column = list(table.column(ref.column).path)
    # an outer header over every column (申请人情况) names nothing in particular
    if len(column) > 1 and all(len(c.path) > 1 and c.path[0] == column[0] for c in table.column_leaves):
        column = column[1:]
    return "·".join([table_name(template, ref.table), *row, *column])


def summary(values_placed: int, log: list[LogEntry]) -> str:
    """The one line an import ends with: values placed, warnings, notes."""
    warnings = sum(entry.level is Level.WARNING for entry in log)
    notes = len(log) - warnings
    return f"导入完成：填入{values_placed}个数值，{warnings}条警告，{notes}条说明"
