"""Rows of a table printed without rules: wrapped labels joined to their numbers, and blank cells
found by where the other rows put their numbers.

A label too long for its column wraps around the line of its numbers (a line above, a line below),
as the cell centres its text; those pieces are the row's label.

A row of an unruled table prints only the numbers it has; the rows around it (the same table: no
heading, header row or paragraph in between) show where every column is, as the spans their
numbers cover. Each number of a sparse row is matched to the one column it overlaps, and the
columns it lacks become blank cells. A row is only changed when the columns are certain (some row
of the table has a number in each) and every one of its numbers finds its own column.

When no row shows every column (table 四's one row with a blank, a table 三 with a column left
empty), the columns are the printed column labels above the table: the lowest label under each
stretch of the header (a group label over several columns is not a column; the pieces of a label
wrapped over two lines are one). Each column reaches halfway to its neighbours' centres; a number
belongs to the column it lies wholly inside. A table running over a page break without its labels
printed again takes the columns it had at the foot of the page before. This is trusted only when
every number of the table finds its own column in order; otherwise the row is left as printed (and
the reader reports it as incomplete, as before).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(r"^[+\-]?\d[\d,]*(\.\d+)?(万元|元)?$")
_HEADING = re.compile(r"^(第二十条|[一二三四五六七八九十]+、)")
NEAR_ROWS = 40  # how far (in printed lines) a fuller row of the same table may be
HEADER_LINES = 10  # how many lines of column labels may stand above a table's first row
PARAGRAPH = 25  # a line of text this long without numbers is running text, not a table row


_LIST_NUMBER = re.compile(r"^(\d+[.、．]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@dataclass(frozen=True)
class PrintedCell:
    text: str
    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@functools.lru_cache(maxsize=4096)
def is_number(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).replace("−", "-")
    return bool(_NUMBER.match("".join(folded.split())))


def _ends_table(cells: list[PrintedCell]) -> bool:
    """A line with no numbers that is a heading, a header row or running text."""
    if any(is_number(c.text) for c in cells):
        return False
    text = "".join(c.text for c in cells)
    return len(cells) > 1 or len(text) >= PARAGRAPH or bool(_HEADING.match(text))


def _numbers(row: list[PrintedCell]) -> list[PrintedCell]:
    return [c for c in row if is_number(c.text)]


def _region(rows: list[list[PrintedCell]], index: int) -> range:
    """The printed rows of the table row ``index`` belongs to: up to a heading, header row or paragraph."""
    first = last = index
    while first > 0 and index - first < NEAR_ROWS and not _ends_table(rows[first - 1]):
        first -= 1
    while last + 1 < len(rows) and last - index < NEAR_ROWS and not _ends_table(rows[last + 1]):
        last += 1
    return range(first, last + 1)


def columns_of(rows: list[list[PrintedCell]]) -> list[tuple[float, float]]:
    """The table's columns, left to right: the spans of numbers that overlap from row to row."""
    spans: list[list[float]] = []
    for cell in sorted((c for row in rows for c in _numbers(row)), key=lambda c: c.left):
        if spans and cell.left <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], cell.right)
        else:
            spans.append([cell.left, cell.right])
    return [(a, b) for a, b in spans]


def _match(numbers: list[PrintedCell], columns: list[tuple[float, float]]) -> list[int] | None:
    """The column of each number, in order and each its own, or None when positions do not agree."""
    chosen: list[int] = []
    for number in numbers:
        inside = [i for i, (left, right) in enumerate(columns) if number.left <= right and left <= number.right]
        if len(inside) != 1 or (chosen and inside[0] <= chosen[-1]):
            return None
        chosen.append(inside[0])
    return chosen


def _header_lines(rows: list[list[PrintedCell]], first: int) -> list[list[PrintedCell]]:
    """The lines of column labels above the printed row ``first`` (the table's first row with
    numbers), nearest first: up to a line with numbers, a heading or running text."""
    lines = []
    for at in range(first - 1, max(first - 1 - HEADER_LINES, -1), -1):
        row = rows[at]
        text = "".join(c.text for c in row)
        if _numbers(row) or _HEADING.match(text) or (len(row) == 1 and len(text) >= PARAGRAPH):
            break
        lines.append(row)
    return lines


