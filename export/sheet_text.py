"""How many lines a wrapped cell text takes, so the exported sheet's rows can be sized to their content.

Spreadsheets do not grow a row to fit a wrapped merged cell, and a row sized for one line cuts the
first line of a label that wraps. The writer therefore sizes every row itself, from an estimate that
is deliberately a little generous: a line too many leaves a sliver of white, a line too few hides text.

The metrics hold for the fonts the sheet asks for (宋体/黑体 in Excel) and for the fallbacks LibreOffice
uses where those are missing (measured: CJK glyphs one em wide; Latin letters and digits up to 0.63 em,
wider than 宋体's half-width ones; lines 1.26 em apart in LibreOffice, 1.35 em in Excel).
"""

from __future__ import annotations

import re
import unicodedata

LATIN_EM = 0.64  # widest Latin advance among the fonts that may draw the text
LINE_EM = 1.36  # line pitch, the larger of Excel's and LibreOffice's
CELL_PADDING = 4.0  # points lost to the cell's inner margins, left and right together
ROW_PADDING = 4.0  # points above and below the lines of a wrapped cell

# Closing punctuation never starts a line: the character before it moves down with it.
_NO_LINE_START = set("，。、；：？！）》」』”’%,.;:?!)]}")
_TOKENS = re.compile(r"[A-Za-z0-9.%+\-_/]+| |.", re.DOTALL)


def char_em(char: str) -> float:
    """Advance width of one character in ems."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return LATIN_EM


def text_em(text: str) -> float:
    """Advance width of a run of text in ems."""
    return sum(char_em(char) for char in text)


def line_count(text: str, width_pt: float, font_size: float) -> int:
    """Lines that ``text`` wraps into in a cell ``width_pt`` wide at ``font_size`` points.

    Wrapping is simulated the way spreadsheets do it: a CJK character may end a line anywhere, a
    Latin word or number moves whole to the next line, closing punctuation stays with what it closes,
    and each explicit line break starts a new line.
    """
    usable = max(width_pt - CELL_PADDING, font_size) / font_size  # in ems
    total = 0
    for paragraph in text.split("\n"):
        lines, used, previous = 1, 0.0, 0.0
        for token in _TOKENS.findall(paragraph):
            width = text_em(token)
            if used + width <= usable + 1e-9:
                used += width
                previous = width
                continue
            if token == " ":
                continue  # a space at the end of a line is not drawn
            if token[0] in _NO_LINE_START and previous:
                lines, used = lines + 1, previous + width
            elif width > usable:
                # A word longer than the line is broken by character.
                lines += int((used + width) // usable)
                used = (used + width) % usable
            else:
                lines, used = lines + 1, width
            previous = width
        total += lines
    return total


def text_height(text: str, width_pt: float, font_size: float) -> float:
    """Row height in points that shows ``text`` wrapped in a cell ``width_pt`` wide, every line whole."""
    return line_count(text, width_pt, font_size) * font_size * LINE_EM + ROW_PADDING
