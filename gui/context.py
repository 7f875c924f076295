"""What a window needs from its surroundings, passed in (no globals): settings, folders, messages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class UserMessages:
    """The one seam through which the app talks to the user with dialogs (replaced in tests)."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def ask_save(self, parent: QWidget | None, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        question = QCoreApplication.translate("UserMessages", "“{name}” has unsaved changes. Save them?").format(
            name=name
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("UserMessages", "Save Changes"),
            question,
            parent=parent,
        )
        save = box.addButton(QCoreApplication.translate("UserMessages", "Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(
            QCoreApplication.translate("UserMessages", "Don’t Save"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QCoreApplication.translate("UserMessages", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def ask_agency_year(self, parent: QWidget | None, agency: str) -> tuple[str, int] | None:
        """The agency and year of an imported report whose title could not be found."""
        from gui.dialogs import NewReportDialog

        dialog = NewReportDialog(parent, agency)
        dialog.setWindowTitle(
            QCoreApplication.translate("UserMessages", "No report title in the file: enter the agency and the year")
        )
        dialog.template.setEnabled(False)
        if not dialog.exec():
            return None
        _, year, name = dialog.values()
        return name, year

    def confirm(self, parent: QWidget | None, title: str, question: str) -> bool:
        """A yes/no question whose safe answer is no (the default button)."""
        answer = QMessageBox.question(
            parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_paths(self, parent: QWidget | None, title: str, folder: str, filters: str) -> list[str]:
        """Files to read (none when cancelled)."""
        names, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
        return list(names)

    def ask_folder(self, parent: QWidget | None, title: str, folder: str) -> str:
        """A folder to read ("" when cancelled)."""
        return QFileDialog.getExistingDirectory(parent, title, folder)

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
        """Where to write a file ("" when cancelled)."""
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return name

    def ask_restore(self, parent: QWidget | None, description: str) -> bool:
        question = QCoreApplication.translate(
            "UserMessages",
            "The program stopped unexpectedly last time and left unsaved changes:\n{what}\n\nRestore them?",
        )
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("UserMessages", "Restore Unsaved Report"),
            question.format(what=description),
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
