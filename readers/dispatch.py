"""Pick the reader for a file by its type and build the report."""

from __future__ import annotations

import importlib
from pathlib import Path

from model.errors import ImportFailed
from model.input_file import check_input
from readers.assemble import ImportResult, assemble
from readers.placement import CellGrid

MAX_INPUT_BYTES = 50 * 1024 * 1024
# Every importable kind: suffix → reader module (readers.NAME, function read_NAME). A reader returns
# either grids of cells (workbooks: placed by their labels) or lines (published reports: read as label
# sequences). The GUI's import dialog, drag and drop and the CLI all take their list from here.
READERS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".docx": "docx",
    ".doc": "legacy_word",
    ".wps": "legacy_word",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}
IMPORT_SUFFIXES = tuple(READERS)


def read_report(path: Path, *, agency: str | None = None, year: int | None = None) -> ImportResult:
    """Import a report from Excel, Word, PDF, a web page or text; raise :class:`ImportFailed` with a Chinese message."""
    if path.is_dir():
        raise ImportFailed(f"“{path}”是文件夹，请选择要导入的文件")
    # Only an ordinary, readable file: a FIFO would hang a reader, a device never end.
    if check_input(path, error=ImportFailed).st_size > MAX_INPUT_BYTES:
        raise ImportFailed(f"“{path.name}”过大（超过50MB），不像是年度报告")
    suffix = path.suffix.lower()
    if suffix == ".nianbao":
        raise ImportFailed(f"“{path.name}”本身就是年报文件，直接打开即可，无需导入")
    if suffix not in READERS:
        supported = "、".join(IMPORT_SUFFIXES)
        raise ImportFailed(f"不支持导入“{suffix or path.name}”类型的文件（支持 {supported}）")
    name = _by_content(path, READERS[suffix])
    if name == "xlsx":  # the streaming workbook reader also says what it could not read as it stands
        from readers.xlsx import read_workbook

        grids, reading_log = read_workbook(path)
        result = build(grids, agency=agency, year=year, source=path.name)
        result.log.extend(reading_log)
        return result
    found = getattr(importlib.import_module(f"readers.{name}"), f"read_{name}")(path)
    return build(found, agency=agency, year=year, source=path.name)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _by_content(path: Path, name: str) -> str:
    """The reader for what the file holds where its name misleads without doubt: a PDF saved from a
    browser under a page's name, an old .xls renamed .xlsx."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head == _OLE2 and name == "xlsx":
        return "xls"
    return name


def build(found: list, *, agency: str | None, year: int | None, source: str) -> ImportResult:
    """The report from what a reader found: grids are placed by labels, lines read as a published report."""
    if found and all(isinstance(item, CellGrid) for item in found):
        return assemble(found, agency=agency, year=year, source=source)
    from readers.published import assemble_published

    return assemble_published(found, agency=agency, year=year, source=source)
