"""The editor's fixtures (window, fake messages, the Chinese UI) for the 汇总与审核 window's tests."""

from tests.gui.conftest import chinese_ui, context, window  # noqa: F401
