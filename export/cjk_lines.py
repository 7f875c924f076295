"""Break Chinese text into lines the way Chinese typesetting does (GB/T 15834 line-breaking rules).

Any two Han characters may be split, but a closing mark (，。、）》…) never starts a line and an
opening mark (（《“) never ends one; Latin words and numbers such as ``3829.46`` or ``74.41%`` stay
whole. Widths come from a ``measure`` callable, so the rules are tested without any PDF library.

The rules bend where they cannot hold: at most :data:`HANG_CHARS` closing marks hang past the edge,
and a longer run (5,000 ``。``, a row of ``——`` or ``……``) breaks at the margin anyway, as does a run
of opening marks too long to move down. No line is ever drawn beyond the margin plus the hang.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Marks that must not begin a line: they hang at the end of the previous one instead.
NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕〗”’…—·%‰℃,.;:?!)]}'\"")
# Marks that must not end a line: they move down to the line they open.
NO_LINE_END = frozenset("（《〈「『【〔〖“‘([{")
# A run of Latin letters, digits and number punctuation is one unbreakable token.
# How many full-width closing marks may hang past the right edge before a line breaks regardless.
HANG_CHARS = 2
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/%+\-_@#&]*|\s+|.", re.S)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _hang_room(measure: Callable[[str], float]) -> float:
    return HANG_CHARS * measure("。")


def _split_long(token: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A token wider than the line (a long URL) is cut at character boundaries."""
    pieces, current, used = [], "", 0.0
    room = _hang_room(measure)
    for char in token:
        size = measure(char)
        hangs = char in NO_LINE_START and used + size <= width + room
        if current and used + size > width and not hangs:
            pieces.append(current)
            current, used = "", 0.0
        current += char
        used += size
    return [*pieces, current] if current else pieces


def wrap(text: str, width: float, measure: Callable[[str], float], first_indent: float = 0.0) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (the first ``first_indent`` narrower).

    A closing mark may hang past ``width`` rather than start a line, as in printed Chinese.
    """
    lines: list[str] = []
    current: list[str] = []
    used = first_indent
    room = _hang_room(measure)
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        size = measure(token)
        hangs = token[0] in NO_LINE_START and len(token) == 1 and used + size <= width + room
        if current and used + size > width and not hangs:
            if token.isspace():
                i += 1  # a space at a line break is dropped; the next token breaks (or hangs)
                continue
            carried: list[str] = []
            kept = list(current)
            while len(current) > 1 and (current[-1].isspace() or current[-1] in NO_LINE_END):
                last = current.pop()
                if not last.isspace():
                    carried.insert(0, last)
            if carried and measure("".join(carried)) + size > width:
                current, carried = kept, []  # a run of opening marks too long to move down breaks here
            lines.append("".join(current).rstrip())
            current = carried
            used = sum(measure(t) for t in current)
            continue
        if not current and size > width - used:
            pieces = _split_long(token, width - used, measure)
            lines.extend(pieces[:-1])
            token = pieces[-1] if pieces else ""
            size = measure(token)
        if current or not token.isspace() or not lines:
            current.append(token)
            used += size
        i += 1
    if current or not lines:
        lines.append("".join(current).rstrip())
    return lines
