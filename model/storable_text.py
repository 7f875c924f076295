"""Which characters a report may hold: what every output format (JSON, XML inside .xlsx/.docx, PDF,
HTML, a terminal) can carry. Refused at the edge, where the user can still fix the text."""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, lone surrogates (not UTF-8 at all), and the
# Unicode noncharacters (U+FDD0–U+FDEF, U+FFFE/U+FFFF and their kin in every plane) which XML forbids.
_UNSTORABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U000efffe\U000effff"
    "\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


# Bidirectional embedding, override and isolate controls: a name is one run of Chinese text, and an
# override (U+202E) would show it, in titles, file names and lists, as something else than it is.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def first_bidi_control(text: str) -> str | None:
    """The first bidirectional control character in ``text``, or None."""
    found = _BIDI_CONTROL.search(text)
    return found.group() if found else None


def first_unstorable(text: str) -> str | None:
    """The first character no output format can carry, or None."""
    found = _UNSTORABLE.search(text)
    return found.group() if found else None


def describe(char: str) -> str:
    """A character named for a message: ``U+0007``."""
    return f"U+{ord(char):04X}"
