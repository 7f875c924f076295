"""What goes into the one-folder bundle: shared by the PyInstaller spec, the .deb and the tests.

This folder has no ``__init__.py`` on purpose: a package named ``packaging`` would shadow the
``packaging`` library that pip, PyInstaller and pytest import. Load this file by path.
"""

from __future__ import annotations

import re
from pathlib import Path

APP_ID = "cn.nianbao.editor"
APP_NAME = "nianbao"
MIME_TYPE = "application/x-nianbao"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# Our own packages: every module is bundled, because writers and readers are imported by name.
PACKAGES = ("model", "gui", "export", "readers", "cli")
# Under resources/ everything is data the program reads at run time, except sources (the .ts a .qm is
# compiled from, the script that builds the example) and caches.
SOURCE_SUFFIXES = (".py", ".pyc", ".ts")
# Imported in ways PyInstaller cannot see: reportlab loads its C speed-ups with exec("from _rl_accel import ...").
# Bundled where installed (rl_accel has no wheel for some machines; reportlab then runs without it).
OPTIONAL_HIDDEN_IMPORTS = ("_rl_accel",)
# Qt modules the app never imports; PyInstaller would otherwise follow optional links into them.
QT_EXCLUDES = (
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtSvgWidgets",
    "PySide6.Qt3DCore",
)
# openpyxl (and lxml, its optional 9 MB parser) is for the tests only: readers/xlsx.py reads .xlsx itself.
# Pillow is imported by reportlab, but no image goes into a PDF: its AVIF/WebP/colour-management modules
# and their libraries (7 MB) stay out.
PYTHON_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "pydoc_data",
    "lib2to3",
    "test",
    "idlelib",
    "pytest",
    "hypothesis",
    "lxml",
    "openpyxl",
    "et_xmlfile",
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # No network and no terminal line editing: the TLS, socket and readline modules and their libraries stay out.
    "ssl",
    "_ssl",
    "_hashlib",
    "asyncio",
    "_asyncio",
    "readline",
    "http.server",
    "xmlrpc",
)
# Qt's own translations: only the Chinese ones are ever loaded (gui/app.py install_translators).
KEEP_QT_TRANSLATION = re.compile(r"(qt|qtbase)_zh_CN\.qm$")


def resource_files(root: Path) -> list[Path]:
    """Every file under resources/ that the running program may read, sorted."""
    found = (root / "resources").rglob("*")
    return sorted(p for p in found if p.is_file() and p.suffix not in SOURCE_SUFFIXES and "__pycache__" not in p.parts)


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) pairs for PyInstaller's ``datas``."""
    return [(str(path), str(path.parent.relative_to(root))) for path in resource_files(root)]


def project_version(root: Path) -> str:
    """The version pyproject.toml names (the one place it is written)."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if match is None:
        raise ValueError("pyproject.toml names no version")
    return match.group(1)


# Qt plugins kept, by folder: the windowing systems an office PC has (X11, Wayland, Windows) and offscreen for
# tests, the image formats of icons, printing, input methods (Chinese input: ibus, compose). Everything else
# (EGL/KMS, VNC, framebuffer, GL integrations, the GTK theme that drags in all of GTK's libraries) is left out.
QT_PLUGINS = {
    "platforms": r"(lib)?q(xcb|wayland|offscreen|minimal|windows|direct2d)\.(so|dll)",
    "imageformats": r"(lib)?q(ico|svg|jpeg|gif)\.(so|dll)",
    "iconengines": r".*",
    "platforminputcontexts": r"lib(compose|ibus)platforminputcontextplugin\.so",
    "platformthemes": r"libqxdgdesktopportal\.so",
    "printsupport": r".*",
    "styles": r".*",
    "wayland-shell-integration": r"libxdg-shell\.so",
    "wayland-decoration-client": r".*",
}


def keep_qt_file(dest: str) -> bool:
    """False for Qt payload the app cannot use: other languages' translations, QML, unused plugins."""
    parts = dest.replace("\\", "/").split("/")
    if parts[0] != "PySide6":
        return True  # not Qt's: our resources, Python's modules
    if "translations" in parts and parts[-1].endswith(".qm"):
        return bool(KEEP_QT_TRANSLATION.search(parts[-1]))
    if {"qml", "qmltooling", "designer", "sqldrivers", "tls", "networkinformation"} & set(parts):
        return False
    if "plugins" in parts[:-2]:
        folder = parts[-2]
        return folder in QT_PLUGINS and re.fullmatch(QT_PLUGINS[folder], parts[-1]) is not None
    return True


def is_shared_dependency(dest: str) -> bool:
    """A library collected only because something else links to it (Linux layout): a candidate for pruning."""
    parts = dest.replace("\\", "/").split("/")
    if re.match(r"libpython", parts[-1]):
        return False  # the bootloader loads it by name
    # At the top, Qt's own lib folder, or a wheel's vendored ".libs" folder (auditwheel's pillow.libs).
    return len(parts) == 1 or parts[:3] == ["PySide6", "Qt", "lib"] or parts[0].endswith(".libs")


def prune_unlinked(binaries: list, imports_of) -> list:
    """Drop dependency libraries that no kept binary links to any more (after plugins were filtered out).

    ``binaries`` holds PyInstaller (dest, source, typecode) entries; ``imports_of(source)`` gives the library
    names a binary links to. Extension modules, plugins and ctypes-loaded libraries are the roots.
    """
    by_name = {entry[0].replace("\\", "/").split("/")[-1]: entry for entry in binaries}
    # Python extension modules are imported, not linked: always roots, wherever they lie (_rl_accel sits at the top).
    keep = {entry[0] for entry in binaries if entry[2] == "EXTENSION" or not is_shared_dependency(entry[0])}
    todo = [entry for entry in binaries if entry[0] in keep]
    while todo:
        entry = todo.pop()
        for name in imports_of(entry[1]):
            found = by_name.get(name.split("/")[-1])
            if found is not None and found[0] not in keep:
                keep.add(found[0])
                todo.append(found)
    return [entry for entry in binaries if entry[0] in keep]


# Where the build machine's own libraries lie (PyInstaller copies those a bundled binary links to).
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def is_system_library(source: str) -> bool:
    """A library PyInstaller took from the build machine's system folders (not from Python or a wheel)."""
    return source.startswith(SYSTEM_LIBRARY_DIRS) and "/site-packages/" not in source and "/python3" not in source


def leave_to_the_system(binaries: list, target: tuple[int, int], glibc_of) -> tuple[list, list[str]]:
    """Drop the build machine's libraries that need a newer glibc than ``target``; also the names dropped.

    A bundle for an older system (统信UOS 20, glibc 2.28) cannot carry Debian 12's libglib, libX11 or
    libstdc++, which need glibc 2.34 or later: the target desktop has its own, older copies, which the
    bundled Qt (a manylinux_2_28 wheel, built against such systems) works with. ``glibc_of(source)`` gives the
    newest glibc a file needs, or None. Wheels' and Python's own files are never dropped.
    """
    dropped = {
        entry[0]
        for entry in binaries
        if entry[2] != "SYMLINK" and is_system_library(entry[1]) and (glibc_of(entry[1]) or (0, 0)) > target
    }
    kept = [entry for entry in binaries if entry[0] not in dropped]
    return kept, sorted(name.replace("\\", "/").split("/")[-1] for name in dropped)
