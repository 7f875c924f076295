"""The window imports the new kinds (.xls, .pdf) by drag and drop, and the import dialog offers them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog

from tests.readers.report_builders import report_with_blanks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def drop(window, path):  # type: ignore[no-untyped-def]
    """Drag ``path`` onto the window and drop it, as a file manager would."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, buttons, modifiers)
    window.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, buttons, modifiers))
    return True


def test_dropped_pdf_and_xls_are_imported(window):
    assert drop(window, FIXTURES / "pdf" / "lo-blanks-2021.pdf")
    document = window.session.document
    assert (document.agency, document.year) == ("测试市测试局", 2025) and window.session.dirty
    original = report_with_blanks("2021")
    assert document.inputs() == original.inputs()
    window.session.set_clean()
    assert drop(window, FIXTURES / "xls" / "blanks-2019.xls")
    assert window.session.document.inputs() == report_with_blanks("2019").inputs()
    assert window.context.messages.errors == []


def test_import_dialog_filter_offers_every_kind(window, monkeypatch):
    seen = []

    def fake_dialog(parent, caption, folder, filters):
        seen.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_dialog))
    window.import_dialog()
    assert seen and all(f"*{kind}" in seen[0] for kind in (".xls", ".pdf", ".doc", ".wps", ".xlsx", ".docx"))
