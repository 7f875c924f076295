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


MAX_CANDIDATES = 400  # printed lines compared with a label not found: bounded work on any input
MIN_LIKENESS = 0.5


def closest_hint(label: str, candidates: list[tuple[str, str]]) -> str:
    """ "，最接近的是 WHERE“TEXT”" for the printed text most like ``label`` among (text, where) pairs,
    or "" when none is alike; tells the user which line to correct or report as a new variant."""
    import difflib

    wanted = strip_numbering(fold(label))
    if not wanted:
        return ""
    matcher = difflib.SequenceMatcher(None, "", wanted, autojunk=False)
    best: tuple[float, str, str] | None = None
    for text, where in candidates[:MAX_CANDIDATES]:
        folded = strip_numbering(fold(text[:200]))[:80]
        if not folded:
            continue
        matcher.set_seq1(folded)
        if matcher.real_quick_ratio() < MIN_LIKENESS or matcher.quick_ratio() < MIN_LIKENESS:
            continue
        ratio = matcher.ratio()
        if ratio >= MIN_LIKENESS and (best is None or ratio > best[0]):
            best = (ratio, text.strip()[:40], where)
    return f"，最接近的是{best[2]}“{best[1]}”" if best else ""
