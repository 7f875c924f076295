"""The section headings of an imported report as they were printed, for the check of their numbering.

Only lines that look like a top-level heading (一、… to 十、…, short) are kept; which section each
one names, and whether its number and place are right, is the template rule's business (H1).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NUMBERED = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]")
HEADING_MAX = 40  # characters without spaces; longer lines are paragraphs that happen to start with 一、


def printed_headings(texts: Iterable[str]) -> tuple[str, ...]:
    """The lines among ``texts`` that are numbered like a section heading, in order, tidied."""
    found = []
    for text in texts:
        folded = "".join(unicodedata.normalize("NFKC", text).split())
        if folded and len(folded) <= HEADING_MAX and _NUMBERED.match(folded):
            found.append(" ".join(text.split()))
    return tuple(found)
