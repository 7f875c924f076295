"""The grid widget for one table: spans as printed, spreadsheet keys, copy and paste."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gui.clipboard import PASTE_MAX_CHARS, parse_tsv, paste_area, to_tsv
from gui.table_model import TableGridModel
from model.cellref import CellRef
from model.edits import SetCell
from model.errors import NianbaoError

DATA_WIDTH = 66
WIDE_DATA_WIDTH = 120
LABEL_WIDTHS = {1: [230], 2: [120, 220], 3: [64, 112, 250]}


ARROW_MOVES = {
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
}
QUIET_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class _CellDelegate(QStyledItemDelegate):
    """Enter commits and moves down, like a spreadsheet; the editor starts with the text selected."""

    def __init__(self, view: ReportGrid) -> None:
        super().__init__(view)
        self._view = view

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        self._view.open_editor = editor
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            moves = {
                Qt.Key.Key_Return: (1, 0),
                Qt.Key.Key_Enter: (1, 0),
                Qt.Key.Key_Tab: (0, 1),
                Qt.Key.Key_Backtab: (0, -1),
            }
            step = moves.get(Qt.Key(event.key()))
            if step is None and self._view.typing_started_edit and event.modifiers() in QUIET_MODIFIERS:
                # Excel's "Enter" mode: a value begun by typing ends with an arrow key, which moves
                # on; after F2 or a double-click ("Edit" mode) the arrows move inside the text.
                step = ARROW_MOVES.get(Qt.Key(event.key()))
            if step == (1, 0) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                step = (-1, 0)  # Shift+Enter: up, as in Excel and WPS
            if step is not None:
                # Commit, close and move: never straight into the next cell's editor (Qt's Tab
                # would open one, and the arrow keys would then move inside its text).
                assert isinstance(editor, QWidget)
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                    self._view.advance(0, step[1])
                elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._view.advance(step[0], 0)
                else:
                    self._view.move_by(*step)
                return True
        return super().eventFilter(editor, event)


class ReportGrid(QTableView):
    """A table shown whole (no inner scrolling), sized to its content."""

    def __init__(self, model: TableGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = model
        self._hop_to_editor = False
        self.typing_started_edit = False  # an editor opened by typing: arrow keys commit and move
        self.open_editor: QLineEdit | None = None  # the cell editor last opened (None once closed)
        self._forwarding = False
        # The far corner of a selection extended with Shift (keys, click or drag) while the current
        # cell, Excel's active cell, stays where the selection began; None: the selection is the current cell.
        self._extent: QPersistentModelIndex | None = None
        self._keeping_extent = False
        model.setParent(self)  # the model lives and dies with its view
        self.setModel(model)
        self.setItemDelegate(_CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setStyleSheet("QTableView { gridline-color: #9aa5b1; border: 1px solid #9aa5b1; }")
        model.modelReset.connect(self.apply_layout)
        self.apply_layout()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Qt repaints the whole view when it loses or regains focus (for the selection colour). Into
        # and back out of the cell's own editor, on every value typed, that redrew the whole table:
        # most of an edit's time. The edited cell is under the editor, so nothing needs repainting.
        focus = QApplication.focusWidget()
        if focus is not None and focus.parent() is self.viewport():
            self._hop_to_editor = True
            return
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        back_from_editor = self._hop_to_editor and event.reason() == Qt.FocusReason.OtherFocusReason
        self._hop_to_editor = False
        if not back_from_editor:  # a click or Tab from elsewhere: Qt's own repaint, for the colours
            super().focusInEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if editor is self.open_editor:
            self.open_editor = None
        super().closeEditor(editor, hint)  # gives focus back (see focusInEvent) when the editor had it
        self._hop_to_editor = False  # focus went elsewhere (a click away): the next focus-in repaints

    def apply_layout(self) -> None:
        """Spans, widths and heights; spans live in the view, so this runs again after a reset."""
        self.clearSpans()
        layout = self.grid_model.layout
        for cell in layout.spans():
            self.setSpan(cell.row, cell.column, cell.row_span, cell.column_span)
        widths = LABEL_WIDTHS.get(layout.label_columns, [])
        # The small tables of section 二 have long column labels and room to spare.
        data_width = DATA_WIDTH if layout.columns - layout.label_columns > 3 else WIDE_DATA_WIDTH
        for column in range(layout.columns):
            if column < layout.label_columns:
                self.setColumnWidth(column, widths[column])
            else:
                self.setColumnWidth(column, data_width)
        self.resizeRowsToContents()
        for row in range(layout.rows):
            self.setRowHeight(row, max(self.rowHeight(row), 26))
        self._fit_size()

    def release(self) -> None:
        """The report shown is being replaced: leave the session and go when the page goes."""
        self.grid_model.detach()
        self.grid_model.modelReset.disconnect(self.apply_layout)

    def _fit_size(self) -> None:
        width = sum(self.columnWidth(c) for c in range(self.grid_model.columnCount())) + 2
        height = sum(self.rowHeight(r) for r in range(self.grid_model.rowCount())) + 2
        self.setFixedSize(width, height)

    # --- keys ----------------------------------------------------------------------------------

    def move_by(self, rows: int, columns: int) -> None:
        """Move the current cell to the next data cell in a direction (skipping totals is not done:
        people read totals while they type)."""
        current = self.currentIndex()
        layout = self.grid_model.layout
        row, column = current.row() + rows, current.column() + columns
        if layout.header_rows <= row < layout.rows and layout.label_columns <= column < layout.columns:
            self.setCurrentIndex(self.grid_model.index(row, column))

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Keys move within the data cells, as in a spreadsheet (see :meth:`_target`)."""
        current = self.currentIndex()
        target = self._target(current, cursorAction, bool(modifiers & Qt.KeyboardModifier.ControlModifier))
        if target is not None:
            return target
        moved = super().moveCursor(cursorAction, modifiers)
        if not moved.isValid():
            return current
        return self._clamp(moved.row(), moved.column())

    def _clamp(self, row: int, column: int) -> QModelIndex:
        layout = self.grid_model.layout
        row = min(max(row, layout.header_rows), layout.rows - 1)
        return self.grid_model.index(row, min(max(column, layout.label_columns), layout.columns - 1))

    def _target(self, start: QModelIndex, action: QAbstractItemView.CursorAction, control: bool) -> QModelIndex | None:
        """Where a key moves from ``start``, as in Excel: arrows one cell (Ctrl: to the edge of the
        filled block, else the table's edge), Home/End the row's first/last number, Ctrl+Home/Ctrl+End
        the table's first/last, PageUp/PageDown the column's first/last (the table is one screen)."""
        layout = self.grid_model.layout
        row = start.row() if start.isValid() else layout.header_rows
        column = start.column() if start.isValid() else layout.label_columns
        first_row, last_row = layout.header_rows, layout.rows - 1
        first_column, last_column = layout.label_columns, layout.columns - 1
        kind = QAbstractItemView.CursorAction
        if action == kind.MoveHome:
            return self._clamp(first_row if control else row, first_column)
        if action == kind.MoveEnd:
            return self._clamp(last_row if control else row, last_column)
        if action == kind.MovePageUp:
            return self._clamp(first_row, column)
        if action == kind.MovePageDown:
            return self._clamp(last_row, column)
        steps = {kind.MoveUp: (-1, 0), kind.MoveDown: (1, 0), kind.MoveLeft: (0, -1), kind.MoveRight: (0, 1)}
        step = steps.get(action)
        if step is None:
            return None
        if not control:
            return self._clamp(row + step[0], column + step[1])
        return self._clamp(*self._jump(row, column, *step))

    def _jump(self, row: int, column: int, down: int, right: int) -> tuple[int, int]:
        """Ctrl+arrow: from a filled cell next to a filled one, the last filled cell before a blank;
        otherwise the next filled cell; the table's edge when there is none (Excel's rule)."""
        layout = self.grid_model.layout
        document = self.grid_model.session.document

        def inside(r: int, c: int) -> bool:
            return layout.header_rows <= r < layout.rows and layout.label_columns <= c < layout.columns

        def filled(r: int, c: int) -> bool:
            ref = layout.ref_at(r, c)
            return ref is not None and document.value(ref) is not None

        r, c = row, column
        if filled(r, c) and inside(r + down, c + right) and filled(r + down, c + right):
            while inside(r + down, c + right) and filled(r + down, c + right):
                r, c = r + down, c + right
            return r, c
        r, c = r + down, c + right
        while inside(r, c) and not filled(r, c):
            if not inside(r + down, c + right):
                return r, c
            r, c = r + down, c + right
        return r, c

    # --- the selection: Excel's active cell stays where it began -------------------------------

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        if not self._keeping_extent:
            self._extent = None
        self.reveal(current)

    def reveal(self, index: QModelIndex) -> None:
        """Scroll the report page to a cell: the table never scrolls itself, the page it sits in does
        (on a 1024-pixel screen table 三 is wider than the page, so keys move into hidden cells)."""
        if not index.isValid() or not self.isVisible():
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None or parent.widget() is None:
            return
        centre = self.viewport().mapTo(parent.widget(), self.visualRect(index).center())
        rect = self.visualRect(index)
        parent.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 8, rect.height() // 2 + 8)

    def extend_to(self, corner: QModelIndex) -> None:
        """Select from the current cell to ``corner``; the current (active) cell stays put, as in Excel."""
        current = self.currentIndex()
        if not current.isValid() or not corner.isValid():
            return
        top, bottom = sorted((current.row(), corner.row()))
        left, right = sorted((current.column(), corner.column()))
        model = self.grid_model
        self.selectionModel().select(
            QItemSelection(model.index(top, left), model.index(bottom, right)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )
        self._extent = QPersistentModelIndex(corner)
        self.reveal(corner)

    def _far_corner(self) -> QModelIndex:
        """The selection's corner opposite the active cell, when the selection is still the one extended."""
        current = self.currentIndex()
        extent = self._extent
        if extent is None or not extent.isValid():
            return current
        corner = QModelIndex(extent)
        span = (
            min(current.row(), corner.row()),
            min(current.column(), corner.column()),
            max(current.row(), corner.row()),
            max(current.column(), corner.column()),
        )
        return corner if self._selected_rect() == span else current  # changed since (a click, a paste…)

    def _extend_by_key(self, event: QKeyEvent) -> bool:
        """Shift with an arrow, Home/End or PageUp/PageDown moves the selection's far corner."""
        actions = {
            Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp,
            Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
            Qt.Key.Key_Left: QAbstractItemView.CursorAction.MoveLeft,
            Qt.Key.Key_Right: QAbstractItemView.CursorAction.MoveRight,
            Qt.Key.Key_Home: QAbstractItemView.CursorAction.MoveHome,
            Qt.Key.Key_End: QAbstractItemView.CursorAction.MoveEnd,
            Qt.Key.Key_PageUp: QAbstractItemView.CursorAction.MovePageUp,
            Qt.Key.Key_PageDown: QAbstractItemView.CursorAction.MovePageDown,
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None or not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return False
        if not self.currentIndex().isValid():
            return False
        far = self._far_corner()
        target = self._target(far, action, bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
        if target is not None:
            self.extend_to(target)
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if shift and event.button() == Qt.MouseButton.LeftButton and index.isValid() and self.currentIndex().isValid():
            self.extend_to(self._clamp(index.row(), index.column()))  # Shift+click: the active cell stays
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        active = self.currentIndex()
        super().mouseMoveEvent(event)
        moved = self.currentIndex()
        if self.state() == QAbstractItemView.State.DragSelectingState and active.isValid() and moved != active:
            # A drag selects from where it began, which stays the active cell (Qt would move it along).
            self._keeping_extent = True
            try:
                self.selectionModel().setCurrentIndex(active, QItemSelectionModel.SelectionFlag.NoUpdate)
            finally:
                self._keeping_extent = False
            self._extent = QPersistentModelIndex(self._clamp(moved.row(), moved.column()))

    def _selection_block(self) -> tuple[int, int, int, int] | None:
        """The selected rectangle (data cells only) when it holds more than one cell and the current cell."""
        rect = self._selected_rect()
        current = self.currentIndex()
        if rect is None or not current.isValid():
            return None
        layout = self.grid_model.layout
        top, left = max(rect[0], layout.header_rows), max(rect[1], layout.label_columns)
        bottom, right = rect[2], rect[3]
        if (top, left) == (bottom, right) or not (top <= current.row() <= bottom and left <= current.column() <= right):
            return None
        return top, left, bottom, right

    def advance(self, rows: int, columns: int) -> None:
        """Enter (rows ±1) and Tab (columns ±1): inside a multi-cell selection the active cell cycles
        through it and the selection stays, as in Excel; otherwise a plain move."""
        block = self._selection_block()
        if block is None:
            if columns:
                self.move_next(columns)
            else:
                self.move_by(rows, 0)
            return
        top, left, bottom, right = block
        height, width = bottom - top + 1, right - left + 1
        row, column = self.currentIndex().row() - top, self.currentIndex().column() - left
        if rows:  # down the column, then on to the next column's top
            position = (column * height + row + rows) % (height * width)
            column, row = divmod(position, height)
        else:
            position = (row * width + column + columns) % (height * width)
            row, column = divmod(position, width)
        self._keeping_extent = True
        try:
            self.selectionModel().setCurrentIndex(
                self.grid_model.index(top + row, left + column), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        finally:
            self._keeping_extent = False

    def move_next(self, step: int) -> None:
        """Tab (1) and Shift+Tab (-1): the next data cell along the row, then on to the next row."""
        layout = self.grid_model.layout
        current = self.currentIndex()
        width = layout.columns - layout.label_columns
        if not current.isValid():
            position = 0
        else:
            row = min(max(current.row(), layout.header_rows), layout.rows - 1) - layout.header_rows
            column = min(max(current.column(), layout.label_columns), layout.columns - 1) - layout.label_columns
            position = row * width + column + step
        position = min(max(position, 0), (layout.rows - layout.header_rows) * width - 1)
        row, column = divmod(position, width)
        self.setCurrentIndex(self.grid_model.index(layout.header_rows + row, layout.label_columns + column))

    def _refuse_total(self) -> bool:
        """Say why the current cell cannot be typed in when it is a computed total."""
        ref = self.grid_model.layout.ref_at(self.currentIndex().row(), self.currentIndex().column())
        if ref is None or not self.grid_model.session.document.is_total(ref):
            return False
        self.grid_model.message.emit(
            self.tr("Not accepted: {cell} is a computed total (the sum of its parts); type in its parts").format(
                cell=self._label(ref)
            )
        )
        return True

    def edit(self, index, trigger=None, event=None):  # type: ignore[override]  # Qt has two overloads
        """Qt's edit hook: a total asked to open (double-click, F2) says why it cannot."""
        if trigger is None:
            self.typing_started_edit = False
            return super().edit(index)
        if trigger & self.editTriggers():  # Qt also calls this on clicks and moves that open nothing
            self.typing_started_edit = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        opening = QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        if trigger & opening and index.isValid() and index == self.currentIndex() and self._refuse_total():
            return False
        return super().edit(index, trigger, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editor = self.open_editor
        editing = self.state() == QAbstractItemView.State.EditingState
        live = editor is not None and shiboken6.isValid(editor)  # a reset deletes editors without closeEditor()
        if editing and live and editor.isVisible() and not self._forwarding:
            # A key that reaches the table while its cell editor is open (sent to the table itself, or
            # before focus moved) belongs to the value being typed: Qt would drop it ("36" became 3).
            # A key the editor does not take comes back up to the table (its parent), handled below.
            self._forwarding = True
            try:
                QApplication.sendEvent(editor, event)
            finally:
                self._forwarding = False
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.advance(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1, 0)
                return
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                no_shift = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.advance(0, 1 if no_shift else -1)
                return
            if self._extend_by_key(event):
                return
            typed = event.text()
            no_command = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if typed and typed.isprintable() and no_command and self._refuse_total():
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.copy_selection()
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
        super().keyPressEvent(event)

    # --- clear, copy, paste ----------------------------------------------------------------------

    def _selected_rect(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        columns = [i.column() for i in indexes]
        return min(rows), min(columns), max(rows), max(columns)

    def clear_selection(self) -> None:
        """Blank every selected input cell, as one undo step."""
        rect = self._selected_rect()
        if rect is None:
            return
        top, left, bottom, right = rect
        layout = self.grid_model.layout
        document = self.grid_model.session.document
        edits = []
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                ref = layout.ref_at(row, column)
                if ref is not None and not document.is_total(ref):
                    edits.append(SetCell(ref, None))
        if edits:
            self.grid_model.session.apply(edits, self.tr("Clear cells"))
        elif not self._refuse_total():
            self.grid_model.message.emit(self.tr("Nothing cleared: computed totals and labels cannot be cleared"))

    def copy_selection(self) -> None:
        """The selected rectangle as TSV, as shown (labels included), for Excel and WPS."""
        rect = self._selected_rect()
        if rect is None:
            return
        top, left, bottom, right = rect
        rows = []
        for row in range(top, bottom + 1):
            line = []
            for column in range(left, right + 1):
                cell = self.grid_model.grid_cell(row, column)
                line.append(
                    str(self.grid_model.data(self.grid_model.index(row, column)) or "") if cell is not None else ""
                )
            rows.append(line)
        QGuiApplication.clipboard().setText(to_tsv(rows))

    def paste(self) -> None:
        """Paste the clipboard's TSV into the selection, as one undo step (see :meth:`paste_text`)."""
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """Place a TSV block from the selection's top-left cell, filling a selection it divides evenly.

        Totals and labels under the block are skipped and counted; a value that is not a number stops
        the whole paste with the cell and the reason. Every outcome is said in the status bar.
        """
        say = self.grid_model.message.emit
        if len(text) > PASTE_MAX_CHARS:
            say(
                self.tr("Paste not done: the clipboard holds {count} characters, far more than a table").format(
                    count=len(text)
                )
            )
            return
        rows = parse_tsv(text)
        selection = self._selected_rect()
        if not rows:
            say(self.tr("Paste not done: the clipboard holds no text"))
            return
        if selection is None:
            say(self.tr("Paste not done: select a cell first"))
            return
        block_columns = max(len(line) for line in rows)
        top, left, height, width = paste_area((len(rows), block_columns), selection)
        layout = self.grid_model.layout
        session = self.grid_model.session
        document = session.document
        edits: list[SetCell] = []
        skipped = outside = 0
        for i in range(height):
            line = rows[i % len(rows)]
            if top + i >= layout.rows:  # below the table: counted, not looked at (a paste may be huge)
                outside += sum(min(len(rows[k % len(rows)]), width) for k in range(i, height))
                break
            for j in range(width):
                if j % block_columns >= len(line):
                    continue  # a short row of a ragged block
                text_value = line[j % block_columns]
                row, column = top + i, left + j
                if row >= layout.rows or column >= layout.columns:
                    outside += 1
                    continue
                ref = layout.ref_at(row, column)
                if ref is None or document.is_total(ref):
                    skipped += 1
                    continue
                try:
                    edits.append(SetCell(ref, document.parse(ref, text_value)))
                except NianbaoError as exc:
                    say(
                        self.tr("Paste not done: {cell}: {reason} (no cell was changed)").format(
                            cell=self._label(ref), reason=exc
                        )
                    )
                    return
        if edits:
            try:
                session.apply(edits, self.tr("Paste {count} cells").format(count=len(edits)))
            except NianbaoError as exc:
                say(self.tr("Paste not done: {reason} (no cell was changed)").format(reason=exc))
                return
            self._select_area(top, left, min(top + height, layout.rows) - 1, min(left + width, layout.columns) - 1)
        elif skipped and not outside:
            say(self.tr("Nothing pasted: the cells there are computed totals or labels"))
            return
        notes = [self.tr("Pasted {count} cells").format(count=len(edits))]
        if skipped:
            notes.append(self.tr("skipped {count} totals or labels").format(count=skipped))
        if outside:
            notes.append(self.tr("{count} outside the table not pasted").format(count=outside))
        say(self.tr(", ").join(notes))

    def _select_area(self, top: int, left: int, bottom: int, right: int) -> None:
        # Like Excel: the pasted range is selected, the current cell at its top-left.
        model = self.grid_model
        first = model.index(max(top, model.layout.header_rows), max(left, model.layout.label_columns))
        self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.selectionModel().select(
            QItemSelection(first, model.index(bottom, right)), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._extent = QPersistentModelIndex(model.index(bottom, right))

    def _label(self, ref: CellRef) -> str:
        table = self.grid_model.layout.table
        return "·".join(table.row(ref.row).path[-1:] + table.column(ref.column).path[-1:])
