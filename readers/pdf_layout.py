"""A PDF page's glyphs and ruling lines turned back into text lines and table rows.

A PDF keeps no paragraphs and no tables, only where each glyph and each stroke is. Glyphs inside a
ruled grid (:mod:`readers.pdf_grid`) become its cells, a cell without glyphs a blank one. Glyphs
outside any grid are grouped into lines by position, with where each starts and ends kept so
paragraphs can be rebuilt (:mod:`readers.pdf_pages`); a line with wide gaps is split into cells as
``pdftotext -layout`` would (:mod:`readers.pdf_unruled`). Coordinates are PDF points, y upwards.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from readers.lines import Line
from readers.pdf_grid import Rule, find_grids
from readers.pdf_unruled import CarriedColumns, PrintedCell, PrintedRow, table_rows

# A gap wider than this many line heights separates two cells of a row printed without rules
# (pdftotext -layout splits at two spaces; glyphs of one word or one Chinese line sit closer).
CELL_GAP = 0.8
# What offices print in a cell they leave empty; the value reader takes each as blank, and so is the cell.
BLANK_MARKS = frozenset({"-", "—", "－", "–", "——", "/", "／", "\\"})
ANGLE_TOLERANCE = 0.05  # radians: text at another angle than the page's is a watermark or a stamp
# Page numbers as printed: 3, - 3 -, — 3 —, 第3页, 第3页共10页, 3/10, Page 3 of 10.
_PAGE_NUMBER = re.compile(
    r"^[-—－–]*(第?\d{1,3}页?(共\d{1,3}页)?|\d{1,3}/\d{1,3}|(page)?\d{1,3}(of\d{1,3})?)[-—－–]*$", re.IGNORECASE
)
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# A space a PDF holds between Chinese and a number (2024 年) is typesetting, not text.
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef\d])|(?<=\d) (?=[\u3000-\u9fff])"
)


@dataclass(frozen=True)
class Glyph:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    angle: float = 0.0  # of the baseline, in radians clockwise (as PDFium gives it)

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)


def upright(glyphs: list[Glyph], rules: list[Rule]) -> tuple[list[Glyph], list[Rule]]:
    """The page turned so its text reads left to right: a landscape table printed turned on a
    portrait page is turned back; glyphs at any other angle (a diagonal watermark) are left out."""
    quarters = [round(g.angle / (math.pi / 2)) % 4 for g in glyphs]
    if not quarters:
        return glyphs, rules
    turn = max(range(4), key=quarters.count)
    kept = [
        g
        for g, q in zip(glyphs, quarters, strict=True)
        if q == turn and abs(math.remainder(g.angle - turn * math.pi / 2, 2 * math.pi)) < ANGLE_TOLERANCE
    ]
    if turn == 0:
        return kept, rules

    def point(x: float, y: float) -> tuple[float, float]:
        for _ in range(turn):
            x, y = -y, x  # a quarter turn anticlockwise undoes one clockwise
        return x, y

    turned = []
    for g in kept:
        (x0, y0), (x1, y1) = point(g.left, g.bottom), point(g.right, g.top)
        turned.append(Glyph(g.text, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    turned_rules = []
    for r in rules:
        a = point(r.start, r.at) if r.horizontal else point(r.at, r.start)
        b = point(r.end, r.at) if r.horizontal else point(r.at, r.end)
        if abs(a[1] - b[1]) < abs(a[0] - b[0]):
            turned_rules.append(Rule(True, a[1], min(a[0], b[0]), max(a[0], b[0])))
        else:
            turned_rules.append(Rule(False, a[0], min(a[1], b[1]), max(a[1], b[1])))
    return turned, turned_rules


def _rows_of_glyphs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into printed lines (top to bottom), each sorted left to right."""
    lines: list[list[Glyph]] = []
    middles: list[float] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.middle, g.left)):
        if lines and abs(middles[-1] - glyph.middle) < 0.45 * max(glyph.height, lines[-1][0].height):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            middles.append(glyph.middle)
    for line in lines:
        line.sort(key=lambda g: g.left)
    return lines


