"""A typed value repaints the cells it changed, not the whole table (keystroke-to-screen cost)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QApplication

from model.cellref import CellRef


class PaintLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.area = QRect()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.area = self.area.united(event.region().boundingRect())
        return False


def test_typing_a_value_repaints_a_row_not_the_table(qtbot, window):
    grid = window.grids["3"]
    model = grid.grid_model
    cell = CellRef("3", "new", "natural")
    centre = grid.mapTo(window.page_scroll.widget(), grid.visualRect(model.index_of(cell)).center())
    window.page_scroll.ensureVisible(centre.x(), centre.y(), 50, 300)
    window.activateWindow()
    grid.setFocus()
    grid.setCurrentIndex(model.index_of(cell))
    qtbot.wait(10)
    log = PaintLog()
    grid.viewport().installEventFilter(log)
    for value in ("3", "4", "5"):
        grid.setCurrentIndex(model.index_of(cell))
        QApplication.processEvents()
        log.area = QRect()
        qtbot.keyClicks(grid, value)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.wait(10)
        assert window.session.document.value(cell) == int(value)
        # The edited row (value and its total) and the next row (the new current cell): no more.
        assert 0 < log.area.height() <= 3 * grid.rowHeight(model.index_of(cell).row()), log.area
