"""Many reports at once: find them in the files and folders given, and open each one whatever its kind.

Used by ``aggregate``, ``review`` and the GUI's 汇总与审核 window. A folder is searched recursively for
``.nianbao`` files and every kind :mod:`readers.dispatch` imports; hidden files, Office lock files
(``~$…``) and backups are skipped, and so are the files the command is about to write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from model.aggregate import Unit
from model.document import Document
from model.errors import NianbaoError
from model.review import SUMMARY_MARK, Reviewed, unreadable

NATIVE = ".nianbao"


class InputsError(NianbaoError):
    """An input path that names nothing usable (missing, empty folder, unsupported file)."""


@dataclass(frozen=True)
class Opened:
    """A report opened from a file, and the kind of file it came from (for the 格式 column)."""

    path: Path
    document: Document
    kind: str  # the suffix without its dot, e.g. "nianbao", "xlsx", "html"
    notes: tuple[str, ...] = ()  # the import's warnings (empty for a .nianbao file)


def report_suffixes() -> tuple[str, ...]:
    """Every suffix a batch picks up in a folder: the native file and whatever import reads."""
    from readers.dispatch import IMPORT_SUFFIXES

    return (NATIVE, *(s for s in IMPORT_SUFFIXES if s != NATIVE))


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name.endswith((".bak", ".tmp"))


def find_reports(
    inputs: Iterable[str | os.PathLike[str]], *, exclude: Iterable[Path] = (), keep_missing: bool = False
) -> list[Path]:
    """The report files named or found in folders (recursively), in order, each once.

    A file named explicitly is taken whatever its suffix (opening it says what is wrong); a missing
    path raises :class:`InputsError`, or with ``keep_missing`` is kept, for the batch to list it as
    unreadable.
    """
    suffixes = report_suffixes()
    excluded = {_key(p) for p in exclude}
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = _key(path)
        if key not in seen and key not in excluded:
            seen.add(key)
            found.append(path)

    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    if not _skipped(name) and os.path.splitext(name)[1].lower() in suffixes:
                        if not is_summary_workbook(Path(folder) / name):
                            add(Path(folder) / name)
        elif path.exists() or keep_missing:
            add(path)
        else:
            raise InputsError(f"找不到“{path}”")
    return found


def is_summary_workbook(path: Path) -> bool:
    """A detail or review workbook this program wrote: in a folder of units it is output, not a unit."""
    if path.suffix.lower() != ".xlsx":
        return False
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return SUMMARY_MARK.encode() in archive.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False


def _key(path: Path) -> str:
    try:
        return os.path.normcase(str(path.resolve()))
    except OSError:
        return os.path.normcase(os.path.abspath(path))


def open_report(path: Path) -> Opened:
    """Open one report: a ``.nianbao`` file is loaded, anything else imported (nothing is written).

    Raises a :class:`NianbaoError` with a Chinese message when the file cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix == NATIVE:
        from model.fileformat import load_report

        return Opened(path, load_report(path), NATIVE[1:])
    from readers.dispatch import read_report

    result = read_report(path)
    return Opened(path, result.document, suffix[1:] or "?", tuple(result.warnings))


def load_units(paths: Sequence[Path]) -> list[Reviewed]:
    """Open every file as a unit to sum; an unreadable one comes back with ``unit`` None and the reason.

    One process reads them all: a forked second one was tried, and sending 1,500 units back cost
    what it saved (and on a busy machine more).
    """
    return [review_file(path)[0] for path in paths]


def review_file(path: Path, source: str | None = None) -> tuple[Reviewed, Document | None]:
    """Open and check one report of a batch; never raises for a bad file (it is listed as unreadable)."""
    name = source or str(path)
    kind = path.suffix.lower()[1:] or "?"
    if not path.exists():
        return unreadable(name, kind, f"找不到文件或文件夹“{path}”"), None
    try:
        opened = open_report(path)
    except NianbaoError as exc:
        return unreadable(name, kind, str(exc)), None
    except RecursionError:
        return unreadable(name, kind, "文件结构嵌套过深，无法读取"), None
    except MemoryError:
        return unreadable(name, kind, "文件过大，内存不足，无法读取"), None
    except Exception as exc:  # a reader's unforeseen failure on one unit's file must not stop a batch of hundreds
        return unreadable(name, kind, f"文件内容无法识别（{type(exc).__name__}）"), None
    unit = Unit.of(name, opened.document, opened.kind)
    return Reviewed(name, opened.kind, unit, notes=opened.notes), opened.document
