"""An official table drawn as a ruled grid of spanned cells, splitting across pages by rows.

Column headers repeat at the top of every page the table continues on. A page break prefers a row
boundary that no row label spans; only a group of rows taller than a page is cut inside a span,
and then the label is printed again in each part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from export.cjk_lines import wrap
from export.page_flow import SLACK
from export.text_block import BASELINE_BELOW_MIDDLE, TextStyle
from model.cellref import CellRef
from model.grid import GridLayout, Part

PADDING_X = 2.5
PADDING_Y = 3.0
RULE_WIDTH = 0.6


@dataclass(frozen=True)
class TableCell:
    row: int
    column: int
    row_span: int
    column_span: int
    lines: tuple[str, ...]
    align: str  # "left", "center" or "right"
    size: float


@dataclass(frozen=True)
class TableGeometry:
    """Where every rule and line of text goes, computed once for the whole table."""

    column_x: tuple[float, ...]  # left edge of each column and the right edge of the last
    row_heights: tuple[float, ...]
    header_rows: int
    cells: tuple[TableCell, ...]
    breaks: frozenset[int]  # rows a page may start with without cutting a spanned label
    style: TextStyle

    @property
    def header_height(self) -> float:
        return sum(self.row_heights[: self.header_rows])

    def next_break(self, row: int) -> int:
        return min((b for b in self.breaks if b > row), default=len(self.row_heights))


@dataclass(frozen=True)
class TableBlock:
    """Rows ``start``..``end`` of a table's body, under the table's header rows."""

    geometry: TableGeometry
    start: int
    end: int
    space_before: float = 0.0
    keep_with_next: bool = False

    @property
    def height(self) -> float:
        return self.geometry.header_height + sum(self.geometry.row_heights[self.start : self.end])

    def min_height(self, frame: float) -> float:
        if self.height <= frame:
            return self.height  # a table that fits on a page is printed whole, as the official form
        g = self.geometry
        first_group = sum(g.row_heights[self.start : min(g.next_break(self.start), self.end)])
        return min(g.header_height + first_group, frame)

    def split(self, available: float, frame: float) -> tuple[TableBlock, TableBlock] | None:
        if self.height <= frame:
            return None
        g = self.geometry
        used = g.header_height
        best_break = best_row = None
        for row in range(self.start + 1, self.end):
            used += g.row_heights[row - 1]
            if used > available + SLACK:
                break
            best_row = row
            if row in g.breaks:
                best_break = row
        cut = best_break
        if cut is None:
            group_end = min(g.next_break(self.start), self.end)
            if g.header_height + sum(g.row_heights[self.start : group_end]) <= frame:
                return None  # the first group fits whole on the next page
            cut = best_row
        if cut is None:
            return None
        return replace(self, end=cut, keep_with_next=False), replace(self, start=cut, space_before=0.0)

    def draw(self, canvas: Any, x: float, top: float) -> None:
        g = self.geometry
        tops: dict[int, float] = {}
        y = top
        for row in [*range(g.header_rows), *range(self.start, self.end)]:
            tops[row] = y
            y -= g.row_heights[row]
        rules = canvas.beginPath()
        style = g.style
        canvas.setFont(style.font, style.size)
        current_size = style.size
        for cell in g.cells:
            shown = [r for r in range(cell.row, cell.row + cell.row_span) if r in tops]
            if not shown:
                continue
            cell_top = tops[shown[0]]
            bottom = tops[shown[-1]] - g.row_heights[shown[-1]]
            left = x + g.column_x[cell.column]
            width = g.column_x[cell.column + cell.column_span] - g.column_x[cell.column]
            rules.rect(left, bottom, width, cell_top - bottom)
            if not cell.lines:
                continue
            if cell.size != current_size:
                canvas.setFont(style.font, cell.size)
                current_size = cell.size
            block_top = (cell_top + bottom + len(cell.lines) * style.leading) / 2
            for i, line in enumerate(cell.lines):
                baseline = block_top - (i + 0.5) * style.leading - BASELINE_BELOW_MIDDLE * cell.size
                if cell.align == "center":
                    canvas.drawCentredString(left + width / 2, baseline, line)
                elif cell.align == "right":
                    canvas.drawRightString(left + width - PADDING_X, baseline, line)
                else:
                    canvas.drawString(left + PADDING_X, baseline, line)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.drawPath(rules, stroke=1, fill=0)


def _row_heights(rows: int, cells: Sequence[TableCell], leading: float) -> list[float]:
    """Each row as tall as its tallest single-row cell; a spanned label that needs more grows its rows."""
    heights = [leading + 2 * PADDING_Y] * rows
    for cell in cells:
        if cell.row_span == 1:
            heights[cell.row] = max(heights[cell.row], len(cell.lines) * leading + 2 * PADDING_Y)
    for cell in sorted((c for c in cells if c.row_span > 1), key=lambda c: c.row_span):
        span = range(cell.row, cell.row + cell.row_span)
        short = len(cell.lines) * leading + 2 * PADDING_Y - sum(heights[r] for r in span)
        if short > 0:
            for r in span:
                heights[r] += short / cell.row_span
    return heights


def build_table(
    layout: GridLayout,
    widths: Sequence[float],
    style: TextStyle,
    data_text: Callable[[CellRef], str],
    *,
    space_before: float = 0.0,
    keep_with_next: bool = False,
) -> TableBlock:
    """Lay out a template table: labels wrapped in their spans, data right-aligned (shrunk if too wide)."""
    column_x = [0.0]
    for width in widths:
        column_x.append(column_x[-1] + width)
    covered: set[tuple[int, int]] = set()
    cells: list[TableCell] = []
    for grid_cell in layout.cells:
        room = column_x[grid_cell.column + grid_cell.column_span] - column_x[grid_cell.column] - 2 * PADDING_X
        size = style.size
        lines: tuple[str, ...]
        if grid_cell.part is Part.DATA:
            assert grid_cell.ref is not None
            text = data_text(grid_cell.ref)
            natural = style.measure(text)
            if natural > room:
                size = style.size * room / natural  # shrink to fit, as a spreadsheet would
            lines, align = ((text,) if text else ()), "right"
        else:
            single_label = grid_cell.part is Part.ROW_HEADER and grid_cell.row_span == 1
            align = "left" if single_label else "center"
            lines = tuple(wrap(grid_cell.text, room, style.measure)) if grid_cell.text else ()
        cells.append(
            TableCell(grid_cell.row, grid_cell.column, grid_cell.row_span, grid_cell.column_span, lines, align, size)
        )
        for r in range(grid_cell.row, grid_cell.row + grid_cell.row_span):
            for c in range(grid_cell.column, grid_cell.column + grid_cell.column_span):
                covered.add((r, c))
    # Positions no header names (a label-less row group) still get their ruled box.
    cells.extend(
        TableCell(r, c, 1, 1, (), "left", style.size)
        for r in range(layout.rows)
        for c in range(layout.columns)
        if (r, c) not in covered
    )
    breaks = set(range(layout.header_rows + 1, layout.rows))
    for cell in cells:
        if cell.row_span > 1 and cell.row >= layout.header_rows:
            breaks -= set(range(cell.row + 1, cell.row + cell.row_span))
    geometry = TableGeometry(
        tuple(column_x),
        tuple(_row_heights(layout.rows, cells, style.leading)),
        layout.header_rows,
        tuple(cells),
        frozenset(breaks),
        style,
    )
    return TableBlock(geometry, layout.header_rows, layout.rows, space_before, keep_with_next)
