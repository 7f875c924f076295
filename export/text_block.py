"""A run of wrapped lines in one font: titles, headings and body paragraphs of the PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from export.cjk_lines import wrap
from export.page_flow import SLACK

# Where a line's baseline sits below the middle of its line box, as a share of the font size:
# CJK faces put the ideographic em box about 0.88 above and 0.12 below the baseline.
BASELINE_BELOW_MIDDLE = 0.36
# Justifying a line wider than this per gap (in font sizes) would look gappy: leave it ragged.
MAX_JUSTIFY_GAP = 0.5


def make_measure(font: str, size: float) -> Callable[[str], float]:
    """Width of a string in ``font`` at ``size`` points, with per-character widths cached."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    cache: dict[str, float] = {}

    def measure(text: str) -> float:
        total = 0.0
        for char in text:
            width = cache.get(char)
            if width is None:
                width = cache[char] = stringWidth(char, font, size)
            total += width
        return total

    return measure


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float
    align: str = "justify"  # "justify", "left" or "center"
    indent: float = 0.0  # first line of a paragraph
    measure: Callable[[str], float] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "measure", make_measure(self.font, self.size))


@dataclass(frozen=True)
class TextBlock:
    """Lines already broken for ``width``; a page break may fall between any two of them."""

    lines: tuple[str, ...]
    style: TextStyle
    width: float
    space_before: float = 0.0
    keep_with_next: bool = False
    starts_paragraph: bool = True
    ends_paragraph: bool = True
    outline: bool = False  # a section title: listed in the PDF's bookmarks

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading

    def min_height(self, frame: float) -> float:
        # Never leave a single first line at a page foot.
        return min(2, len(self.lines)) * self.style.leading

    def split(self, available: float, frame: float) -> tuple[TextBlock, TextBlock] | None:
        count = int((available + SLACK) // self.style.leading)
        if len(self.lines) - count < 2 <= count - 1:
            count = len(self.lines) - 2  # nor a single last line at a page top
        if count < min(2, len(self.lines)) or count >= len(self.lines):
            return None
        first = replace(self, lines=self.lines[:count], keep_with_next=False, ends_paragraph=False)
        rest = replace(self, lines=self.lines[count:], space_before=0.0, starts_paragraph=False, outline=False)
        return first, rest

    def draw(self, canvas: Any, x: float, top: float) -> None:
        style = self.style
        if self.outline:
            title = "".join(self.lines)
            canvas.bookmarkHorizontalAbsolute(title, top)
            canvas.addOutlineEntry(title, title, level=0)
        canvas.setFont(style.font, style.size)
        for i, line in enumerate(self.lines):
            indent = style.indent if i == 0 and self.starts_paragraph else 0.0
            baseline = top - (i + 0.5) * style.leading - BASELINE_BELOW_MIDDLE * style.size
            if style.align == "center":
                canvas.drawCentredString(x + self.width / 2, baseline, line)
                continue
            spacing = 0.0
            last = i == len(self.lines) - 1 and self.ends_paragraph
            if style.align == "justify" and not last and len(line) > 1:
                spacing = (self.width - indent - style.measure(line)) / (len(line) - 1)
                if spacing > MAX_JUSTIFY_GAP * style.size:
                    spacing = 0.0
            canvas.drawString(x + indent, baseline, line, charSpace=spacing)


def text_blocks(
    text: str,
    style: TextStyle,
    width: float,
    *,
    space_before: float = 0.0,
    keep_with_next: bool = False,
    outline: bool = False,
) -> list[TextBlock]:
    """One block per paragraph (line of ``text``); an empty line keeps its height. With ``outline``
    the text is a title that the PDF's bookmarks list."""
    blocks = []
    for number, paragraph in enumerate(text.split("\n")):
        lines = wrap(paragraph, width, style.measure, style.indent)
        first = number == 0
        blocks.append(
            TextBlock(
                tuple(lines), style, width, space_before if first else 0.0, keep_with_next, outline=outline and first
            )
        )
    return blocks
