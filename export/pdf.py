"""Typeset the report as an official-looking A4 PDF (GB/T 9704 margins, page numbers at the foot).

The same story (:func:`build_story`) feeds the PDF file and the print preview, so what is previewed
is what is published.
"""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from export.fonts import PdfFont, find_font, find_title_font
from model.document import Document
from model.errors import ReportFileError
from model.fileformat import write_atomically
from model.grid import Part, layout_table
from model.template import Table as TemplateTable
from model.values import format_value

MARGINS = {"top": 37 * mm, "bottom": 35 * mm, "left": 28 * mm, "right": 26 * mm}
FRAME_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]
LABEL_SHARE = {0: [], 1: [0.34], 2: [0.16, 0.30], 3: [0.07, 0.11, 0.27]}


def _styles(font: str, title_font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle(
            "title", fontName=title_font, fontSize=20, leading=32, alignment=TA_CENTER, wordWrap="CJK", spaceAfter=14
        ),
        "section": ParagraphStyle(
            "section", fontName=title_font, fontSize=15, leading=26, wordWrap="CJK", spaceBefore=8, spaceAfter=4
        ),
        "body": ParagraphStyle(
            "body", fontName=font, fontSize=13, leading=24, firstLineIndent=26, wordWrap="CJK", alignment=TA_LEFT
        ),
        "heading": ParagraphStyle(
            "heading", fontName=font, fontSize=12, leading=20, wordWrap="CJK", spaceBefore=6, spaceAfter=2
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8, leading=10.5, wordWrap="CJK", alignment=TA_LEFT),
        "head": ParagraphStyle("head", fontName=font, fontSize=8, leading=10.5, wordWrap="CJK", alignment=TA_CENTER),
    }


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    # User text is text: escape markup, keep line breaks as paragraphs.
    return [Paragraph(escape(line) or "&nbsp;", style) for line in text.split("\n")]


def _table_flowable(document: Document, table: TemplateTable, styles: dict[str, ParagraphStyle]) -> Table:
    layout = layout_table(table)
    shares = LABEL_SHARE[layout.label_columns]
    data_count = layout.columns - layout.label_columns
    data_width = FRAME_WIDTH * (1 - sum(shares)) / data_count
    widths = [FRAME_WIDTH * s for s in shares] + [data_width] * data_count
    matrix: list[list[object]] = [["" for _ in range(layout.columns)] for _ in range(layout.rows)]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), styles["cell"].fontName),
        ("FONTSIZE", (0, 0), (-1, -1), styles["cell"].fontSize),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for cell in layout.cells:
        if cell.part is Part.DATA:
            assert cell.ref is not None
            matrix[cell.row][cell.column] = format_value(document.value(cell.ref), document.kind(cell.ref))
            commands.append(("ALIGN", (cell.column, cell.row), (cell.column, cell.row), "RIGHT"))
            continue
        style = styles["cell"] if cell.part is Part.ROW_HEADER and cell.row_span == 1 else styles["head"]
        width = sum(widths[cell.column : cell.column + cell.column_span]) - 5
        if stringWidth(cell.text, style.fontName, style.fontSize) <= width:
            # A label that fits on one line needs no Paragraph (whose markup parsing is slow).
            matrix[cell.row][cell.column] = cell.text
            align = "CENTER" if style.alignment == TA_CENTER else "LEFT"
            commands.append(("ALIGN", (cell.column, cell.row), (cell.column, cell.row), align))
        else:
            matrix[cell.row][cell.column] = Paragraph(escape(cell.text), style)
        if cell.row_span > 1 or cell.column_span > 1:
            commands.append(
                ("SPAN", (cell.column, cell.row), (cell.column + cell.column_span - 1, cell.row + cell.row_span - 1))
            )
    flowable = Table(matrix, colWidths=widths, repeatRows=layout.header_rows, splitByRow=1)
    flowable.setStyle(TableStyle(commands))
    return flowable


def build_story(document: Document, font: PdfFont, title_font: PdfFont | None = None) -> list:
    """The report as reportlab flowables, in the official order."""
    styles = _styles(font.name, (title_font or font).name)
    title = styles["title"]
    if stringWidth(document.title, title.fontName, title.fontSize) > FRAME_WIDTH:
        # Too long for one line: the agency on the first, the year and kind of report on the second.
        rest = document.title[len(document.agency) :]
        story: list = [Paragraph(f"{escape(document.agency)}<br/>{escape(rest)}", title)]
    else:
        story = [Paragraph(escape(document.title), title)]
    for section in document.template.sections:
        if section.kind == "preamble":
            story.extend(_paragraphs(document.text(section.id), styles["body"]) if document.text(section.id) else [])
            continue
        title = Paragraph(escape(section.title), styles["section"])
        if section.kind == "text":
            story.extend([CondPageBreak(45 * mm), title])  # never a title alone at a page foot
            story.extend(_paragraphs(document.text(section.id), styles["body"]))
            continue
        first = True
        for table in section.tables:
            parts: list = [title] if first else []
            first = False
            if table.heading:
                parts.append(Paragraph(escape(table.heading), styles["heading"]))
            parts.append(_table_flowable(document, table, styles))
            # A title never ends a page alone; a table taller than a page still splits by rows.
            story.append(KeepTogether(parts))
            story.append(Spacer(1, 6))
    return story


def render_pdf(document: Document, target: str | os.PathLike[str] | object, font: PdfFont) -> None:
    """Lay out the report into ``target`` (a path or a binary stream)."""

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(font.name, 11)
        canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {doc.page} —")
        canvas.restoreState()

    from reportlab import rl_config

    rl_config.useA85 = 0  # ASCII85 only grows the file and costs time; PDF readers need none
    pdf = SimpleDocTemplate(
        target,
        pagesize=A4,
        topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"],
        leftMargin=MARGINS["left"],
        rightMargin=MARGINS["right"],
        title=document.title,
        author=document.agency,
        creator="政务公开年报编辑器",
        initialFontName=font.name,
    )
    pdf.build(build_story(document, font, find_title_font(font)), onFirstPage=footer, onLaterPages=footer)


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
    write_atomically(Path(path), buffer.getvalue(), keep_backup=False)
    return font
