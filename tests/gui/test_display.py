"""The start-up check that replaces Qt's abort with a message naming what to install."""

import pytest

from gui.display import NO_DISPLAY, debian_package, display_problem, missing_x11_libraries


def nothing_missing() -> list[str]:
    return []


def two_missing() -> list[str]:
    return ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_no_display_at_all():
    assert display_problem({}, "linux", nothing_missing) == NO_DISPLAY


def test_x11_with_everything_installed_starts():
    assert display_problem({"DISPLAY": ":0"}, "linux", nothing_missing) is None


def test_missing_x11_libraries_are_named_with_their_packages():
    message = display_problem({"DISPLAY": ":0"}, "linux", two_missing)
    assert message is not None
    assert "libxcb-icccm.so.4" in message and "sudo apt install libxcb-icccm4 libxcb-keysyms1" in message


def test_a_wayland_session_is_used_when_x11_libraries_are_missing():
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert display_problem(environ, "linux", two_missing) is None
    assert environ["QT_QPA_PLATFORM"] == "wayland"


@pytest.mark.parametrize("platform", ["offscreen", "wayland", "vnc"])
def test_a_chosen_non_x11_platform_needs_no_x11_libraries(platform):
    assert display_problem({"QT_QPA_PLATFORM": platform}, "linux", two_missing) is None


def test_windows_needs_no_check():
    assert display_problem({}, "win32", two_missing) is None


@pytest.mark.parametrize(
    ("library", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-render-util.so.0.0.0", "libxcb-render-util0"),
    ],
)
def test_debian_package_names(library, package):
    assert debian_package(library) == package


def test_this_machine_is_checked_without_starting_qt():
    missing = missing_x11_libraries()
    assert all(name.startswith("lib") and ".so" in name for name in missing)
