"""One open report in the GUI: the document, its undo stack, its file and its dirty state.

Edits reach the document only through :meth:`Session.apply`, which applies them once (so an invalid
edit raises before anything is pushed) and then records a :class:`EditCommand` on the
``QUndoStack``; undo and redo replay the model's own inverse edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model.document import Document
from model.edits import ChangeSet, Edit, SetText
from model.fileformat import save_report

_TEXT_MERGE_ID = 1


class EditCommand(QUndoCommand):
    """An applied batch of model edits; undo applies the inverse the model returned."""

    def __init__(self, session: Session, edits: Sequence[Edit], undo: Sequence[Edit], text: str) -> None:
        super().__init__(text)
        self._session = session
        self._redo = tuple(edits)
        self._undo = tuple(undo)
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:  # already applied by Session.apply
            self._skip_first_redo = False
            return
        self._session._apply_now(self._redo)

    def undo(self) -> None:
        self._session._apply_now(self._undo)

    def id(self) -> int:
        # Consecutive typing in one text section is one undo step.
        if len(self._redo) == 1 and isinstance(self._redo[0], SetText):
            return _TEXT_MERGE_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.id() != _TEXT_MERGE_ID:
            return False
        mine, theirs = self._redo[0], other._redo[0]
        assert isinstance(mine, SetText) and isinstance(theirs, SetText)
        if mine.section != theirs.section:
            return False
        self._redo = other._redo  # keep the oldest undo, the newest redo
        return True


class Session(QObject):
    """The document being edited in one window."""

    changed = Signal(object)  # ChangeSet
    replaced = Signal()  # a different document (new, open, recovery)
    pathChanged = Signal()

    def __init__(self, document: Document, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self.undo_stack = QUndoStack(self)
        self._unsaved_origin = False

    def apply(self, edits: Sequence[Edit], description: str) -> ChangeSet:
        """Apply edits as one undo step. Raises the model's error (and changes nothing) if invalid."""
        changes = self.document.apply(edits)
        if changes.empty:
            return changes
        self.undo_stack.push(EditCommand(self, edits, changes.undo, description))
        self.changed.emit(changes)
        return changes

    def _apply_now(self, edits: Sequence[Edit]) -> None:
        self.changed.emit(self.document.apply(edits))

    def replace(self, document: Document, path: Path | None, *, dirty: bool = False) -> None:
        """Show another document; its history starts empty."""
        self.document = document
        self.path = path
        self.undo_stack.clear()
        # A restored, imported or rolled-forward document has never been saved: it is dirty
        # although its history is empty.
        self._unsaved_origin = dirty
        self.replaced.emit()
        self.pathChanged.emit()

    @property
    def dirty(self) -> bool:
        return self._unsaved_origin or not self.undo_stack.isClean()

    def set_clean(self) -> None:
        """Treat the current state as saved (after a save, or when the user discards on purpose)."""
        self._unsaved_origin = False
        self.undo_stack.setClean()

    def save(self, path: Path | None = None, *, replace_read_only: bool = False) -> None:
        """Save atomically (the model's save); on success the document is clean."""
        target = path or self.path
        assert target is not None
        save_report(self.document, target, replace_read_only=replace_read_only)
        self.path = Path(target)
        self.set_clean()
        self.pathChanged.emit()
