"""Find a template's tables in a grid of cells by their labels, wherever they sit.

Used by every reader that sees tables as cells (Excel, and HTML/Word tables): the reader turns
its input into :class:`CellGrid` objects and this module finds the labels and reads the values.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from model.cellref import CellRef
from model.errors import InvalidValue
from model.place_names import cell_name
from model.template import Table, Template
from model.values import CellKind, Value, check_value, normalize_number_text, parse_value
from readers.import_log import LogEntry, note, warning
from readers.labels import closest_hint, fold, same_label

HEADER_SEARCH_ROWS = 6


def column_letters(column: int) -> str:
    """A spreadsheet column's letters from its 1-based number: 1 → A, 28 → AB."""
    letters = ""
    while column:
        column, rem = divmod(column - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class CellGrid:
    """One sheet (or one document's tables) as cells: (row, column) 0-based → raw value."""

    name: str
    cells: dict[tuple[int, int], object]
    rows: int = 0

    def __post_init__(self) -> None:
        self.rows = max((r for r, _ in self.cells), default=-1) + 1
        self._by_row: dict[int, list[tuple[int, object]]] = {}
        for (r, c), v in sorted(self.cells.items()):
            self._by_row.setdefault(r, []).append((c, v))

    def row_items(self, row: int) -> list[tuple[int, object]]:
        return self._by_row.get(row, [])

    def address(self, row: int, column: int) -> str:
        """The cell as a spreadsheet names it (0-based row and column): ``Sheet1!C5``."""
        return f"{self.name}!{column_letters(column + 1)}{row + 1}"

    def find(
        self, label: str | tuple[str, ...], start_row: int = 0, end_row: int | None = None
    ) -> tuple[int, int] | None:
        """The first cell at or below ``start_row`` saying the label (or one of its variants)."""
        names = (label,) if isinstance(label, str) else label
        for row in range(start_row, self.rows if end_row is None else min(end_row, self.rows)):
            for column, value in self.row_items(row):
                if isinstance(value, str) and any(same_label(value, name) for name in names):
                    return row, column
        return None

    def strings(self, start_row: int, end_row: int) -> list[tuple[str, str]]:
        """(text, address) of the text cells in a band of rows (for "closest printed" hints)."""
        return [
            (v, self.address(r, c))
            for r in range(start_row, min(end_row, self.rows))
            for c, v in self.row_items(r)
            if isinstance(v, str)
        ]


@dataclass
class Placement:
    """Where one table was found: grid, row of each row leaf, column of each column leaf."""

    table: Table
    grid: CellGrid
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    header_cells: list[tuple[int, int]] = field(default_factory=list)
    end_row: int = 0

    @property
    def complete(self) -> bool:
        return not self.missing


def place_table(table: Table, grid: CellGrid, start_row: int) -> Placement:
    """Locate a table's column and row labels in ``grid`` at or below ``start_row``."""
    placement = Placement(table, grid)
    if table.heading:
        anchor = grid.find(table.heading, start_row)
        if anchor is None:
            hint = closest_hint(table.heading, grid.strings(start_row, start_row + 200))
            placement.missing.append(table.heading + hint)
            return placement
        header_rows = range(anchor[0] + 1, anchor[0] + 1 + HEADER_SEARCH_ROWS)
    elif table.row_leaves and table.row_leaves[0].path:
        anchor = grid.find(table.row_leaves[0].names, start_row)
        if anchor is None:
            placement.missing.append(table.row_leaves[0].path[-1])
            return placement
        header_rows = range(max(start_row, anchor[0] - HEADER_SEARCH_ROWS), anchor[0])
    else:
        anchor = grid.find(table.columns[0].label, start_row)
        if anchor is None:
            placement.missing.append(table.columns[0].label)
            return placement
        header_rows = range(anchor[0], anchor[0] + HEADER_SEARCH_ROWS)
    _place_columns(placement, header_rows)
    if placement.missing:
        return placement
    _place_rows(placement, max(h for h, _ in placement.header_cells) + 1)
    return placement


def _place_columns(placement: Placement, header_rows: range) -> None:
    grid, table = placement.grid, placement.table
    candidates: dict[str, list[tuple[int, int]]] = {}
    for leaf in table.column_leaves:
        key = fold(leaf.path[-1])
        if key in candidates:
            continue
        found = []
        for row in header_rows:
            for column, value in grid.row_items(row):
                # a label typed into every cell of its span (a sheet filled down) names its column once
                if (
                    isinstance(value, str)
                    and any(same_label(value, name) for name in leaf.names)
                    and all(c != column for c, _ in found)
                ):
                    found.append((column, row))
        candidates[key] = sorted(found)
    used: dict[str, int] = {}
    for leaf in table.column_leaves:
        key = fold(leaf.path[-1])
        index = used.get(key, 0)
        if index >= len(candidates[key]):
            placement.missing.append("列“" + "·".join(leaf.path) + "”")
            continue
        column, row = candidates[key][index]
        used[key] = index + 1
        placement.columns[leaf.id] = column
        placement.header_cells.append((row, column))


def _place_rows(placement: Placement, first_row: int) -> None:
    grid, table = placement.grid, placement.table
    first_data_column = min(placement.columns.values())
    row = first_row
    for leaf in table.row_leaves:
        if not leaf.path:  # an unlabelled row (table 四): the first row holding only numbers or blanks
            columns = list(placement.columns.values())
            found = next(
                (
                    r
                    for r in range(row, min(grid.rows + 1, row + 4))
                    if all(grid.cells.get((r, c)) is None or _looks_numeric(grid.cells.get((r, c))) for c in columns)
                ),
                None,
            )
        else:
            found = next(
                (
                    r
                    for r in range(row, min(grid.rows, row + 12))
                    for c, v in grid.row_items(r)
                    if c < first_data_column and isinstance(v, str) and any(same_label(v, name) for name in leaf.names)
                ),
                None,
            )
        if found is None:
            hint = closest_hint(leaf.path[-1], grid.strings(row, row + 12)) if leaf.path else ""
            placement.missing.append("行“" + "·".join(leaf.path or ("（数据行）",)) + "”" + hint)
            continue
        placement.rows[leaf.id] = found
        row = found + 1
    placement.end_row = row


def _looks_numeric(value: object) -> bool:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):  # Decimal: from .xls
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"[+\-]?[\d,.]+", normalize_number_text(value)))


