"""Glyphs as PDF files hold them, made into the text that was typed.

Some Chinese fonts map common characters to radical code points (⼀ for 一, ⻓ for 长): the text
looks right and copies wrong, so labels would not match. Fake bold draws each glyph twice, a
fraction of a point apart: the copy is dropped.
"""

from __future__ import annotations

import unicodedata

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
    """Glyphs minus the copies fake bold draws over them (same character, nearly the same place)."""
    by_text: dict[str, list[Glyph]] = {}
    for glyph in glyphs:
        by_text.setdefault(glyph.text, []).append(glyph)
    kept: list[Glyph] = []
    for text, group in by_text.items():
        if text == " ":
            kept.extend(group)
            continue
        accepted: list[Glyph] = []
        for glyph in sorted(group, key=lambda g: (g.bottom, g.left)):
            width = max(glyph.right - glyph.left, 0.1)
            index = len(accepted) - 1
            while index >= 0 and glyph.bottom - accepted[index].bottom < 0.3 * glyph.height:
                if abs(accepted[index].left - glyph.left) < 0.3 * width:
                    break
                index -= 1
            else:
                accepted.append(glyph)
        kept.extend(accepted)
    return kept
