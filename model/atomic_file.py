"""The one way Nianbao writes a file: complete or not at all, never anything but the file it was asked for.

Every writer (``.nianbao`` save, autosave, the Excel/PDF/Word/web exports) hands its bytes to
:func:`write_file`, which

* refuses an empty or unusable name and anything at the target that is not a regular file
  (``/dev/null``, a FIFO, a device, a folder): writing there would hang, fill a disk or replace a system file;
* refuses to replace a read-only file unless the caller asked the user (:class:`ReadOnlyTarget`),
  judged by the permission bits too, because root may write anything;
* writes through a symbolic link (the link stays, the file it points to is replaced);
* writes a temporary file with an unpredictable name beside the target (``O_EXCL``, so nothing planted
  there is followed or overwritten), fsyncs it, gives it the replaced file's mode (a new file gets the
  umask's normal mode) and renames it over the target, then fsyncs the folder;
* removes its temporary file on every failure path, and removes temporary files that killed saves
  left in that folder before.
"""

from __future__ import annotations

import errno
import os
import secrets
import socket
import stat
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from model.errors import ReportFileError
from model.processes import is_running

TEMP_PREFIX = ".~nianbao-"
TEMP_SUFFIX = ".tmp"
# A temporary file from another machine (a shared folder) is only judged by its age.
STALE_SECONDS = 3600


class ReadOnlyTarget(ReportFileError):
    """The target exists and is read-only; replace it only after asking the user."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"“{path.name}”是只读文件，未覆盖（请另存为其他文件，或先取消其只读属性）")
        self.path = path


class NotRegularTarget(ReportFileError):
    """The target is a device, a pipe, a folder or something else that is not an ordinary file."""


def _host_tag() -> str:
    return f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')):08x}"


def temp_name() -> str:
    """An unpredictable temporary name that says which machine and process made it."""
    return f"{TEMP_PREFIX}{_host_tag()}-{os.getpid()}-{secrets.token_hex(8)}{TEMP_SUFFIX}"


def reason(exc: OSError) -> str:
    """The reason for an operating-system error, in the user's words."""
    reasons = {
        "ENOSPC": "磁盘空间不足",
        "EACCES": "没有写入权限或文件被其他程序占用",
        "EPERM": "没有写入权限或文件被其他程序占用",
        "ENOENT": "文件夹不存在",
        "ENOTDIR": "路径中有一部分不是文件夹",
        "EROFS": "该位置是只读的（如光盘或写保护的U盘）",
        "EDQUOT": "磁盘配额已用完",
        "ENAMETOOLONG": "文件名或路径过长",
        "ELOOP": "符号链接形成了循环",
        "EISDIR": "这是一个文件夹",
        "EFBIG": "文件过大",
        "EIO": "读写设备出错",
    }
    name = errno.errorcode.get(exc.errno or 0, "")
    # The operating system's own words (often English) only for what is not listed here.
    return reasons.get(name) or exc.strerror or str(exc)


def resolve_target(path: str | os.PathLike[str], *, follow_symlinks: bool = True) -> Path:
    """The file that will really be written: a symbolic link is followed; bad names are refused."""
    name = os.fspath(path)
    if not name.strip():
        raise ReportFileError("没有指定输出文件名")
    if "\x00" in name:
        raise ReportFileError("输出文件名含有无效字符")
    if name.endswith(("/", os.sep)) or os.path.basename(name) in ("", ".", ".."):
        raise NotRegularTarget(f"“{name}”是文件夹，不是文件名")
    target = Path(name)
    try:
        if follow_symlinks and target.is_symlink():
            target = Path(os.path.realpath(target))
    except OSError as exc:  # a name too long, a permission on the way: said in the user's words
        raise ReportFileError(f"无法写入“{short_name(name)}”：{reason(exc)}") from exc
    return target