def header_columns(lines: list[list[PrintedCell]], labels_end: float) -> list[tuple[float, float]] | None:
    """The table's columns from its column labels (``lines`` nearest the data first), as the spans of
    their lowest labels, left to right; labels over the row labels (left of ``labels_end``) are not
    columns. None when the labels do not make separate columns."""
    found: list[PrintedCell] = []
    pitch = float("inf")  # the narrowest distance between two columns labelled on one line
    for line in lines:
        new = [c for c in line if c.centre > labels_end and not any(_overlap(c, f) for f in found)]
        # Over one column: the upper piece of a wrapped label; over more: a group's label. Over none: a
        # label standing over more header lines (自然人, 总计), unless it sits between two columns, as
        # a group's label over an even number of columns does.
        if found:
            new = [c for c in new if min(abs(c.centre - f.centre) for f in found) > 0.75 * pitch]
        centres = sorted(c.centre for c in new)
        pitch = min([pitch, *(b - a for a, b in itertools.pairwise(centres))])
        found.extend(new)
    if pitch == float("inf"):
        return None
    columns = sorted((c.left, c.right) for c in found)
    if any(a[1] >= b[0] for a, b in itertools.pairwise(columns)):
        return None
    return columns


def _reaches(columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each column's reach: halfway to the centres of the columns beside it."""
    centres = [(a + b) / 2 for a, b in columns]
    if len(centres) < 2:
        return []
    bounds = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    first, last = 2 * centres[0] - bounds[0], 2 * centres[-1] - bounds[-1]
    edges = [first, *bounds, last]
    return list(itertools.pairwise(edges))


def _within(numbers: list[PrintedCell], reaches: list[tuple[float, float]]) -> list[int] | None:
    """The column each number lies wholly inside, in order and each its own, or None."""
    chosen: list[int] = []
    for number in numbers:
        inside = [i for i, (left, right) in enumerate(reaches) if left <= number.left and number.right <= right]
        if len(inside) != 1 or (chosen and inside[0] <= chosen[-1]):
            return None
        chosen.append(inside[0])
    return chosen


@dataclass
class CarriedColumns:
    """The columns of an unruled table that runs on at the foot of a page, for its rows on the next
    page when their column labels are not printed again there."""

    reaches: list[tuple[float, float]] | None = None


class _HeaderColumns:
    """The columns the labels above a table name, worked out once per table (a page of a thousand
    rows asks for each row)."""

    def __init__(
        self, rows: list[list[PrintedCell]], numbers: list[list[PrintedCell]], carried: CarriedColumns | None
    ) -> None:
        self.rows, self.numbers = rows, numbers
        self.carried = carried.reaches if carried else None
        self.reaches: dict[tuple[int, float], list[tuple[float, float]] | None] = {}
        self.placed: dict[tuple[int, float, int], list[int] | None] = {}

    def _reaches_above(self, first: int, labels_end: float) -> list[tuple[float, float]] | None:
        key = (first, labels_end)
        if key not in self.reaches:
            lines = _header_lines(self.rows, first)
            columns = header_columns(lines, labels_end)
            reaches = _reaches(columns) if columns else []
            if not columns and len(lines) == first and self.carried:
                reaches = self.carried  # the table's first rows on this page, under no labels of their own
            self.reaches[key] = reaches if reaches and labels_end < reaches[0][0] else None
        return self.reaches[key]

    def place(self, region: range, index: int) -> tuple[list[tuple[float, float]], list[int]] | None:
        """The reaches of the columns the labels above the table ``region`` name, and the column of each
        number of row ``index``, when every number of the table lies inside one of them, in order."""
        with_numbers = [i for i in region if self.numbers[i]]
        labels_end = max(
            (c.right for i in with_numbers for c in self.rows[i] if not is_number(c.text)), default=float("-inf")
        )
        reaches = self._reaches_above(with_numbers[0], labels_end)
        if reaches is None:
            return None
        for i in with_numbers:
            key = (with_numbers[0], labels_end, i)
            if key not in self.placed:
                self.placed[key] = _within(self.numbers[i], reaches)
            if self.placed[key] is None:
                return None
        chosen = self.placed[(with_numbers[0], labels_end, index)]
        assert chosen is not None
        return reaches, chosen


def fill_blank_columns(
    rows: list[list[PrintedCell]], carried: CarriedColumns | None = None
) -> list[tuple[str, ...] | None]:
    """For each printed row (top to bottom), its cells with blanks where a column has no number, or
    None where the row is complete or cannot be placed. ``carried`` brings the columns of a table
    the page before ended in, and takes this page's to the next."""
    filled: list[tuple[str, ...] | None] = [None] * len(rows)
    numbers_of = [_numbers(row) for row in rows]
    by_header = _HeaderColumns(rows, numbers_of, carried)
    for index, row in enumerate(rows):
        numbers = numbers_of[index]
        if not numbers:
            continue
        area = _region(rows, index)
        region = [rows[i] for i in area]
        columns = columns_of(region)
        # Columns are trusted only when some row fills every one of them: numbers that do not line up
        # from row to row split into more spans than any row has numbers.
        if not len(numbers) < len(columns) == max(len(numbers_of[i]) for i in area):
            placed = by_header.place(area, index)
            if placed is not None and len(numbers) < len(placed[0]):
                labels = [c.text for c in row if not is_number(c.text)]
                cells = labels + [""] * len(placed[0])
                for number, column in zip(numbers, placed[1], strict=True):
                    cells[len(labels) + column] = number.text
                filled[index] = tuple(cells)
            continue
        labels = [c for c in row if not is_number(c.text)]
        if labels and max(c.right for c in labels) > columns[0][0]:
            continue  # a label reaching into the first column: this row is laid out otherwise
        chosen = _match(numbers, columns)
        if chosen is None:
            continue
        cells = [c.text for c in labels] + [""] * len(columns)
        for number, column in zip(numbers, chosen, strict=True):
            cells[len(labels) + column] = number.text
        filled[index] = tuple(cells)
    if carried is not None:
        carried.reaches = None
        last = next((i for i in reversed(range(len(rows))) if numbers_of[i]), None)
        if last is not None and _region(rows, last).stop == len(rows):  # the table runs to the foot of the page
            placed = by_header.place(_region(rows, last), last)
            carried.reaches = placed[0] if placed else None
    return filled


@dataclass
class PrintedRow:
    """One printed line: its cells, and its top and bottom (y grows upwards)."""

    cells: list[PrintedCell]
    top: float
    bottom: float
    joined: bool = False  # taken into the row of its numbers as a piece of a wrapped label

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)


