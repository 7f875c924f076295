# Run-time hook replacing PyInstaller's for PySide6 (packaging/hooks/rthooks.dat, found first on hookspath).
# PyInstaller's own imports PySide6.QtCore at every start to write an embedded qt.conf, which PySide6's PyPI
# wheels already carry; that import (ICU and Qt's core libraries) cost 0.3 s on every command-line call, which
# never needs Qt. Qt finds its plugins and translations through that qt.conf.
#
# On Linux the bootloader starts the program with the bundle's folder first on LD_LIBRARY_PATH. The dynamic
# linker read it at start-up, so this process no longer needs it, but every program started from here would
# inherit it and load the bundle's libraries instead of its own (LibreOffice for imports, the browser that
# opens the user guide). The user's own value comes back; QT_PLUGIN_PATH is not set for the same reason.


def _nianbao_rthook() -> None:
    import os
    import sys

    if sys.platform.startswith("win"):
        # As PyInstaller's hook: Qt plugins from the bundle, DLLs collected at its top found by Qt.
        os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "plugins")
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


_nianbao_rthook()
del _nianbao_rthook
