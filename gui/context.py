"""What a window needs from its surroundings, passed in (no globals): settings, folders, messages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget


class UserMessages:
    """The one seam through which the app talks to the user with dialogs (replaced in tests)."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def ask_save(self, parent: QWidget | None, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        box = QMessageBox(QMessageBox.Icon.Warning, "保存更改", f"“{name}”有尚未保存的更改，是否保存？", parent=parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def ask_agency_year(self, parent: QWidget | None, agency: str) -> tuple[str, int] | None:
        """The agency and year of an imported report whose title could not be found."""
        from gui.dialogs import NewReportDialog

        dialog = NewReportDialog(parent, agency)
        dialog.setWindowTitle("文件中没有报告标题：请填写机关名称和年度")
        dialog.template.setEnabled(False)
        if not dialog.exec():
            return None
        _, year, name = dialog.values()
        return name, year

    def ask_restore(self, parent: QWidget | None, description: str) -> bool:
        answer = QMessageBox.question(
            parent,
            "恢复未保存的报告",
            f"上次程序意外退出，留下了未保存的更改：\n{description}\n\n是否恢复？",
        )
        return answer == QMessageBox.StandardButton.Yes


@dataclass
class AppContext:
    """Settings store, recovery folder, message seam and autosave interval for one app instance."""

    settings: QSettings
    recovery_dir: Path
    messages: UserMessages
    autosave_ms: int = 30_000

    @classmethod
    def default(cls) -> AppContext:
        data = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))
        seconds = os.environ.get("NIANBAO_AUTOSAVE_SECONDS", "30")
        interval = int(float(seconds) * 1000) if seconds.replace(".", "", 1).isdigit() else 30_000
        return cls(QSettings("Nianbao", "Nianbao"), data / "recovery", UserMessages(), max(200, interval))
