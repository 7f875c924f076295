"""A report is locked while it is read, changed and written back, so two writers cannot lose an edit.

The lock is a small file beside the report (``.~NAME.lock``) created with ``O_EXCL`` and holding the
process id, the machine and the time. A lock whose process is gone (same machine) or which is older
than :data:`STALE_SECONDS` (another machine, or a hung process) is stale and is broken.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import socket
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from model.atomic_file import reason
from model.errors import ReportFileError
from model.processes import is_running

STALE_SECONDS = 120
WAIT_SECONDS = 5.0


class ReportBusy(ReportFileError):
    """Another program is changing the report right now."""


def lock_path(report: str | os.PathLike[str]) -> Path:
    """The lock file of a report (beside the real file when the report is a symbolic link)."""
    real = Path(os.path.realpath(os.fspath(report)))
    return real.with_name(f".~{real.name}.lock")


def _holder() -> dict[str, object]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "time": time.time()}


def _read(path: Path) -> dict[str, object] | None:
    # Never follows a link and never blocks: a FIFO or a link planted at the lock's name is not read.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # being written right now, or garbage: judged by its age
    finally:
        os.close(fd)


def _planted(path: Path) -> bool:
    """Something at the lock's name that this program never makes (a link, a FIFO, a folder)."""
    try:
        return not stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _move_aside(path: Path, judged: Callable[[Path], bool]) -> None:
    """Rename what is at the lock's name out of the way, then delete it (a folder is only renamed, never
    emptied); if what was moved is not what was judged, another process's lock took the name meanwhile:
    it is put back and stands."""
    aside = path.with_name(f"{path.name}.{secrets.token_hex(6)}.stale")
    try:
        os.rename(path, aside)
    except OSError:
        return
    if not judged(aside):
        try:
            os.link(aside, path)  # fails if someone else took the lock meanwhile: theirs stands
        except OSError:
            pass
    try:
        os.unlink(aside)
    except OSError:
        pass


def _remove_planted(path: Path) -> None:
    """Move a planted non-file out of the lock's way."""
    _move_aside(path, _planted)


def _is_stale(path: Path, holder: dict[str, object]) -> bool:
    try:
        age = time.time() - os.lstat(path).st_mtime
    except FileNotFoundError:
        return False
    if age > STALE_SECONDS:
        return True
    if holder.get("host") == socket.gethostname() and "pid" in holder:
        return not is_running(holder["pid"])
    return False


def _break_stale(path: Path, holder: dict[str, object]) -> None:
    """Move a stale lock aside; if what was moved is not the lock judged stale, put it back."""
    _move_aside(path, lambda aside: _read(aside) == holder)


def acquire(report: str | os.PathLike[str], *, wait: float | None = None) -> Path:
    """Take the report's lock, waiting up to ``wait`` seconds (default :data:`WAIT_SECONDS`);
    :class:`ReportBusy` if it stays taken."""
    path = lock_path(report)
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    delay = 0.005
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
        except FileExistsError:
            if _planted(path):
                _remove_planted(path)
                continue
            holder = _read(path)
            if holder is not None and _is_stale(path, holder):
                _break_stale(path, holder)
                continue
            if time.monotonic() >= deadline:
                who = holder or {}
                raise ReportBusy(
                    f"“{Path(report).name}”正在被其他程序修改（进程{who.get('pid', '?')}，"
                    f"计算机{who.get('host', '?')}），请稍后再试"
                ) from None
            time.sleep(delay)
            delay = min(delay * 1.5, 0.1)
            continue
        except FileNotFoundError:
            return path  # the folder does not exist: the save will say so; nothing to lock
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EROFS):  # a read-only folder cannot be saved to either
                return path
            raise ReportFileError(f"无法锁定“{Path(report).name}”：{reason(exc)}") from exc
        try:
            os.write(fd, json.dumps(_holder()).encode("utf-8"))
        finally:
            os.close(fd)
        return path


def release(path: Path) -> None:
    """Remove our lock file (only ours: a lock broken as stale and retaken by another stays)."""
    holder = _read(path)
    if holder is not None and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
        try:
            os.unlink(path)
        except OSError:
            pass


@contextmanager
def locked(report: str | os.PathLike[str], *, wait: float | None = None) -> Iterator[None]:
    """Hold the report's lock for the duration of a ``with`` block."""
    path = acquire(report, wait=wait)
    try:
        yield
    finally:
        release(path)