def short_name(name: str, limit: int = 80) -> str:
    """A file name for a message: a 300-character name is cut, not printed whole."""
    return name if len(name) <= limit else name[: limit // 2] + "…" + name[-limit // 2 :]


def check_target(
    path: str | os.PathLike[str], *, replace_read_only: bool = False, follow_symlinks: bool = True
) -> os.stat_result | None:
    """Refuse a target that must not be replaced; return its status (None if it does not exist yet, or
    when it is a symbolic link that is to be replaced itself)."""
    target = resolve_target(path, follow_symlinks=follow_symlinks)
    try:
        status = os.stat(target) if follow_symlinks else os.lstat(target)
        if stat.S_ISLNK(status.st_mode):
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReportFileError(f"无法写入“{target}”：{reason(exc)}") from exc
    if stat.S_ISDIR(status.st_mode):
        raise NotRegularTarget(f"“{target}”是文件夹，不能作为输出文件")
    if not stat.S_ISREG(status.st_mode):
        raise NotRegularTarget(f"“{target}”不是普通文件（设备、管道等），不能写入")
    if not replace_read_only and (not status.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise ReadOnlyTarget(target)
    return status


def remove_stale_temps(folder: Path) -> None:
    """Remove temporary files that killed saves left in ``folder`` (ours only: recognised by name)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    host = _host_tag()
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        parts = entry.name[len(TEMP_PREFIX) : -len(TEMP_SUFFIX)].split("-")
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode):
                continue
            same_host = len(parts) == 3 and parts[0] == host and parts[1].isdigit()
            dead = same_host and not is_running(int(parts[1]))
            if dead or now - status.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
        except (OSError, ValueError):
            continue


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; the rename is durable enough there
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) cannot fsync a folder; the data itself is synced
    finally:
        os.close(fd)


def _create_temp(folder: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(20):
        temp = folder / temp_name()
        try:
            # 0o666: the umask decides, as for any new file the user makes.
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "无法创建临时文件")


def write_file(
    path: str | os.PathLike[str],
    data: bytes | Callable[[BinaryIO], None],
    *,
    keep_backup: bool = False,
    replace_read_only: bool = False,
    follow_symlinks: bool = True,
) -> None:
    """Write ``data`` (bytes, or a function writing to a binary stream) to ``path`` atomically.

    Raises :class:`ReportFileError` (or its :class:`ReadOnlyTarget` / :class:`NotRegularTarget`) with a
    message naming the reason; the previous file, if any, is then untouched.
    """
    target = resolve_target(path, follow_symlinks=follow_symlinks)
    status = check_target(target, replace_read_only=replace_read_only, follow_symlinks=follow_symlinks)
    folder = target.parent
    if not folder.is_dir():
        raise ReportFileError(f"无法保存“{target.name}”：文件夹不存在（{folder}）")
    remove_stale_temps(folder)
    try:
        handle, temp = _create_temp(folder)
    except OSError as exc:
        raise ReportFileError(f"无法在“{folder}”中保存：{reason(exc)}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
            stream.flush()
            if status is not None:
                _keep_owner_and_mode(stream.fileno(), status)
            os.fsync(stream.fileno())
        if keep_backup and status is not None:
            _backup(target)
        windows_read_only = os.name == "nt" and status is not None and not status.st_mode & stat.S_IWRITE
        if windows_read_only:
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)  # Windows refuses to replace a read-only file
        os.replace(temp, target)
        if windows_read_only:
            os.chmod(target, stat.S_IREAD)  # the user asked to replace it, not to make it writable
    except OSError as exc:
        _discard(temp)
        raise ReportFileError(f"保存“{target.name}”失败：{reason(exc)}，原文件未改动") from exc
    except BaseException:
        _discard(temp)
        raise
    _fsync_folder(folder)


def _backup(target: Path) -> None:
    """The previous version as ``FILE.bak``. A link planted there is replaced, never followed; something
    that is no file at all (a folder, a pipe) means no backup this time rather than no save."""
    try:
        write_file(
            target.with_name(target.name + ".bak"), target.read_bytes(), replace_read_only=True, follow_symlinks=False
        )
    except NotRegularTarget:
        pass


def _keep_owner_and_mode(fd: int, status: os.stat_result) -> None:
    if os.name != "posix":
        return
    if hasattr(os, "fchown") and (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(fd, status.st_uid, status.st_gid)
        except OSError:
            pass  # only root may give a file away; the content matters more than the owner
    os.fchmod(fd, stat.S_IMODE(status.st_mode))


def _discard(temp: Path) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass
