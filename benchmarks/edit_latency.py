"""Keystroke to repainted total in the real window, over 10,000 edits in one run.

    python -m benchmarks.edit_latency [--edits N] [--json]

Opens the example report in the real main window (offscreen), then for each edit types a number
into an input cell of row 一 of table 三 and presses Enter. The latency of an edit is the time from
that Enter key press to the end of the paint event that redraws the row's total (总计) on screen:
the model's edit, every connected view and the check list all happen in between. Memory is the
process's resident size at 0, 1,000 and 10,000 edits.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"
MEMORY_MARKS = (0, 1_000, 10_000)


def resident_mb() -> float:
    """Resident set size now (Linux: /proc; elsewhere the peak, which is what getrusage offers)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(edits: int) -> dict[str, float]:
    """Run the edits; p50/p99 latency in ms and memory (MB) at the marks."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import tempfile

    from PySide6.QtCore import QEvent, QObject, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gui.app import create_application
    from gui.context import AppContext, UserMessages
    from gui.main_window import MainWindow
    from model.cellref import CellRef
    from model.fileformat import load_report

    app = create_application([sys.argv[0]])
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        AppContext(settings, folder / "recovery", UserMessages(), autosave_ms=3_600_000), load_report(EXAMPLE)
    )
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    grid = window.grids["3"]
    model = grid.grid_model
    total = CellRef("3", "new", "total")
    inputs = [r for r in model.table.cells() if r.row == "new" and not window.session.document.is_total(r)]
    # The row typed in on screen, as where a user types (a cell scrolled away is not repainted).
    centre = grid.mapTo(window.page_scroll.widget(), grid.visualRect(model.index_of(inputs[0])).center())
    window.page_scroll.ensureVisible(centre.x(), centre.y(), 50, 200)
    app.processEvents()
    total_rect = grid.visualRect(model.index_of(total))

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and event.region().intersects(total_rect):  # type: ignore[attr-defined]
                self.painted = True  # the paint runs after this filter: the time is taken when it is done
            return False

    watch = PaintWatch()
    grid.viewport().installEventFilter(watch)
    grid.setFocus()
    latencies: list[float] = []
    memory: dict[str, float] = {}
    for i in range(edits + 1):
        if i in MEMORY_MARKS:
            memory[f"memory_mb_at_{i}"] = resident_mb()
        if i == edits:
            break
        ref = inputs[i % len(inputs)]
        grid.setCurrentIndex(model.index_of(ref))
        text = str(i % 997 + 1)
        QTest.keyClicks(grid, text[0])
        QTest.keyClicks(QApplication.focusWidget(), text[1:])
        watch.painted = False
        start = time.perf_counter()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        deadline = start + 1.0
        while not watch.painted and time.perf_counter() < deadline:
            app.processEvents()  # returns once the pending paints are done
        if not watch.painted:
            raise RuntimeError("the total was not repainted within a second")
        latencies.append(time.perf_counter() - start)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what the event loop does when idle
    window.session.set_clean()
    window.close()
    latencies.sort()
    return {
        "edits": edits,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        **memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.edits)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>22}  {value:.1f}")


if __name__ == "__main__":
    main()
