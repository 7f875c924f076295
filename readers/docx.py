"""A Word file (.docx): paragraphs as text, table rows as cells. Parsed with defusedxml (untrusted)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from model.errors import ImportFailed
from readers.lines import Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A year's report is well under 1 MB of XML; parsing 8 MB of tiny elements stays near 100 MB of memory.
MAX_XML = 8 * 1024 * 1024


def _text(element) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for node in element.iter():
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif node.tag == W + "tab":
            parts.append(" ")
    return "".join(parts)


def _continues_merge(cell) -> bool:  # type: ignore[no-untyped-def]
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(W + "val", "continue") == "continue"


def read_docx(path: Path) -> list[Line]:
    """The paragraphs and table rows of a Word (.docx) document, in reading order."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML:
                raise ImportFailed(f"“{path.name}”解压后过大，疑似异常文件，已拒绝")
            root = ElementTree.fromstring(archive.read(info))
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, KeyError, OSError, ValueError) as exc:
        # a damaged archive fails in the zip layer, the inflater or the CRC check
        raise ImportFailed(f"“{path.name}”不是有效的Word文件（.docx）或已损坏") from exc
    except (DefusedXmlException, ElementTree.ParseError) as exc:
        raise ImportFailed(f"“{path.name}”内容已损坏或含有不安全的XML，已拒绝") from exc
    body = root.find(W + "body")
    if body is None:
        raise ImportFailed(f"“{path.name}”中没有正文")
    lines: list[Line] = []
    tables = 0
    for block in body:
        if block.tag == W + "p":
            text = " ".join(_text(block).split())
            if text:
                lines.append(Line((), text, f"段落{len(lines) + 1}"))
        elif block.tag == W + "tbl":
            tables += 1
            for number, row in enumerate(block.iter(W + "tr"), 1):
                # A vertically merged cell's continuation is no cell of its own: the label is above.
                shown = [cell for cell in row.findall(W + "tc") if not _continues_merge(cell)]
                cells = tuple(" ".join(_text(cell).split()) for cell in shown)
                if any(cells):
                    lines.append(Line(cells, " ".join(cells), f"表{tables}第{number}行", exact_cells=True))
    return lines
