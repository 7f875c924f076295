# Run-time hook replacing PyInstaller's for PySide6 (packaging/hooks/rthooks.dat, found first on hookspath).
# PyInstaller's own imports PySide6.QtCore at every start to write an embedded qt.conf, which PySide6's PyPI
# wheels already carry; that import (ICU and Qt's core libraries) cost 0.3 s on every command-line call, which
# never needs Qt. The environment it sets up is the same.


def _nianbao_rthook() -> None:
    import os
    import sys

    windows = sys.platform.startswith("win")
    qt = os.path.join(sys._MEIPASS, "PySide6") if windows else os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if windows:
        # Qt finds DLLs collected at the top of the bundle (as PyInstaller's hook arranges).
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")


_nianbao_rthook()
del _nianbao_rthook
