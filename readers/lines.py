"""A published report as a sequence of lines: table rows as cells, paragraphs as text.

Every reader of published reports (copied web text, saved web pages, Word files, PDF text) turns its
input into :class:`Line` objects; :mod:`readers.published` finds the template in them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of the source: its cells (empty for a paragraph) and its text, with where it came from."""

    cells: tuple[str, ...]
    text: str
    where: str
    indent: int = 0
    # The cells are the table row's own cells, an empty one for each blank (Word, HTML); text laid
    # out by pdftotext loses blank cells, so its cells are only what was printed.
    exact_cells: bool = False
    # A paragraph line that single spaces split into words (text copied out of a PDF viewer): a
    # reader may take the words as cells when every one is a label it knows (行政复议 行政诉讼).
    words: tuple[str, ...] = ()

    @property
    def is_paragraph(self) -> bool:
        return not self.cells
