"""Issue 15 in the window: a read-only file is replaced only after asking, someone else's change to the
open file is noticed (on activation and before saving), a busy report is not overwritten."""

from __future__ import annotations

import shutil
import stat

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from gui import file_guard
from gui.main_window import MainWindow
from model.cellref import CellRef
from model.edits import SetCell
from model.fileformat import load_report
from model.report_lock import acquire, release
from tests.conftest import EXAMPLE, nianbao

CELL = CellRef("3", "new", "natural")
OTHER = CellRef("3", "new", "legal")


def open_window(qtbot, context, path):  # type: ignore[no-untyped-def]
    window = MainWindow(context, load_report(path), path)
    qtbot.addWidget(window)
    return window


def test_read_only_file_is_replaced_only_after_asking(qtbot, context, tmp_path):
    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    path.chmod(0o444)
    before = path.read_bytes()
    window = open_window(qtbot, context, path)
    window.session.apply([SetCell(CELL, 41)], "edit")

    context.messages.confirm_answer = False
    assert not window.save()
    assert path.read_bytes() == before and "只读" in context.messages.confirmed[-1]
    assert window.session.dirty and context.messages.errors == []

    context.messages.confirm_answer = True
    assert window.save()
    assert load_report(path).value(CELL) == 41
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # still read-only, as the user had it
    window.session.set_clean()


def test_change_by_someone_else_is_asked_about_before_saving(qtbot, context, tmp_path):
    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    window = open_window(qtbot, context, path)
    window.session.apply([SetCell(CELL, 41)], "edit")
    assert nianbao("set", path, f"{OTHER.key()}=77").returncode == 0  # another user, another program

    context.messages.confirm_answer = False
    assert not window.save()
    assert "其他程序" in context.messages.confirmed[-1]
    assert load_report(path).value(OTHER) == 77  # their edit is still there

    context.messages.confirm_answer = True
    assert window.save()
    assert load_report(path).value(CELL) == 41
    # Saved: the file is ours again, no more questions.
    asked = len(context.messages.confirmed)
    window.session.apply([SetCell(CELL, 42)], "edit")
    assert window.save() and len(context.messages.confirmed) == asked
    window.session.set_clean()


def test_activation_notices_the_change_and_offers_to_load_it(qtbot, context, tmp_path):
    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    window = open_window(qtbot, context, path)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.wait(20)
    assert context.messages.confirmed == []  # nothing changed: nothing asked

    assert nianbao("set", path, f"{OTHER.key()}=77").returncode == 0
    context.messages.confirm_answer = True
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: len(context.messages.confirmed) == 1)
    qtbot.waitUntil(lambda: window.session.document.value(OTHER) == 77)
    assert not window.session.dirty

    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.wait(20)
    assert len(context.messages.confirmed) == 1  # the version loaded is ours now


def test_declined_reload_is_asked_once_per_change(qtbot, context, tmp_path):
    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    window = open_window(qtbot, context, path)
    assert nianbao("set", path, f"{OTHER.key()}=77").returncode == 0
    context.messages.confirm_answer = False
    for _ in range(3):
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
        qtbot.wait(20)
    assert len(context.messages.confirmed) == 1
    assert window.session.document.value(OTHER) != 77


def test_busy_report_is_not_overwritten(qtbot, context, tmp_path, monkeypatch):
    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    window = open_window(qtbot, context, path)
    window.session.apply([SetCell(CELL, 41)], "edit")
    monkeypatch.setattr(file_guard, "LOCK_WAIT_SECONDS", 0.2)
    held = acquire(path)
    try:
        assert not window.save()
    finally:
        release(held)
    assert "正在被其他程序修改" in context.messages.errors[-1]
    assert load_report(path).value(CELL) != 41
    assert window.save() and load_report(path).value(CELL) == 41


def test_export_onto_read_only_file_asks_first(qtbot, context, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old")
    out.chmod(0o444)
    window = open_window(qtbot, context, EXAMPLE)
    context.messages.confirm_answer = False
    assert not window.export_path(out)
    assert out.read_text() == "old" and "只读" in context.messages.confirmed[-1]
    context.messages.confirm_answer = True
    assert window.export_path(out)
    assert "<html" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_export_to_a_device_is_a_message(qtbot, context, tmp_path):
    window = open_window(qtbot, context, EXAMPLE)
    link = tmp_path / "null.pdf"
    link.symlink_to("/dev/null")
    assert not window.export_path(link)
    assert "不是普通文件" in context.messages.errors[-1]
    assert link.is_symlink()
