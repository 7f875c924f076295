"""Drive 文件 › 汇总与审核… as a user does: add, watch it load, cancel, open a unit, sum, export."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

import gui.summary_window as summary_module
from main import main as main_cli
from model.fileformat import save_report
from tests.summary.unit_reports import NEW_NATURAL, unit, write_units


def open_summary(qtbot, window):
    action = next(a for a in window.file_menu.actions() if a.text() == "汇总与审核…")
    action.trigger()
    summary = window.summary_window
    qtbot.waitExposed(summary)
    return summary


def load(qtbot, summary, *paths):
    with qtbot.waitSignal(summary.loaded, timeout=20_000):
        summary.add_paths(paths)


def cell(summary, row, column):
    return summary.table.item(row, column).text()


def test_rows_statuses_and_colours(qtbot, window, tmp_path):
    write_units(tmp_path / "units", 2)
    save_report(unit("错局", {NEW_NATURAL: 4}), tmp_path / "units" / "bad.nianbao")
    (tmp_path / "units" / "broken.nianbao").write_text("{", encoding="utf-8")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path / "units")
    assert summary.table.rowCount() == 4
    rows = {cell(summary, r, 6): [cell(summary, r, c) for c in range(6)] for r in range(4)}
    assert rows["bad.nianbao"] == ["错局", "2024", "2021年版", "2", rows["bad.nianbao"][4], "有错误"]
    assert rows["unit000.nianbao"][5] == "无问题" and rows["unit000.nianbao"][3] == "0"
    assert rows["broken.nianbao"][5] == "无法读取"
    colours = {cell(summary, r, 6): summary.table.item(r, 5).background().color().name() for r in range(4)}
    assert colours == {
        "bad.nianbao": "#ffc7ce",
        "broken.nianbao": "#d9d9d9",
        "unit000.nianbao": "#c6efce",
        "unit001.nianbao": "#c6efce",
    }
    assert summary.table.horizontalHeaderItem(5).text() == "状态"
    summary.add_paths([tmp_path / "units"])  # the same files again are not listed twice
    assert summary.table.rowCount() == 4


def test_loading_is_in_chunks_and_can_be_cancelled(qtbot, window, tmp_path, monkeypatch):
    write_units(tmp_path / "many", 12)
    monkeypatch.setattr(summary_module, "TICK_SECONDS", 0.0)  # one file per turn of the event loop
    summary = open_summary(qtbot, window)
    summary.add_paths([tmp_path / "many"])
    assert summary.busy and summary.table.rowCount() == 0  # nothing read before the window returns to the loop
    assert summary.progress.isVisible() and summary.progress.maximum() == 12
    qtbot.waitUntil(lambda: summary.table.rowCount() >= 2)
    with qtbot.waitSignal(summary.loaded):
        qtbot.mouseClick(summary.cancel_button, Qt.MouseButton.LeftButton)
    read = summary.table.rowCount()
    assert 2 <= read < 12
    assert not summary.progress.isVisible() and "已取消" in summary.status.text()
    load(qtbot, summary, tmp_path / "many")  # adding again reads only what was skipped
    assert summary.table.rowCount() == 12


def test_double_click_opens_the_unit_in_its_own_editor(qtbot, window, tmp_path):
    save_report(unit("甲局", {NEW_NATURAL: 4}), tmp_path / "a.nianbao")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path / "a.nianbao")
    rect = summary.table.visualItemRect(summary.table.item(0, 0))
    # A real double click arrives as press, release, then the double-click press.
    qtbot.mouseClick(summary.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(summary.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(summary.editors) == 1)
    editor = summary.editors[0]
    qtbot.addWidget(editor)
    assert editor.session.document.agency == "甲局"
    assert editor.session.path == tmp_path / "a.nianbao"
    assert editor is not window and window.session.document.agency != "甲局"


def test_make_total_opens_it_unsaved_in_the_main_window(qtbot, window, tmp_path):
    save_report(unit("甲局", {NEW_NATURAL: 4}), tmp_path / "a.nianbao")
    save_report(unit("乙局", {NEW_NATURAL: 3}), tmp_path / "b.nianbao")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path)
    qtbot.keyClicks(summary.agency, "XY")
    qtbot.mouseClick(summary.aggregate_button, Qt.MouseButton.LeftButton)
    document = window.session.document
    assert document.agency == "XY"
    assert document.value(NEW_NATURAL) == 7
    assert window.session.dirty and window.session.path is None
    assert document.origin.units == ("甲局", "乙局")


def test_same_agency_twice_is_refused_with_a_message(qtbot, window, tmp_path):
    save_report(unit("甲局", {}), tmp_path / "a.nianbao")
    save_report(unit("甲局", {}), tmp_path / "b.nianbao")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path)
    before = window.session.document
    qtbot.mouseClick(summary.aggregate_button, Qt.MouseButton.LeftButton)
    assert window.session.document is before
    assert any("a.nianbao" in e and "b.nianbao" in e for e in window.context.messages.errors)


def test_export_buttons_write_workbooks(qtbot, window, tmp_path, monkeypatch):
    write_units(tmp_path / "units", 2)
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path / "units")
    detail, review = tmp_path / "明细.xlsx", tmp_path / "审核.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(detail), "")))
    qtbot.mouseClick(summary.detail_button, Qt.MouseButton.LeftButton)
    assert openpyxl.load_workbook(detail).sheetnames == ["单位明细", "问题清单", "汇总表"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(review), "")))
    qtbot.mouseClick(summary.review_button, Qt.MouseButton.LeftButton)
    rows = list(openpyxl.load_workbook(review)["审核结果"].iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in rows] == ["无问题", "无问题"]


def test_dropping_a_folder_adds_its_reports(qtbot, window, tmp_path):
    write_units(tmp_path / "dropped", 3)
    summary = open_summary(qtbot, window)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped"))])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, data, buttons, modifiers)
    with qtbot.waitSignal(summary.loaded, timeout=20_000):
        summary.dropEvent(event)
    assert summary.table.rowCount() == 3


def test_sort_by_errors_then_remove_the_right_unit(qtbot, window, tmp_path):
    write_units(tmp_path, 2)
    save_report(unit("错局", {NEW_NATURAL: 4}), tmp_path / "bad.nianbao")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path)
    header = summary.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(3) + 5, 5))
    if cell(summary, 0, 0) != "错局":  # the first click may sort ascending: a second one turns it round
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(3) + 5, 5)
        )
    assert cell(summary, 0, 0) == "错局"
    assert summary.reviewed_at(0).unit.agency == "错局"
    summary.table.selectRow(0)
    qtbot.mouseClick(summary.remove_button, Qt.MouseButton.LeftButton)
    assert summary.table.rowCount() == 2
    assert [r.unit.agency for r in summary.reports] == ["测试单位000", "测试单位001"]
    qtbot.mouseClick(summary.aggregate_button, Qt.MouseButton.LeftButton)
    assert window.session.document.agency == "2个单位汇总"


def test_an_imported_unit_opens_as_a_new_unsaved_report(qtbot, window, tmp_path):
    import shutil

    from tests.conftest import ROOT

    source = ROOT / "tests" / "fixtures" / "published" / "11_hongze-district-2024.txt"
    (tmp_path / "in").mkdir()
    shutil.copy(source, tmp_path / "in" / "hongze.txt")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path / "in" / "hongze.txt")
    assert cell(summary, 0, 0) == "淮安市洪泽区人民政府" and cell(summary, 0, 2) == "2021年版"
    editor = summary.open_unit(0)
    qtbot.addWidget(editor)
    assert editor.session.document.agency == "淮安市洪泽区人民政府"
    assert editor.session.path is None and editor.session.dirty  # nothing is written beside the source
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["hongze.txt"]
    editor.session.set_clean()  # qtbot closes it; a clean report closes without asking


def test_paths_are_asked_through_the_context_seam(qtbot, window, tmp_path, monkeypatch):
    # The app's dialogs go through context.messages (replaced in tests and by embedders), never straight to Qt.
    write_units(tmp_path / "units", 2)
    asked: list[str] = []
    messages = window.context.messages
    folder = str(tmp_path / "units")
    monkeypatch.setattr(messages, "ask_folder", lambda parent, title, start: asked.append(title) or folder)
    answers = iter([str(tmp_path / "汇总.2024"), str(tmp_path / "审核")])
    monkeypatch.setattr(
        messages, "ask_save_path", lambda parent, title, suggested, filters: asked.append(title) or next(answers)
    )

    def no_qt_dialog(*args, **kwargs):
        raise AssertionError("a Qt file dialog was opened directly")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_qt_dialog)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", no_qt_dialog)
    summary = open_summary(qtbot, window)
    with qtbot.waitSignal(summary.loaded, timeout=20_000):
        summary.add_folder_dialog()
    assert summary.table.rowCount() == 2
    qtbot.mouseClick(summary.detail_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(summary.review_button, Qt.MouseButton.LeftButton)
    assert asked == ["添加文件夹（含子文件夹）", "导出明细表", "导出审核表"]
    # A name with a dot of its own keeps it: .xlsx is added, nothing is cut off.
    assert openpyxl.load_workbook(tmp_path / "汇总.2024.xlsx").sheetnames == ["单位明细", "问题清单", "汇总表"]
    assert openpyxl.load_workbook(tmp_path / "审核.xlsx").sheetnames == ["审核结果", "问题清单"]


def test_an_unreadable_file_says_why_in_its_row(qtbot, window, tmp_path):
    (tmp_path / "broken.nianbao").write_text("{", encoding="utf-8")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path / "broken.nianbao")
    assert cell(summary, 0, 0).startswith("（无法读取：") and "损坏" in cell(summary, 0, 0)
    assert cell(summary, 0, 2) == ""  # no layout was read: the column stays empty, not "nianbao"


def test_exporting_over_a_listed_report_is_refused(qtbot, window, tmp_path):
    save_report(unit("甲局", {NEW_NATURAL: 4}), tmp_path / "甲局.nianbao")
    report = tmp_path / "乙局.xlsx"  # a unit's report sent as a workbook
    assert main_cli(["export", str(tmp_path / "甲局.nianbao"), "-o", str(report)]) == 0
    (tmp_path / "甲局.nianbao").unlink()
    before = report.read_bytes()
    summary = open_summary(qtbot, window)
    load(qtbot, summary, report)
    assert summary.table.rowCount() == 1 and summary.reports[0].unit is not None
    assert not summary.export_detail(report) and not summary.export_review(report)
    assert report.read_bytes() == before
    assert window.context.messages.errors and "覆盖" in window.context.messages.errors[-1]


def test_enter_opens_the_unit_and_delete_removes_rows(qtbot, window, tmp_path):
    write_units(tmp_path / "units", 3)
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path / "units")
    summary.activateWindow()
    summary.table.setFocus()
    summary.table.selectRow(1)
    qtbot.keyClick(summary.table, Qt.Key.Key_Return)
    assert len(summary.editors) == 1
    editor = summary.editors[0]
    qtbot.addWidget(editor)
    assert editor.session.document.agency == summary.reviewed_at(1).unit.agency
    summary.activateWindow()
    summary.table.setFocus()
    summary.table.selectRow(0)
    qtbot.keyClick(summary.table, Qt.Key.Key_Delete)
    assert summary.table.rowCount() == 2
    assert [r.unit.agency for r in summary.reports] == ["测试单位001", "测试单位002"]


def test_the_status_line_is_not_cut_off_when_loading_ends(qtbot, window, tmp_path):
    write_units(tmp_path / "units", 2)
    summary = open_summary(qtbot, window)
    summary.resize(960, 600)
    load(qtbot, summary, tmp_path / "units")
    # Seen at once, before any later layout pass: the label already has room for what it says.
    assert summary.status.text() == "已读取2份报告"
    assert summary.status.width() >= summary.status.sizeHint().width()


def test_a_different_year_names_files_not_paths(qtbot, window, tmp_path):
    folder = tmp_path / "各单位报告" / "2024年度"
    folder.mkdir(parents=True)
    for i in range(7):
        save_report(unit(f"局{i}", {}), folder / f"unit{i}.nianbao")
    for i in range(6):
        save_report(unit(f"旧局{i}", {}, year=2023), folder / f"old{i}.nianbao")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path)
    qtbot.mouseClick(summary.aggregate_button, Qt.MouseButton.LeftButton)
    said = window.context.messages.errors[-1]
    assert "old0.nianbao" in said and "2023年度" in said
    assert str(folder / "old0.nianbao") not in said  # the name, not the full path
    assert said.count(str(folder)) == 1  # the folder, said once
    assert len(said) < 300


def test_the_same_name_in_two_folders_stays_apart(qtbot, window, tmp_path):
    for place in ("交通局", "教育局"):
        (tmp_path / place).mkdir()
        save_report(unit("甲局", {}), tmp_path / place / "年报.nianbao")
    summary = open_summary(qtbot, window)
    load(qtbot, summary, tmp_path)
    qtbot.mouseClick(summary.aggregate_button, Qt.MouseButton.LeftButton)
    said = window.context.messages.errors[-1]
    assert "交通局" in said and "教育局" in said and str(tmp_path / "交通局") not in said
