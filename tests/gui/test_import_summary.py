"""After an import the window says what the CLI says; printed totals are marked until accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from gui import printed_totals
from gui.table_model import ERROR_BRUSH
from model.cellref import CellRef

HONGZE = Path(__file__).resolve().parents[1] / "fixtures" / "published" / "10_hongze-district-2023.txt"
RC_TOTAL = CellRef("4", "cases", "rc_total")


def _import(window, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(window.context.messages, "info", lambda parent, title, text: said.append(text))
    assert window.import_path(HONGZE)
    return said


def test_import_summary_and_log_window(qtbot, window, monkeypatch):
    said = _import(window, monkeypatch)
    assert said and said[0].startswith("导入完成：填入154个数值，3条警告")
    assert "警告：表四·行政复议·总计" in said[0] and "→" not in said[0]
    assert window.statusBar().currentMessage().startswith("导入完成：填入154个数值")
    window.show_import_log()
    dialog = window.import_log_dialog
    qtbot.waitExposed(dialog)
    assert "→ 表三·" in dialog.text.toPlainText() and "警告：表四·行政诉讼·复议后起诉·总计" in dialog.text.toPlainText()
    dialog.close()


def test_printed_total_is_marked_and_accepted_from_the_cell_menu(qtbot, window, monkeypatch):
    _import(window, monkeypatch)
    grid = window.grids["4"]
    model = grid.grid_model
    index = model.index_of(RC_TOTAL)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "报告中印的是0" in tooltip and "各项之和为11" in tooltip
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "11"
    menu = printed_totals.cell_menu(window.session, grid, grid.visualRect(index).center())
    assert menu is not None
    action = menu.findChild(type(menu.actions()[0]), "acceptComputedTotal")
    assert "11" in action.text() and "0" in action.text()
    action.trigger()
    assert window.session.document.printed(RC_TOTAL) is None
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) != ERROR_BRUSH
    window.undo_action.trigger()
    assert window.session.document.printed(RC_TOTAL) == 0
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    other = model.index_of(CellRef("4", "cases", "rc_upheld"))
    assert printed_totals.cell_menu(window.session, grid, grid.visualRect(other).center()) is None


def test_accept_all_computed_totals_from_the_edit_menu(window, monkeypatch):
    _import(window, monkeypatch)
    actions = {a.text(): a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()}
    accept = next(a for text, a in actions.items() if "计算值" in text or "Computed" in text)
    accept.trigger()
    assert window.session.document.printed_totals() == {}
    assert not [r for r in window.session.document.errors() if r.rule == "P1"]
