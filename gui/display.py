"""Can this machine show the editor? Checked before Qt is imported, because Qt aborts the process
(no exception to catch) when it finds no display or cannot load its X11 platform plugin.

A fresh desktop Linux (统信UOS, 银河麒麟, Debian) often lacks a few of the small X11 libraries
that Qt's xcb plugin links against; the user gets the exact packages to install instead of
"Aborted".
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, MutableMapping
from pathlib import Path

NO_DISPLAY = "没有可用的图形界面（未设置DISPLAY）；命令行用法见 nianbao --help"


def display_problem(
    environ: MutableMapping[str, str],
    platform: str,
    missing_libraries: Callable[[], list[str]] | None = None,
) -> str | None:
    """Why the editor cannot start here (a message for the user), or None when it can.

    Where X11 libraries are missing but a Wayland session exists, Qt is pointed at Wayland
    (``environ`` is updated) rather than failing.
    """
    if not platform.startswith("linux"):
        return None
    forced = environ.get("QT_QPA_PLATFORM", "")
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or forced):
        return NO_DISPLAY
    if forced and not forced.startswith("xcb"):
        return None  # offscreen, wayland, vnc...: no X11 libraries involved
    missing = (missing_libraries or missing_x11_libraries)()
    if not missing:
        return None
    if environ.get("WAYLAND_DISPLAY") and not forced:
        environ["QT_QPA_PLATFORM"] = "wayland"
        return None
    packages = " ".join(debian_package(name) for name in missing)
    return (
        f"缺少系统库 {'、'.join(missing)}，图形界面无法启动。请让管理员安装后再试："
        f"sudo apt install {packages}（统信UOS、银河麒麟的软件包同名）；命令行功能不受影响"
    )


def debian_package(library: str) -> str:
    """The Debian package of a shared library, by Debian's naming rule: libxcb-icccm.so.4 → libxcb-icccm4."""
    match = re.fullmatch(r"(lib[\w+.-]+?)\.so\.(\d+).*", library)
    if match is None:
        return library
    name, version = match.groups()
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def missing_x11_libraries() -> list[str]:
    """Shared libraries Qt's X11 plugin needs and this machine lacks (empty when all are there)."""
    # Imported here: ctypes.util alone costs a start-up 13 ms that only an X11 start needs.
    import ctypes
    import ctypes.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qpa = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "lib" / "libQt6XcbQpa.so.6"
    if not qpa.is_file():
        return []  # a distribution's own Qt, laid out differently: it brings its dependencies
    # Qt opens libxcb-cursor itself at start-up, so no link check would notice it missing.
    missing = [] if ctypes.util.find_library("xcb-cursor") else ["libxcb-cursor.so.0"]
    try:
        ctypes.CDLL(str(qpa))
    except OSError as exc:
        missing.extend(_not_found(qpa) or re.findall(r"(lib[\w+.-]+\.so[\d.]*)", str(exc))[:1])
    return missing


def _not_found(library: Path) -> list[str]:
    """Every dependency the dynamic linker cannot find, as ldd lists them."""
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        listing = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = re.findall(r"^\s*(\S+) => not found", listing, re.M)
    return list(dict.fromkeys(found))
