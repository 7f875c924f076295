"""The editor of one text section (总体情况, 存在的主要问题…): plain text whose edits go through the
session, so typing is undone with the report's own undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy

from gui.session import Session
from model.errors import NianbaoError
from model.template import Section


class TextSectionEditor(QPlainTextEdit):
    """A plain-text editor whose edits go through the session (its own undo is off).

    It grows with its text, so the report page scrolls as one document instead of a box of text
    scrolling inside a scrolling page; only a text taller than :data:`TALLEST` scrolls on its own.
    """

    SHORTEST = 110
    TALLEST = 900

    refused = Signal(str)  # for the status bar: why an edit (a paste with control characters…) was undone

    def __init__(self, session: Session, section: Section) -> None:
        super().__init__()
        self._session = session
        self.section = section
        self.setUndoRedoEnabled(False)
        self.setPlaceholderText(section.hint or self.tr("Write “{title}” here").format(title=section.title))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.SHORTEST)
        self.load()
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)

    def _fit_height(self, *_: object) -> None:
        # The blocks' laid-out heights, not lines × font height: Chinese falls back to a taller font.
        content = 0.0
        block = self.document().begin()
        while block.isValid():
            content += self.blockBoundingRect(block).height()
            block = block.next()
        content += 2 * (self.frameWidth() + self.document().documentMargin())
        self.setFixedHeight(int(min(self.TALLEST, max(self.SHORTEST, content + 2))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a wider editor wraps into fewer lines

    def load(self) -> None:
        text = self._session.document.text(self.section.id)
        if self.toPlainText() != text:
            cursor = self.textCursor().position()
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
            c = self.textCursor()
            c.setPosition(min(cursor, len(text)))
            self.setTextCursor(c)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The editor's own undo is off: Ctrl+Z / Ctrl+Y go to the report's one undo stack, as in the grids.
        # Ctrl+Y is Excel's and WPS's redo on every system, besides the system's own redo key.
        if event.matches(QKeySequence.StandardKey.Undo):
            self._session.undo_stack.undo()
            return
        redo_y = event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        if event.matches(QKeySequence.StandardKey.Redo) or redo_y:
            self._session.undo_stack.redo()
            return
        super().keyPressEvent(event)

    def _on_text_changed(self) -> None:
        edits = self._session.document.write_text(self.section.id, self.toPlainText())
        try:
            self._session.apply(edits, self.tr("Edit “{title}”").format(title=self.section.title))
        except NianbaoError as exc:
            self.load()
            self.refused.emit(self.tr("Not accepted: {reason}").format(reason=exc))
            return
        self.refused.emit("")  # a refusal still showing (here or in a grid) is about an edit since replaced
