"""A ``QAbstractTableModel`` showing one template table laid out like the official form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gui.session import Session
from model.cellref import CellRef
from model.edits import ChangeSet, SetCell
from model.errors import NianbaoError
from model.grid import GridCell, Part, layout_table
from model.rules import ERROR, RuleResult
from model.template import Table
from model.values import format_value

HEADER_BRUSH = QBrush(QColor("#eef1f6"))
TOTAL_BRUSH = QBrush(QColor("#e4e9f1"))
BLANK_BRUSH = QBrush(QColor("#fffbea"))
ERROR_BRUSH = QBrush(QColor("#f6c9c9"))
WARNING_BRUSH = QBrush(QColor("#fde3b0"))
LABEL_FOREGROUND = QBrush(QColor("#1f2d3d"))
TOTAL_FOREGROUND = QBrush(QColor("#24466e"))

RefRole = Qt.ItemDataRole.UserRole + 1
PartRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
# Every role data() answers; any other returns at once (a role answered below must be listed here).
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        RefRole,
        PartRole,
    )
)


class TableGridModel(QAbstractTableModel):
    """Headers and labels are read-only spanned cells; inputs are editable; totals are shaded."""

    message = Signal(str)  # for the status bar: a refused entry, a skipped paste cell

    def __init__(self, session: Session, table: Table, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self.table = table
        self.layout = layout_table(table)
        self._origin: dict[tuple[int, int], GridCell] = {(c.row, c.column): c for c in self.layout.cells}
        self._bold = QFont()
        self._bold.setBold(True)
        self._marked = self._current_marks()
        session.changed.connect(self._on_changed)

    @property
    def session(self) -> Session:
        return self._session

    # --- shape ---------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.layout.rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.columns

    def grid_cell(self, row: int, column: int) -> GridCell | None:
        return self._origin.get((row, column))

    def index_of(self, ref: CellRef) -> QModelIndex:
        return self.index(*self.layout.data_position(ref))

    # --- content -------------------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell per paint; the ones never answered return first.
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        cell = self._origin.get((index.row(), index.column()))
        if cell is None:
            return None
        if role == PartRole:
            return cell.part.value
        if cell.part is not Part.DATA:
            return self._header_data(cell, role)
        assert cell.ref is not None
        return self._data_cell(cell.ref, role)

    def _header_data(self, cell: GridCell, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADER_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole:
            return LABEL_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.part is Part.ROW_HEADER and cell.row_span == 1:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _data_cell(self, ref: CellRef, role: int) -> Any:
        document = self._session.document
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_value(document.value(ref), document.kind(ref))
        if role == RefRole:
            return ref
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        is_total = document.is_total(ref)
        if role == Qt.ItemDataRole.BackgroundRole:
            results = [r for r in document.results_at(ref) if r.rule != "B1"]
            if any(r.severity == ERROR for r in results):
                return ERROR_BRUSH
            if results:
                return WARNING_BRUSH
            if is_total:
                return TOTAL_BRUSH
            if document.value(ref) is None:
                return BLANK_BRUSH
            return None
        if role == Qt.ItemDataRole.ForegroundRole and is_total:
            return TOTAL_FOREGROUND
        if role == Qt.ItemDataRole.FontRole and is_total:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [r.message for r in document.results_at(ref)]
            if is_total:
                lines.insert(0, self.tr("A computed total; it cannot be typed in"))
            if document.prior is not None and ref in document.prior.values:
                prior = document.prior.values[ref]
                shown = format_value(prior, document.kind(ref)) or self.tr("blank")
                lines.append(self.tr("Last year ({year}): {value}").format(year=document.prior.year, value=shown))
            return "\n".join(lines) or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        cell = self._origin.get((index.row(), index.column()))
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        if cell.part is not Part.DATA:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        assert cell.ref is not None
        if not self._session.document.is_total(cell.ref):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ref = self.layout.ref_at(index.row(), index.column())
        if ref is None:
            return False
        document = self._session.document
        try:
            parsed = document.parse(ref, str(value))
            self._session.apply([SetCell(ref, parsed)], self.tr("Enter a value"))
        except NianbaoError as exc:
            self.message.emit(self.tr("Not accepted: {reason}").format(reason=exc))
            return False
        self.message.emit("")  # a refusal still showing would now be about a value that was accepted
        return True

    # --- change propagation --------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        touched: set[CellRef] = {ref for ref in changes.cells if ref.table == self.table.id}
        for key, result in changes.rules.items():
            old = self._marked.pop(key, None)
            new = None if result is None else self._mark(result)
            # A rule still failing on the same cells with the same severity only changed its
            # message: the tooltip reads it when shown, and repainting would redraw the table.
            if new != old:
                touched.update(old[0] if old else ())
                touched.update(new[0] if new else ())
            if new is not None:
                self._marked[key] = new
        if changes.prior:
            touched.update(self.table.cells())
        for ref in touched:
            index = self.index_of(ref)
            self.dataChanged.emit(index, index)

    def _mark(self, result: RuleResult) -> tuple[tuple[CellRef, ...], str]:
        return tuple(c for c in result.cells if c.table == self.table.id), result.severity

    def _current_marks(self) -> dict[str, tuple[tuple[CellRef, ...], str]]:
        # Cells each failing rule marks (and how), to repaint them when that changes.
        return {r.key: self._mark(r) for r in self._session.document.results()}

    def reset(self) -> None:
        """The session now shows another document."""
        self.beginResetModel()
        self._marked = self._current_marks()
        self.endResetModel()

    def detach(self) -> None:
        """Stop following the session: the document it shows is being replaced.

        A model left connected would handle every later edit of the next document (whose tables may
        have other rows under the same id) and would never be freed.
        """
        try:
            self._session.changed.disconnect(self._on_changed)
        except (RuntimeError, TypeError):  # already detached
            pass
