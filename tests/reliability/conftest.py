from tests.gui.conftest import FakeMessages, context  # noqa: F401 - shared fixtures
