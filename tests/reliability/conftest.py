from tests.gui.conftest import FakeMessages, chinese_ui, context  # noqa: F401 - shared fixtures
