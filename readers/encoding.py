"""Text files as Chinese offices save them: UTF-8 (with or without BOM), UTF-16 (Windows Notepad's
"Unicode"), or GB18030/GBK (Chinese Windows' default "ANSI"). One function decodes them all, so a
report text, a pasted table and a section text for ``set --text`` are read alike."""

from __future__ import annotations

import codecs
from pathlib import Path

from model.errors import ImportFailed
from model.input_file import read_input

MAX_TEXT_BYTES = 50 * 1024 * 1024
_CHINESE_LEGACY = {"gbk", "gb2312", "gb18030", "cp936", "x-gbk", "gb_2312-80", "euc-cn", "windows-936", "ms936"}


_OTHER_KINDS = (
    (b"PK\x03\x04", "Word或Excel文件（.docx/.xlsx，压缩包格式）：请把扩展名改回 .docx 或 .xlsx 后再导入"),
    (b"%PDF", "PDF文件：请把扩展名改回 .pdf"),
    (b"\xd0\xcf\x11\xe0", "旧版Word或Excel文件（.doc/.xls）：请把扩展名改回 .doc 或 .xls，或另存为 .docx/.xlsx"),
    (b"{\\rtf", "RTF文档：请在Word或WPS中打开，另存为 .docx 后再导入"),
)


def refuse_other_kinds(raw: bytes, name: str) -> None:
    """A "text" that is in fact a workbook, a PDF or binary data is refused with what it really is."""
    for magic, what in _OTHER_KINDS:
        if raw.startswith(magic):
            raise ImportFailed(f"“{name}”的扩展名是文本或网页，但它其实是{what}")
    head = raw[:4096]
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw)
    if head.count(0) * 10 > len(head) and not utf16:
        raise ImportFailed(f"“{name}”不是文本文件（含有大量二进制数据）")


def decode_text(raw: bytes, name: str, declared: str | None = None) -> str:
    """The text of ``raw``: a byte-order mark wins, then UTF-8, then a declared charset other than the
    GB family, then GB18030 (the superset of GBK and GB2312). Raise :class:`ImportFailed` naming the file."""
    refuse_other_kinds(raw, name)
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                break
    # UTF-8 first even when GBK is declared: strict UTF-8 almost never accepts GBK bytes, while
    # GB18030 accepts most UTF-8 bytes as wrong characters (and copied pages often declare wrongly).
    candidates = ["utf-8", "gb18030"]
    if declared and declared.strip().lower() not in _CHINESE_LEGACY:
        try:
            candidates.insert(1, codecs.lookup(declared.strip().lower()).name)
        except LookupError:
            pass
    if _looks_utf16(raw):
        candidates.insert(0, "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be")
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"“{name}”的文字编码无法识别（支持UTF-8、GBK/GB18030和UTF-16，请另存为UTF-8后再试）")


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is zero."""
    sample = raw[:400]
    return len(sample) >= 8 and len(sample) % 2 == 0 and sample.count(0) * 3 >= len(sample)


def read_text_file(path: Path, *, limit: int = MAX_TEXT_BYTES) -> str:
    """The decoded text of a regular file of at most ``limit`` bytes; anything else (a folder, a FIFO
    or device that would block or never end, a missing or unreadable file) is refused in Chinese."""
    return decode_text(read_input(path, max_bytes=limit, error=ImportFailed, what="文本文件"), Path(path).name)
