"""Row heights for wrapped text in the workbooks Nianbao writes: viewers that do not fit rows to their
text (LibreOffice, printing) would otherwise draw wrapped lines over the next row."""

from __future__ import annotations

from collections.abc import Sequence

LINE_POINTS = 13.5
ROW_MAX = 409  # Excel's limit


def text_units(text: str) -> int:
    """Width of a text in column-width units: a CJK or full-width character takes two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def wrapped_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """The height a row needs for its texts wrapped in columns of these widths."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        for paragraph in text.split("\n"):
            lines = max(lines, -(-text_units(paragraph) // max(1, int(width) - 1)))
    return min(ROW_MAX, LINE_POINTS * lines + 2)