def _label_piece(row: PrintedRow, numbers_from: float) -> PrintedCell | None:
    cell = row.cells[0] if len(row.cells) == 1 else None
    if cell is None or row.joined or is_number(cell.text) or cell.right >= numbers_from:
        return None
    return cell


def _overlap(a: PrintedCell, b: PrintedCell) -> bool:
    return a.left <= b.right and b.left <= a.right


def _piece_near(
    rows: list[PrintedRow], index: int, step: int, numbers_from: float, own: PrintedCell | None
) -> int | None:
    """The nearest label piece above (step -1) or below (+1) the line ``index``: in the line's label
    column when it has one, passing over pieces of other columns (a group label beside it), and
    not farther than two lines."""
    row = rows[index]
    for distance in (1, 2):
        at = index + step * distance
        if not 0 <= at < len(rows):
            return None
        piece = _label_piece(rows[at], numbers_from)
        if piece is None:
            return None
        gap = rows[at].bottom - row.top if step < 0 else row.bottom - rows[at].top
        if gap > (distance - 0.2) * row.height:
            return None
        if own is None or _overlap(piece, own):
            return at
    return None


def join_wrapped_labels(rows: list[PrintedRow], only: set[int]) -> None:
    """Give each line ``only`` names the rest of its label printed around it: the piece just above (unless
    the line's own label starts with a list number) and the piece just below (unless that one starts
    a new numbered label), each in the label's column. Pieces taken are marked ``joined``."""
    for index, row in enumerate(rows):
        numbers = [c for c in row.cells if is_number(c.text)]
        labels = [c for c in row.cells if not is_number(c.text)]
        if index not in only or not numbers or len(labels) > 1 or (labels and row.cells[0] is not labels[0]):
            continue
        own = labels[0] if labels else None
        start = numbers[0].left
        above_at = _piece_near(rows, index, -1, start, own)
        if own and _LIST_NUMBER.match(own.text):
            above_at = None
        below_at = _piece_near(rows, index, 1, start, own)
        if below_at is not None and _LIST_NUMBER.match(rows[below_at].cells[0].text):
            below_at = None
        above = rows[above_at].cells[0] if above_at is not None else None
        below = rows[below_at].cells[0] if below_at is not None else None
        anchor = own or above or below
        pieces = [p for p in (above, own, below) if p is not None and _overlap(p, anchor)]
        if (len(pieces) < 2 and own is not None) or not pieces:
            continue
        for at, piece in ((above_at, above), (below_at, below)):
            if at is not None and piece in pieces:
                rows[at].joined = True
        label = PrintedCell("".join(p.text for p in pieces), min(p.left for p in pieces), max(p.right for p in pieces))
        row.cells = [label, *numbers]


def table_rows(rows: list[PrintedRow], carried: CarriedColumns | None = None) -> list[tuple[str, ...] | None]:
    """The cells of each printed row that lacks numbers in some columns: its whole label, then one
    cell per column (blank where nothing is printed); None for the other rows, which stay as printed
    (a full row reads correctly as it is, wrapped label and all)."""
    filled = fill_blank_columns([row.cells for row in rows], carried)
    sparse = {i for i, cells in enumerate(filled) if cells is not None}
    before = {i: sum(1 for c in rows[i].cells if not is_number(c.text)) for i in sparse}
    join_wrapped_labels(rows, sparse)
    for i in sparse:
        cells = filled[i]
        assert cells is not None
        labels = tuple(c.text for c in rows[i].cells if not is_number(c.text))
        filled[i] = labels + cells[before[i] :]
    return filled
