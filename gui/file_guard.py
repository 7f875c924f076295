"""The window's guard over its file on disk: someone else's change is noticed, a read-only file is not
replaced without asking, and a save holds the report's lock (as the CLI's ``set`` does).

The file's fingerprint is recorded when it is opened or saved; it is compared before every save and
whenever the window is activated (the user may have come back from another program or copy).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from model.atomic_file import ReadOnlyTarget, write_file
from model.report_lock import locked

if TYPE_CHECKING:
    from gui.main_window import MainWindow

LOCK_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class Fingerprint:
    """What identifies one version of a file: cheap status first, the content's hash to be sure."""

    inode: int
    size: int
    mtime_ns: int
    digest: str


def fingerprint(path: Path, known: Fingerprint | None = None) -> Fingerprint | None:
    """The file's fingerprint (None when it cannot be read); the hash is reused when nothing changed."""
    try:
        status = os.stat(path)
        if known is not None and (status.st_ino, status.st_size, status.st_mtime_ns) == (
            known.inode,
            known.size,
            known.mtime_ns,
        ):
            return known
        with open(path, "rb") as stream:
            digest = hashlib.sha256(stream.read(64 * 1024 * 1024)).hexdigest()
    except (OSError, ValueError):
        return None
    return Fingerprint(status.st_ino, status.st_size, status.st_mtime_ns, digest)


def _tr(text: str) -> str:
    # Written in Chinese at the source, so the texts need no catalogue entry to reach the user.
    return QCoreApplication.translate("FileGuard", text)


class FileGuard(QObject):
    """Watches the file of one window's session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._path: Path | None = None
        self._known: Fingerprint | None = None
        self._told: str | None = None  # the changed version the user was already asked about
        window.session.pathChanged.connect(self.remember)
        window.installEventFilter(self)
        self.remember()

    def remember(self) -> None:
        """The session's file as it is now is ours (just opened or saved)."""
        path = self.window.session.path
        self._path = Path(path) if path is not None else None
        self._known = fingerprint(self._path) if self._path is not None else None
        self._told = None

    def changed_on_disk(self) -> bool:
        """Whether another program changed (or replaced) the file since we opened or saved it."""
        if self._path is None or self._known is None or self._path != self.window.session.path:
            return False
        now = fingerprint(self._path, self._known)
        if now is None:
            return False  # deleted or unreadable: saving loses nothing of anyone's
        if now.digest == self._known.digest:
            self._known = now
            return False
        return True

    def save(self, path: Path) -> bool:
        """Save the session to ``path`` after the checks; False if the user declined. Errors propagate."""
        messages = self.window.context.messages
        if Path(path) == self._path and self.changed_on_disk():
            question = _tr(
                "“{name}”在您打开之后已被其他程序或其他人修改。\n\n保存将用本窗口的内容替换那个版本，仍要保存吗？"
            ).format(name=Path(path).name)
            if not messages.confirm(self.window, _tr("文件已在别处被修改"), question):
                return False
        with locked(path, wait=LOCK_WAIT_SECONDS):
            try:
                self.window.session.save(path)
            except ReadOnlyTarget:
                question = _tr("“{name}”是只读文件。仍要替换它吗？").format(name=Path(path).name)
                if not messages.confirm(self.window, _tr("只读文件"), question):
                    return False
                self.window.session.save(path, replace_read_only=True)
        return True

    def export(self, path: Path, *, font_path: str | None) -> bool:
        """Export the session's report to ``path``; a read-only target is replaced only after asking.
        False if the user declined. Errors propagate."""
        from export.writers import export_report

        document = self.window.session.document
        try:
            export_report(document, path, font_path=font_path)
        except ReadOnlyTarget:
            question = _tr("“{name}”是只读文件。仍要替换它吗？").format(name=Path(path).name)
            if not self.window.context.messages.confirm(self.window, _tr("只读文件"), question):
                return False
            with tempfile.TemporaryDirectory(prefix="nianbao-export-") as folder:
                staged = Path(folder) / Path(path).name
                export_report(document, staged, font_path=font_path)
                write_file(path, staged.read_bytes(), replace_read_only=True)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self.check_now)  # after activation, not inside it
        return False

    def check_now(self) -> None:
        """Tell the user once per changed version, offering to load it."""
        if not self.changed_on_disk() or self._path is None:
            return
        now = fingerprint(self._path, self._known)
        if now is None or now.digest == self._told:
            return
        self._told = now.digest
        if self.window.session.dirty:
            question = _tr(
                "“{name}”已被其他程序或其他人修改。\n\n要载入那个版本吗？本窗口中未保存的修改将会丢失。"
                "（如保留本窗口的内容，保存时会再次询问是否覆盖。）"
            )
        else:
            question = _tr("“{name}”已被其他程序或其他人修改。\n\n要载入那个版本吗？")
        if self.window.context.messages.confirm(
            self.window, _tr("文件已在别处被修改"), question.format(name=self._path.name)
        ):
            self.window.open_path(self._path, confirmed=True)
