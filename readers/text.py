"""Plain text of a published report: copied from a web page (cells one per line, rows marked by
``|``) or extracted from a PDF with ``pdftotext -layout`` (cells separated by runs of spaces)."""

from __future__ import annotations

import re
from pathlib import Path

from model.errors import ImportFailed
from readers.lines import Line

_CELL_GAP = re.compile(r"\s{2,}|\u3000+")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。：；、）])\s(?=[\u4e00-\u9fff\d（])|(?<=\d)\s(?=[\u4e00-\u9fff])")
_PAGE_NUMBER = re.compile(r"^[-—－\s]*\d{1,3}[-—－\s]*$")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 as saved by Chinese Windows tools."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"“{name}”的文字编码无法识别（请另存为UTF-8）")


def lines_from_text(text: str) -> list[Line]:
    """Lines of a text export; the form (web copy or PDF layout) is told by the ``|`` marks."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").split("\n")
    if sum(line.rstrip().endswith("|") for line in raw_lines) >= 10:
        return _web_copy(raw_lines)
    return _layout(raw_lines)


def _web_copy(raw_lines: list[str]) -> list[Line]:
    lines = []
    for number, raw in enumerate(raw_lines, 1):
        if "|" in raw:
            lines.append(Line((raw.split("|")[0].strip(),), raw.split("|")[0].strip(), f"第{number}行"))
        elif raw.strip():
            lines.append(Line((), raw.strip(), f"第{number}行"))
    return lines


def _layout(raw_lines: list[str]) -> list[Line]:
    lines = []
    for number, raw in enumerate(raw_lines, 1):
        stripped = raw.strip()
        if not stripped or _PAGE_NUMBER.match(stripped):
            continue
        indent = len(raw) - len(raw.lstrip())
        cells = tuple(_CJK_SPACE.sub("", c) for c in _CELL_GAP.split(stripped) if c)
        text = _CJK_SPACE.sub("", stripped)
        # A line of running text is a paragraph; a line split into several cells is a table row.
        lines.append(Line(cells if len(cells) > 1 else (), text, f"第{number}行", indent))
    return lines


def read_text(path: Path) -> list[Line]:
    return lines_from_text(decode(path.read_bytes(), path.name))
