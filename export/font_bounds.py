"""A font file's character map checked for sizes before reportlab expands it.

reportlab turns every range of a format 12/13 character map into one dictionary entry per character,
and a format 10 map into ``count`` entries, trusting 32-bit numbers from the file: a damaged or
hostile font (``--font``, the GUI's font choice, a font folder) could ask for four billion entries and
take all memory or hang. Unicode has 0x110000 code points; a map that claims more is not a font.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

MAX_CODE_POINT = 0x10FFFF
MAX_MAPPED = 2 * (MAX_CODE_POINT + 1)  # all ranges of one map together; overlaps allowed, not without end
MAX_TABLES = 512


class FontBoundsError(ValueError):
    """The character map asks for more than Unicode holds."""


def _read(stream: BinaryIO, offset: int, size: int) -> bytes:
    stream.seek(offset)
    data = stream.read(size)
    if len(data) != size:
        raise FontBoundsError("truncated font")
    return data


def _font_offset(stream: BinaryIO, index: int) -> int:
    if _read(stream, 0, 4) != b"ttcf":
        return 0
    (count,) = struct.unpack(">I", _read(stream, 8, 4))
    if not 0 <= index < min(count, MAX_TABLES):
        raise FontBoundsError("no such face in the collection")
    (offset,) = struct.unpack(">I", _read(stream, 12 + 4 * index, 4))
    return offset


def _cmap_offset(stream: BinaryIO, font: int) -> int | None:
    (tables,) = struct.unpack(">H", _read(stream, font + 4, 2))
    for number in range(min(tables, MAX_TABLES)):
        tag, _checksum, offset, _length = struct.unpack(">4sIII", _read(stream, font + 12 + 16 * number, 16))
        if tag == b"cmap":
            return offset
    return None


def check_cmap_bounds(path: str, index: int = 0) -> None:
    """Raise :class:`FontBoundsError` if a character map of face ``index`` claims more than Unicode holds."""
    with open(path, "rb") as stream:
        stream.seek(0, 2)
        size = stream.tell()
        cmap = _cmap_offset(stream, _font_offset(stream, index))
        if cmap is None:
            return  # reportlab says "missing cmap" itself
        _version, subtables = struct.unpack(">HH", _read(stream, cmap, 4))
        for number in range(min(subtables, MAX_TABLES)):
            (_platform, _encoding, offset) = struct.unpack(">HHI", _read(stream, cmap + 4 + 8 * number, 8))
            start = cmap + offset
            (fmt,) = struct.unpack(">H", _read(stream, start, 2))
            if fmt in (12, 13):
                (groups,) = struct.unpack(">I", _read(stream, start + 12, 4))
                if 16 + 12 * groups > size - start:
                    raise FontBoundsError("character map larger than the file")
                mapped = 0
                data = _read(stream, start + 16, 12 * groups)
                for first, last, _glyph in struct.iter_unpack(">III", data):
                    if last < first or last > MAX_CODE_POINT:
                        raise FontBoundsError("character range outside Unicode")
                    mapped += last - first + 1
                    if mapped > MAX_MAPPED:
                        raise FontBoundsError("character map larger than Unicode")
            elif fmt == 10:
                first, count = struct.unpack(">II", _read(stream, start + 12, 8))
                if 20 + 2 * count > size - start or first + count > MAX_CODE_POINT + 1:
                    raise FontBoundsError("character map larger than the file")
