"""Typeset the report as an official-looking A4 PDF (GB/T 9704 margins, page numbers at the foot).

The report is poured into blocks (:func:`report_blocks`) and onto pages by :mod:`export.page_flow`;
the print preview rasterises the very same PDF, so what is previewed is what is published.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from export.column_shares import column_shares
from export.fonts import PdfFont, find_font, find_title_font
from export.page_flow import Block, paginate
from export.report_parts import SectionTitle, TableHeading, TablePart, Text, Title, report_parts
from export.table_block import build_table
from export.text_block import TextStyle, text_blocks
from model.atomic_file import write_file
from model.cellref import CellRef
from model.document import Document
from model.errors import ReportFileError
from model.grid import layout_table
from model.template import Table as TemplateTable
from model.values import format_value

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGINS = {"top": 37 * MM, "bottom": 35 * MM, "left": 28 * MM, "right": 26 * MM}
FRAME_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]
FRAME_HEIGHT = A4[1] - MARGINS["top"] - MARGINS["bottom"]
FOOTER_BASELINE = 20 * MM


@dataclass(frozen=True)
class Styles:
    title: TextStyle
    section: TextStyle
    body: TextStyle
    heading: TextStyle
    cell: TextStyle


def _styles(font: str, title_font: str) -> Styles:
    return Styles(
        title=TextStyle(title_font, 20, 32, align="center"),
        section=TextStyle(title_font, 15, 26, align="left"),
        body=TextStyle(font, 13, 24, indent=26),
        heading=TextStyle(font, 12, 20, align="left"),
        cell=TextStyle(font, 8, 10.5),
    )


def _table_block(document: Document, table: TemplateTable, style: TextStyle, space_before: float) -> Block:
    layout = layout_table(table)
    widths = [FRAME_WIDTH * share for share in column_shares(layout)]

    def data_text(ref: CellRef) -> str:
        return format_value(document.value(ref), document.kind(ref))

    return build_table(layout, widths, style, data_text, space_before=space_before)


def _title_blocks(document: Document, style: TextStyle) -> list[Block]:
    if style.measure(document.title) <= FRAME_WIDTH:
        lines = [document.title]
    else:
        # Too long for one line: the agency on the first, the year and kind of report on the second.
        lines = [document.agency, document.title[len(document.agency) :]]
    return [*text_blocks("\n".join(lines), style, FRAME_WIDTH, keep_with_next=True)]


def report_blocks(document: Document, font: PdfFont, title_font: PdfFont | None = None) -> list[Block]:
    """The report as blocks in the official order: title, sections, their tables."""
    styles = _styles(font.name, (title_font or font).name)
    blocks: list[Block] = []
    for part in report_parts(document):
        match part:
            case Title():
                blocks.extend(_title_blocks(document, styles.title))
            case Text(paragraphs=paragraphs, preamble=preamble):
                gap = 14.0 if preamble else 4.0
                blocks.extend(text_blocks("\n".join(paragraphs), styles.body, FRAME_WIDTH, space_before=gap))
            case SectionTitle(section=section):
                # A section title never ends a page: it keeps with the start of what follows.
                blocks.extend(
                    text_blocks(
                        section.title, styles.section, FRAME_WIDTH, space_before=8.0, keep_with_next=True, outline=True
                    )
                )
            case TableHeading(text=text, first_in_section=first):
                gap = 4.0 if first else 12.0
                blocks.extend(text_blocks(text, styles.heading, FRAME_WIDTH, space_before=gap, keep_with_next=True))
            case TablePart(table=table, first_in_section=first, under_heading=under_heading):
                gap = 2.0 if under_heading else 4.0 if first else 12.0
                blocks.append(_table_block(document, table, styles.cell, gap))
    return blocks


def render_pdf(document: Document, target: str | os.PathLike[str] | BinaryIO, font: PdfFont) -> None:
    """Lay out the report into ``target`` (a path or a binary stream)."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0  # ASCII85 only grows the file and costs time; PDF readers need none
    canvas = Canvas(target, pagesize=A4, initialFontName=font.name, lang="zh-CN")
    canvas.setTitle(document.title)
    canvas.setAuthor(document.agency)
    canvas.setCreator("政务公开年报编辑器")
    pages = paginate(report_blocks(document, font, find_title_font(font)), FRAME_HEIGHT)
    top = A4[1] - MARGINS["top"]
    for number, page in enumerate(pages, start=1):
        for placed in page:
            placed.block.draw(canvas, MARGINS["left"], top - placed.offset)
        canvas.setFont(font.name, 11)
        canvas.drawCentredString(A4[0] / 2, FOOTER_BASELINE, f"— {number} —")
        canvas.showPage()
    canvas.save()


def export_pdf(document: Document, path: str | os.PathLike[str], *, font_path: str | None = None) -> PdfFont:
    """Write the PDF atomically; warn on stderr when only the CID fallback font exists."""
    import io

    font = find_font(font_path)
    if not font.embedded:
        print("nianbao: 警告：本机没有可嵌入的中文TrueType字体，PDF将依赖阅读器自带字体显示", file=sys.stderr)
    buffer = io.BytesIO()
    try:
        render_pdf(document, buffer, font)
    except Exception as exc:  # reportlab raises plain exceptions for layout failures
        raise ReportFileError(f"无法生成PDF：{exc}") from exc
    write_file(Path(path), buffer.getvalue())
    return font
