"""Plain text of a published report, in the layouts people paste or extract:

* table rows with cells separated by `` | `` (with or without a leading/trailing ``|``, Markdown too);
* table rows with cells separated by tabs (what copying a table out of a browser or Word gives);
* one cell per line (copied from some web pages, rows ended by runs of ``|``, or nothing at all);
* ``pdftotext -layout`` output (cells separated by runs of spaces, pages by form feeds).

Rows whose separators keep blank cells (``|`` and tabs) are exact rows: a blank stays in its column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from model.errors import ImportFailed
from readers.encoding import decode_text
from readers.lines import Line

_CELL_GAP = re.compile(r"\s{2,}|\u3000+")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。：；、）])\s(?=[\u4e00-\u9fff\d（])|(?<=\d)\s(?=[\u4e00-\u9fff])")
_DECORATED_PAGE_NUMBER = re.compile(
    r"^(?:[-—－]+\s*\d{1,3}\s*[-—－]+|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?)$"
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_NUMBER = r"[+\-]?\d[\d,]*(?:\.\d+)?"
# A label, one space, then numbers separated by single spaces: "规章 1 0 11".
_SPACED_ROW = re.compile(rf"^(?P<label>[^。；！？]*?[^\d\s.,+\-])\s+(?P<numbers>{_NUMBER}(?:\s+{_NUMBER})*)$")
_NUMBERS_ONLY = re.compile(rf"^{_NUMBER}(?:\s{_NUMBER})+$")
_MARKDOWN_RULE = re.compile(r"^:?-{2,}:?$")
_MARKUP = re.compile(r"<(?:table|tr|td|th|p|div|span|html|body|br|meta)\b", re.IGNORECASE)
MAX_LINES = 100_000
MAX_CELLS = 100_000  # cells and paragraphs; a real report has a few thousand
LAYOUT_SAMPLE = 5_000  # lines looked at to tell the layout
MIN_ROWS = 3  # separated rows needed to call a file a pasted table rather than text with a stray "|"


def lines_from_text(text: str) -> list[Line]:
    """Lines of a text export; the layout is told from the separators the file uses."""
    if text.count("\n") > MAX_LINES:
        raise ImportFailed(f"文本有{text.count(chr(10))}行，远多于一份年度报告（最多{MAX_LINES}行），已拒绝")
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\x0c")
    raw_lines: list[tuple[str, bool]] = []  # (line, whether a page break is next to it)
    for page in pages:
        page_lines = page.split("\n")
        nonblank = [i for i, line in enumerate(page_lines) if line.strip()]
        edges = {nonblank[0], nonblank[-1]} if nonblank and len(pages) > 1 else set()
        raw_lines.extend((line, i in edges) for i, line in enumerate(page_lines))
    plain = [line for line, _ in raw_lines]
    sample = plain[:LAYOUT_SAMPLE]
    if _count_rows(sample, "\t") >= MIN_ROWS:
        found = _separated(raw_lines, "\t")
    elif _count_rows(sample, "|") >= MIN_ROWS:
        found = _separated(raw_lines, "|")
    elif sum(line.rstrip().endswith("|") for line in sample) >= 10:
        found = _web_copy(plain)
    else:
        found = _layout(raw_lines)
    lines: list[Line] = []
    cells = 0
    for line in found:
        cells += len(line.cells) or 1
        if cells > MAX_CELLS:
            raise ImportFailed(f"文本中的单元格和段落过多（超过{MAX_CELLS}个），远多于一份年度报告，已拒绝")
        lines.append(line)
    return lines


def _cells(line: str, separator: str, frame: tuple[bool, bool] = (False, False)) -> list[str]:
    """A row's cells; ``frame`` says whether the file's rows start / end with a ``|`` border, which
    is then no blank cell."""
    stripped = line.strip(" \u3000\r\n") if separator == "\t" else line.strip()
    pieces = stripped.split(separator)
    if separator == "|":
        if frame[0] and len(pieces) > 1 and not pieces[0].strip():
            pieces = pieces[1:]  # | a | b |
        if frame[1] and len(pieces) > 1 and not pieces[-1].strip():
            pieces = pieces[:-1]
    return [" ".join(p.split()) for p in pieces]


def _frame(lines: list[str]) -> tuple[bool, bool]:
    """Whether most ``|`` rows of a file start, and end, with a ``|`` border."""
    rows = [line.strip() for line in lines if line.count("|") >= 2]
    if not rows:
        return False, False
    return sum(r.startswith("|") for r in rows) * 2 > len(rows), sum(r.endswith("|") for r in rows) * 2 > len(rows)


def _count_rows(lines: list[str], separator: str) -> int:
    """Lines holding two or more non-blank cells split by ``separator``."""
    return sum(1 for line in lines if separator in line and sum(1 for c in line.split(separator) if c.strip()) >= 2)


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(_NUMBER + r"(?:万元|元)?", text))


def _separated(raw_lines: list[tuple[str, bool]], separator: str) -> Iterator[Line]:
    """Rows split by tabs or ``|``: each row's cells kept in place, blanks included; a line with a
    single word (a title, a heading) is a paragraph."""
    frame = _frame([raw for raw, _ in raw_lines]) if separator == "|" else (False, False)
    for number, (raw, _) in enumerate(raw_lines, 1):
        where = f"第{number}行"
        if separator not in raw:
            if raw.strip():
                yield Line((), " ".join(raw.split()), where)
            continue
        cells = _cells(raw, separator, frame)
        if all(not c or _MARKDOWN_RULE.match(c) for c in cells):
            continue  # a Markdown |---|---| rule or an empty row
        filled = [c for c in cells if c]
        if len(filled) == 1 and not _is_number(filled[0]):
            yield Line((), filled[0], where)  # a heading spanning the table's width
            continue
        yield Line(tuple(cells), " ".join(filled), where, exact_cells=True)


def _web_copy(raw_lines: list[str]) -> Iterator[Line]:
    """One cell per line, rows ended by runs of ``|`` (text copied from some web pages)."""
    for number, raw in enumerate(raw_lines, 1):
        if "|" in raw:
            cell = raw.split("|")[0].strip()
            yield Line((cell,), cell, f"第{number}行")
        elif raw.strip():
            yield Line((), raw.strip(), f"第{number}行")


def _layout(raw_lines: list[tuple[str, bool]]) -> Iterator[Line]:
    """pdftotext -layout output, or one cell per line: a line split by wide gaps is a table row."""
    for number, (raw, at_page_break) in enumerate(raw_lines, 1):
        stripped = raw.strip()
        if not stripped or _DECORATED_PAGE_NUMBER.match(stripped):
            continue
        if at_page_break and _BARE_NUMBER.match(stripped):
            continue  # a page number; elsewhere a lone number is a cell of a table copied one per line
        indent = len(raw) - len(raw.lstrip())
        cells = tuple(_CJK_SPACE.sub("", c) for c in _CELL_GAP.split(stripped) if c)
        text = _CJK_SPACE.sub("", stripped)
        words: tuple[str, ...] = ()
        if len(cells) == 1 and len(stripped) <= 300:
            single = " ".join(stripped.split())
            spaced = _SPACED_ROW.match(single)
            label_words = spaced.group("label").split() if spaced else []
            numbers = spaced.group("numbers").split() if spaced else []
            if len(numbers) >= 2 and not any("，" in w or _is_number(w) for w in label_words):
                cells = (*label_words, *numbers)
            elif _NUMBERS_ONLY.match(single):
                cells = tuple(single.split())  # a row of numbers without a label (table 四)
            elif 2 <= len(single.split()) <= 30:
                words = tuple(single.split())  # cells only if the reader knows every label in it
        # A line of running text is a paragraph; a line split into several cells is a table row.
        yield Line(cells if len(cells) > 1 else (), text, f"第{number}行", indent, words=words)


def read_text(path: Path) -> list[Line]:
    """The lines of a text file in any of the layouts above, in any encoding Chinese offices use."""
    text = decode_text(path.read_bytes(), path.name)
    if len(_MARKUP.findall(text, 0, 200_000)) >= 3:
        raise ImportFailed(
            f"“{path.name}”是文本文件，但里面是网页源代码（含<table>、<td>等标记）："
            "请把它另存为（或改名为）.html 文件后再导入"
        )
    return lines_from_text(text)
