from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gui.context import AppContext, UserMessages
from gui.main_window import MainWindow
from model.fileformat import load_report
from tests.conftest import EXAMPLE


class FakeMessages(UserMessages):
    """Answers dialogs without showing them, and remembers what was said."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.save_answer = "discard"
        self.restore_answer = True
        self.asked_save = 0
        self.confirmed: list[str] = []
        self.confirm_answer = False

    def error(self, parent, title, text):
        self.errors.append(text)

    def info(self, parent, title, text):
        pass

    def ask_save(self, parent, name):
        self.asked_save += 1
        return self.save_answer

    def ask_agency_year(self, parent, agency):
        return ("补填的机关", 2024)

    def ask_restore(self, parent, description):
        return self.restore_answer

    def confirm(self, parent, title, question):
        self.confirmed.append(question)
        return self.confirm_answer


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(settings, tmp_path / "recovery", FakeMessages(), autosave_ms=60_000)


@pytest.fixture
def window(qtbot, context):
    win = MainWindow(context, load_report(EXAMPLE))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session.set_clean()
    win.close()


@pytest.fixture(autouse=True, scope="session")
def chinese_ui(qapp):
    """The app runs in Simplified Chinese; tests see what users see."""
    from gui.app import install_translators

    translators = install_translators(qapp)
    assert translators, "the zh_CN translation must load"
    yield translators
