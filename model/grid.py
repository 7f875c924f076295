"""The printed shape of a table as a grid of spanned cells, shared by every view.

The editor's grid, the Excel writer and the PDF writer all draw a table the same way: column
headers as spanned rows on top, row labels as spanned columns on the left, the template's corner
text in the top-left block, data cells in the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from model.cellref import CellRef
from model.template import HeaderNode, Table


class Part(str, Enum):
    CORNER = "corner"
    COLUMN_HEADER = "column_header"
    ROW_HEADER = "row_header"
    DATA = "data"


@dataclass(frozen=True)
class GridCell:
    """One visible cell: its top-left position, its span, what it is, its text or data address."""

    row: int
    column: int
    row_span: int
    column_span: int
    part: Part
    text: str = ""
    ref: CellRef | None = None


@dataclass(frozen=True)
class GridLayout:
    """A table laid out as a grid; ``header_rows`` and ``label_columns`` frame the data block."""

    table: Table
    rows: int
    columns: int
    header_rows: int
    label_columns: int
    cells: tuple[GridCell, ...]

    def data_position(self, ref: CellRef) -> tuple[int, int]:
        """Grid (row, column) of a data cell."""
        row = next(i for i, leaf in enumerate(self.table.row_leaves) if leaf.id == ref.row)
        column = next(i for i, leaf in enumerate(self.table.column_leaves) if leaf.id == ref.column)
        return self.header_rows + row, self.label_columns + column

    def ref_at(self, row: int, column: int) -> CellRef | None:
        """The data cell at a grid position, or None for headers and labels."""
        r, c = row - self.header_rows, column - self.label_columns
        if 0 <= r < len(self.table.row_leaves) and 0 <= c < len(self.table.column_leaves):
            return CellRef(self.table.id, self.table.row_leaves[r].id, self.table.column_leaves[c].id)
        return None

    def spans(self) -> list[GridCell]:
        return [c for c in self.cells if c.row_span > 1 or c.column_span > 1]


def _leaf_count(node: HeaderNode) -> int:
    return 1 if node.is_leaf else sum(_leaf_count(c) for c in node.children)


def _depth(nodes: tuple[HeaderNode, ...]) -> int:
    labelled = [n for n in nodes if n.label or n.children]
    return max((n.depth() for n in labelled), default=0)


def layout_table(table: Table) -> GridLayout:
    """Lay a table out as the official form prints it."""
    header_rows = _depth(table.columns)
    label_columns = _depth(table.rows)
    cells: list[GridCell] = []
    if header_rows and label_columns:
        cells.append(GridCell(0, 0, header_rows, label_columns, Part.CORNER, table.corner))

    def place_columns(nodes: tuple[HeaderNode, ...], level: int, start: int) -> None:
        column = start
        for node in nodes:
            width = _leaf_count(node)
            height = header_rows - level if node.is_leaf else 1
            cells.append(GridCell(level, label_columns + column, height, width, Part.COLUMN_HEADER, node.label))
            if not node.is_leaf:
                place_columns(node.children, level + 1, column)
            column += width

    def place_rows(nodes: tuple[HeaderNode, ...], level: int, start: int) -> None:
        row = start
        for node in nodes:
            height = _leaf_count(node)
            width = label_columns - level if node.is_leaf else 1
            if node.label or node.children:
                cells.append(GridCell(header_rows + row, level, height, width, Part.ROW_HEADER, node.label))
            if not node.is_leaf:
                place_rows(node.children, level + 1, row)
            row += height

    place_columns(table.columns, 0, 0)
    place_rows(table.rows, 0, 0)
    for r, row_leaf in enumerate(table.row_leaves):
        for c, column_leaf in enumerate(table.column_leaves):
            ref = CellRef(table.id, row_leaf.id, column_leaf.id)
            cells.append(GridCell(header_rows + r, label_columns + c, 1, 1, Part.DATA, ref=ref))
    return GridLayout(
        table,
        header_rows + len(table.row_leaves),
        label_columns + len(table.column_leaves),
        header_rows,
        label_columns,
        tuple(cells),
    )
