"""Build the files people really import from a report: its web page as Word saves it, and its
tables pasted as text (cells separated by `` | ``, by tabs, or one cell per line)."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from export.writers import export_report
from model.document import Document
from readers.html import read_html


def page_lines(document: Document, folder: Path) -> list[tuple[tuple[str, ...], str]]:
    """The report's lines as its exported web page holds them: (cells, text) pairs."""
    page = folder / "export.html"
    export_report(document, page)
    return [(line.cells, line.text) for line in read_html(page)]


def text_layout(document: Document, folder: Path, layout: str) -> str:
    """The report as text with its table rows in one of the pasted layouts."""
    out = []
    for cells, text in page_lines(document, folder):
        if not cells:
            out.append(text)
        elif layout == "pipe":
            out.append(" | ".join(cells) + " |")
        elif layout == "pipe-open":
            out.append(" | ".join(cells))
        elif layout == "pipe-framed":
            out.append("| " + " | ".join(cells) + " |")
        elif layout == "tab":
            out.append("\t".join(cells))
        elif layout == "spaces":
            out.append(" ".join(cells))  # copied out of a PDF viewer: one space between cells
        elif layout == "one-per-line":
            out.extend(cells)
        else:
            raise ValueError(layout)
    return "\n".join(out) + "\n"


def word_html(document: Document, folder: Path, blanks: dict[int, str] | None = None) -> bytes:
    """The exported page rewritten the way Word's "save as web page" writes it, encoded in GBK;
    ``blanks`` blanks cells of the last table row (index → "nbsp" or "empty")."""
    page = folder / "export.html"
    export_report(document, page)
    source = page.read_text(encoding="utf-8")
    body = source[source.index("<body") :]
    body = re.sub(r"<body[^>]*>", "", body, count=1)

    def cell(match: re.Match[str]) -> str:
        tag, attrs, content = match.group(1), match.group(2), match.group(3)
        styled = (
            f"<{tag}{attrs} width=64 valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid "
            f"windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center "
            f"style='text-align:center'><span style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:"
            f"Calibri'>{content}<o:p></o:p></span></p></{tag}>"
        )
        return styled

    body = re.sub(r"<(td|th)([^>]*)>(.*?)</\1>", cell, body)
    if blanks:
        rows = list(re.finditer(r"<tr>.*?</tr>", body, re.S))
        last = rows[-1]
        cells = re.findall(r"<td.*?</td>", last.group(0), re.S)
        for index, how in blanks.items():
            cells[index] = "<td>&nbsp;</td>" if how == "nbsp" else "<td></td>"
        body = body[: last.start()] + "<tr style='mso-yfti-irow:3'>" + "".join(cells) + "</tr>" + body[last.end() :]
    body = body.replace("<p>", "<p class=MsoNormal style='text-indent:21.0pt'><span lang=EN-US>")
    body = body.replace("</p>", "<o:p></o:p></span></p>")
    head = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word">\n<head>\n'
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312">\n'
        '<meta name=Generator content="Microsoft Word 15">\n<title>年报</title>\n'
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n"
        "<style>\n<!-- p.MsoNormal {margin:0cm; font-size:10.5pt;} td {mso-line-height-rule:exactly} -->\n</style>\n"
        "</head>\n<body lang=ZH-CN style='tab-interval:21.0pt'>\n<div class=WordSection1>\n"
        "<p class=MsoListParagraph><![if !supportLists]><span>1.<span>&nbsp;&nbsp;</span></span><![endif]>"
        "</p>\n"
    )
    return (head + body.replace("</body>", "</div></body>")).encode("gb18030")


def page_with_text(text: str) -> str:
    return f"<html><body><p>{escape(text)}</p></body></html>"