def read_value(raw: object, kind: CellKind, template: Template) -> Value:
    """A cell's value as people store it: numbers, numbers as text, full-width, 万元 or 元 amounts."""
    count_max, amount_max = template.count_max, template.amount_max
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InvalidValue(f"“{raw}”不是数字")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise InvalidValue(f"“{raw}”不是数字")
        if kind is CellKind.AMOUNT:
            exact = Decimal(str(raw))
            cents = exact.quantize(Decimal("0.01"))
            if abs(exact - cents) > Decimal("1e-9"):  # binary float noise is fine, a third decimal is not
                raise InvalidValue(f"“{raw}”：金额最多保留两位小数（单位：万元）")
            return check_value(cents, kind, count_max=count_max, amount_max=amount_max)
        if isinstance(raw, float) and not raw.is_integer():
            raise InvalidValue(f"“{raw}”：此处应填整数")
        return check_value(int(raw), kind, count_max=count_max, amount_max=amount_max)
    text = str(raw).strip()
    if kind is CellKind.AMOUNT:
        folded = normalize_number_text(text)
        if folded.endswith("元") and not folded.endswith("万元"):
            try:
                yuan = Decimal(folded[:-1].replace(",", ""))
                in_wan = (yuan / 10000).quantize(Decimal("0.01"))
            except ArithmeticError:
                raise InvalidValue(f"“{text}”不是金额") from None
            return check_value(in_wan, kind, count_max=count_max, amount_max=amount_max)
    if text in ("-", "—", "/", "／", "无"):
        return None
    return parse_value(text, kind, count_max=count_max, amount_max=amount_max)


@dataclass
class TableRead:
    """Values read from a placed table, with the log of where each came from."""

    values: dict[CellRef, Value]
    file_totals: dict[CellRef, tuple[Value, str]]
    log: list[LogEntry]


def read_table(placement: Placement, template: Template) -> TableRead:
    """Read every data cell of a placed table; totals are kept aside to compare, never trusted."""
    table, grid = placement.table, placement.grid
    values: dict[CellRef, Value] = {}
    totals: dict[CellRef, tuple[Value, str]] = {}
    log: list[LogEntry] = []
    for row_leaf in table.row_leaves:
        for column_leaf in table.column_leaves:
            ref = CellRef(table.id, row_leaf.id, column_leaf.id)
            r, c = placement.rows[row_leaf.id], placement.columns[column_leaf.id]
            where = grid.address(r, c)
            raw = grid.cells.get((r, c))
            kind = template.kind_of(ref)
            label = cell_name(template, ref)
            try:
                value = read_value(raw, kind, template)
            except InvalidValue as exc:
                if template.is_total(ref):
                    log.append(warning(f"忽略合计 {where}（{label}）：{exc}"))
                    continue
                raise InvalidValue(f"{where}（{label}）：{exc}") from exc
            if template.is_total(ref):
                totals[ref] = (value, where)
                continue
            values[ref] = value
            log.append(note(f"{where} → {label} = {'' if value is None else value}"))
    return TableRead(values, totals, log)
