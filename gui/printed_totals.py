"""Totals an imported report printed differently from the sum of their parts: the cell is marked
as an error by check (its tooltip says what was printed) until the user accepts the computed total,
here from the cell's context menu or Edit › Accept Computed Totals."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView

from gui.session import Session
from gui.table_model import RefRole
from model.cellref import CellRef
from model.values import format_value


def accept_totals(session: Session, refs: Iterable[CellRef] | None = None) -> int:
    """Drop the printed totals (all, or those of ``refs``) as one undoable step; how many were dropped."""
    edits = session.document.accept_totals(refs)
    if edits:
        session.apply(edits, QCoreApplication.translate("PrintedTotals", "Accept computed totals"))
    return len(edits)


def cell_menu(session: Session, grid: QTableView, position: QPoint) -> QMenu | None:
    """The context menu of a total that keeps a printed value: accept the computed one."""
    index = grid.indexAt(position)
    ref = index.data(RefRole) if index.isValid() else None
    if not isinstance(ref, CellRef):
        return None
    printed = session.document.printed(ref)
    if printed is None:
        return None
    kind = session.document.kind(ref)
    menu = QMenu(grid)
    computed = format_value(session.document.value(ref), kind) or QCoreApplication.translate("PrintedTotals", "blank")
    action = menu.addAction(
        QCoreApplication.translate("PrintedTotals", "Accept Computed Total {computed} (printed: {printed})").format(
            computed=computed, printed=format_value(printed, kind)
        )
    )
    action.setObjectName("acceptComputedTotal")
    action.triggered.connect(lambda: accept_totals(session, [ref]))
    return menu


def attach(session: Session, grid: QTableView) -> None:
    """Give a table grid the context menu above."""
    grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        menu = cell_menu(session, grid, position)
        if menu is not None:
            menu.popup(grid.viewport().mapToGlobal(position))

    grid.customContextMenuRequested.connect(show)
