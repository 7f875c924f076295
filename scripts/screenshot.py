"""Render the main window with the example report to PNG at 1366×768 (offscreen).

python scripts/screenshot.py [OUT.png] [--section 3]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings

from gui.app import create_application, open_first_window
from gui.context import AppContext, UserMessages


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
    section = sys.argv[sys.argv.index("--section") + 1] if "--section" in sys.argv else "s3"
    app = create_application(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    context = AppContext(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), folder / "rec", UserMessages())
    window = open_first_window(context, [])
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        if item.data(256) == section:
            window.navigation.setCurrentItem(item)
            window._go_to_section(item)
    grid = window.grids.get("3")
    if grid is not None and section == "s3":
        if "--demo" in sys.argv:
            # show the checks at work: one application typed in, not yet answered
            index = grid.grid_model.index(3, 3)
            grid.grid_model.setData(index, "3")
        grid.setCurrentIndex(grid.grid_model.index(4, 3))
        grid.setFocus()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    window.session.set_clean()
    window.close()
    print(out)


if __name__ == "__main__":
    main()
