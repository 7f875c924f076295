"""The Qt binding cannot crash the editor: signals keep Python's counts, a known-bad pair is refused."""

from __future__ import annotations

import re
import sys

import PySide6
import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QMessageBox

from gui import app as gui_app
from gui import binding_check
from model.cellref import CellRef
from model.edits import ChangeSet
from tests.conftest import ROOT

EMITS = 10_000


def emitted_signal_names() -> set[str]:
    """Every signal name the GUI code emits from Python (``something.name.emit(``)."""
    names: set[str] = set()
    for path in (ROOT / "gui").glob("*.py"):
        if path.name == "binding_check.py":  # its probe signal is the test of the binding itself
            continue
        names.update(re.findall(r"\.(\w+)\.emit\(", path.read_text(encoding="utf-8")))
    return names


def emitters(window):
    """One way to emit each signal, with the window's real connections in place."""
    grid = window.grids["3"]
    model = grid.grid_model
    index = model.index_of(CellRef("3", "new", "natural"))
    delegate = grid.itemDelegate()
    grid.setCurrentIndex(index)
    grid.edit(index)
    open_editor = grid.findChild(QLineEdit)
    assert open_editor is not None
    # Closing the open editor would end the test's editor; a second delegate, not installed in any view,
    # emits the same signal through the same binding code.
    spare = type(delegate)(grid)
    editor = next(iter(window.text_editors.values()))
    summary = window.open_summary_window()
    return {
        "message": lambda: model.message.emit("状态"),
        "dataChanged": lambda: model.dataChanged.emit(index, index),
        "changed": lambda: window.session.changed.emit(ChangeSet()),
        "replaced": lambda: window.session.replaced.emit(),
        "pathChanged": lambda: window.session.pathChanged.emit(),
        "commitData": lambda: delegate.commitData.emit(open_editor),
        "closeEditor": lambda: spare.closeEditor.emit(open_editor, QAbstractItemDelegate.EndEditHint.NoHint),
        "refused": lambda: editor.refused.emit("状态"),
        "loaded": lambda: summary.loaded.emit(),
    }, spare


def test_every_signal_emitted_from_python_keeps_the_counts_of_true_and_false(window):
    table, keep = emitters(window)
    assert emitted_signal_names() <= set(table), "a new signal is emitted in gui/: add it to this test"
    for name, emit in table.items():
        emit()  # warm up: first emits create caches
        before = sys.getrefcount(True), sys.getrefcount(False)
        for _ in range(EMITS):
            emit()
        after = sys.getrefcount(True), sys.getrefcount(False)
        # A broken binding loses one reference per emit (10,000); allow a little noise from caches.
        assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50, (name, before, after)
    assert keep is not None


def test_the_good_binding_passes_the_start_up_check():
    assert binding_check.binding_problem() is None
    assert not binding_check.refcount_leaks()


@pytest.mark.parametrize(
    ("binding", "python", "bad"),
    [("6.12.0", (3, 11), True), ("6.12.0", (3, 10), True), ("6.12.0", (3, 12), False), ("6.11.3", (3, 11), False)],
)
def test_known_bad_pairs(binding, python, bad):
    assert binding_check.known_bad(binding, python) is bad


def test_a_known_bad_binding_is_refused_at_start_in_chinese(qapp, monkeypatch, capsys):
    monkeypatch.setattr(PySide6, "__version__", "6.12.0")
    monkeypatch.setattr(sys, "version_info", (3, 11, 9, "final", 0))
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: boxes.append(title + text))
    monkeypatch.setattr(qapp, "platformName", lambda: "xcb")  # a screen: the message box is shown too
    opened = []
    monkeypatch.setattr(gui_app, "open_first_window", lambda *a: opened.append(a))
    assert gui_app.run_gui([]) == 1
    assert not opened, "no window (and no edit signal) on a broken binding"
    err = capsys.readouterr().err
    assert "PySide6 6.12.0 与 Python 3.11" in err and "崩溃" in err
    assert "PySide6-Essentials>=6.5,!=6.12.0" in err and "Python 3.12" in err
    assert boxes and "无法启动" in boxes[0] and "!=6.12.0" in boxes[0]


def test_a_leaking_binding_of_unknown_version_is_refused(monkeypatch):
    monkeypatch.setattr(binding_check, "refcount_leaks", lambda: True)
    problem = binding_check.binding_problem()
    assert problem is not None and "检测到缺陷" in problem and "pip install" in problem


def qt_requirements(python_version: str) -> list[Requirement]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    environment = {**default_environment(), "python_version": python_version}
    found = [Requirement(r) for r in data["project"]["dependencies"]]
    return [r for r in found if r.name == "PySide6-Essentials" and (r.marker is None or r.marker.evaluate(environment))]


@pytest.mark.parametrize("python_version", ["3.10", "3.11", "3.12", "3.13"])
def test_install_never_picks_a_known_bad_pair(python_version):
    requirements = qt_requirements(python_version)
    assert len(requirements) == 1
    python = tuple(int(p) for p in python_version.split("."))
    for version, _ in binding_check.KNOWN_BAD:
        assert requirements[0].specifier.contains(version) is not binding_check.known_bad(version, python)
    assert requirements[0].specifier.contains("6.11.3")
