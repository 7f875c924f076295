"""The window on a small office laptop (1024×600 with a taskbar): nothing cut off or out of reach."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from gui.main_window import MainWindow
from model.fileformat import load_report
from tests.conftest import EXAMPLE


def small_window(qtbot, context, width=1024, height=600):
    win = MainWindow(context, load_report(EXAMPLE))
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_window_fits_a_1024_by_600_screen_with_a_taskbar(qtbot, context):
    win = small_window(qtbot, context)
    assert win.minimumSize().width() <= 1024 and win.minimumSize().height() <= 560
    room = win.screen().availableGeometry()
    fresh = MainWindow(context, load_report(EXAMPLE))  # no saved geometry: no larger than the screen
    qtbot.addWidget(fresh)
    assert fresh.width() <= room.width() and fresh.height() <= room.height()
    win.session.set_clean()
    fresh.session.set_clean()


def test_text_sections_wrap_inside_the_visible_page(qtbot, context):
    win = small_window(qtbot, context)
    viewport = win.page_scroll.viewport()
    assert win.page_scroll.widget().width() > viewport.width()  # table 三 is wider: the page scrolls sideways
    for editor in win.text_editors.values():
        right = editor.mapTo(viewport, QPoint(editor.width(), 0)).x()
        assert right <= viewport.width(), editor.section.title  # its lines are read without scrolling
        assert editor.width() > 500
    win.resize(1366, 768)  # back on a wide screen the sections widen again
    qtbot.waitUntil(lambda: min(e.width() for e in win.text_editors.values()) > 900)
    win.session.set_clean()


def test_the_check_list_leaves_the_page_room_on_a_short_screen(qtbot, context):
    win = small_window(qtbot, context)
    qtbot.waitUntil(lambda: win.checks_dock.height() <= 100)
    assert win.page_scroll.viewport().height() >= 300
    win.session.set_clean()


def test_keys_scroll_the_page_to_the_cell_they_reach(qtbot, context):
    from PySide6.QtCore import QRect, Qt

    win = small_window(qtbot, context)
    grid = win.grids["3"]
    win.activateWindow()
    grid.setFocus()
    layout = grid.grid_model.layout
    grid.setCurrentIndex(grid.grid_model.index(layout.header_rows, layout.label_columns))
    viewport = win.page_scroll.viewport()

    def shown(index) -> bool:
        rect = grid.visualRect(index)
        top_left = grid.viewport().mapTo(viewport, rect.topLeft())
        return viewport.rect().contains(QRect(top_left, rect.size()))

    ctrl, none = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
    for key, modifier in ((Qt.Key.Key_End, ctrl), (Qt.Key.Key_PageUp, none), (Qt.Key.Key_Home, ctrl)):
        qtbot.keyClick(grid, key, modifier)
        assert shown(grid.currentIndex()), key
    qtbot.keyClick(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown(grid.grid_model.index(grid.grid_model.rowCount() - 1, grid.grid_model.columnCount() - 1))
    win.session.set_clean()
