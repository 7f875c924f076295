"""The one way Nianbao opens a file it reads: only an ordinary file, only up to a size, never a hang.

A FIFO blocks a reader forever, ``/dev/zero`` never ends and a device may have side effects, so
anything that is not a regular file is refused before it is read. A file without read permission is
reported as such, not as a damaged file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from model.errors import NianbaoError, ReportFileError


def _why(exc: Exception) -> str:
    """An operating-system error in the user's words (not ``File name too long``)."""
    from model.atomic_file import reason

    return reason(exc) if isinstance(exc, OSError) else str(exc)


def check_input(
    path: str | os.PathLike[str], *, error: type[NianbaoError] = ReportFileError, what: str = "文件"
) -> os.stat_result:
    """Refuse a missing, special or unreadable file; return its status. Nothing is read."""
    name = os.fspath(path)
    if not name.strip():
        raise error("没有指定文件名")
    try:
        status = os.stat(name)
    except FileNotFoundError:
        raise error(f"找不到{what}“{name}”") from None
    except PermissionError:
        raise error(f"没有权限读取“{name}”") from None
    except (OSError, ValueError) as exc:
        raise error(f"无法读取“{name}”：{_why(exc)}") from None
    if stat.S_ISDIR(status.st_mode):
        raise error(f"“{name}”是文件夹，不是{what}")
    if not stat.S_ISREG(status.st_mode):
        raise error(f"“{name}”不是普通文件（设备、管道等），不能读取")
    if os.name == "posix" and not status.st_mode & 0o444:
        # Nobody may read it: root could, but a file locked this way is not meant to be opened (as a
        # read-only target is not replaced, whoever runs the app).
        raise error(f"没有权限读取“{name}”（请检查文件的访问权限）")
    os.close(_open_for_reading(name, error))
    return status


def _open_for_reading(name: str, error: type[NianbaoError]) -> int:
    """A read-only descriptor, or ``error`` in the user's words."""
    try:
        # Opened without blocking, so a file swapped for a FIFO after the check cannot hang us.
        return os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise error(f"没有权限读取“{name}”（请检查文件的访问权限）") from None
    except OSError as exc:
        raise error(f"无法读取“{name}”：{_why(exc)}") from None


def read_input(
    path: str | os.PathLike[str],
    *,
    max_bytes: int,
    error: type[NianbaoError] = ReportFileError,
    what: str = "文件",
) -> bytes:
    """The bytes of an ordinary file no larger than ``max_bytes``; a typed error otherwise."""
    name = os.fspath(path)
    check_input(name, error=error, what=what)
    fd = _open_for_reading(name, error)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise error(f"“{name}”不是普通文件（设备、管道等），不能读取")
        if status.st_size > max_bytes:
            raise error(f"“{Path(name).name}”过大（超过{max_bytes // (1024 * 1024)}MB），不像是{what}")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"无法读取“{name}”：{_why(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we read it
        raise error(f"“{Path(name).name}”过大（超过{max_bytes // (1024 * 1024)}MB），不像是{what}")
    return data
