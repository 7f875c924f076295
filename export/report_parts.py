"""The report in the order every writer prints it: the title, the preamble, then each numbered
section's title followed by its text or its tables.

The order and what is left out (an empty preamble) are decided here once; the Excel, Word, PDF and
web page writers only decide how each part looks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from model.document import Document
from model.template import Section, Table


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Text:
    """The paragraphs of the preamble or of a text section (an empty string is an empty line)."""

    paragraphs: tuple[str, ...]
    preamble: bool


@dataclass(frozen=True)
class SectionTitle:
    section: Section


@dataclass(frozen=True)
class TableHeading:
    """The line above a table that names it, such as 第二十条第（一）项."""

    text: str
    first_in_section: bool


@dataclass(frozen=True)
class TablePart:
    table: Table
    first_in_section: bool
    under_heading: bool


Part = Title | Text | SectionTitle | TableHeading | TablePart


def report_parts(document: Document) -> Iterator[Part]:
    """Every part of the report, in the official order."""
    yield Title(document.title)
    for section in document.template.sections:
        text = document.text(section.id)
        if section.kind == "preamble":
            if text:
                yield Text(tuple(text.split("\n")), preamble=True)
            continue
        yield SectionTitle(section)
        if section.kind == "text":
            yield Text(tuple(text.split("\n")), preamble=False)
            continue
        for number, table in enumerate(section.tables):
            if table.heading:
                yield TableHeading(table.heading, first_in_section=number == 0)
            yield TablePart(table, first_in_section=number == 0, under_heading=bool(table.heading))
