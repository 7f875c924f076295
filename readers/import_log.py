"""What an import read, ignored and doubted, one entry per line, each marked note or warning.

The level travels with the entry, so the GUI's summary and the CLI show the warnings without
guessing them from the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

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


def summary(values_placed: int, log: list[LogEntry]) -> str:
    """The one line an import ends with: values placed, warnings, notes."""
    warnings = sum(entry.level is Level.WARNING for entry in log)
    notes = len(log) - warnings
    return f"导入完成：填入{values_placed}个数值，{warnings}条警告，{notes}条说明"
