"""A replaced document leaves nothing behind: 新建, 打开 and 从上年报告新建 free the old page."""

from __future__ import annotations

import gc
import statistics
import sys
import time
import weakref

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from gui import dialogs
from gui.grid_view import ReportGrid
from gui.table_model import TableGridModel
from gui.text_editor import TextSectionEditor
from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell
from model.fileformat import save_report


def live(kind: type, window) -> int:
    """Objects of a kind still alive in this window (freed ones are gone or deleted on the C++ side)."""
    gc.collect()
    QApplication.sendPostedEvents()  # deleteLater
    count = 0
    for o in gc.get_objects():
        if isinstance(o, kind) and shiboken6.isValid(o):
            owner = o.grid_model if isinstance(o, ReportGrid) else o
            count += owner._session is window.session
    return count


def edit_cost(window, ref: CellRef) -> float:
    """Median seconds of one edit through the session (every connected model handles it)."""
    times = []
    for value in range(1, 16):
        start = time.perf_counter()
        window.session.apply([SetCell(ref, value)], "edit")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reports(tmp_path):
    paths = []
    for template_id, year in (("2019", 2020), ("2021", 2024)):
        path = tmp_path / f"r{template_id}.nianbao"
        save_report(Document.new(template_id, year, "某某市某某局"), path)
        paths.append(path)
    return paths


def type_in_table_three(qtbot, window) -> None:
    grid = window.grids["3"]
    model = grid.grid_model
    ref = next(r for r in model.table.cells() if not window.session.document.is_total(r))
    grid.setFocus()
    grid.setCurrentIndex(model.index_of(ref))
    qtbot.keyClicks(grid, "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session.document.value(ref) == 7


def test_fifty_opens_leave_one_page(qtbot, window, tmp_path, monkeypatch, capfd):
    raised: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: raised.append(value))
    paths = reports(tmp_path)
    ref = CellRef("3", "new", "natural")
    assert window.open_path(paths[1])
    tables = len(window.grids)
    first_cost = edit_cost(window, ref)
    models_before = live(TableGridModel, window)
    old = [weakref.ref(g.grid_model) for g in window.grids.values()]
    for i in range(50):
        window.session.set_clean()
        assert window.open_path(paths[i % 2])
    window.session.set_clean()
    assert window.open_path(paths[1])  # 2019 → 2021, then table 三 is typed in
    type_in_table_three(qtbot, window)
    assert all(r() is None or not shiboken6.isValid(r()) for r in old)
    assert live(TableGridModel, window) == models_before == tables
    assert live(ReportGrid, window) == tables
    assert live(TextSectionEditor, window) == len(window.text_editors)
    window.session.set_clean()
    last_cost = edit_cost(window, ref)
    assert last_cost < first_cost * 3 + 0.002, (first_cost, last_cost)
    assert not raised
    assert "Traceback" not in capfd.readouterr().err


def test_new_and_new_from_last_year_free_the_old_page(qtbot, window, tmp_path, monkeypatch, capfd):
    raised: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: raised.append(value))
    paths = reports(tmp_path)
    monkeypatch.setattr(dialogs.NewReportDialog, "exec", lambda self: 1)
    monkeypatch.setattr(dialogs.NewReportDialog, "values", lambda self: ("2021", 2025, "某某局"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(paths[0]), ""))
    counts = []
    for _ in range(6):
        window.session.set_clean()
        window.roll_forward_dialog()  # 从上年报告新建 (a 2019-layout report rolled into this year)
        window.session.set_clean()
        window.new_report()  # 新建, 2021 layout
        type_in_table_three(qtbot, window)
        counts.append(live(TableGridModel, window))
    assert window.session.document.template.id == "2021"
    assert len(set(counts)) == 1 and counts[0] == len(window.grids)
    assert not raised
    assert "Traceback" not in capfd.readouterr().err
