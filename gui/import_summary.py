"""What the window says after an import: the same summary line as the CLI and the warnings, and
a details window with the whole import log (where each value came from)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from readers.assemble import ImportResult
from readers.import_log import LogEntry, summary

SHOWN_WARNINGS = 20


def import_message(result: ImportResult) -> str:
    """The summary line and the warnings (the first ones; the log window holds them all)."""
    warnings = result.warnings
    lines = [summary(result.values_read, result.log), *warnings[:SHOWN_WARNINGS]]
    if len(warnings) > SHOWN_WARNINGS:
        lines.append(
            QCoreApplication.translate("ImportSummary", "… and {count} more warnings (Check › Import Log)").format(
                count=len(warnings) - SHOWN_WARNINGS
            )
        )
    elif result.log:
        lines.append(QCoreApplication.translate("ImportSummary", "Where each value came from: Check › Import Log"))
    return "\n".join(lines)


class ImportLogDialog(QDialog):
    """The whole log of the last import, one entry a line; not modal, so the report stays usable."""

    def __init__(self, parent: QWidget | None, source: str, log: list[LogEntry]) -> None:
        super().__init__(parent)
        self.setObjectName("importLog")
        self.setWindowTitle(QCoreApplication.translate("ImportSummary", "Import Log — {name}").format(name=source))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFont("monospace"))
        self.text.setPlainText(
            "\n".join(entry.text for entry in log) or QCoreApplication.translate("ImportSummary", "Nothing was logged.")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(900, 520)
