"""Render the editor to PNG offscreen: the README's picture, and the user guide's pictures per task.

    python scripts/screenshot.py [OUT.png] [--section s3] [--demo]     one window grab (README)
    python scripts/screenshot.py --guide [FOLDER]                       every picture of the user guide

``--guide`` writes into ``resources/guide/images/`` (or FOLDER) one picture per task of the user
guide (使用说明), so the guide shows the window as it is now. Run it after changing the window, then
``python scripts/build_guide_pdf.py`` for the printable guide. Chinese text needs a Chinese font
on this machine (Debian: fonts-wqy-zenhei); without one the pictures would show boxes, so the
script refuses to run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QFontDatabase, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu, QWidget  # noqa: E402

from gui.app import UI_FONTS, create_application, open_first_window  # noqa: E402
from gui.context import AppContext, UserMessages  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

GUIDE_IMAGES = ROOT / "resources" / "guide" / "images"
SIZE = (960, 620)  # shown at this size (1:1, sharp) in the guide window and across the PDF's text width


class QuietMessages(UserMessages):
    """Dialogs answered without showing them; what they said is kept for the pictures' captions."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def error(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.said.append(text)

    def info(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.said.append(text)

    def ask_save(self, parent, name):  # type: ignore[no-untyped-def]
        return "discard"


def _window(folder: Path, messages: UserMessages | None = None) -> MainWindow:
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    context = AppContext(settings, folder / "rec", messages or QuietMessages())
    window = open_first_window(context, [])
    window.resize(*SIZE)
    window.show()
    QApplication.processEvents()
    return window


def _go_to(window: MainWindow, section: str) -> None:
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        if item.data(256) == section:
            window.navigation.setCurrentItem(item)
            window._go_to_section(item)
    QApplication.processEvents()


def _select(window: MainWindow, table: str, row: int, column: int) -> None:
    grid = window.grids.get(table)
    if grid is not None:
        grid.setCurrentIndex(grid.grid_model.index(row, column))
        grid.setFocus()
    QApplication.processEvents()


def _save(widget: QWidget, out: Path) -> Path:
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(out))
    return out


def _close(window: MainWindow) -> None:
    window.session.set_clean()
    window.close()


def shot_main(out: Path, section: str = "s3", demo: bool = False) -> Path:
    """The README's picture: the example report at 1366×768, optionally with one number typed in."""
    folder = Path(tempfile.mkdtemp())
    window = _window(folder)
    window.resize(1366, 768)
    QApplication.processEvents()  # laid out at its size before a cell is selected (which scrolls to it)
    _go_to(window, section)
    grid = window.grids.get("3")
    if grid is not None and section == "s3":
        if demo:  # show the checks at work: one application typed in, not yet answered
            grid.grid_model.setData(grid.grid_model.index(3, 3), "3")
        _select(window, "3", 4, 3)
    saved = _save(window, out)
    _close(window)
    return saved


def guide_new(folder: Path, out: Path) -> Path:
    """新建和填报: a new blank report, table 三 in view, the first cell to fill selected."""
    from model.document import Document

    window = _window(folder)
    window.show_document(Document.new("2021", 2025, "某某市某某局"), None)
    _go_to(window, "s3")
    _select(window, "3", 3, 1)
    saved = _save(window, out / "new.png")
    _close(window)
    return saved


def guide_check(folder: Path, out: Path) -> Path:
    """检查和改错: one number typed that breaks a 勾稽关系, the problem listed and its cells red."""
    window = _window(folder)
    _go_to(window, "s3")
    grid = window.grids["3"]
    grid.grid_model.setData(grid.grid_model.index(3, 3), "3")
    window.go_to_problem(1)
    saved = _save(window, out / "check.png")
    _close(window)
    return saved


def guide_import(folder: Path, out: Path) -> Path:
    """导入已有文件: a published report (a web page) imported, the window showing it unsaved."""
    from export.html import export_html
    from gui.app import EXAMPLE
    from model.fileformat import load_report

    page = folder / "黔江区城市管理局2020年报.html"
    export_html(load_report(EXAMPLE), page)
    window = _window(folder)
    window.import_path(page)
    _go_to(window, "s3")
    saved = _save(window, out / "import.png")
    _close(window)
    return saved


