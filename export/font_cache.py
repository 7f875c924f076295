"""A cache of parsed TrueType metrics, so a PDF export does not re-parse a 17 MB CJK font each time.

reportlab spends about 0.1 s reading the character map and widths of a large CJK font. The parsed
metrics (not the font data) are pickled in the user's cache folder, keyed by the font file's path,
size, modification time, subfont index and the reportlab version; any mismatch or error falls back
to a normal parse, so the cache can only save time, never change output.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import stat
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from model.atomic_file import write_file
from model.errors import ReportFileError

# Not cached: the font bytes (mapped from the file), a scaling closure (rebuilt), and the reverse
# character map, which only text shaping reads (Nianbao's fonts are registered unshaped).
_SKIP = {"_ttf_data", "_pdfScale", "glyphToChar"}


class _Pairs(Sequence):
    """``hmetrics`` as one flat integer array: unpickles in a fraction of the time of 45,000 tuples."""

    def __init__(self, flat: array) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __getitem__(self, index):  # type: ignore[no-untyped-def,override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return self._flat[2 * index], self._flat[2 * index + 1]


class _Window:
    """A table of the mapped font, sliced on demand: a subset copies its glyphs, not the whole table."""

    def __init__(self, data: bytes | mmap.mmap, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: slice) -> bytes:
        start, stop, _ = key.indices(self._length)
        return self._data[self._start + start : self._start + stop]


def cache_folder() -> Path:
    """The per-user cache folder (no Qt here: the CLI must not import it)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "Nianbao" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nianbao"


def _key(path: str, index: int) -> str:
    status = os.stat(path)
    raw = f"{os.path.abspath(path)}|{status.st_size}|{status.st_mtime_ns}|{index}|{reportlab.Version}|v2"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


# The only classes a metrics cache holds. A cache file is data, never code: anything else in it (a
# planted pickle that would run a command on load) is refused and the font parsed normally.
_ALLOWED = {
    ("array", "array"),
    ("array", "_array_reconstructor"),
    ("reportlab.pdfbase.ttfonts", "TTFNameBytes"),
}
MAX_CACHE_BYTES = 64 * 1024 * 1024


class _MetricsUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):  # type: ignore[no-untyped-def]
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} has no place in a metrics cache")
        return super().find_class(module, name)


def _read_cache(cached: Path) -> dict:
    """The cached state, only from an ordinary file of a sane size that no other user may have written."""
    fd = os.open(cached, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CACHE_BYTES:
            raise ValueError("not a metrics cache")
        if os.name == "posix" and (status.st_uid != os.geteuid() or status.st_mode & 0o002):
            raise ValueError("a metrics cache someone else could have written")
        state = _MetricsUnpickler(stream).load()
    if not isinstance(state, dict) or not isinstance(state.get("hmetrics"), array):
        raise ValueError("not a metrics cache")
    return state


class _CachedFace(TTFontFace):
    """A face rebuilt from cached metrics and the font's bytes, without parsing."""

    def __init__(self, state: dict, data: bytes | mmap.mmap) -> None:
        pdfmetrics.TypeFace.__init__(self, None)
        self.__dict__.update(state)
        self.hmetrics = _Pairs(state["hmetrics"])
        self.glyphToChar: dict[int, list[int]] = {}
        self._ttf_data = data
        scale = 1000 / self.unitsPerEm
        self._pdfScale = (lambda x: x) if self.unitsPerEm == 1000 else (lambda x: x * scale)

    def get_table(self, tag):  # type: ignore[no-untyped-def]
        # The glyph table of a CJK collection is 10-20 MB; reportlab would copy it once per subset.
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _Window(self._ttf_data, start, length)


def _font_from_face(name: str, face: TTFontFace) -> TTFont:
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False
    return font


def load_ttfont(name: str, path: str, index: int, folder: Path | None = None) -> TTFont:
    """A registered-ready TTFont, from the metrics cache when it is valid."""
    folder = folder or cache_folder()
    try:
        cached = folder / f"{_key(path, index)}.metrics"
    except OSError:
        return TTFont(name, path, subfontIndex=index)
    if cached.is_file():
        try:
            state = _read_cache(cached)
            with open(path, "rb") as font_file:
                # Mapped, not read: a subset needs a few hundred kB of a 20 MB collection.
                data = mmap.mmap(font_file.fileno(), 0, access=mmap.ACCESS_READ)
            face = _CachedFace(state, data)
            return _font_from_face(name, face)
        except Exception:  # a stale or damaged cache: parse normally
            cached.unlink(missing_ok=True)
    font = TTFont(name, path, subfontIndex=index)
    try:
        state = {k: v for k, v in font.face.__dict__.items() if k not in _SKIP and not callable(v)}
        state["hmetrics"] = array("d", [number for pair in font.face.hmetrics for number in pair])
        folder.mkdir(parents=True, exist_ok=True)
        write_file(cached, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), replace_read_only=True)
        _prune(folder)
    except (OSError, ReportFileError, pickle.PicklingError, TypeError, AttributeError):
        pass  # no cache this time; the font itself is fine
    return font


def _prune(folder: Path, keep: int = 16) -> None:
    """Old entries (fonts updated, reportlab upgraded) are dropped, newest kept."""
    entries = sorted(folder.glob("*.metrics"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        stale.unlink(missing_ok=True)
