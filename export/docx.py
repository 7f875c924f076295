"""The report as a Word document (.docx), the form most offices finish, seal and file a report in.

Written as plain WordprocessingML with the standard library: the handful of parts a report needs
(body, styles, page-number footer, properties) do not justify a dependency on lxml. Page set-up
follows GB/T 9704 (A4, 37/35/28/26 mm margins); tables keep the official spans (``gridSpan`` and
``vMerge``) and repeat their header rows on every page.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from export.column_shares import column_shares
from export.report_parts import SectionTitle, TableHeading, TablePart, Text, Title, report_parts
from model.atomic_file import write_file
from model.document import Document
from model.grid import GridCell, Part, layout_table
from model.template import Table
from model.values import format_value

TWIPS_PER_MM = 1440 / 25.4
PAGE = {"width": 11906, "height": 16838}  # A4 in twips
MARGINS = {side: round(mm * TWIPS_PER_MM) for side, mm in {"top": 37, "bottom": 35, "left": 28, "right": 26}.items()}
TEXT_WIDTH = PAGE["width"] - MARGINS["left"] - MARGINS["right"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    XML_HEAD + f'<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_TYPE}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    XML_HEAD + f'<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_TYPE}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_TYPE}/footer" Target="footer1.xml"/>'
    "</Relationships>"
)


def _fonts(east_asia: str) -> str:
    return f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}"/>'


def _style(style_id: str, name: str, font: str, half_points: int, paragraph: str = "") -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{paragraph}</w:pPr>'
        f'<w:rPr>{_fonts(font)}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:style>'
    )


# Sizes as GB/T 9704 documents use them: title 二号 (22 pt), headings and body 三号 (16 pt) with a
# fixed 28 pt line pitch, table text 小五 (9 pt).
STYLES = (
    XML_HEAD + f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'{_fonts("仿宋")}<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:rPr></w:rPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:jc w:val="both"/><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:style>'
    + _style(
        "Title", "Title", "黑体", 44, '<w:jc w:val="center"/><w:spacing w:after="240" w:line="700" w:lineRule="exact"/>'
    )
    + _style("Heading1", "heading 1", "黑体", 32, '<w:keepNext/><w:spacing w:before="120"/><w:outlineLvl w:val="0"/>')
    + _style("Heading3", "heading 3", "仿宋", 28, '<w:keepNext/><w:spacing w:before="120"/>')
    + _style("BodyText", "Body Text", "仿宋", 32, '<w:ind w:firstLineChars="200" w:firstLine="640"/>')
    + _style("TableText", "Table Text", "宋体", 18, '<w:spacing w:line="240" w:lineRule="auto"/>')
    + "</w:styles>"
)
FOOTER = (
    XML_HEAD + f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    f'<w:r><w:rPr>{_fonts("宋体")}<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    f'<w:r><w:rPr>{_fonts("宋体")}<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
)


def _paragraph(text: str, style: str, align: str | None = None) -> str:
    alignment = f'<w:jc w:val="{align}"/>' if align else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{alignment}</w:pPr>{run}</w:p>'


def _cell(width: int, span: int, merge: str | None, paragraph: str) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    return f'<w:tc><w:tcPr>{properties}<w:vAlign w:val="center"/></w:tcPr>{paragraph}</w:tc>'


def _table(document: Document, table: Table) -> str:
    layout = layout_table(table)
    widths = [round(TEXT_WIDTH * share) for share in column_shares(layout)]
    owner: dict[tuple[int, int], GridCell] = {}
    for grid_cell in layout.cells:
        for r in range(grid_cell.row, grid_cell.row + grid_cell.row_span):
            for c in range(grid_cell.column, grid_cell.column + grid_cell.column_span):
                owner[(r, c)] = grid_cell
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
    ]
    for row in range(layout.rows):
        header = "<w:tblHeader/>" if row < layout.header_rows else ""
        parts.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="340" w:hRule="atLeast"/>{header}</w:trPr>')
        column = 0
        while column < layout.columns:
            cell = owner.get((row, column))
            if cell is None:  # a position no header names still gets its ruled box
                parts.append(_cell(widths[column], 1, None, _paragraph("", "TableText")))
                column += 1
                continue
            width = sum(widths[cell.column : cell.column + cell.column_span])
            if cell.row != row:
                parts.append(_cell(width, cell.column_span, "continue", _paragraph("", "TableText")))
            else:
                merge = "restart" if cell.row_span > 1 else None
                parts.append(_cell(width, cell.column_span, merge, _cell_paragraph(document, cell)))
            column += cell.column_span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell_paragraph(document: Document, cell: GridCell) -> str:
    if cell.part is Part.DATA:
        assert cell.ref is not None
        return _paragraph(format_value(document.value(cell.ref), document.kind(cell.ref)), "TableText", "right")
    single_label = cell.part is Part.ROW_HEADER and cell.row_span == 1
    return _paragraph(cell.text, "TableText", "left" if single_label else "center")


def _body(document: Document) -> str:
    parts: list[str] = []
    for part in report_parts(document):
        match part:
            case Title(text=text):
                parts.append(_paragraph(text, "Title"))
            case Text(paragraphs=paragraphs):
                parts.extend(_paragraph(line, "BodyText") for line in paragraphs)
            case SectionTitle(section=section):
                parts.append(_paragraph(section.title, "Heading1"))
            case TableHeading(text=text):
                parts.append(_paragraph(text, "Heading3"))
            case TablePart(table=table):
                parts.append(_table(document, table))
    margins = " ".join(f'w:{side}="{value}"' for side, value in MARGINS.items())
    section_properties = (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rId2"/>'
        f'<w:pgSz w:w="{PAGE["width"]}" w:h="{PAGE["height"]}"/>'
        f'<w:pgMar {margins} w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
    )
    return (
        XML_HEAD
        + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + "".join(parts)
        + section_properties
        + "</w:body></w:document>"
    )


def _core(document: Document) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        XML_HEAD
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(document.title)}</dc:title><dc:creator>{escape(document.agency)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        "</cp:coreProperties>"
    )


def docx_bytes(document: Document) -> bytes:
    """The report as the bytes of a .docx file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/document.xml", _body(document))
        archive.writestr("word/styles.xml", STYLES)
        archive.writestr("word/footer1.xml", FOOTER)
        archive.writestr("docProps/core.xml", _core(document))
    return buffer.getvalue()


def export_docx(document: Document, path: str | os.PathLike[str]) -> None:
    """Write the Word document atomically."""
    write_file(Path(path), docx_bytes(document))
