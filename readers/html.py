"""A saved web page (.html/.htm): table rows as cells, paragraphs and headings as text.

Pages come from websites and from Word's "save as web page" (inline styles, ``<span>`` and ``<o:p>``
inside cells, ``<!--[if mso]>`` comments, a GBK charset). The page is scanned by a small tokenizer
that looks at every character a bounded number of times, so hostile input (``<head`` repeated a
million times, which makes :mod:`html.parser` quadratic) costs linear time; the number of lines and
cells kept is bounded too.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterator
from pathlib import Path

from model.errors import ImportFailed
from readers.encoding import decode_text
from readers.lines import Line

MAX_LINES = 20_000  # a real report has a few hundred
MAX_CELLS = 400  # per table row
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "br",
    "body", "blockquote", "pre", "center", "hr", "dd", "dt", "header", "footer",
}  # fmt: skip
_RAW_TEXT = {"script", "style", "title", "textarea", "xml", "template"}  # content is not page text
_TAG = re.compile(r"\s*(/?)\s*([A-Za-z][A-Za-z0-9:_-]{0,40})")
_ANY_TAG = re.compile(r"</?(?:html|head|body|p|div|table|tr|td|th|span|br|h[1-6])\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


class _TooLarge(Exception):
    pass


def _events(page: str) -> Iterator[tuple[str, str]]:
    """("text", data), ("start", tag) and ("end", tag) events of a page, in one pass: the next ``<``
    and ``>`` are found once and reused, so no stretch of the page is scanned twice."""
    position, size = 0, len(page)
    next_close = next_open = -2  # -2: not searched yet; -1: none left
    while position < size:
        start = page.find("<", position)
        if start < 0:
            yield "text", page[position:]
            return
        if start > position:
            yield "text", page[position:start]
        if page.startswith("<!--", start):
            end = page.find("-->", start + 4)
            if end < 0:
                return  # an unclosed comment hides the rest, as in a browser
            position = end + 3
            continue
        if next_close != -1 and next_close <= start:
            next_close = page.find(">", start + 1)
        if next_close < 0:
            yield "text", page[start:]
            return
        if next_open != -1 and next_open <= start:
            next_open = page.find("<", start + 1)
        if 0 <= next_open < next_close:
            yield "text", page[start:next_open]  # a "<" that opens no tag is text
            position = next_open
            continue
        content = page[start + 1 : next_close]
        position = next_close + 1
        if content[:1] in ("!", "?"):
            continue  # doctype, Word's <![if !supportLists]>, processing instructions
        match = _TAG.match(content)
        if match is None:
            yield "text", "<" + content + ">"
            continue
        name = match.group(2).lower()
        if match.group(1):
            yield "end", name
            continue
        yield "start", name
        if name in _RAW_TEXT and not content.rstrip().endswith("/"):
            closing = re.compile(rf"</\s*{re.escape(name)}\s*>", re.IGNORECASE).search(page, position)
            if closing is None:
                return
            position = closing.end()
            yield "end", name


def _clean(pieces: list[str]) -> str:
    return " ".join(html_entities.unescape("".join(pieces)).split())


class _Collector:
    """Lines from events: a table row's cells (blank cells kept), a block's text as a paragraph."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._text: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._nested = 0  # tables inside a cell: their text belongs to the cell
        self._tables = 0
        self._rows = 0

    def _add(self, line: Line) -> None:
        if len(self.lines) >= MAX_LINES:
            raise _TooLarge
        self.lines.append(line)

    def flush_text(self) -> None:
        text = _clean(self._text)
        if text:
            self._add(Line((), text, f"段落{len(self.lines) + 1}"))
        self._text = []

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            if len(self._row) >= MAX_CELLS:
                raise _TooLarge
            self._row.append(_clean(self._cell))
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is not None and any(self._row):
            where = f"表{self._tables}第{self._rows}行"
            self._add(Line(tuple(self._row), " ".join(self._row), where, exact_cells=True))
        self._row = None

    def start(self, tag: str) -> None:
        if self._nested:
            self._nested += tag == "table"
            if tag in ("td", "th", "tr", "br", "p", "div") and self._cell is not None:
                self._cell.append(" ")
            return
        if tag == "table":
            if self._cell is not None:
                self._nested = 1
                return
            self.flush_text()
            self._close_row()
            self._tables += 1
            self._rows = 0
        elif tag == "tr":
            self._close_row()
            self.flush_text()
            self._row = []
            self._rows += 1
        elif tag in ("td", "th"):
            self._close_cell()
            if self._row is None:
                self.flush_text()
                self._row = []
                self._rows += 1
            self._cell = []
        elif tag in _BLOCKS and self._row is None:
            self.flush_text()

    def end(self, tag: str) -> None:
        if self._nested:
            self._nested -= tag == "table"
            return
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_row()
        elif tag == "table":
            self._close_row()
        elif tag in _BLOCKS and self._row is None:
            self.flush_text()

    def data(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)
        elif self._row is None:
            self._text.append(text)


def lines_from_html(page: str) -> list[Line]:
    """The lines of a page; raise :class:`ImportFailed` when it holds far more than a report."""
    collector = _Collector()
    raw_text = 0  # inside <script>, <style>, <title>: nothing to read
    try:
        for kind, value in _events(page):
            if kind == "text":
                if not raw_text:
                    collector.data(value)
            elif kind == "start":
                if value in _RAW_TEXT:
                    raw_text += 1
                else:
                    collector.start(value)
            elif value in _RAW_TEXT:
                raw_text = max(0, raw_text - 1)
            else:
                collector.end(value)
        collector.end("table")
        collector.flush_text()
    except _TooLarge:
        raise ImportFailed(f"网页中的表格行、单元格或段落过多（超过{MAX_LINES}行），不像是年度报告，已拒绝") from None
    return collector.lines


def read_html(path: Path) -> list[Line]:
    """The lines of a saved web page, in the charset it declares (GBK pages from Word included)."""
    raw = path.read_bytes()
    declared = _CHARSET.search(raw[:4096])
    page = decode_text(raw, path.name, declared.group(1).decode("ascii") if declared else None)
    if not _ANY_TAG.search(page, 0, 200_000):
        from readers.text import lines_from_text

        return lines_from_text(page)  # plain text saved under a web page's name: read it as text
    return lines_from_html(page)
