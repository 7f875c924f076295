"""A saved web page (.html/.htm): table rows as cells, paragraphs and headings as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from readers.lines import Line
from readers.text import decode

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title", "section", "article", "br", "tr"}
_SKIP = {"script", "style", "head"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._text: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0
        self._tables = 0
        self._rows = 0

    def _flush_text(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.lines.append(Line((), text, f"段落{len(self.lines) + 1}"))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP and tag != "head":
            self._skip += 1
        if tag == "table":
            self._flush_text()
            self._tables += 1
            self._rows = 0
        elif tag == "tr":
            self._row = []
            self._rows += 1
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in _BLOCKS and self._cell is None and self._row is None:
            self._flush_text()
        elif tag == "br" and self._cell is not None:
            self._cell.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag != "head":
            self._skip = max(0, self._skip - 1)
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                where = f"表{self._tables}第{self._rows}行"
                self.lines.append(Line(tuple(self._row), " ".join(self._row), where, exact_cells=True))
            self._row = None
        elif tag in _BLOCKS and self._cell is None and self._row is None:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._row is None:
            self._text.append(data)


def lines_from_html(html: str) -> list[Line]:
    collector = _Collector()
    collector.feed(re.sub(r"(?is)<head\b.*?</head>", "", html))
    collector.close()
    collector._flush_text()
    return collector.lines


def read_html(path: Path) -> list[Line]:
    raw = path.read_bytes()
    declared = re.search(rb'charset=["\']?([\w-]+)', raw[:2048])
    if declared and declared.group(1).lower() in (b"gbk", b"gb2312", b"gb18030"):
        return lines_from_html(raw.decode("gb18030", errors="replace"))
    return lines_from_html(decode(raw, path.name))
