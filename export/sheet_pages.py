"""Where the exported sheet's printed pages break, chosen by the writer rather than left to the spreadsheet.

A spreadsheet breaks pages wherever a page is full, and its repeated print titles are one fixed row range
for the whole sheet: the header of one table then reappears alone on top of the next. Instead the writer
groups rows into blocks that must stay on one page (a table, a paragraph, a title kept with what follows)
and places manual breaks between blocks; only a block taller than a whole page is split, between rows that
no merged cell spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """Rows ``first``..``last`` printed together; ``keep_with_next`` ties the block to the one after it.

    ``split_before`` lists the rows before which the block may be broken if it cannot fit on one page.
    """

    first: int
    last: int
    keep_with_next: bool = False
    split_before: tuple[int, ...] = field(default=())


def page_breaks(heights: dict[int, float], blocks: list[Block], page_height: float, default: float) -> list[int]:
    """Rows (0-based) that start a new page, for rows of ``heights`` (points; ``default`` for the rest)."""

    def height(first: int, last: int) -> float:
        return sum(heights.get(row, default) for row in range(first, last + 1))

    # Blocks tied by keep_with_next move together, like a heading kept with its table.
    groups: list[list[Block]] = []
    for block in blocks:
        if groups and groups[-1][-1].keep_with_next:
            groups[-1].append(block)
        else:
            groups.append([block])

    breaks: list[int] = []
    used = 0.0
    for group in groups:
        first, last = group[0].first, group[-1].last
        needed = height(first, last)
        if needed <= page_height:
            if used + needed > page_height:
                breaks.append(first)
                used = 0.0
            used += needed
            continue
        # Taller than a page: it starts where it is and fills each page up to the last row where it may break.
        allowed = sorted({row for block in group for row in (block.first, *block.split_before)} - {first})
        start = first
        for row in range(first, last + 2):
            if row in allowed or row == last + 1:
                segment = height(start, row - 1)
                if used and used + segment > page_height:
                    breaks.append(start)
                    used = 0.0
                used += segment
                start = row
    return breaks
