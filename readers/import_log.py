"""What an import read, ignored and doubted, one entry per line, each marked note or warning.

The level travels with the entry, so the GUI's summary and the CLI show the warnings without
guessing them from the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
    """An entry the user should read: a value not taken, a total contradicted, a guess made."""
    return LogEntry(text, Level.WARNING)
