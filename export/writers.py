"""Which writer makes which kind of file: one table for the CLI and the GUI.

Writers are named, not imported: exporting a PDF must not pay for importing the Excel writer.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any

from model.document import Document
from model.errors import ReportFileError

# suffix → (module, function)
WRITERS = {
    ".xlsx": ("export.xlsx", "export_xlsx"),
    ".pdf": ("export.pdf", "export_pdf"),
    ".docx": ("export.docx", "export_docx"),
    ".html": ("export.html", "export_html"),
    ".htm": ("export.html", "export_html"),  # what older Windows tools still name a web page
}


def suffixes() -> str:
    """The suffixes a report can be exported to, for messages: “.xlsx、.pdf 或 .html”."""
    names = list(WRITERS)
    return "、".join(names[:-1]) + f" 或 {names[-1]}"


def writer_for(path: str | os.PathLike[str]) -> Callable[..., Any]:
    """The export function for a file name; :class:`ReportFileError` for an unknown kind."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in WRITERS:
        raise ReportFileError(f"不支持导出为“{suffix or os.path.basename(os.fspath(path))}”，请使用 {suffixes()}")
    module, function = WRITERS[suffix]
    return getattr(importlib.import_module(module), function)


def export_report(document: Document, path: str | os.PathLike[str], *, font_path: str | None = None) -> None:
    """Write ``document`` to ``path`` in the kind its suffix names (the font applies to PDF only)."""
    write = writer_for(path)
    if font_path and os.fspath(path).lower().endswith(".pdf"):
        write(document, path, font_path=font_path)
    else:
        write(document, path)
