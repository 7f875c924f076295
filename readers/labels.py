"""Folding of labels as people print them, so readers match the template's wording.

Full/half-width brackets, quotes, spaces and line breaks inside a cell, and the list-number
variants (1. 1． 1、) all fold to one form; a label may also be matched without its list number.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "、": "、"})
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")


def fold(text: object) -> str:
    """The comparable form of a label: NFKC, no whitespace, one kind of quote, ``1.`` numbering."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    folded = "".join(folded.split())
    return re.sub(r"^(\d+)、", r"\1.", folded)


def strip_numbering(folded: str) -> str:
    """A folded label without its leading 一、 / (一) / 1. numbering."""
    return _NUMBERING.sub("", folded, count=1)


def same_label(cell_text: object, label: str) -> bool:
    """True when a printed cell says the template's label (allowing a missing or extra number)."""
    cell = fold(cell_text)
    if not cell:
        return False
    wanted = fold(label)
    return cell == wanted or strip_numbering(cell) == strip_numbering(wanted) != ""
