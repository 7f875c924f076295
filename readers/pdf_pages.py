"""A PDF's pages put together as the lines of one report: the title made whole, running heads and
feet left out, and each line's indent counted so the reader can rebuild paragraphs."""

from __future__ import annotations

import re

from readers.labels import fold, strip_numbering
from readers.lines import Line
from readers.page_furniture import is_page_number
from readers.pdf_layout import Placed

# A numbered label or heading starts a row of its own: 1. 1、 （一） 一、 第二十条第（八）项
_NUMBERED = re.compile(
    r"^(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|第[一二三四五六七八九十百\d]{1,4}条)"
)
_VALUE = re.compile(r"[+\-−]?\d[\d,，]*(?:\.\d+)?")
TITLE_LINES = 3  # a title wraps over two lines, three at most
# A title needing no line above: an agency (two Chinese characters or more) before the year, or right
# after it (2019年某某办公厅政府信息公开…), and 报告 at the end.
_WHOLE_TITLE = re.compile(
    r"[\u4e00-\u9fff）)]{2}(19|20)\d{2}年.*报告|^(19|20)\d{2}年(?!度?政府信息公开)度?[\u4e00-\u9fff]{2}.*报告"
)


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
    return _rejoin_broken_rows(lines)


def _page_of(line: Line) -> str:
    return line.where.partition("页")[0]


def _rejoin_broken_rows(lines: list[Line]) -> list[Line]:
    """A table row Word let break across pages: its label's first line and its numbers end one page,
    the rest of the label alone starts the next. The rest goes back onto its row's label.

    Only a first row of a page holding one text cell that starts no numbered label (1. （一） 一、),
    with empty cells for the numbers beside it, right after a row with numbers, is taken for such a
    rest; any other row stays as printed."""
    known: frozenset[str] | None = None
    out: list[Line] = []
    last_row: int | None = None  # index in ``out`` of the last table row, while only page numbers follow it
    for line in lines:
        if last_row is not None and line.exact_cells and _page_of(line) != _page_of(out[last_row]):
            filled = [cell for cell in line.cells if cell.strip()]
            # The rest has the row's empty number cells beside it; a heading across the table has none.
            room = len(line.cells) - len(filled) >= _numbers(out[last_row]) > 0
            if len(filled) == 1 and room and _continues(filled[0]):
                from readers.published import known_labels

                known = known if known is not None else known_labels()
                joined = _with_label_rest(out[last_row], filled[0])
                # The rest and its row's label make a label of the report; a row of its own (a label
                # whose numbers are all blank) is a label by itself and stays a row.
                if joined is not None and _says_label(joined[1], known) and not _says_label(filled[0], known):
                    out[last_row] = joined[0]
                    continue
        if line.exact_cells:
            last_row = len(out)
        elif not is_page_number(line.text):
            last_row = None
        out.append(line)
    return out


def _continues(text: str) -> bool:
    return not _NUMBERED.match(text.strip()) and not _VALUE.fullmatch(text.strip())


def _numbers(line: Line) -> int:
    return sum(1 for cell in line.cells if _VALUE.fullmatch(cell.strip()))


def _says_label(text: str, known: frozenset[str]) -> bool:
    folded = fold(text)
    return folded in known or strip_numbering(folded) in known


def _with_label_rest(row: Line, rest: str) -> tuple[Line, str] | None:
    """The row with ``rest`` added to its label (its last text cell), and that label whole."""
    cells = list(row.cells)
    texts = [i for i, cell in enumerate(cells) if cell.strip() and not _VALUE.fullmatch(cell.strip())]
    if not texts:
        return None
    cells[texts[-1]] += rest.strip()
    line = Line(tuple(cells), " ".join(c for c in cells if c), row.where, row.indent, row.exact_cells, row.words)
    return line, cells[texts[-1]]


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
