"""What the CLI checks before it writes: the output is not one of the inputs, a report is a ``.nianbao``
file, and the target can be written (before any slow work is done)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from model.atomic_file import check_target, resolve_target
from model.errors import ReportFileError

REPORT_SUFFIX = ".nianbao"
TEXT_FILE_MAX = 8 * 1024 * 1024


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two names reach one file (links, ``..``, case on case-insensitive disks included)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.normcase(os.path.realpath(os.fspath(a))) == os.path.normcase(os.path.realpath(os.fspath(b)))


def check_output(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None], *, report: bool
) -> Path:
    """Refuse an output that is one of the inputs, a report not named ``.nianbao``, or an unwritable target."""
    name = os.fspath(output)
    if not name.strip():
        raise ReportFileError("没有指定输出文件名（-o）")
    for source in inputs:
        if source is not None and os.fspath(source).strip() and same_file(source, name):
            raise ReportFileError(f"输出文件“{name}”就是输入文件，这样会覆盖它；请指定另一个输出文件")
    real = resolve_target(name)  # a link named .nianbao may point at someone's workbook
    for shown in {Path(name).name, real.name}:
        if report and not shown.lower().endswith(REPORT_SUFFIX):
            raise ReportFileError(f"年报文件应以 {REPORT_SUFFIX} 结尾（“{shown}”），以免覆盖其他类型的文件")
        if not report and shown.lower().endswith(REPORT_SUFFIX):  # an export through a link onto a report
            raise ReportFileError(f"“{name}”指向年报文件“{shown}”，导出的文件不能覆盖年报；请另选文件名")
    check_target(name)
    return Path(name)


def read_text_argument(source: str) -> str:
    """A text file named on the command line (``--text s1=FILE``): UTF-8, UTF-16 or GB18030/GBK."""
    from readers.encoding import read_text_file

    return read_text_file(Path(source), limit=TEXT_FILE_MAX)


def check_batch_output(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]], *, report: bool
) -> Path:
    """:func:`check_output` for ``aggregate``/``review``, whose inputs may be folders: an output that is
    one of the files they would read (a unit's report or workbook) is refused. A summary written by an
    earlier run into the same folder may be replaced: it is output, not a unit."""
    from readers.batch import find_reports

    names = [os.fspath(raw) for raw in inputs]
    for name in names:
        if os.path.isfile(name) and same_file(name, output):
            raise ReportFileError(f"输出文件“{os.fspath(output)}”也是输入之一，会覆盖它；请另选输出文件名")
    path = check_output(output, [], report=report)
    if not path.exists():
        return path
    folders = [name for name in names if os.path.isdir(name)]
    for found in find_reports(folders, keep_missing=True) if folders else []:
        if same_file(found, path) and not _earlier_summary(path):
            name = os.fspath(output)
            raise ReportFileError(f"输出文件“{name}”在输入的文件夹中，也是输入之一，会覆盖它；请另选输出文件名")
    return path


def _earlier_summary(path: Path) -> bool:
    """A total an earlier ``aggregate`` wrote (it names the units it summed)."""
    if path.suffix.lower() != REPORT_SUFFIX:
        return False
    from model.errors import NianbaoError
    from model.fileformat import load_report

    try:
        return bool(load_report(path).origin.units)
    except NianbaoError:
        return False


def previous_bytes(path: Path) -> bytes | None:
    """What is at ``path`` now (None if nothing), so a run that fails later can put it back."""
    return path.read_bytes() if path.is_file() else None


def put_back(path: Path, previous: bytes | None) -> None:
    """Undo a save to ``path`` when a later step of the same command failed: exit 2 means nothing was
    written (a new file is removed, a replaced one restored)."""
    from model.atomic_file import write_file
    from model.errors import NianbaoError

    try:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_file(path, previous, replace_read_only=True)
    except (OSError, NianbaoError):
        pass  # the message about the step that failed is the one the user needs
