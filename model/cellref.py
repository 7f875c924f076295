"""The address of one data cell: table id, row id, column id (all from the template)."""

from __future__ import annotations

from typing import NamedTuple


class CellRef(NamedTuple):
    """A data cell of a table. Serialised as ``table/row/column``."""

    table: str
    row: str
    column: str

    def key(self) -> str:
        return f"{self.table}/{self.row}/{self.column}"

    @classmethod
    def from_key(cls, key: str) -> CellRef:
        parts = key.split("/")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"bad cell key {key!r}")
        return cls(*parts)