def guide_export(folder: Path, out: Path) -> list[Path]:
    """导出和打印: the 文件 menu open at the export commands, and page 1 of the exported PDF."""
    window = _window(folder)
    menu: QMenu = window.file_menu
    menu.popup(window.mapToGlobal(QPoint(0, window.menuBar().height())))
    QApplication.processEvents()
    # A popup is its own top-level window offscreen: paint the window, then the menu where it stands.
    canvas = window.grab()
    painter = QPainter(canvas)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    menu.hide()
    out.mkdir(parents=True, exist_ok=True)
    menu_png = out / "export-menu.png"
    canvas.save(str(menu_png))
    pdf_png = out / "export-pdf.png"
    _pdf_page(window, pdf_png)
    _close(window)
    return [menu_png, pdf_png]


def _pdf_page(window: MainWindow, out: Path) -> None:
    from gui.printing import iter_page_images, pdf_bytes

    first = next(iter_page_images(pdf_bytes(window.session.document), 60))
    first.copy().save(str(out))


def guide_rollforward(folder: Path, out: Path) -> Path:
    """从上年报告新建: next year's report from the example, texts as drafts to review."""
    from gui.app import EXAMPLE
    from model.fileformat import load_report
    from model.rollforward import roll_forward

    window = _window(folder)
    result = roll_forward(load_report(EXAMPLE))
    window.show_document(result.document, None, dirty=True)
    _go_to(window, "s1")
    saved = _save(window, out / "rollforward.png")
    _close(window)
    return saved


def _units(folder: Path) -> Path:
    """A folder of units' reports as a 政务公开办 receives them: clean, with warnings, with an error."""
    from gui.app import EXAMPLE
    from model.cellref import CellRef
    from model.edits import SetCell, SetMeta
    from model.fileformat import load_report, save_report

    units = folder / "各单位报告"
    units.mkdir(parents=True, exist_ok=True)
    names = ["某某区教育局", "某某区民政局", "某某区财政局", "某某区卫生健康委员会", "某某街道办事处", "某某镇人民政府"]
    for number, agency in enumerate(names):
        report = load_report(EXAMPLE)
        edits: list = [SetMeta(agency, None)]
        if number == 3:  # a figure typed in that breaks a 勾稽关系
            edits.append(SetCell(CellRef("3", "new", "natural"), 5))
        if number == 5:  # cells left blank
            edits.append(SetCell(CellRef("3", "carried", "natural"), None))
        report.apply(edits)
        save_report(report, units / f"{agency}.nianbao")
    return units


def guide_aggregate(folder: Path, out: Path) -> Path | None:
    """汇总与审核: the 文件 › 汇总与审核… window with a folder of units' reports loaded, when this build has it."""
    window = _window(folder)
    action = next((a for a in window.file_menu.actions() if "汇总与审核" in a.text()), None)
    if action is None:
        _close(window)
        return None
    before = set(QApplication.topLevelWidgets())
    action.trigger()
    QApplication.processEvents()
    opened = getattr(window, "summary_window", None)
    if opened is None:
        opened = next((w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()), None)
    if opened is None:
        _close(window)
        return None
    if hasattr(opened, "add_paths"):
        opened.add_paths([_units(folder)])
        deadline = time.monotonic() + 60
        while getattr(opened, "busy", False) and time.monotonic() < deadline:
            QApplication.processEvents()
    saved = _save(opened, out / "aggregate.png")
    opened.close()
    _close(window)
    return saved


GUIDE_SHOTS: list[Callable[[Path, Path], object]] = [
    guide_new,
    guide_check,
    guide_import,
    guide_export,
    guide_rollforward,
    guide_aggregate,
]


def has_chinese_font() -> bool:
    """Whether Qt finds a Chinese UI font here (offscreen grabs would show boxes otherwise)."""
    return bool(set(UI_FONTS) & set(QFontDatabase.families()))


def main(argv: list[str]) -> int:
    app = create_application(argv[:1])
    if "--guide" in argv:
        if not has_chinese_font():
            print("screenshot: 本机没有中文字体（如 fonts-wqy-zenhei），截图会显示方块；请先安装", file=sys.stderr)
            return 2
        rest = argv[argv.index("--guide") + 1 :]
        out = Path(rest[0]) if rest else GUIDE_IMAGES
        folder = Path(tempfile.mkdtemp())
        for shot in GUIDE_SHOTS:
            made = shot(folder, out)
            for path in made if isinstance(made, list) else [made]:
                print(path if path is not None else f"{shot.__name__}: 本版本没有这个窗口，未截图")
        app.processEvents()
        return 0
    out = Path(argv[1] if len(argv) > 1 and not argv[1].startswith("--") else "docs/screenshot.png")
    section = argv[argv.index("--section") + 1] if "--section" in argv else "s3"
    print(shot_main(out, section, "--demo" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
