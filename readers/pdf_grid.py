"""The ruled tables of a PDF page: its horizontal and vertical strokes joined into grids of cells.

The rules give every cell's box, so a cell without glyphs is a blank cell (kept apart from 0) and a
label spanning rows is one cell. Coordinates are PDF points, y growing upwards.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# Rules closer than this are one rule (Word draws borders as thin filled rectangles; rounding moves them).
SNAP = 2.0
MAX_GRID = 400  # rows or columns of one grid: more is not a report table but a pattern


@dataclass(frozen=True)
class Rule:
    """A stroke along one axis: horizontal ones lie at y=``at`` from x=``start`` to ``end``."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Grid:
    """One ruled table: column edges left to right, row edges top to bottom, and the spanned cells."""

    xs: list[float]
    ys: list[float]  # descending
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)  # first/last row, first/last column
    owner: dict[tuple[int, int], int] = field(default_factory=dict)  # atomic (row, column) → index in cells

    def locate(self, x: float, y: float) -> int | None:
        """The cell holding point (x, y), or None outside the grid."""
        if not (
            self.xs[0] - SNAP / 2 <= x <= self.xs[-1] + SNAP / 2
            and self.ys[-1] - SNAP / 2 <= y <= self.ys[0] + SNAP / 2
        ):
            return None
        column = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect.bisect_right(self.ys, -y, key=lambda v: -v) - 1, 0), len(self.ys) - 2)
        return self.owner.get((row, column))


def _cluster(values: list[float]) -> list[float]:
    """Positions closer than SNAP become one (their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= SNAP:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _merge(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces that touch or overlap become one rule."""
    merged: list[Rule] = []
    for at in _cluster([r.at for r in rules]):
        pieces = sorted((r for r in rules if abs(r.at - at) <= SNAP), key=lambda r: r.start)
        current: Rule | None = None
        for piece in pieces:
            if current is not None and piece.start <= current.end + SNAP:
                current = Rule(current.horizontal, at, current.start, max(current.end, piece.end))
            else:
                if current is not None:
                    merged.append(current)
                current = Rule(piece.horizontal, at, piece.start, piece.end)
        if current is not None:
            merged.append(current)
    return merged


def _crosses(h: Rule, v: Rule) -> bool:
    return h.start - SNAP <= v.at <= h.end + SNAP and v.start - SNAP <= h.at <= v.end + SNAP


def find_grids(rules: list[Rule]) -> list[Grid]:
    """The ruled tables among a page's strokes: connected horizontal and vertical rules."""
    horizontal = _merge([r for r in rules if r.horizontal])
    vertical = _merge([r for r in rules if not r.horizontal])
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_start = sorted(range(len(vertical)), key=lambda j: vertical[j].at)
    starts = [vertical[j].at for j in by_start]
    for i, h in enumerate(horizontal):
        low = bisect.bisect_left(starts, h.start - SNAP)
        high = bisect.bisect_right(starts, h.end + SNAP)
        for j in by_start[low:high]:
            if _crosses(h, vertical[j]):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)
    grids = []
    for hs, vs in groups.values():
        if len(hs) >= 2 and len(vs) >= 2:
            grid = _grid(hs, vs)
            if grid is not None:
                grids.append(grid)
    return grids


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    xs = _cluster([v.at for v in vs])
    ys = sorted(_cluster([h.at for h in hs]), reverse=True)
    # A table drawn without outer side (or top/bottom) borders still ends where its rules end.
    left, right = min(h.start for h in hs), max(h.end for h in hs)
    top, bottom = max(v.end for v in vs), min(v.start for v in vs)
    if left < xs[0] - SNAP:
        xs.insert(0, left)
    if right > xs[-1] + SNAP:
        xs.append(right)
    if top > ys[0] + SNAP:
        ys.insert(0, top)
    if bottom < ys[-1] - SNAP:
        ys.append(bottom)
    rows, columns = len(ys) - 1, len(xs) - 1
    if rows < 2 or columns < 2 or rows > MAX_GRID or columns > MAX_GRID:
        return None  # a frame round a title or a page is not a table
    v_at = {i: [v for v in vs if abs(v.at - x) <= SNAP] for i, x in enumerate(xs)}
    h_at = {i: [h for h in hs if abs(h.at - y) <= SNAP] for i, y in enumerate(ys)}

    def ruled(pieces: list[Rule], middle: float) -> bool:
        return any(p.start - SNAP <= middle <= p.end + SNAP for p in pieces)

    parent = {(r, c): (r, c) for r in range(rows) for c in range(columns)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(columns):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < columns and not ruled(v_at[c + 1], middle_y):
                parent[root((r, c + 1))] = root((r, c))
            if r + 1 < rows and not ruled(h_at[r + 1], middle_x):
                parent[root((r + 1, c))] = root((r, c))
    spans: dict[tuple[int, int], list[int]] = {}
    for r in range(rows):
        for c in range(columns):
            box = spans.setdefault(root((r, c)), [r, r, c, c])
            box[0], box[1] = min(box[0], r), max(box[1], r)
            box[2], box[3] = min(box[2], c), max(box[3], c)
    grid = Grid(xs, ys)
    index_of: dict[tuple[int, int], int] = {}
    for key, box in sorted(spans.items(), key=lambda item: (item[1][0], item[1][2])):
        index_of[key] = len(grid.cells)
        grid.cells.append((box[0], box[1], box[2], box[3]))
    grid.owner = {(r, c): index_of[root((r, c))] for r in range(rows) for c in range(columns)}
    return grid
