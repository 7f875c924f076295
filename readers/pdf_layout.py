"""A PDF page's glyphs and ruling lines turned back into text lines and table rows.

A PDF keeps no paragraphs and no tables, only where each glyph and each stroke is. Tables of these
reports are ruled grids: the rules give every cell's box, so a cell without glyphs is a blank cell
(kept apart from 0), and a label spanning rows is one cell. Glyphs outside any grid are grouped into
lines by position, with the indent kept so paragraphs can be rebuilt; a line with wide gaps is split
into cells as ``pdftotext -layout`` would. All coordinates are PDF points, y growing upwards.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from readers.lines import Line
from readers.pdf_unruled import PrintedCell, PrintedRow, table_rows

# Rules closer than this are one rule (Word draws borders as thin filled rectangles; rounding moves them).
SNAP = 2.0
# A gap wider than this many line heights separates two cells of a row printed without rules
# (pdftotext -layout splits at two spaces; glyphs of one word or one Chinese line sit closer).
CELL_GAP = 0.8
# What offices print in a cell they leave empty; the value reader takes each as blank, and so is the cell.
BLANK_MARKS = frozenset({"-", "—", "－", "–", "——", "/", "／", "\\"})
ANGLE_TOLERANCE = 0.05  # radians: text at another angle than the page's is a watermark or a stamp
TITLE_LINES = 3  # a title wraps over two lines, three at most
# A title needing no line above: an agency (two Chinese characters or more) before the year, or right
# after it (2019年某某办公厅政府信息公开…), and 报告 at the end.
_WHOLE_TITLE = re.compile(
    r"[\u4e00-\u9fff）)]{2}(19|20)\d{2}年.*报告|^(19|20)\d{2}年(?!度?政府信息公开)度?[\u4e00-\u9fff]{2}.*报告"
)
MAX_GRID = 400  # rows or columns of one grid: more is not a report table but a pattern
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
    """The text of one table cell: its lines joined (a wrapped Chinese label joins without a space)."""
    parts: list[str] = []
    for line in _rows_of_glyphs(glyphs):
        text = _join(line)
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


def layout_page(glyphs: list[Glyph], rules: list[Rule], page: int) -> list[Placed]:
    """The page's table rows (cells in order, blank ones as "") and its other lines, top to bottom."""
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
    filled = table_rows([row for _, _, row in printed])
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


def with_indents(pages: list[list[Placed]]) -> list[Line]:
    """Every page's lines in order, each free line's indent counted in characters from the text margin
    (the left edge most full lines share), so the reader can tell a new paragraph from a wrapped one.
    The title, printed larger and wrapped by the page width, becomes one line again."""
    free = [p for page in pages for p in page if not p.line.exact_cells]
    full = [p for p in free if len(p.line.text) >= 12] or free
    margin = min((p.left for p in full), default=0.0)
    running_text = [p.height for p in full if not p.line.cells] or [p.height for p in full]
    body = sorted(running_text)[len(running_text) // 2] if running_text else 0.0
    running = _running_lines(pages)
    paragraphs = [p for p in full if not p.line.cells]
    # A first-line indent is a few characters; a centred title or heading stands much farther in.
    indented = sum(1 for p in paragraphs if 1 <= round((p.left - margin) / max(p.height, 1.0)) <= 4)
    # Text set flush left (a workbook printed, a page styled without indents) tells a new paragraph
    # only by the short line that ends the one before it.
    flush = bool(paragraphs) and indented < 0.03 * len(paragraphs)
    right_margin = max((p.right for p in paragraphs), default=0.0)
    previous: Placed | None = None
    lines = []
    for number, page in enumerate(pages):
        page = [p for p in page if (p.line.text, round(p.top / 5)) not in running]
        if number == 0:
            head, title = _title_lines(page, body)
            if title:  # what is printed small above the title is a page head (a sheet's header, a file number)
                start = _title_start(page, head, head + title)
                lines.extend(Line((), p.line.text, p.line.where, 1) for p in page[head:start])
                first = page[start].line
                lines.append(Line((), "".join(p.line.text for p in page[start : head + title]), first.where, 1))
                page = page[head + title :]
        for p in page:
            if p.line.exact_cells:
                lines.append(p.line)
                continue
            indent = max(0, round((p.left - margin) / max(p.height, 1.0)))
            if flush and not p.line.cells:
                ended = previous is None or previous.line.cells or previous.right < right_margin - 2 * p.height
                indent = max(indent, 1 if ended else 0)
            previous = p
            line = p.line
            lines.append(Line(line.cells, line.text, line.where, indent, line.exact_cells))
    return lines


def _title_lines(page: list[Placed], body: float) -> tuple[int, int]:
    """Where the title starts on the first page and how many lines it has: the first lines set larger
    than the body text, after at most two small short lines above it; (0, 0) when there is none."""
    for head in range(min(3, len(page))):
        if head and not all(not p.line.cells and len(p.line.text) <= 40 for p in page[:head]):
            break
        count = 0
        for placed in page[head : head + TITLE_LINES]:
            if placed.line.exact_cells or placed.line.cells or placed.height < 1.15 * body:
                break
            count += 1
            if placed.line.text.endswith("报告"):
                break
        if count:
            return head, count
        if page[head].height >= 1.15 * body or page[head].line.exact_cells:
            break  # a large line that is no title, or a table: nothing above counts as a page head
    return 0, 0


def _title_start(page: list[Placed], first: int, end: int) -> int:
    """The line the title starts on: the last large line, with the lines before it only while the
    title is not yet whole (年度 / 报告; 某局 / 2024年…报告). A large line above a whole title (an
    office's letterhead) stays a line of its own."""
    start = end - 1
    text = page[start].line.text
    while start > first and not _WHOLE_TITLE.search("".join(text.split())):
        start -= 1
        text = page[start].line.text + text
    return start


def _running_lines(pages: list[list[Placed]]) -> set[tuple[str, int]]:
    """Running heads, feet and watermarks: the same free text at the same height on most pages."""
    if len(pages) < 3:
        return set()
    seen: dict[tuple[str, int], set[int]] = {}
    for number, page in enumerate(pages):
        for p in page:
            if not p.line.exact_cells:
                seen.setdefault((p.line.text, round(p.top / 5)), set()).add(number)
    return {key for key, on in seen.items() if len(on) >= max(3, len(pages) // 2)}
