"""The real editor in a child process, for the crash test.

python crash_app.py edit     start, type 37 into 一、本年新收·自然人, keep running (until killed)
python crash_app.py restore  start, accept the recovery prompt, print the cell's value, quit
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer

from gui.app import create_application, open_first_window
from gui.context import AppContext, UserMessages
from model.cellref import CellRef

CELL = CellRef("3", "new", "natural")


class AnswerYes(UserMessages):
    def ask_restore(self, parent, description):  # type: ignore[no-untyped-def]
        print("ASKED", description, flush=True)
        return True


def main() -> None:
    mode = sys.argv[1]
    app = create_application(sys.argv[:1])
    context = AppContext.default()
    context.messages = AnswerYes()
    window = open_first_window(context, [])
    window.show()
    if mode == "edit":

        def edit() -> None:
            grid = window.grids[CELL.table]
            grid.grid_model.setData(grid.grid_model.index_of(CELL), "37")
            print("EDITED", window.recovery.path, flush=True)

        QTimer.singleShot(100, edit)
        app.exec()
    else:
        print("VALUE", window.session.document.value(CELL), "DIRTY", window.session.dirty, flush=True)
        window.session.set_clean()
        window.close()


if __name__ == "__main__":
    main()
