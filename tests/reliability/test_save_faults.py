"""Saving when the disk, the folder or the target misbehaves: nothing is lost, the user is told."""

from __future__ import annotations

import errno
import os

import pytest

from gui.main_window import MainWindow
from model import atomic_file
from model.cellref import CellRef
from model.edits import SetCell
from model.fileformat import load_report, save_report
from tests.conftest import EXAMPLE

CELL = CellRef("3", "new", "natural")


def fail_replace(*_args, **_kwargs):
    raise OSError(errno.EIO, "Input/output error")


def locked_replace(*_args, **_kwargs):
    raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used")


def disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def read_only_folder(*_args, **_kwargs):
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize(
    "target,fault,words",
    [
        (os, ("replace", fail_replace), "保存"),
        (os, ("replace", locked_replace), "占用"),
        (os, ("fsync", disk_full), "磁盘空间不足"),
        (atomic_file, ("_create_temp", read_only_folder), "无法在"),
    ],
    ids=["fault-before-rename", "locked-target", "disk-full", "read-only-folder"],
)
def test_failed_save_keeps_everything(qtbot, context, tmp_path, monkeypatch, target, fault, words):
    path = tmp_path / "report.nianbao"
    save_report(load_report(EXAMPLE), path)
    window = MainWindow(context, load_report(path), path)
    qtbot.addWidget(window)
    window.session.apply([SetCell(CELL, 5)], "edit")
    save_report(window.session.document, path)  # the version before the one that fails
    context.messages.confirm_answer = True  # that save was outside the window: overwrite it knowingly
    previous = path.read_bytes()
    window.session.apply([SetCell(CELL, 9)], "edit")

    monkeypatch.setattr(target, *fault)
    assert not window.save()
    monkeypatch.undo()

    assert path.read_bytes() == previous
    assert load_report(path).value(CELL) == 5
    assert (tmp_path / "report.nianbao.bak").exists()
    assert words in context.messages.errors[-1]
    assert window.session.dirty and window.session.document.value(CELL) == 9
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]

    elsewhere = tmp_path / "elsewhere.nianbao"
    assert window._save_to(elsewhere)
    assert load_report(elsewhere).value(CELL) == 9
    assert not window.session.dirty
    window.close()


def test_backup_holds_previous_version(tmp_path):
    path = tmp_path / "r.nianbao"
    first = load_report(EXAMPLE)
    save_report(first, path)
    v1 = path.read_bytes()
    first.enter(CELL, "3")
    save_report(first, path)
    v2 = path.read_bytes()
    first.enter(CELL, "4")
    save_report(first, path)
    assert (tmp_path / "r.nianbao.bak").read_bytes() == v2 != v1
