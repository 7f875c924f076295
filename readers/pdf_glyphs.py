"""Glyphs as PDF files hold them, made into the text that was typed.

Some Chinese fonts map common characters to radical code points (⼀ for 一, ⻓ for 长): the text
looks right and copies wrong, so labels would not match. Fake bold draws each glyph twice, a
fraction of a point apart: the copy is dropped.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections.abc import Iterable

from readers.pdf_layout import Glyph

# The simplified-form radicals Unicode gives no decomposition for, as the characters they stand for.
_RADICALS = str.maketrans(
    {
        "⺠": "民", "⻁": "虎", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长",
        "⻔": "门", "⻘": "青", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻥": "鱼",
        "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟", "⺟": "母", "⻧": "卤",
        "⻦": "鸟", "⻤": "鬼", "⻣": "骨", "⻙": "韦", "⻕": "门", "⻊": "足", "⻏": "阝", "⻖": "阝",
    }
)  # fmt: skip


def typed_character(char: str) -> str:
    """The character a radical code point stands for; any other character as it is."""
    if "\u2f00" <= char <= "\u2fdf":  # Kangxi radicals decompose to the unified ideographs
        return unicodedata.normalize("NFKC", char)
    if "\u2e80" <= char <= "\u2eff":
        return char.translate(_RADICALS)
    return char


def without_doubles(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs minus the copies fake bold draws over them (same character, nearly the same place).

    A glyph is a copy when an earlier kept one (lower or level baseline, in that order) of the same
    character lies less than 0.3 of its height below and 0.3 of its width beside it. The kept glyphs
    are looked up in a grid of cells about that size, so a page of 5,000 identical ``。`` in a row
    costs linear, not quadratic, time.
    """
    by_text: dict[str, list[Glyph]] = {}
    for glyph in glyphs:
        by_text.setdefault(glyph.text, []).append(glyph)
    kept: list[Glyph] = []
    for text, group in by_text.items():
        if text == " ":
            kept.extend(group)
            continue
        kept.extend(_first_of_each_place(group))
    return kept


def _first_of_each_place(group: list[Glyph]) -> list[Glyph]:
    ordered = sorted(group, key=lambda g: (g.bottom, g.left))
    cell_h = max(statistics.median(0.3 * g.height for g in ordered), 0.01)
    cell_w = max(statistics.median(0.3 * max(g.right - g.left, 0.1) for g in ordered), 0.01)
    grid: dict[tuple[int, int], list[Glyph]] = {}
    accepted: list[Glyph] = []
    for glyph in ordered:
        reach_h, reach_w = 0.3 * glyph.height, 0.3 * max(glyph.right - glyph.left, 0.1)
        rows = range(math.floor((glyph.bottom - reach_h) / cell_h), math.floor(glyph.bottom / cell_h) + 1)
        cols = range(math.floor((glyph.left - reach_w) / cell_w), math.floor((glyph.left + reach_w) / cell_w) + 1)
        if len(rows) * len(cols) > 4096:  # a glyph far larger than the rest: compare it with all kept
            near: Iterable[Glyph] = accepted
        else:
            near = (other for r in rows for c in cols for other in grid.get((r, c), ()))
        if any(glyph.bottom - other.bottom < reach_h and abs(other.left - glyph.left) < reach_w for other in near):
            continue
        accepted.append(glyph)
        key = (math.floor(glyph.bottom / cell_h), math.floor(glyph.left / cell_w))
        grid.setdefault(key, []).append(glyph)
    return accepted