def line_height(glyphs: list[Glyph]) -> float:
    """The typical glyph height of a line (a quote or a digit from a fallback font may stand taller)."""
    heights = sorted(g.height for g in glyphs if g.text != " ") or [glyphs[0].height]
    return heights[len(heights) // 2]


def _join(glyphs: list[Glyph]) -> str:
    """A run of glyphs as text, with the spaces the PDF itself holds (runs of them as one)."""
    return _CJK_SPACE.sub("", " ".join("".join(g.text for g in glyphs).split()))


def _split_cells(line: list[Glyph]) -> list[list[Glyph]]:
    """A line cut where the gap between two printed glyphs (spaces aside) is wider than CELL_GAP lines."""
    height = line_height(line)
    cells: list[list[Glyph]] = [[]]
    last_right: float | None = None
    for glyph in line:
        if glyph.text == " ":
            cells[-1].append(glyph)
            continue
        if last_right is not None and glyph.left - last_right > CELL_GAP * height:
            cells.append([])
        cells[-1].append(glyph)
        last_right = glyph.right
    return [cell for cell in cells if _join(cell)]


def cell_text(glyphs: list[Glyph]) -> str:
    """The text of one table cell: its lines joined (a wrapped Chinese label joins without a space).
    Runs far apart on one line stay apart (a grid missing a rule must not glue 16 and 7 into 167)."""
    parts: list[str] = []
    for line in _rows_of_glyphs(glyphs):
        text = " ".join(_join(run) for run in _split_cells(line))
        if not text:
            continue
        if parts and not (_CJK.match(parts[-1][-1]) or _CJK.match(text[0])):
            parts.append(" ")
        parts.append(text)
    return "".join(parts)


@dataclass(frozen=True)
class Placed:
    """A line of the page with where it starts and ends, for ordering and for paragraphs."""

    top: float
    left: float
    height: float
    line: Line
    right: float = 0.0


def layout_page(
    glyphs: list[Glyph], rules: list[Rule], page: int, carried: CarriedColumns | None = None
) -> list[Placed]:
    """The page's table rows (cells in order, blank ones as "") and its other lines, top to bottom.
    ``carried`` passes the columns of an unruled table running over a page break on to the next page."""
    grids = find_grids(rules)
    in_cell: dict[tuple[int, int], list[Glyph]] = {}
    free: list[Glyph] = []
    for glyph in glyphs:
        x = (glyph.left + glyph.right) / 2
        for number, grid in enumerate(grids):
            cell = grid.locate(x, glyph.middle)
            if cell is not None:
                in_cell.setdefault((number, cell), []).append(glyph)
                break
        else:
            free.append(glyph)
    placed: list[Placed] = []
    for number, grid in enumerate(sorted(grids, key=lambda g: -g.ys[0]), 1):
        original = grids.index(grid)
        rows: dict[int, list[tuple[int, str]]] = {}
        for index, (first_row, _, first_column, _) in enumerate(grid.cells):
            text = cell_text(in_cell.get((original, index), []))
            text = "" if text in BLANK_MARKS else text
            rows.setdefault(first_row, []).append((first_column, text))
        for row, cells in sorted(rows.items()):
            texts = tuple(text for _, text in sorted(cells))
            if any(texts):
                where = f"第{page}页表{number}第{row + 1}行"
                line = Line(texts, " ".join(t for t in texts if t), where, exact_cells=True)
                placed.append(Placed(grid.ys[row], grid.xs[0], grid.ys[row] - grid.ys[row + 1], line))
    printed: list[tuple[int, list[Glyph], PrintedRow]] = []
    for number, glyph_line in enumerate(_rows_of_glyphs(free), 1):
        cells = []
        for run in _split_cells(glyph_line):
            shown = [g for g in run if g.text != " "]
            cells.append(PrintedCell(_join(run), shown[0].left, shown[-1].right))
        if not cells or _PAGE_NUMBER.match("".join("".join(c.text for c in cells).split())):
            continue
        top, bottom = max(g.top for g in glyph_line), min(g.bottom for g in glyph_line)
        printed.append((number, glyph_line, PrintedRow(cells, top, bottom)))
    filled = table_rows([row for _, _, row in printed], carried)
    for (number, glyph_line, row), with_blanks in zip(printed, filled, strict=True):
        if row.joined:
            continue
        texts = [c.text for c in row.cells]
        where = f"第{page}页第{number}行"
        if with_blanks is not None:
            line = Line(with_blanks, " ".join(texts), where, exact_cells=True)
        else:
            line = Line(tuple(texts) if len(texts) > 1 else (), " ".join(texts), where)
        placed.append(Placed(row.top, row.cells[0].left, line_height(glyph_line), line, row.cells[-1].right))
    placed.sort(key=lambda p: -p.top)
    return placed
