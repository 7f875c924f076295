"""PDF files (the positional reader is being written; until then, say how to get text out)."""

from __future__ import annotations

from pathlib import Path

from model.errors import ImportFailed


def read_pdf(path: Path) -> list:
    raise ImportFailed(f"PDF文件“{path.name}”不能直接导入。请先转为文字（如 pdftotext -layout 报告.pdf 报告.txt）")
