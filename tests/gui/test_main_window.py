"""Drive the real window as a user does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from model.cellref import CellRef
from model.edits import SetCell, SetText
from model.fileformat import load_report
from tests.conftest import EXAMPLE

NEW_NATURAL = CellRef("3", "new", "natural")
NEW_TOTAL = CellRef("3", "new", "total")


def shown(window, ref):
    grid = window.grids[ref.table]
    return grid.grid_model.data(grid.grid_model.index_of(ref))


def type_into(qtbot, window, ref, text):
    grid = window.grids[ref.table]
    grid.setCurrentIndex(grid.grid_model.index_of(ref))
    grid.setFocus()
    for char in text:  # keys go where a user's keys go: the focused widget (the editor after the first)
        target = QApplication.focusWidget() or grid
        if char.isascii():
            qtbot.keyClicks(target, char)
        else:  # QTest only types Latin-1; an input method delivers other characters as key text
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_typing_updates_total_and_checks(qtbot, window):
    assert shown(window, NEW_TOTAL) == "0"
    type_into(qtbot, window, NEW_NATURAL, "12")
    assert shown(window, NEW_NATURAL) == "12"
    assert shown(window, NEW_TOTAL) == "12"
    assert "错误 2" in window.status_counts.text()
    items = [window.checks.item(i).text() for i in range(window.checks.count())]
    assert any("自然人：一＋二＝12，三（七）＋四＝0，相差12" in t for t in items)
    grid = window.grids["3"]
    background = grid.grid_model.data(grid.grid_model.index_of(NEW_NATURAL), Qt.ItemDataRole.BackgroundRole)
    assert background is not None and background.color().name() == "#f6c9c9"
    # Enter moved down to 二、上年结转
    assert grid.grid_model.layout.ref_at(grid.currentIndex().row(), grid.currentIndex().column()).row == "carried"


def test_bad_entry_is_refused(qtbot, window):
    for bad in ("abc", "-3", "1.5"):
        type_into(qtbot, window, NEW_NATURAL, bad)
        assert shown(window, NEW_NATURAL) == "0"
        assert "未接受" in window.statusBar().currentMessage()


def test_full_width_digits_accepted(qtbot, window):
    type_into(qtbot, window, NEW_NATURAL, "１，２０５")
    assert window.session.document.value(NEW_NATURAL) == 1205


def test_totals_are_read_only(window):
    grid = window.grids["3"]
    flags = grid.grid_model.flags(grid.grid_model.index_of(NEW_TOTAL))
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_undo_redo_and_title(qtbot, window):
    assert "*" not in window.windowTitle()
    type_into(qtbot, window, NEW_NATURAL, "5")
    assert "*" in window.windowTitle()
    window.undo_action.trigger()
    assert shown(window, NEW_TOTAL) == "0"
    assert "*" not in window.windowTitle()
    window.redo_action.trigger()
    assert shown(window, NEW_TOTAL) == "5"


def test_paste_skips_totals_and_is_one_undo_step(qtbot, window):
    grid = window.grids["3"]
    grid.setCurrentIndex(grid.grid_model.index_of(CellRef("3", "new", "legal")))
    QGuiApplication.clipboard().setText("1\t2\t3\n4\t5\t6\n")
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    document = window.session.document
    assert document.value(CellRef("3", "new", "legal")) == 1
    assert document.value(CellRef("3", "carried", "other_org")) == 5
    assert shown(window, NEW_TOTAL) == "3"
    assert "跳过2个" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert document.value(CellRef("3", "new", "legal")) == 0
    assert document.value(CellRef("3", "carried", "other_org")) == 0


def test_bad_paste_changes_nothing(qtbot, window):
    grid = window.grids["3"]
    grid.setCurrentIndex(grid.grid_model.index_of(NEW_NATURAL))
    grid.paste_text("7\tabc")
    assert window.session.document.value(NEW_NATURAL) == 0
    assert "粘贴未完成" in window.statusBar().currentMessage()


def test_copy_gives_tsv(qtbot, window):
    grid = window.grids["2_6"]
    model = grid.grid_model
    grid.setCurrentIndex(model.index_of(CellRef("2_6", "punish", "prev_items")))
    grid.selectionModel().select(
        model.index_of(CellRef("2_6", "punish", "prev_items")), grid.selectionModel().SelectionFlag.Select
    )
    grid.selectionModel().select(
        model.index_of(CellRef("2_6", "punish", "delta")), grid.selectionModel().SelectionFlag.Select
    )
    grid.copy_selection()
    assert QGuiApplication.clipboard().text() == "146\t-16\n"


def test_delete_clears_to_blank(qtbot, window):
    grid = window.grids["3"]
    grid.setCurrentIndex(grid.grid_model.index_of(NEW_NATURAL))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert window.session.document.value(NEW_NATURAL) is None
    assert shown(window, NEW_NATURAL) == ""


def test_text_section_edit_and_undo(qtbot, window):
    editor = window.text_editors["s5"]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " more")
    assert window.session.document.text("s5").endswith(" more")
    window.undo_action.trigger()  # typing in one section merges into one undo step
    assert not window.session.document.text("s5").endswith(" m")
    assert editor.toPlainText() == window.session.document.text("s5")


def test_save_and_reopen(qtbot, window, tmp_path):
    type_into(qtbot, window, NEW_NATURAL, "9")
    path = tmp_path / "saved.nianbao"
    assert window._save_to(path)
    assert "*" not in window.windowTitle()
    assert load_report(path).value(NEW_TOTAL) == 9
    assert str(path) in window.recent_files()
    window.show_document(load_report(EXAMPLE), None)
    assert window.open_path(path)
    assert shown(window, NEW_TOTAL) == "9"


def test_open_damaged_file_keeps_app(window, tmp_path):
    bad = tmp_path / "bad.nianbao"
    bad.write_text("{", encoding="utf-8")
    assert not window.open_path(bad)
    assert window.context.messages.errors and "损坏" in window.context.messages.errors[-1]
    assert shown(window, NEW_TOTAL) == "0"


def test_unsaved_prompt_on_close(qtbot, window):
    type_into(qtbot, window, NEW_NATURAL, "3")
    window.context.messages.save_answer = "cancel"
    assert not window.close()
    assert window.isVisible()
    assert window.context.messages.asked_save == 1


def test_recovery_after_crash(qtbot, context):
    crashed = MainWindow(context, load_report(EXAMPLE))
    qtbot.addWidget(crashed)
    grid = crashed.grids["3"]
    grid.grid_model.setData(grid.grid_model.index_of(NEW_NATURAL), "7")
    crashed.autosave()
    assert crashed.recovery.path.exists()
    crashed.recovery._lock.unlock()  # what the OS does when the process dies
    crashed.autosave_timer.stop()
    fresh = MainWindow(context, load_report(EXAMPLE))
    qtbot.addWidget(fresh)
    assert fresh.offer_recovery()
    assert fresh.session.document.value(NEW_TOTAL) == 7
    assert fresh.session.dirty
    fresh.session.set_clean()
    fresh.close()
    assert not list(context.recovery_dir.glob("*.nianbao-recovery"))


def test_clean_close_leaves_no_recovery(qtbot, window, context):
    type_into(qtbot, window, NEW_NATURAL, "3")
    window.autosave()
    assert list(context.recovery_dir.glob("*.nianbao-recovery"))
    window.context.messages.save_answer = "discard"
    window.close()
    assert not list(context.recovery_dir.glob("*.nianbao-recovery"))


def test_fill_blanks_with_zero(qtbot, context):
    from model.document import Document

    win = MainWindow(context, Document.new("2021", 2025, "局"))
    qtbot.addWidget(win)
    win.fill_blanks_with_zero()
    assert not [r for r in win.session.document.warnings() if r.rule == "B1"]
    win.undo_action.trigger()
    assert win.session.document.value(NEW_NATURAL) is None
    win.session.set_clean()
    win.close()


def test_grid_models_pass_qt_model_tester(window):
    for grid in window.grids.values():
        QAbstractItemModelTester(grid.grid_model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_link_prior_shows_last_year_in_tooltip_and_undoes(qtbot, window, tmp_path):
    from model.edits import SetMeta
    from model.fileformat import save_report

    last = load_report(EXAMPLE)
    last.apply([SetCell(CellRef("3", "carryover", "natural"), 4), SetMeta(None, 2019)])  # last year is 2019
    path = tmp_path / "last.nianbao"
    save_report(last, path)
    assert window.link_prior(path)
    grid = window.grids["3"]
    tip = grid.grid_model.data(
        grid.grid_model.index_of(CellRef("3", "carryover", "natural")), Qt.ItemDataRole.ToolTipRole
    )
    assert "上年（2019年）：4" in tip
    assert any(r.rule == "Y1" for r in window.session.document.errors())
    window.undo_action.trigger()
    assert window.session.document.prior is None


def test_pdf_font_setting_is_remembered_and_refuses_non_truetype(window, tmp_path):
    from export.fonts import body_candidates

    bad = tmp_path / "fake.ttf"
    bad.write_bytes(b"not a font")
    assert not window.set_pdf_font(str(bad))
    assert window.pdf_font() is None
    real = next((p for p, _ in body_candidates() if Path(p).is_file()), None)
    if real is not None:
        assert window.set_pdf_font(real)
        assert window.pdf_font() == real
        out = tmp_path / "r.pdf"
        assert window.export_path(out)
        assert out.read_bytes().startswith(b"%PDF")


def test_import_without_title_asks_for_agency_and_year(window, tmp_path):
    from tests.readers.test_published_import import SEED

    text = SEED.read_text(encoding="utf-8").split("\n", 1)[1]  # drop the title line
    path = tmp_path / "untitled.txt"
    path.write_text(text, encoding="utf-8")
    assert window.import_path(path)
    document = window.session.document
    assert (document.agency, document.year) == ("补填的机关", 2024)
    assert window.session.dirty


def test_navigation_keys_stay_in_the_numbers(qtbot, window):
    grid = window.grids["3"]
    model = grid.grid_model

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(grid, key, modifier)
        return model.layout.ref_at(grid.currentIndex().row(), grid.currentIndex().column())

    grid.setFocus()
    grid.setCurrentIndex(model.index_of(CellRef("3", "open", "legal")))
    assert press(Qt.Key.Key_Home) == CellRef("3", "open", "natural")
    assert press(Qt.Key.Key_Left) == CellRef("3", "open", "natural")  # never into the row labels
    assert press(Qt.Key.Key_End).column == "total"
    assert press(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier) == CellRef("3", "new", "natural")
    assert press(Qt.Key.Key_Up) == CellRef("3", "new", "natural")  # never into the column headers
    assert press(Qt.Key.Key_Down).row == "carried"


def test_ui_is_in_simplified_chinese(window):
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "检查(&C)", "帮助(&H)"]
    tools = [a.text() for a in window.toolbar.actions() if a.text()]
    assert tools[:3] == ["新建…", "打开…", "保存"] and "下一个问题" in tools
    file_actions = [a.text() for a in window.file_menu.actions() if a.text()]
    assert "导出PDF…" in file_actions and "打印预览…" in file_actions
    assert window.checks_dock.windowTitle().startswith("检查结果")
    assert window.windowTitle().endswith("政务公开年报编辑器")


def test_an_edit_repaints_only_the_cells_it_changed(window):
    seen: dict[str, set[tuple[int, int]]] = {}
    for table_id, grid in window.grids.items():
        cells = seen.setdefault(table_id, set())
        grid.grid_model.dataChanged.connect(
            lambda top, bottom, *_, cells=cells: cells.update(
                (r, c) for r in range(top.row(), bottom.row() + 1) for c in range(top.column(), bottom.column() + 1)
            )
        )
    grid = window.grids["3"]
    grid.grid_model.setData(grid.grid_model.index_of(NEW_NATURAL), "3")
    layout = grid.grid_model.layout
    refs = {layout.ref_at(r, c) for r, c in seen["3"]}
    expected_values = {NEW_NATURAL, NEW_TOTAL}
    r1_cells = {
        CellRef("3", row, col) for row in ("new", "carried", "total7", "carryover") for col in ("natural", "total")
    }
    assert expected_values <= refs <= expected_values | r1_cells
    assert all(not cells for table_id, cells in seen.items() if table_id != "3")


def test_rolled_forward_texts_show_as_drafts_until_edited(qtbot, window):
    from model.rollforward import roll_forward

    window.show_document(roll_forward(window.session.document).document, None, dirty=True)
    anchor = window._section_anchors["s5"]
    assert "请审阅" in anchor.text()
    editor = window.text_editors["s5"]
    editor.setFocus()
    qtbot.keyClicks(editor, " ")
    assert "请审阅" not in anchor.text()
    assert "请审阅" in window._section_anchors["s1"].text()


def test_report_details_change_and_undo(window):
    assert window.set_report_details("新名称局", 2020)
    assert window.session.document.agency == "新名称局"
    assert "新名称局" in window.header.text()
    window.undo_action.trigger()
    assert window.session.document.agency == "重庆市黔江区城市管理局"
    assert not window.set_report_details("  ", 2020)


def test_navigation_follows_scrolling(qtbot, window):
    for section in ("s3", "s1"):
        anchor = window._section_anchors[section]
        window.page_scroll.verticalScrollBar().setValue(anchor.y())
        assert window.navigation.currentItem().data(Qt.ItemDataRole.UserRole) == section


def test_next_problem_walks_the_check_list_and_selects_its_cells(qtbot, window):
    window.session.apply([SetCell(NEW_NATURAL, 12)], "两处错误")
    count = len(window.session.document.results())
    assert count >= 2
    window.go_to_problem(1)
    first = window.session.document.result(window.checks.currentItem().data(Qt.ItemDataRole.UserRole))
    selected = {
        grid.grid_model.layout.ref_at(index.row(), index.column())
        for grid in window.grids.values()
        for index in grid.selectionModel().selectedIndexes()
    }
    assert selected == set(first.cells)
    window.go_to_problem(1)
    assert window.checks.currentRow() == 1
    window.go_to_problem(-1)
    window.go_to_problem(-1)
    assert window.checks.currentRow() == count - 1  # wraps around


def test_about_names_the_version(window, context):
    shown: list[str] = []
    context.messages.info = lambda parent, title, text: shown.append(text)
    window.show_about()
    assert shown and shown[0].startswith("政务公开年报编辑器 ")


def test_export_writes_every_kind_the_menu_offers(window, tmp_path):
    for suffix, start in ((".xlsx", b"PK"), (".pdf", b"%PDF"), (".docx", b"PK"), (".html", b"<!DOCTYPE html>")):
        path = tmp_path / f"r{suffix}"
        assert window.export_path(path)
        assert path.read_bytes().startswith(start)
    assert not window.export_path(tmp_path / "r.doc")
    assert ".html" in window.context.messages.errors[-1]


def test_a_picked_section_stays_marked_even_when_the_page_cannot_scroll_to_it(qtbot, window):
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        window.navigation.setCurrentItem(item)
        window._go_to_section(item)
        assert window.navigation.currentItem() is item
    # scrolling by hand afterwards follows the page again
    window.page_scroll.verticalScrollBar().setValue(0)
    assert window.navigation.currentRow() == 0


def test_text_editors_grow_with_their_text(qtbot, window):
    editor = window.text_editors["s5"]
    short = editor.height()
    window.session.apply([SetText("s5", "\n".join(f"第{i}段。" for i in range(12)))], "长文")
    qtbot.waitUntil(lambda: editor.height() > short)
    assert editor.verticalScrollBar().maximum() == 0  # all of it shows; the page scrolls, not the box
    window.session.apply([SetText("s5", "短")], "短文")
    qtbot.waitUntil(lambda: editor.height() == short)


def test_a_check_about_a_text_goes_to_that_text(qtbot, window):
    window.session.apply([SetText("s5", "")], "清空")
    result = next(r for r in window.session.document.warnings() if r.rule == "B2")
    window.select_cells(result)
    qtbot.waitUntil(lambda: window.text_editors["s5"].hasFocus())
    assert "五、存在的主要问题及改进情况" in window.statusBar().currentMessage()


def drop(window, *paths):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    point = QPointF(10, 10)
    # Qt's own signatures: a drag enters at a QPoint, a drop lands at a QPointF.
    enter = QDragEnterEvent(
        point.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    window.dropEvent(
        QDropEvent(point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    )
    return True


def test_dropping_a_file_opens_or_imports_it(window, tmp_path):
    from export.xlsx import export_xlsx
    from model.document import Document

    other = Document.new("2021", 2025, "拖放测试局")
    export_xlsx(other, tmp_path / "other.xlsx")
    assert drop(window, tmp_path / "other.xlsx")
    assert window.session.document.agency == "拖放测试局" and window.session.dirty
    window.session.set_clean()
    assert drop(window, EXAMPLE)
    assert window.session.path == EXAMPLE and str(EXAMPLE) in window.recent_files()
    (tmp_path / "published.pdf").write_bytes(b"%PDF")
    assert drop(window, tmp_path / "published.pdf")
    assert "不是有效的PDF文件" in window.context.messages.errors[-1]  # told why
    assert window.session.path == EXAMPLE  # and the open report stays


def test_dropping_several_reports_or_a_folder_opens_them_in_the_summary_window(qtbot, window, tmp_path):
    from model.document import Document
    from model.fileformat import save_report

    for agency in ("甲局", "乙局", "丙局"):
        save_report(Document.new("2021", 2025, agency), tmp_path / f"{agency}.nianbao")
    shown = window.session.document.agency
    assert drop(window, tmp_path / "甲局.nianbao", tmp_path / "乙局.nianbao")
    summary = window.summary_window
    qtbot.waitUntil(lambda: summary.table.rowCount() == 2, timeout=20_000)
    assert window.session.document.agency == shown  # the open report is not replaced
    assert drop(window, tmp_path)  # the folder: the third unit joins, the two already listed stay once
    qtbot.waitUntil(lambda: summary.table.rowCount() == 3, timeout=20_000)


def test_a_workbook_given_at_start_is_imported(qtbot, context, tmp_path):
    from export.xlsx import export_xlsx
    from gui.app import open_first_window
    from model.document import Document

    export_xlsx(Document.new("2021", 2025, "启动导入局"), tmp_path / "start.xlsx")
    window = open_first_window(context, [str(tmp_path / "start.xlsx")])
    qtbot.addWidget(window)
    assert window.session.document.agency == "启动导入局" and window.session.path is None
    window.session.set_clean()
    window.close()


def test_link_prior_refuses_a_report_that_is_not_last_year(window, tmp_path):
    """关联上年报告 with the same year, a later year or the open file itself: refused with a message."""
    from model.edits import SetMeta
    from model.fileformat import save_report

    for year in (2020, 2021, 2017):  # the example is 2020: only 2019 is last year
        other = load_report(EXAMPLE)
        other.apply([SetMeta(None, year)])
        path = tmp_path / f"{year}.nianbao"
        save_report(other, path)
        before = len(window.context.messages.errors)
        assert not window.link_prior(path)
        assert len(window.context.messages.errors) == before + 1
        assert "2019" in window.context.messages.errors[-1]
        assert window.session.document.prior is None
