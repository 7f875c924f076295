"""Pour blocks of known height onto pages: split where allowed, keep titles with what follows.

A deliberately small cousin of reportlab's platypus. Platypus costs a PDF export more to import
(about 85 ms, most of it compiling one URL regex) than our whole report takes to lay out, and the
report needs only three kinds of block: lines of text, tables and vertical space.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol


class Block(Protocol):
    """Something with a height that can draw itself and may split across a page break."""

    @property
    def height(self) -> float: ...

    @property
    def space_before(self) -> float:
        """Room above the block, dropped when the block starts a page."""

    @property
    def keep_with_next(self) -> bool:
        """True for a title: it moves to the next page rather than end this one."""

    def min_height(self, frame: float) -> float:
        """The least of this block that may start a page bottom (with what keeps with it)."""

    def split(self, available: float, frame: float) -> tuple[Block, Block] | None:
        """A first part no taller than ``available`` and the rest, or None to move it whole."""

    def draw(self, canvas: Any, x: float, top: float) -> None:
        """Draw with the top-left corner at (x, top) in PDF points."""


# Heights are sums of floats: a block that fits to within this many points fits.
SLACK = 0.01


@dataclass
class Placed:
    block: Block
    offset: float  # from the top of the frame down to the block's top


def _chain_need(first: Block, queue: deque[Block], frame: float) -> float:
    """Height ``first`` needs below its own space: itself, the blocks kept with it, a start of the next."""
    need, block, rest = 0.0, first, iter(queue)
    while block.keep_with_next:
        following = next(rest, None)
        if following is None:
            break
        need += block.height + following.space_before
        block = following
    return need + block.min_height(frame)


def paginate(blocks: list[Block], frame: float) -> list[list[Placed]]:
    """Assign blocks to pages of usable height ``frame``; space before a block vanishes at a page top."""
    pages: list[list[Placed]] = [[]]
    used = 0.0
    queue: deque[Block] = deque(blocks)
    while queue:
        block = queue.popleft()
        page = pages[-1]
        gap = block.space_before if page else 0.0
        need = _chain_need(block, queue, frame)
        # Move to a new page to keep a title with what follows, unless no page could hold them both.
        if page and need <= frame + SLACK and used + gap + need > frame + SLACK:
            pages.append([])
            used = 0.0
            queue.appendleft(block)
            continue
        if used + gap + block.height <= frame + SLACK:
            page.append(Placed(block, used + gap))
            used += gap + block.height
            continue
        parts = block.split(frame - used - gap, frame)
        if parts is None:
            if not page:  # nothing of it fits even on an empty page: let it overflow rather than loop
                page.append(Placed(block, 0.0))
                used = block.height
                continue
            pages.append([])
            used = 0.0
            queue.appendleft(block)
            continue
        first, rest = parts
        page.append(Placed(first, used + gap))
        pages.append([])
        used = 0.0
        queue.appendleft(rest)
    return [page for page in pages if page]
