"""Plain-text rendering of a report for a terminal (``show`` without ``--json``)."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from model.cellref import CellRef
from model.document import Document
from model.template import Table
from model.values import format_value

# What a terminal would act on rather than show: C0 controls but line feed, DEL, C1 controls (0x9B is
# a CSI of its own), and the bidirectional overrides that make a line read differently than it is.
_ESCAPES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LABEL_WIDTH = 40
VALUE_WIDTH = 9


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: a tab is a space, every other control shows as ``�``."""
    return _ESCAPES.sub(lambda m: " " if m.group() == "\t" else "\ufffd", str(text))


# In a stream every line is written whole, so tab and line feed stay; a carriage return, which lets a
# later text overwrite an earlier one on screen, does not.
_STREAM_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw though a terminal acts on it (it escapes C0 itself).
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(text: str) -> str:
    """JSON text with every terminal control written as a ``\\uXXXX`` escape: the same data, safe to show."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class PrintableStream:
    """A text stream that never passes a terminal control through: a file name, an agency or an
    imported cell echoed in any message cannot clear the screen, move the cursor or set the clipboard."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its controls shown as ``\ufffd``."""
        return self.stream.write(_STREAM_ESCAPES.sub("\ufffd", text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def tolerant_streams() -> None:
    """Output the terminal's encoding cannot show (GBK, ASCII) is replaced, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


@contextmanager
def safe_streams() -> Iterator[None]:
    """While a command runs, stdout and stderr are :class:`PrintableStream`\\ s over what they were."""
    tolerant_streams()
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, PrintableStream):
        sys.stdout = PrintableStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, PrintableStream):
        sys.stderr = PrintableStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Cut or pad a text to ``width`` terminal columns."""
    out = ""
    for ch in text:
        if display_width(out + ch) > width:
            out = out[:-1] + "…" if out else ""
            break
        out += ch
    pad = " " * max(0, width - display_width(out))
    return pad + out if right else out + pad


def render_table(document: Document, table: Table) -> list[str]:
    """One table as lines of text for the terminal."""
    lines = [table.heading] if table.heading else []
    if table.corner and table.corner != "信息内容":
        lines.append(table.corner)
    widths = [min(max(VALUE_WIDTH, display_width(c.path[-1]) + 1), 16) for c in table.column_leaves]
    header = fit("", LABEL_WIDTH) + "".join(
        fit(c.path[-1], w, right=True) for c, w in zip(table.column_leaves, widths, strict=True)
    )
    lines.append(header)
    previous: tuple[str, ...] = ()
    for row in table.row_leaves:
        for depth, parent in enumerate(row.path[:-1]):
            if previous[: depth + 1] != row.path[: depth + 1]:
                lines.append("  " * depth + parent)
        previous = row.path
        indent = "  " * (len(row.path) - 1)
        label = fit(indent + (row.path[-1] if row.path else ""), LABEL_WIDTH)
        cells = []
        for column, width in zip(table.column_leaves, widths, strict=True):
            ref = CellRef(table.id, row.id, column.id)
            text = format_value(document.value(ref), document.kind(ref)) or "·"
            cells.append(fit(text, width, right=True))
        lines.append(label + "".join(cells))
    if any(len(c.path) > 1 for c in table.column_leaves):
        lines.append("列：" + "；".join("·".join(c.path) for c in table.column_leaves))
    return lines


def render_report(document: Document) -> str:
    """The whole report: title, sections in order, tables as aligned text (blank shown as ·)."""
    lines = [document.title, f"（模板：{document.template.name}）", ""]
    for section in document.template.sections:
        if section.kind == "preamble":
            if document.text(section.id):
                lines.extend([document.text(section.id), ""])
            continue
        lines.append(section.title)
        if section.kind == "text":
            lines.append(document.text(section.id) or "（未填写）")
        else:
            for table in section.tables:
                lines.extend(render_table(document, table))
                lines.append("")
        lines.append("")
    return printable("\n".join(lines))
