"""文件 › 汇总与审核…: many units' reports in one list; sum them into a total, or review them all.

Files are read a few at a time from the event loop (each tick stops after a short time box), so the
window keeps painting, the progress bar moves and 取消 works while hundreds of files load. What the
rows hold is the model's (:class:`model.review.Reviewed`); this module only shows it.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.errors import NianbaoError
from model.review import CLEAN, ERRORS, UNREADABLE, WARNINGS, Reviewed

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from model.aggregate import Unit
    from model.document import Document

COLUMNS = ("单位", "年度", "格式", "错误", "提示", "状态", "文件")
STATUS_COLUMN = 5
STATUS_COLOURS = {CLEAN: "#C6EFCE", WARNINGS: "#FFEB9C", ERRORS: "#FFC7CE", UNREADABLE: "#D9D9D9"}
TICK_SECONDS = 0.04  # reading stops after this long so the window repaints and hears 取消


class SummaryWindow(QWidget):
    """The 汇总与审核 window of one main window."""

    loaded = Signal()  # the queue of files to read is empty (finished or cancelled)

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.main = main
        self.reports: list[Reviewed] = []  # in the order read (the workbooks' order)
        self._by_file: dict[str, Reviewed] = {}
        self.editors: list[MainWindow] = []  # unit windows opened from here, kept alive while open
        self._queue: deque[Path] = deque()
        self._known: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_some)
        self.setWindowTitle("汇总与审核")
        self.setAcceptDrops(True)
        self.resize(960, 600)
        self._build()
        self._update_buttons()

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        add_files = QPushButton("添加文件…")
        add_files.clicked.connect(self.add_files_dialog)
        add_folder = QPushButton("添加文件夹…")
        add_folder.clicked.connect(self.add_folder_dialog)
        self.remove_button = QPushButton("移除所选")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton("清空")
        self.clear_button.clicked.connect(self.clear)
        top = QHBoxLayout()
        for button in (add_files, add_folder, self.remove_button, self.clear_button):
            top.addWidget(button)
        top.addStretch(1)
        hint = QLabel("也可以把文件或文件夹拖到这里。双击一行可打开该单位的报告。")
        hint.setStyleSheet("color: #555;")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order read, until a header is clicked
        self.table.setSortingEnabled(True)  # click a header: the units with most errors first
        self.table.doubleClicked.connect(lambda index: self.open_unit(index.row()))
        # Keys of any list: Enter opens the current unit, Delete removes the selected rows.
        for keys, slot in (
            ((Qt.Key.Key_Return, Qt.Key.Key_Enter), self._open_current),
            ((Qt.Key.Key_Delete,), self.remove_selected),
        ):
            action = QAction(self.table)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.progress = QProgressBar()
        self.progress.setFormat("正在读取 %v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel("")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.cancel_button)
        # Room of its own from the start: a label that grows only when its text is set is drawn cut off
        # until the layout catches up.
        progress_row.addWidget(self.status, 1)
        self.progress.hide()
        self.cancel_button.hide()

        self.agency = QLineEdit()
        self.agency.setPlaceholderText("汇总报告的机关名称（不填则为“N个单位汇总”）")
        self.aggregate_button = QPushButton("生成汇总报告")
        self.aggregate_button.clicked.connect(self.make_total)
        self.detail_button = QPushButton("导出明细表")
        self.detail_button.clicked.connect(self.export_detail_dialog)
        self.review_button = QPushButton("导出审核表")
        self.review_button.clicked.connect(self.export_review_dialog)
        bottom = QHBoxLayout()
        bottom.addWidget(self.agency, 1)
        for button in (self.aggregate_button, self.detail_button, self.review_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(progress_row)
        layout.addLayout(bottom)

    # --- adding files --------------------------------------------------------------------------

    def add_files_dialog(self) -> None:
        from readers.batch import report_suffixes

        patterns = " ".join(f"*{s}" for s in report_suffixes())
        names = self.main.context.messages.ask_open_paths(
            self, "添加报告", self.main._last_folder(), f"年度报告 ({patterns});;所有文件 (*)"
        )
        if names:
            self.add_paths(Path(n) for n in names)

    def add_folder_dialog(self) -> None:
        name = self.main.context.messages.ask_folder(self, "添加文件夹（含子文件夹）", self.main._last_folder())
        if name:
            self.add_paths([Path(name)])

    def add_paths(self, paths: Iterable[Path]) -> int:
        """Queue the reports named or found in folders; returns how many new files were queued."""
        from readers.batch import find_reports

        try:
            found = find_reports(list(paths))
        except NianbaoError as exc:
            self.main.context.messages.error(self, "无法添加", str(exc))
            return 0
        fresh = [p for p in found if str(p) not in self._known]
        if not fresh and not self._queue:
            self.status.setText("没有找到新的报告文件")
            return 0
        self._known.update(str(p) for p in fresh)
        self._queue.extend(fresh)
        self.progress.setMaximum(self.progress.maximum() + len(fresh) if self._timer.isActive() else len(fresh))
        if not self._timer.isActive():
            self.table.setSortingEnabled(False)  # rows are added at the end while reading, sorted once after
            self.progress.setValue(0)
            self.progress.show()
            self.cancel_button.show()
            self._timer.start()
        self._update_buttons()
        return len(fresh)

    @property
    def busy(self) -> bool:
        """Files are still being read."""
        return self._timer.isActive()

    def _read_some(self) -> None:
        from readers.batch import review_file

        start = time.perf_counter()
        while self._queue:  # at least one file a turn, more while the time box lasts
            path = self._queue.popleft()
            reviewed, _ = review_file(path)
            self._append(reviewed)
            self.progress.setValue(self.progress.value() + 1)
            if time.perf_counter() - start >= TICK_SECONDS:
                break
        if not self._queue:
            self._finish(f"已读取{len(self.reports)}份报告")

    def cancel(self) -> None:
        """Stop reading; what was read stays in the list."""
        skipped = len(self._queue)
        for path in self._queue:
            self._known.discard(str(path))
        self._queue.clear()
        self._finish(f"已取消，{skipped}个文件未读取")

    def _finish(self, message: str) -> None:
        self._timer.stop()
        self.table.setSortingEnabled(True)
        for column in range(1, len(COLUMNS) - 1):  # once, not per row: measuring 3,000 rows is slow
            self.table.resizeColumnToContents(column)
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(message)
        self._update_buttons()
        self.loaded.emit()

    def reviewed_at(self, row: int) -> Reviewed:
        """The report shown in a row (rows may be sorted)."""
        return self._by_file[self.table.item(row, len(COLUMNS) - 1).data(Qt.ItemDataRole.UserRole)]

    def _append(self, reviewed: Reviewed) -> None:
        self.reports.append(reviewed)
        self._by_file[reviewed.file] = reviewed
        row = self.table.rowCount()
        self.table.insertRow(row)
        unit = reviewed.unit
        cells = (
            unit.agency if unit else f"（无法读取：{reviewed.message}）",  # why, where the eye goes first
            str(unit.year) if unit else "",
            f"{unit.template.id}年版" if unit else "",
            str(len(unit.errors)) if unit else "",
            str(len(unit.warnings)) if unit else "",
            reviewed.status_name,
            Path(reviewed.file).name,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem()
            if column in (1, 3, 4) and text:
                item.setData(Qt.ItemDataRole.DisplayRole, int(text))  # sorts as a number: 10 after 9
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setText(text)
            item.setToolTip(reviewed.file if column == len(COLUMNS) - 1 else reviewed.summary())
            self.table.setItem(row, column, item)
        self.table.item(row, len(COLUMNS) - 1).setData(Qt.ItemDataRole.UserRole, reviewed.file)
        status = self.table.item(row, STATUS_COLUMN)
        status.setBackground(QBrush(QColor(STATUS_COLOURS[reviewed.status])))
        status.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def _open_current(self) -> None:
        if self.table.currentRow() >= 0:
            self.open_unit(self.table.currentRow())

    def remove_selected(self) -> None:
        if self.busy:
            return  # rows are still being added
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            reviewed = self.reviewed_at(row)
            self._known.discard(reviewed.file)
            del self._by_file[reviewed.file]
            self.reports.remove(reviewed)
            self.table.removeRow(row)
        self._update_buttons()

    def clear(self) -> None:
        self.cancel()
        self.reports.clear()
        self._by_file.clear()
        self._known.clear()
        self.table.setRowCount(0)
        self.status.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        readable = any(r.unit is not None for r in self.reports)
        idle = not self._timer.isActive()
        self.aggregate_button.setEnabled(readable and idle)
        self.detail_button.setEnabled(readable and idle)
        self.review_button.setEnabled(bool(self.reports) and idle)
        self.remove_button.setEnabled(idle and bool(self.table.selectionModel().selectedRows()))
        self.clear_button.setEnabled(bool(self.reports) or not idle)

    # --- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # --- what the list is for ------------------------------------------------------------------

    def open_unit(self, row: int) -> MainWindow | None:
        """Open one unit's report in an editor window of its own (an imported one as unsaved)."""
        from gui.main_window import MainWindow
        from readers.batch import open_report

        reviewed = self.reviewed_at(row)
        path = Path(reviewed.file)
        try:
            opened = open_report(path)
        except NianbaoError as exc:
            self.main.context.messages.error(self, "无法打开", f"{path.name}：{exc}")
            return None
        native = path.suffix.lower() == ".nianbao"
        editor = MainWindow(self.main.context, opened.document, path if native else None)
        if not native:
            editor.show_document(opened.document, None, dirty=True)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.destroyed.connect(lambda *_: self.editors.remove(editor) if editor in self.editors else None)
        self.editors.append(editor)
        editor.show()
        return editor

    def _units(self) -> list[Unit]:
        return [r.unit for r in self.reports if r.unit is not None]

    def _total(self) -> tuple[list[Unit], Document | None]:
        """The units and their sum, or None after telling the user why they cannot be summed."""
        from gui.file_names import short_names
        from model.aggregate import aggregate

        units = self._units()
        describe, folder = short_names([u.source for u in units])  # full paths do not fit a dialog
        try:
            return units, aggregate(units, agency=self.agency.text().strip() or None, describe=describe)
        except NianbaoError as exc:
            where = f"\n\n文件夹：{folder}" if folder else ""
            self.main.context.messages.error(self, "无法汇总", f"{exc}{where}")
            return units, None

    def make_total(self) -> bool:
        """生成汇总报告: the total opens in the main window as a new, unsaved report."""
        _, total = self._total()
        if total is None or not self.main.confirm_discard():
            return False
        self.main.show_document(total, None, dirty=True)
        self.main.raise_()
        self.main.activateWindow()
        unreadable = sum(r.unit is None for r in self.reports)
        self.status.setText(
            f"已生成{total.agency}的汇总报告" + (f"（{unreadable}个无法读取的文件未计入）" if unreadable else "")
        )
        return True

    def export_detail_dialog(self) -> None:
        name = self.main.context.messages.ask_save_path(
            self, "导出明细表", str(Path(self.main._last_folder()) / "汇总明细.xlsx"), "Excel 工作簿 (*.xlsx)"
        )
        if name:
            self.export_detail(_xlsx(name))

    def _overwrites_a_report(self, path: Path) -> bool:
        """Say so when ``path`` is one of the listed reports: a workbook written there would destroy it."""
        listed = (r.file for r in self.reports if Path(r.file).name == path.name)
        clash = next((file for file in listed if _same_file(file, path)), None)
        if clash is not None:
            self.main.context.messages.error(
                self, "无法导出", f"“{Path(clash).name}”是列表中的一份报告，导出到这里会覆盖它；请另选文件名。"
            )
        return clash is not None

    def export_detail(self, path: Path) -> bool:
        """Write 单位明细, 问题清单 and 汇总表 to ``path``."""
        from export.detail_workbook import export_detail

        if self._overwrites_a_report(path):
            return False

        units, total = self._total()
        if total is None:
            return False
        try:
            export_detail(path, units, total)
        except NianbaoError as exc:
            self.main.context.messages.error(self, "无法导出", str(exc))
            return False
        self.status.setText(f"明细表已导出：{path.name}")
        return True

    def export_review_dialog(self) -> None:
        name = self.main.context.messages.ask_save_path(
            self, "导出审核表", str(Path(self.main._last_folder()) / "审核结果.xlsx"), "Excel 工作簿 (*.xlsx)"
        )
        if name:
            self.export_review(_xlsx(name))

    def export_review(self, path: Path) -> bool:
        """Write one coloured row per report and the list of every problem to ``path``."""
        from export.review_workbook import export_review

        if self._overwrites_a_report(path):
            return False
        try:
            export_review(path, self.reports)
        except NianbaoError as exc:
            self.main.context.messages.error(self, "无法导出", str(exc))
            return False
        self.status.setText(f"审核表已导出：{path.name}")
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        super().closeEvent(event)


def _xlsx(name: str) -> Path:
    """The chosen name with .xlsx added when missing (“2024.汇总” keeps its own dot: 2024.汇总.xlsx)."""
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def _same_file(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False
