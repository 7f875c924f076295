"""Start the editor: the application object, fonts, the first window, crash recovery."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from gui.context import AppContext
from gui.main_window import MainWindow
from model.errors import NianbaoError
from model.fileformat import load_report

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"
UI_FONTS = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimSun",
    "AR PL UMing CN",
]


def pick_ui_font(base: QFont) -> QFont:
    """A readable Chinese UI font from what the machine has (the platform default otherwise)."""
    families = set(QFontDatabase.families())
    for family in UI_FONTS:
        if family in families:
            font = QFont(base)
            font.setFamily(family)
            font.setPointSize(max(base.pointSize(), 10))
            return font
    return base


TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Simplified Chinese for Nianbao's own texts and for Qt's standard dialogs (when Qt has them)."""
    installed = []
    for name, folder in (
        ("nianbao", str(TRANSLATIONS)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def create_application(argv: list[str]) -> QApplication:
    """The application object, made once and translated into Chinese."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    if not app.property("nianbaoTranslated"):
        install_translators(app)
        app.setProperty("nianbaoTranslated", True)
    app.setApplicationName("Nianbao")
    app.setOrganizationName("Nianbao")
    app.setApplicationDisplayName(QCoreApplication.translate("Application", "Nianbao report editor"))
    app.setFont(pick_ui_font(app.font()))
    # The installed menu entry's id (packaging/): Wayland and the taskbar match the window to its icon and name.
    app.setDesktopFileName("cn.nianbao.editor")
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The Nianbao icon at the sizes desktops ask for (files load when first drawn)."""
    icon = QIcon()
    for png in sorted(ICONS.glob("nianbao-*.png")):
        icon.addFile(str(png))
    return icon


def open_first_window(context: AppContext, args: list[str]) -> MainWindow:
    """The window for a file given on the command line, else the built-in example."""
    path = Path(args[0]) if args else None
    window = MainWindow(context, load_report(EXAMPLE), None)
    if window.offer_recovery() or path is None:
        return window
    from readers.dispatch import IMPORT_SUFFIXES

    if path.suffix.lower() in IMPORT_SUFFIXES:  # `nianbao report.xlsx`, or a file association
        window.import_path(path)
        return window
    try:
        window.show_document(load_report(path), path)
    except NianbaoError as exc:
        context.messages.error(window, QCoreApplication.translate("Application", "Cannot open the file"), str(exc))
    return window


def run_gui(args: list[str]) -> int:
    """Run the editor until its window closes."""
    app = create_application([sys.argv[0], *args])
    from gui.binding_check import binding_problem, refuse_bad_binding

    problem = binding_problem()  # before the window: it emits signals from its first edit on
    if problem is not None:
        refuse_bad_binding(problem, show_box=app.platformName() not in ("offscreen", "minimal"))
        return 1
    window = open_first_window(AppContext.default(), [a for a in args if not a.startswith("-")])
    window.show()
    if os.environ.get("NIANBAO_STARTUP_PROBE"):
        # benchmarks/: quit as soon as the window has been shown and the event loop is idle
        from PySide6.QtCore import QTimer

        def done() -> None:
            window.session.set_clean()
            window.close()
            app.quit()

        QTimer.singleShot(0, done)
    return app.exec()
