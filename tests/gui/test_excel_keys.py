"""Keys and clipboard as in Excel and WPS, typed into the real window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from model.cellref import CellRef

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def ref(row: str, column: str) -> CellRef:
    return CellRef("3", row, column)


def value(window, row: str, column: str):
    return window.session.document.value(ref(row, column))


def go_to(qtbot, window, cell: CellRef):
    grid = window.grids[cell.table]
    window.activateWindow()
    grid.setFocus()
    grid.setCurrentIndex(grid.grid_model.index_of(cell))
    return grid


def status(window) -> str:
    return window.statusBar().currentMessage()


def editor_open(grid) -> bool:
    return grid.state() == QAbstractItemView.State.EditingState


def type_text(target, text: str) -> None:
    """Key events carrying any text, as an input method delivers them (QTest types only Latin-1)."""
    for char in text:  # the first key opens the cell's editor; the next ones go to it
        focused = QApplication.focusWidget() if isinstance(QApplication.focusWidget(), QLineEdit) else target
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focused, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def select_down_down_right(qtbot, grid) -> None:
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)


def test_paste_into_a_selection_starts_at_its_top_left(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    select_down_down_right(qtbot, grid)  # the current cell is now the bottom-right one
    QGuiApplication.clipboard().setText("1\t2\n3\t4\n")  # 2×2 does not divide 3×2: placed once
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    assert [value(window, "new", "natural"), value(window, "new", "business")] == [1, 2]
    assert [value(window, "carried", "natural"), value(window, "carried", "business")] == [3, 4]
    assert value(window, "open", "natural") == 0
    assert "已粘贴4个单元格" in status(window)
    # The pasted range is selected, as in Excel.
    selected = {(i.row(), i.column()) for i in grid.selectedIndexes()}
    assert selected == {
        grid.grid_model.layout.data_position(ref(r, c)) for r in ("new", "carried") for c in ("natural", "business")
    }


def test_a_block_that_divides_the_selection_fills_it(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    select_down_down_right(qtbot, grid)
    QGuiApplication.clipboard().setText("5")
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    for row in ("new", "carried", "open"):
        assert value(window, row, "natural") == value(window, row, "business") == 5
    assert value(window, "new", "research") == 0
    window.undo_action.trigger()  # one undo step
    assert value(window, "open", "business") == 0 and value(window, "new", "natural") == 0
    grid = go_to(qtbot, window, ref("new", "natural"))
    for _ in range(3):
        qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)  # 2×4 selection, a 1×2 block: tiled 2×2 times
    QGuiApplication.clipboard().setText("1\t2\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    for row in ("new", "carried"):
        got = [value(window, row, c) for c in ("natural", "business", "research", "welfare")]
        assert got == [1, 2, 1, 2]
    assert "已粘贴8个单元格" in status(window)


def test_ctrl_z_and_ctrl_y_in_a_text_section_use_the_report_undo(qtbot, window):
    editor = window.text_editors["s5"]
    before = window.session.document.text("s5")
    window.activateWindow()
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " more")
    assert window.session.document.text("s5") == before + " more"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert window.session.document.text("s5") == before
    assert editor.toPlainText() == before
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert window.session.document.text("s5") == before + " more"
    assert editor.toPlainText() == before + " more"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)  # the system's own redo key works too
    assert window.session.document.text("s5") == before + " more"


def test_ctrl_y_redoes_in_the_grid(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    qtbot.keyClicks(grid, "8")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(grid, Qt.Key.Key_Z, CTRL)
    assert value(window, "new", "natural") == 0
    qtbot.keyClick(grid, Qt.Key.Key_Y, CTRL)
    assert value(window, "new", "natural") == 8


def test_tab_moves_without_opening_an_editor(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    model = grid.grid_model
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.currentIndex() == model.index_of(ref("new", "business"))
    assert not editor_open(grid)
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # an arrow moves the cell, not a cursor in some text
    assert grid.currentIndex() == model.index_of(ref("new", "research"))
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, SHIFT)
    assert grid.currentIndex() == model.index_of(ref("new", "business"))
    # Typing then Tab: the value is committed and the next cell is current, with no editor open.
    qtbot.keyClicks(grid, "6")
    assert editor_open(grid)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert value(window, "new", "business") == 6
    assert grid.currentIndex() == model.index_of(ref("new", "research"))
    assert not editor_open(grid) and not isinstance(QApplication.focusWidget(), QLineEdit)
    qtbot.keyClicks(grid, "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, SHIFT)
    assert value(window, "new", "research") == 7
    assert grid.currentIndex() == model.index_of(ref("new", "business"))
    assert not editor_open(grid)
    # Tab at the row's end goes on to the next row's first number.
    grid.setCurrentIndex(model.index_of(ref("new", "total")))
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.currentIndex() == model.index_of(ref("carried", "natural"))


def test_typing_into_a_total_is_refused_with_a_reason(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "total"))
    qtbot.keyClicks(grid, "5")
    assert value(window, "new", "total") == 0
    assert not editor_open(grid)
    assert "未接受" in status(window) and "合计" in status(window)
    window.statusBar().clearMessage()
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    assert not editor_open(grid) and "合计" in status(window)
    window.statusBar().clearMessage()
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert "合计" in status(window)


def test_only_ascii_and_full_width_digits_are_numbers(qtbot, window):
    for typed in ("٣", "۵", "²"):
        grid = go_to(qtbot, window, ref("new", "natural"))
        type_text(grid, typed)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert value(window, "new", "natural") == 0
        assert "未接受" in status(window) and "0—9" in status(window)
    grid = go_to(qtbot, window, ref("new", "natural"))
    type_text(grid, "３２")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert value(window, "new", "natural") == 32


def paste(qtbot, window, cell: CellRef, text: str) -> None:
    grid = go_to(qtbot, window, cell)
    QGuiApplication.clipboard().setText(text)
    window.statusBar().clearMessage()
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)


def test_unusable_pastes_are_refused_with_a_message(qtbot, window):
    cell = ref("new", "natural")
    cases = {
        '"' + "1" * 200_000: "粘贴未完成",  # a stray quote: csv used to fail and nothing was said
        '"' + "1\t2\n" * 50_000: "粘贴未完成",
        "1\x00\t2": "粘贴未完成",
        "\x07": "粘贴未完成",
        "1\t2\n" * 400_000: "粘贴未完成",  # 1.6 million characters
    }
    for text, said in cases.items():
        paste(qtbot, window, cell, text)
        assert said in status(window), repr(text[:10])
        assert value(window, "new", "natural") == 0
        assert len(status(window)) < 200
    assert window.session.undo_stack.count() == 0


def test_big_and_awkward_pastes_are_placed_and_said(qtbot, window):
    paste(qtbot, window, ref("new", "natural"), "1\t2\n" * 5_000)  # far more rows than the table
    assert value(window, "new", "natural") == 1 and value(window, "carried", "business") == 2
    assert "超出表格范围" in status(window)
    paste(qtbot, window, ref("new", "natural"), '"4"\t"5"\r\n')  # quoted cells, Windows line ends
    assert value(window, "new", "natural") == 4 and value(window, "new", "business") == 5
    paste(qtbot, window, ref("new", "total"), "9")
    assert "未粘贴" in status(window) and "合计" in status(window)
    paste(qtbot, window, ref("new", "natural"), "")
    assert "粘贴未完成" in status(window)


def test_a_text_section_paste_with_control_characters_is_refused_with_a_message(qtbot, window):
    editor = window.text_editors["s5"]
    before = window.session.document.text("s5")
    window.activateWindow()
    editor.setFocus()
    QGuiApplication.clipboard().setText("坏\x01字")
    window.statusBar().clearMessage()
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert window.session.document.text("s5") == before == editor.toPlainText()
    assert "未接受" in status(window) and "控制字符" in status(window)


def test_copied_blank_cells_paste_as_blanks(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    qtbot.keyClick(grid, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "\t\n"
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    assert value(window, "carried", "natural") is None and value(window, "carried", "business") is None
    assert "已粘贴2个单元格" in status(window)


def test_arrows_end_a_typed_value_but_move_inside_an_f2_edit(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    model = grid.grid_model
    qtbot.keyClicks(grid, "4")
    qtbot.keyClicks(QApplication.focusWidget(), "2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # Excel's Enter mode: commit, move
    assert value(window, "new", "natural") == 42
    assert grid.currentIndex() == model.index_of(ref("new", "business")) and not editor_open(grid)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClicks(grid, "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert value(window, "carried", "business") == 7
    assert grid.currentIndex() == model.index_of(ref("new", "business"))
    qtbot.keyClick(grid, Qt.Key.Key_F2)  # Edit mode: the arrows move in the text
    assert editor_open(grid)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor_open(grid)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert value(window, "new", "business") == 10


def test_double_clicking_a_total_says_why_it_cannot_be_edited(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "total"))
    window.page_scroll.ensureWidgetVisible(grid)
    rect = grid.visualRect(grid.grid_model.index_of(ref("new", "total")))
    window.statusBar().clearMessage()
    # What the system sends for a double-click (QTest's mouseDClick skips the double-click event here)
    qtbot.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    point = QPointF(rect.center())
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    double = QMouseEvent(QEvent.Type.MouseButtonDblClick, point, grid.viewport().mapToGlobal(point), left, left, none)
    QApplication.sendEvent(grid.viewport(), double)
    assert not editor_open(grid)
    assert "合计" in status(window)


def test_keys_sent_to_the_table_while_its_editor_is_open_are_typed(qtbot, window):
    # A value typed key by key at the table (as key events sent to the window land there) is the
    # whole value: Qt opened the editor on the first key and dropped the rest ("36" became 3).
    grid = go_to(qtbot, window, ref("new", "natural"))
    qtbot.keyClicks(grid, "365")
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert value(window, "new", "natural") == 365
    assert grid.currentIndex() == grid.grid_model.index_of(ref("carried", "natural")) and not editor_open(grid)
    qtbot.keyClicks(grid, "12")
    qtbot.keyClick(grid, Qt.Key.Key_Escape)  # Escape reaches the editor too: the edit is cancelled
    assert value(window, "carried", "natural") == 0 and not editor_open(grid)


def test_an_accepted_value_clears_an_earlier_refusal(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    qtbot.keyClicks(grid, "abc")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "未接受" in status(window)
    grid = go_to(qtbot, window, ref("new", "natural"))
    qtbot.keyClicks(grid, "12")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert value(window, "new", "natural") == 12
    assert "未接受" not in status(window)  # the bar no longer says the accepted value was refused


def test_a_pasted_control_character_is_named(qtbot, window):
    paste(qtbot, window, ref("new", "natural"), "1\x00\t2")
    assert "粘贴未完成" in status(window) and "控制字符" in status(window) and "U+0000" in status(window)
    assert value(window, "new", "natural") == 0


def test_shift_enter_moves_up_as_in_excel(qtbot, window):
    grid = go_to(qtbot, window, ref("carried", "natural"))
    model = grid.grid_model
    qtbot.keyClicks(grid, "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, SHIFT)
    assert value(window, "carried", "natural") == 5
    assert grid.currentIndex() == model.index_of(ref("new", "natural")) and not editor_open(grid)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert grid.currentIndex() == model.index_of(ref("carried", "natural"))
    qtbot.keyClick(grid, Qt.Key.Key_Return, SHIFT)
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))


def test_ctrl_x_copies_and_clears_as_one_step(qtbot, window):
    paste(qtbot, window, ref("new", "natural"), "3\t4\n")
    grid = go_to(qtbot, window, ref("new", "natural"))
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_X, CTRL)
    assert QGuiApplication.clipboard().text() == "3\t4\n"
    assert value(window, "new", "natural") is None and value(window, "new", "business") is None
    paste(qtbot, window, ref("carried", "natural"), QGuiApplication.clipboard().text())
    assert value(window, "carried", "natural") == 3 and value(window, "carried", "business") == 4
    window.undo_action.trigger()  # the paste
    window.undo_action.trigger()  # the cut: one step
    assert value(window, "new", "natural") == 3 and value(window, "new", "business") == 4


def test_shift_arrows_extend_the_selection_but_the_active_cell_stays(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    model = grid.grid_model
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))  # Excel's active cell: the anchor
    selected = {(i.row(), i.column()) for i in grid.selectedIndexes()}
    assert selected == {model.layout.data_position(ref(r, "natural")) for r in ("new", "carried", "open")}
    qtbot.keyClick(grid, Qt.Key.Key_Up, SHIFT)  # the far corner moves back, not the anchor
    selected = {(i.row(), i.column()) for i in grid.selectedIndexes()}
    assert selected == {model.layout.data_position(ref(r, "natural")) for r in ("new", "carried")}
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClicks(grid, "7")  # typing writes into the anchor cell
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert value(window, "new", "natural") == 7
    assert value(window, "open", "natural") == 0
    # Enter inside the selection moves within it; the selection stays.
    assert grid.currentIndex() == model.index_of(ref("carried", "natural"))
    assert len(grid.selectedIndexes()) == 3
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # past the bottom: back to the top
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))
    qtbot.keyClick(grid, Qt.Key.Key_Return, SHIFT)  # Shift+Enter: backwards, wrapping to the bottom
    assert grid.currentIndex() == model.index_of(ref("open", "natural"))
    assert len(grid.selectedIndexes()) == 3
    qtbot.keyClick(grid, Qt.Key.Key_Delete)  # Delete clears the whole selection
    assert [value(window, r, "natural") for r in ("new", "carried", "open")] == [None, None, None]
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # a plain arrow collapses the selection from the active cell
    assert grid.currentIndex() == model.index_of(ref("open", "business"))
    assert len(grid.selectedIndexes()) == 1


def test_tab_cycles_inside_a_selection_row_by_row(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    model = grid.grid_model
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)  # 2×2
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))
    visited = []
    for _ in range(4):
        qtbot.keyClicks(grid, str(len(visited) + 1))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(grid.currentIndex())
    assert value(window, "new", "natural") == 1 and value(window, "new", "business") == 2
    assert value(window, "carried", "natural") == 3 and value(window, "carried", "business") == 4
    assert visited[-1] == model.index_of(ref("new", "natural"))  # cycled back to the start
    assert len(grid.selectedIndexes()) == 4


def test_shift_click_extends_from_the_active_cell(qtbot, window):
    grid = go_to(qtbot, window, ref("new", "natural"))
    model = grid.grid_model
    window.page_scroll.ensureWidgetVisible(grid)
    target = grid.visualRect(model.index_of(ref("carried", "business"))).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, SHIFT, target)
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))
    assert len(grid.selectedIndexes()) == 4
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)  # keys go on from the clicked corner
    assert len(grid.selectedIndexes()) == 6
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))


def test_home_end_page_and_ctrl_keys_move_as_in_excel(qtbot, window):
    grid = go_to(qtbot, window, ref("carried", "business"))
    model = grid.grid_model
    layout = model.layout
    first = model.index(layout.header_rows, layout.label_columns)
    last = model.index(layout.rows - 1, layout.columns - 1)
    row = model.index_of(ref("carried", "business")).row()
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert grid.currentIndex() == model.index(row, layout.label_columns)
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert grid.currentIndex() == model.index(row, layout.columns - 1)
    qtbot.keyClick(grid, Qt.Key.Key_Home, CTRL)
    assert grid.currentIndex() == first
    qtbot.keyClick(grid, Qt.Key.Key_End, CTRL)
    assert grid.currentIndex() == last
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    assert grid.currentIndex() == model.index(layout.header_rows, layout.columns - 1)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert grid.currentIndex() == last
    qtbot.keyClick(grid, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(grid, Qt.Key.Key_End, CTRL | SHIFT)  # Ctrl+Shift+End selects the whole table's numbers
    assert grid.currentIndex() == first
    assert len(grid.selectedIndexes()) == (layout.rows - layout.header_rows) * (layout.columns - layout.label_columns)
    # Ctrl+arrow: every cell of the example is filled, so to the table's edge.
    qtbot.keyClick(grid, Qt.Key.Key_Right, CTRL)
    assert grid.currentIndex() == model.index(layout.header_rows, layout.columns - 1)
    qtbot.keyClick(grid, Qt.Key.Key_Down, CTRL)
    assert grid.currentIndex() == last


def test_an_accepted_text_edit_clears_an_earlier_refusal(qtbot, window):
    editor = window.text_editors["s5"]
    window.activateWindow()
    editor.setFocus()
    QGuiApplication.clipboard().setText("坏\x01字")
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert "未接受" in status(window)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "ok")
    assert window.session.document.text("s5").endswith("ok")
    assert "未接受" not in status(window)
    grid = go_to(qtbot, window, ref("new", "natural"))  # a refusal in a grid, then a text typed
    qtbot.keyClicks(grid, "abc")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "未接受" in status(window)
    window.activateWindow()
    editor.setFocus()
    qtbot.keyClicks(editor, "!")
    assert "未接受" not in status(window)


def test_a_drag_selects_from_where_it_began_which_stays_active(qtbot, window):
    grid = go_to(qtbot, window, ref("open", "natural"))
    model = grid.grid_model
    window.page_scroll.ensureWidgetVisible(grid)
    start = grid.visualRect(model.index_of(ref("new", "natural"))).center()
    end = QPointF(grid.visualRect(model.index_of(ref("carried", "business"))).center())
    qtbot.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=start)
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    moved = grid.viewport().mapToGlobal(end)
    move = QMouseEvent(QEvent.Type.MouseMove, end, moved, Qt.MouseButton.NoButton, left, none)
    QApplication.sendEvent(grid.viewport(), move)
    qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=end.toPoint())
    assert len(grid.selectedIndexes()) == 4
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)  # Shift+arrow goes on from the dragged-to corner
    assert len(grid.selectedIndexes()) == 6
    assert grid.currentIndex() == model.index_of(ref("new", "natural"))
