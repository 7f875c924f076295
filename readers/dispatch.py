"""Pick the reader for a file by its type and build the report."""

from __future__ import annotations

from pathlib import Path

from model.errors import ImportFailed
from model.input_file import check_input
from readers.assemble import ImportResult, assemble

MAX_INPUT_BYTES = 50 * 1024 * 1024
# Published-report readers by suffix (module readers.NAME, function read_NAME); Excel is read as a grid.
PUBLISHED_READERS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".docx": "docx"}
IMPORT_SUFFIXES = (".xlsx", ".xlsm", *PUBLISHED_READERS)


def read_report(path: Path, *, agency: str | None = None, year: int | None = None) -> ImportResult:
    """Import a report from Excel, Word, a web page or text; raise :class:`ImportFailed` with a Chinese message."""
    if path.is_dir():
        raise ImportFailed(f"“{path}”是文件夹，请选择要导入的文件")
    # Only an ordinary, readable file: a FIFO would hang a reader, a device never end.
    if check_input(path, error=ImportFailed).st_size > MAX_INPUT_BYTES:
        raise ImportFailed(f"“{path.name}”过大（超过50MB），不像是年度报告")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFailed(
            f"“{path.name}”是旧版Excel格式（.xls）。请在Excel或WPS中打开，"
            "用“另存为”保存为“Excel工作簿（*.xlsx）”后再导入"
        )
    if suffix in (".xlsx", ".xlsm"):
        from readers.xlsx import read_workbook

        grids, reading_log = read_workbook(path)
        result = assemble(grids, agency=agency, year=year, source=path.name)
        result.log.extend(reading_log)
        return result
    if suffix == ".pdf":
        raise ImportFailed(
            f"PDF文件“{path.name}”不能直接导入。请先转为文字（如 pdftotext -layout 报告.pdf 报告.txt，"
            "或在阅读器中全选复制后存为 .txt），再导入该文本文件"
        )
    if suffix == ".nianbao":
        raise ImportFailed(f"“{path.name}”本身就是年报文件，直接打开即可，无需导入")
    if suffix not in PUBLISHED_READERS:
        supported = "、".join(IMPORT_SUFFIXES)
        raise ImportFailed(f"不支持导入“{suffix or path.name}”类型的文件（支持 {supported}）")
    import importlib

    from readers.published import assemble_published

    name = PUBLISHED_READERS[suffix]
    lines = getattr(importlib.import_module(f"readers.{name}"), f"read_{name}")(path)
    return assemble_published(lines, agency=agency, year=year, source=path.name)
