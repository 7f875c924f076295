"""The report as one self-contained web page, ready for the agency's website.

Reports are published on government portals, most of which take HTML pasted into their content
system. The page carries its own CSS (A4 print rules included), no scripts and no external files,
and its tables keep the official spans as ``rowspan``/``colspan``.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from export.column_shares import column_shares
from export.report_parts import SectionTitle, TableHeading, TablePart, Text, Title, report_parts
from model.atomic_file import write_file
from model.document import Document
from model.grid import Part, layout_table
from model.template import Table
from model.values import format_value

STYLE = """
body { margin: 0; background: #fff; color: #000; }
article { max-width: 46em; margin: 0 auto; padding: 2em 1.5em;
  font: 16px/1.9 "FangSong", "仿宋", "FangSong_GB2312", "SimSun", "宋体", "Songti SC", serif; }
h1 { font: 22px/1.6 "SimHei", "黑体", "Heiti SC", sans-serif; text-align: center; margin: 0 0 1.2em; }
h2 { font: 18px/1.6 "SimHei", "黑体", "Heiti SC", sans-serif; margin: 1.2em 0 .4em; }
h3 { font-size: 16px; font-weight: normal; margin: .9em 0 .3em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 13px; line-height: 1.4; margin-bottom: .6em; }
th, td { border: 1px solid #000; padding: 3px 4px; }
th { font-weight: normal; text-align: center; }
th.row { text-align: left; }
td { text-align: right; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print { article { max-width: none; padding: 0; } table { page-break-inside: avoid; } }
"""


def _paragraphs(paragraphs: tuple[str, ...]) -> list[str]:
    # An empty line stays an empty paragraph, so the page keeps the author's spacing.
    return [f"<p>{escape(line)}</p>" if line else "<p><br></p>" for line in paragraphs]


def _table(document: Document, table: Table) -> list[str]:
    layout = layout_table(table)
    starts: dict[int, list[str]] = {row: [] for row in range(layout.rows)}
    for cell in sorted(layout.cells, key=lambda c: (c.row, c.column)):
        spans = (("rowspan", cell.row_span), ("colspan", cell.column_span))
        span = "".join(f' {name}="{count}"' for name, count in spans if count > 1)
        if cell.part is Part.DATA:
            assert cell.ref is not None
            value = format_value(document.value(cell.ref), document.kind(cell.ref))
            starts[cell.row].append(f"<td{span}>{escape(value)}</td>")
        else:
            kind = ' class="row"' if cell.part is Part.ROW_HEADER and cell.row_span == 1 else ""
            starts[cell.row].append(f"<th{kind}{span}>{escape(cell.text)}</th>")
    columns = "".join(f'<col style="width:{share:.1%}">' for share in column_shares(layout))
    lines = ["<table>", f"<colgroup>{columns}</colgroup>"]
    lines.extend(f"<tr>{''.join(starts[row])}</tr>" for row in range(layout.rows))
    lines.append("</table>")
    return lines


def render_html(document: Document) -> str:
    """The report as an HTML page, in the official order."""
    title = escape(document.title)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="generator" content="政务公开年报编辑器">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<article>",
    ]
    for part in report_parts(document):
        match part:
            case Title(text=text):
                lines.append(f"<h1>{escape(text)}</h1>")
            case Text(paragraphs=paragraphs):
                lines.extend(_paragraphs(paragraphs))
            case SectionTitle(section=section):
                lines.append(f"<h2>{escape(section.title)}</h2>")
            case TableHeading(text=text):
                lines.append(f"<h3>{escape(text)}</h3>")
            case TablePart(table=table):
                lines.extend(_table(document, table))
    lines.extend(["</article>", "</body>", "</html>", ""])
    return "\n".join(lines)


def export_html(document: Document, path: str | os.PathLike[str]) -> None:
    """Write the web page atomically, in UTF-8."""
    write_file(Path(path), render_html(document).encode("utf-8"))
