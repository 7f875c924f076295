"""A working day in a minute: thousands of values typed into the real window, with undo, redo and pastes.

Keys only (the grids get focus, everything else is a key): every input cell of both official
layouts is typed into again and again. Afterwards every total shown equals the sum of its parts as
shown, the model holds exactly what was typed, and memory has stopped growing after warm-up.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from model.cellref import CellRef
from model.document import Document
from model.values import CellKind

VALUES_PER_LAYOUT = 1_050
WARM_UP = 300
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
STATM = Path("/proc/self/statm")


def resident_bytes() -> int:
    import os

    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def shown(window, ref: CellRef) -> str:
    model = window.grids[ref.table].grid_model
    return str(model.data(model.index_of(ref)) or "")


def as_number(text: str) -> Decimal:
    return Decimal(text) if text else Decimal(0)


def typed_text(kind: CellKind, n: int) -> str:
    if kind is CellKind.AMOUNT:
        return f"{n % 997}.{n % 100:02d}"
    if kind is CellKind.SIGNED:
        return str(n % 41 - 20)
    return str(n % 1009)


class Typist:
    """Walks every grid with Tab, typing into each input cell; undo/redo and copy/paste now and then."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window
        self.document = window.session.document
        self.typed = 0
        self.expected: dict[CellRef, Decimal] = {}
        self.visited: set[CellRef] = set()
        self.rss_after_warm_up = 0
        self.pastes = self.undos = 0

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifiers)

    def current_ref(self, grid) -> CellRef | None:
        index = grid.currentIndex()
        return grid.grid_model.layout.ref_at(index.row(), index.column())

    def type_value(self, grid, ref: CellRef) -> None:
        text = typed_text(self.document.kind(ref), self.typed)
        self.qtbot.keyClicks(grid, text[0])  # the first key opens the cell's editor, the rest go to it
        self.qtbot.keyClicks(QApplication.focusWidget(), text[1:])
        self.key(Qt.Key.Key_Tab)  # commit and move on
        # The closed editor is deleted when the event loop next runs, as between a user's keystrokes.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.expected[ref] = Decimal(text)
        self.visited.add(ref)
        self.typed += 1
        if self.typed == WARM_UP and STATM.exists():
            self.rss_after_warm_up = resident_bytes()
        if self.typed % 40 == 0:
            self.undo_redo(ref)
        if self.typed % 50 == 0:
            self.copy_paste(grid)

    def undo_redo(self, ref: CellRef) -> None:
        self.key(Qt.Key.Key_Z, CTRL)
        self.key(Qt.Key.Key_Z, CTRL)
        self.key(Qt.Key.Key_Y, CTRL)
        self.key(Qt.Key.Key_Y, CTRL)
        self.undos += 2
        assert as_number(shown(self.window, ref)) == self.expected[ref]

    def copy_paste(self, grid) -> None:
        """Copy the current cell and the next one, paste them one row down, come back."""
        layout = grid.grid_model.layout
        index = grid.currentIndex()
        if index.row() + 1 >= layout.rows or index.column() + 1 >= layout.columns:
            return
        sources = [layout.ref_at(index.row(), index.column() + j) for j in (0, 1)]
        targets = [layout.ref_at(index.row() + 1, index.column() + j) for j in (0, 1)]
        self.key(Qt.Key.Key_Right, SHIFT)  # the active cell stays on the left one, as in Excel
        self.key(Qt.Key.Key_C, CTRL)
        self.key(Qt.Key.Key_Down)  # from the active cell: one row down, same column
        self.key(Qt.Key.Key_V, CTRL)
        said = self.window.statusBar().currentMessage()
        inputs = [t for t in targets if t is not None and not self.document.is_total(t)]
        assert ("已粘贴" if inputs else "未粘贴") in said, said
        self.pastes += bool(inputs)
        for source, target in zip(sources, targets, strict=True):
            if target is not None and not self.document.is_total(target):
                self.expected[target] = as_number(QGuiApplication.clipboard().text() and shown(self.window, source))
        self.key(Qt.Key.Key_Up)

    def walk(self, grid) -> None:
        grid.setFocus()
        self.key(Qt.Key.Key_Home, CTRL)
        last = None
        while True:
            ref = self.current_ref(grid)
            if ref == last:
                return
            last = ref
            if ref is not None and not self.document.is_total(ref):
                self.type_value(grid, ref)
            else:
                self.key(Qt.Key.Key_Tab)


def check_totals(window) -> None:
    """Every total shown equals the sum of its parts shown (which are what the model holds)."""
    for total, parts in window.session.document.template.formulas().items():
        assert as_number(shown(window, total)) == sum(as_number(shown(window, p)) for p in parts), total


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_working_day_of_typing(qtbot, window, template_id, monkeypatch, capfd):
    raised: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: raised.append(value))
    year = 2024 if template_id == "2021" else 2020
    window.show_document(Document.new(template_id, year, "某某市某某局"), None)
    window.activateWindow()
    typist = Typist(qtbot, window)
    while typist.typed < VALUES_PER_LAYOUT:
        for grid in window.grids.values():
            typist.walk(grid)
    document = window.session.document
    assert typist.visited == set(document.template.input_cells())
    assert typist.pastes >= 10 and typist.undos >= 40
    for ref, value in typist.expected.items():
        assert as_number(shown(window, ref)) == value == Decimal(document.value(ref) or 0), ref
    check_totals(window)
    assert not raised
    assert "Traceback" not in capfd.readouterr().err
    if typist.rss_after_warm_up:
        growth = resident_bytes() / typist.rss_after_warm_up - 1
        assert growth < 0.10, f"memory grew {growth:.1%} after warm-up"
    window.session.set_clean()
