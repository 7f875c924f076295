"""The editor window: sections in order, tables as live grids, the check list, files, autosave."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui import printed_totals
from gui.context import AppContext
from gui.dialogs import NewReportDialog
from gui.file_guard import FileGuard
from gui.grid_view import ReportGrid
from gui.page_fit import PageFit
from gui.recovery import RecoveryFile, find_orphans
from gui.session import Session
from gui.table_model import TableGridModel
from gui.text_editor import TextSectionEditor
from model.cellref import CellRef
from model.document import Document
from model.edits import ChangeSet
from model.errors import NianbaoError
from model.fileformat import load_report
from model.rules import ERROR, RuleResult
from model.template import Section

RECENT_MAX = 8
PAGE_MARGINS = (24, 16, 24, 24)  # left, top, right, bottom of the report page


class MainWindow(QMainWindow):
    """One report per window."""

    def __init__(self, context: AppContext, document: Document, path: Path | None = None) -> None:
        super().__init__()
        self.context = context
        self.session = Session(document, path, self)
        self.recovery = RecoveryFile(context.recovery_dir)
        self._autosaved_index = self.session.undo_stack.index()
        self.grids: dict[str, ReportGrid] = {}
        self.text_editors: dict[str, TextSectionEditor] = {}
        self._section_anchors: dict[str, QLabel] = {}
        self._pinned_section: str | None = None  # picked in the navigation, kept while on screen
        self.guide_window: QWidget | None = None  # 帮助 › 使用说明 (a GuideWindow), made when first asked for
        self.import_log: tuple[str, list] | None = None  # the last import’s source name and log entries
        self.import_log_dialog: QWidget | None = None
        self._short_screen_docks = False  # no saved layout: a short window gets a shorter check list
        self.setMinimumSize(760, 480)  # fits a 1024×600 netbook screen with its taskbar
        self.setAcceptDrops(True)
        self._build_actions()
        self._build_body()
        self.session.changed.connect(self._on_changed)
        self.session.undo_stack.cleanChanged.connect(self._update_title)
        self.session.undo_stack.indexChanged.connect(self._update_title)
        self.session.pathChanged.connect(self._update_title)
        self.file_guard = FileGuard(self)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(context.autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self._restore_geometry()
        self._refresh_all()

    # --- building ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _icon(self, theme: str, fallback: QStyle.StandardPixmap) -> QIcon:
        # The desktop's icon theme where there is one (UOS, Kylin), Qt's own icons elsewhere.
        return QIcon.fromTheme(theme, self.style().standardIcon(fallback))

    def _build_actions(self) -> None:
        pixmap = QStyle.StandardPixmap
        new = self._action(self.tr("New…"), self.new_report, QKeySequence.StandardKey.New)
        new.setIcon(self._icon("document-new", pixmap.SP_FileIcon))
        open_ = self._action(self.tr("Open…"), self.open_dialog, QKeySequence.StandardKey.Open)
        open_.setIcon(self._icon("document-open", pixmap.SP_DialogOpenButton))
        save = self._action(self.tr("Save"), self.save, QKeySequence.StandardKey.Save)
        save.setIcon(self._icon("document-save", pixmap.SP_DialogSaveButton))
        import_ = self._action(self.tr("Import (Excel, Word, PDF, web page, text)…"), self.import_dialog, "Ctrl+I")
        import_.setIcon(self._icon("document-import", pixmap.SP_ArrowDown))
        import_.setIconText(self.tr("Import"))
        export_pdf = self._action(self.tr("Export PDF…"), lambda: self.export_dialog(".pdf"), "Ctrl+Shift+P")
        export_pdf.setIcon(self._icon("x-office-document", pixmap.SP_FileDialogDetailedView))
        preview = self._action(self.tr("Print Preview…"), self.print_preview)
        preview.setIcon(self._icon("document-print-preview", pixmap.SP_FileDialogContentsView))

        files = self.menuBar().addMenu(self.tr("&File"))
        files.addActions([new, open_])
        self.recent_menu = files.addMenu(self.tr("Recent Files"))
        files.addSeparator()
        files.addAction(save)
        files.addAction(self._action(self.tr("Save As…"), self.save_as, QKeySequence.StandardKey.SaveAs))
        files.addSeparator()
        files.addAction(import_)
        files.addAction(self._action(self.tr("Export Excel…"), lambda: self.export_dialog(".xlsx"), "Ctrl+E"))
        files.addAction(export_pdf)
        files.addAction(self._action(self.tr("Export Word…"), lambda: self.export_dialog(".docx")))
        files.addAction(self._action(self.tr("Export Web Page (HTML)…"), lambda: self.export_dialog(".html")))
        files.addAction(preview)
        files.addAction(self._action(self.tr("Print…"), self.print_report, QKeySequence.StandardKey.Print))
        files.addAction(self._action(self.tr("Font for PDF and Printing…"), self.choose_pdf_font))
        files.addSeparator()
        files.addAction(self._action(self.tr("New from Last Year’s Report…"), self.roll_forward_dialog))
        files.addAction(self._action(self.tr("Link Last Year’s Report…"), self.link_prior_dialog))
        files.addAction(self._action(self.tr("汇总与审核…"), self.open_summary_window))
        files.addSeparator()
        files.addAction(self._action(self.tr("Close"), self.close, QKeySequence.StandardKey.Close))
        self.file_menu = files
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.session.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setIcon(self._icon("edit-undo", pixmap.SP_ArrowBack))
        undo.setIconText(self.tr("Undo"))  # the menu names the edit; the toolbar stays one width
        redo = self.session.undo_stack.createRedoAction(self, self.tr("Redo"))
        # Ctrl+Y as in Excel and WPS, on every system (Linux's own redo key is Ctrl+Shift+Z)
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        redo.setShortcuts(redo_keys + [QKeySequence("Ctrl+Y")] * (QKeySequence("Ctrl+Y") not in redo_keys))
        redo.setIcon(self._icon("edit-redo", pixmap.SP_ArrowForward))
        redo.setIconText(self.tr("Redo"))
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        edit.addAction(self._action(self.tr("Fill Blank Cells with 0"), self.fill_blanks_with_zero))
        edit.addAction(self._action(self.tr("Report Details (agency, year)…"), self.edit_report_details))
        edit.addAction(self._action(self.tr("Accept Computed Totals"), self.accept_computed_totals))
        self.undo_action, self.redo_action = undo, redo
        checks = self.menuBar().addMenu(self.tr("&Check"))
        next_problem = self._action(self.tr("Next Problem"), lambda: self.go_to_problem(1), "F8")
        next_problem.setIcon(self._icon("go-next", pixmap.SP_MessageBoxWarning))
        checks.addAction(next_problem)
        checks.addAction(self._action(self.tr("Previous Problem"), lambda: self.go_to_problem(-1), "Shift+F8"))
        checks.addAction(self._action(self.tr("Import Log…"), self.show_import_log))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = self._action(self.tr("User Guide"), self.show_guide, QKeySequence.StandardKey.HelpContents)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self._action(self.tr("User Guide (PDF, for printing)"), self.show_guide_pdf))
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("About Nianbao"), self.show_about))
        help_menu.addAction(self._action(self.tr("About Qt"), QApplication.aboutQt))

        toolbar = self.addToolBar(self.tr("Main Toolbar"))
        toolbar.setObjectName("mainToolbar")  # lets saveState() remember where the user put it
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions([new, open_, save])
        toolbar.addSeparator()
        toolbar.addActions([undo, redo])
        toolbar.addSeparator()
        toolbar.addActions([import_, export_pdf, preview])
        toolbar.addSeparator()
        toolbar.addAction(next_problem)
        self.toolbar = toolbar
        self._rebuild_recent_menu()

    def _build_body(self) -> None:
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel()
        self.header.setObjectName("reportHeader")
        self.header.setStyleSheet("#reportHeader { padding: 8px 14px; background: #24466e; color: white; }")
        header_font = QFont(self.header.font())
        header_font.setPointSizeF(header_font.pointSizeF() * 1.15)
        self.header.setFont(header_font)
        outer.addWidget(self.header)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.navigation = QListWidget()
        self.navigation.setMinimumWidth(150)
        self.navigation.setWordWrap(True)
        self.navigation.setSpacing(3)
        self.navigation.itemClicked.connect(self._go_to_section)
        splitter.addWidget(self.navigation)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setStyleSheet("QScrollArea { background: white; }")
        splitter.addWidget(self.page_scroll)
        self.page_fit = PageFit(self.page_scroll, PAGE_MARGINS[0] + PAGE_MARGINS[2], self.text_editors.values)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([200, 1100])
        outer.addWidget(splitter, 1)
        self.setCentralWidget(body)
        self.checks = QListWidget()
        self.checks.itemClicked.connect(self._select_result_cells)
        self.checks.itemActivated.connect(self._select_result_cells)
        dock = QDockWidget(self.tr("Check Results"), self)
        dock.setObjectName("checksDock")
        dock.setWidget(self.checks)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [140], Qt.Orientation.Vertical)
        self.checks_dock = dock
        self.status_counts = QLabel()
        self.statusBar().addPermanentWidget(self.status_counts)
        self._build_sections()

    def _build_sections(self) -> None:
        for grid in self.grids.values():
            grid.release()  # the old page (views, their models) is deleted by setWidget below
        self.grids.clear()
        self.text_editors.clear()
        self._section_anchors.clear()
        self.navigation.clear()
        page = QWidget()
        page.setObjectName("reportPage")
        page.setStyleSheet("#reportPage { background: white; }")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)
        title_font = QFont(page.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.1)
        document = self.session.document
        for section in document.template.sections:
            anchor = QLabel()
            anchor.setFont(title_font)
            layout.addWidget(anchor)
            self._section_anchors[section.id] = anchor
            self._show_section_title(section)
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.navigation.addItem(item)
            if section.kind in ("text", "preamble"):
                editor = TextSectionEditor(self.session, section)
                editor.refused.connect(self.show_status)
                self.text_editors[section.id] = editor
                layout.addLayout(self.page_fit.row(editor))
                continue
            for table in section.tables:
                if table.heading:
                    heading = QLabel(table.heading)
                    layout.addWidget(heading)
                model = TableGridModel(self.session, table)
                model.message.connect(self.show_status)
                grid = ReportGrid(model)
                grid.setObjectName(f"grid_{table.id}")
                printed_totals.attach(self.session, grid)
                self.grids[table.id] = grid
                row = QHBoxLayout()
                row.addWidget(grid)
                row.addStretch(1)
                layout.addLayout(row)
        layout.addStretch(1)
        self.page_scroll.setWidget(page)
        self.page_fit.fit()

    # --- state -> view -------------------------------------------------------------------------

    def _show_section_title(self, section: Section) -> None:
        """A section's heading; a draft carried from last year says it still needs reading."""
        title = (
            section.title if section.kind != "preamble" else self.tr("Preamble (the note before section one; optional)")
        )
        if section.id in self.session.document.review_pending:
            draft = self.tr("draft from last year’s report — please review")
            title = f"{title}　<span style='color:#b45309; font-weight:normal'>（{draft}）</span>"
        self._section_anchors[section.id].setText(title)

    def _on_changed(self, changes: ChangeSet) -> None:
        for section_id in changes.texts:
            editor = self.text_editors.get(section_id)
            if editor is not None:
                editor.load()
        for section_id in changes.review:
            self._show_section_title(self.session.document.template.section(section_id))
        if changes.meta:
            self._update_header()
        if changes.rules or changes.prior:
            self._refresh_checks()
        self._update_title()

    def _refresh_all(self) -> None:
        self._update_header()
        self._refresh_checks()
        self._update_title()

    def _update_header(self) -> None:
        document = self.session.document
        layout_name = self.tr("Layout: {name}").format(name=document.template.name)
        self.header.setText(f"{document.title}　　<span style='color:#c9d6e8'>{layout_name}</span>")

    def _refresh_checks(self) -> None:
        self.checks.clear()
        document = self.session.document
        for result in document.results():
            tag = self.tr("Error") if result.severity == ERROR else self.tr("Warning")
            item = QListWidgetItem(self.tr("【{tag}】{message}").format(tag=tag, message=result.message))
            item.setData(Qt.ItemDataRole.UserRole, result.key)
            item.setForeground(Qt.GlobalColor.darkRed if result.severity == ERROR else Qt.GlobalColor.black)
            self.checks.addItem(item)
        if not document.results():
            self.checks.addItem(QListWidgetItem(self.tr("✓ No problems: totals and consistency rules all hold")))
        errors, warnings = len(document.errors()), len(document.warnings())
        counts = self.tr("{errors} errors　{warnings} warnings").format(errors=errors, warnings=warnings)
        self.status_counts.setText(counts if errors or warnings else self.tr("All checks pass"))
        title = self.tr("Check Results ({errors} errors, {warnings} warnings)")
        self.checks_dock.setWindowTitle(title.format(errors=errors, warnings=warnings))

    def _update_title(self, *_: object) -> None:
        if self.session.path:
            name = self.session.path.name
        else:
            name = self.tr("{title} (not saved)").format(title=self.session.document.title)
        mark = " *" if self.session.dirty else ""
        self.setWindowTitle(self.tr("{name}{mark} — Nianbao report editor").format(name=name, mark=mark))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- navigation ----------------------------------------------------------------------------

    def _follow_scroll(self, position: int) -> None:
        """The navigation list marks the section being read."""
        pinned = self._section_anchors.get(self._pinned_section or "")
        if pinned is not None and position <= pinned.y() < position + self.page_scroll.viewport().height():
            return  # the section the user picked is on screen (the last ones cannot scroll to the top)
        self._pinned_section = None
        current = None
        for row in range(self.navigation.count()):
            anchor = self._section_anchors.get(self.navigation.item(row).data(Qt.ItemDataRole.UserRole))
            if anchor is not None and anchor.y() <= position + 40:
                current = row
        if current is not None and current != self.navigation.currentRow():
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(current)
            self.navigation.blockSignals(False)

    def _go_to_section(self, item: QListWidgetItem) -> None:
        anchor = self._section_anchors.get(item.data(Qt.ItemDataRole.UserRole))
        if anchor is not None:
            self._pinned_section = item.data(Qt.ItemDataRole.UserRole)
            self.page_scroll.verticalScrollBar().setValue(anchor.y())

    def _select_result_cells(self, item: QListWidgetItem) -> None:
        result = self.session.document.result(item.data(Qt.ItemDataRole.UserRole))
        if result is not None:
            self.select_cells(result)

    def select_cells(self, result: RuleResult) -> None:
        """Select the cells a rule result involves and scroll to the first of them."""
        by_table: dict[str, list[CellRef]] = {}
        for ref in result.cells:
            by_table.setdefault(ref.table, []).append(ref)
        for grid in self.grids.values():
            grid.clearSelection()
        first: ReportGrid | None = None
        for table_id, refs in by_table.items():
            grid = self.grids[table_id]
            selection = QItemSelection()
            for ref in refs:
                index = grid.grid_model.index_of(ref)
                selection.select(index, index)
            # Current first without touching the selection: setCurrentIndex() would select it alone.
            grid.selectionModel().setCurrentIndex(
                grid.grid_model.index_of(refs[0]), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            first = first or grid
        if first is not None:
            first.setFocus()
            self.page_scroll.ensureWidgetVisible(first, 50, 50)
            return
        editor = self.text_editors.get(result.section or "")
        if editor is not None:  # a result about a text: go to the text
            editor.setFocus()
            self.page_scroll.ensureWidgetVisible(editor, 50, 50)
        self.show_status(result.message)

    def go_to_problem(self, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) problem in the check list and its cells."""
        document = self.session.document
        count = len(document.results())
        if not count:
            self.show_status(self.tr("All checks pass"))
            return
        row = self.checks.currentRow()
        row = (row + step) % count if row >= 0 else (0 if step > 0 else count - 1)
        self.checks.setCurrentRow(row)
        self._select_result_cells(self.checks.item(row))

    def show_guide(self) -> None:
        from gui.guide import show_guide

        self.guide_window = show_guide(self, self.guide_window)  # type: ignore[arg-type]

    def show_guide_pdf(self) -> None:
        from gui.guide import open_guide_pdf

        if not open_guide_pdf():
            self.context.messages.error(self, self.tr("User Guide"), self.tr("Cannot open the PDF user guide."))

    def show_about(self) -> None:
        from cli.version import VERSION as version  # also right in a bundle, which has no package metadata
        text = self.tr(
            "Nianbao {version}\n\nAn editor for the annual report on government information disclosure, "
            "in the official 2021 and 2019 layouts: totals computed, consistency rules checked as you type, "
            "import from Excel, Word and web pages, export to Excel and PDF.\n\nWorks offline; "
            "reports are saved as .nianbao files on this computer."
        )
        self.context.messages.info(self, self.tr("About Nianbao"), text.format(version=version))

    # --- editing helpers ---------------------------------------------------------------------

    def fill_blanks_with_zero(self) -> None:
        edits = self.session.document.fill_blanks()
        if edits:
            self.session.apply(edits, self.tr("Fill blank cells with 0"))
            self.show_status(self.tr("Filled {count} blank cells with 0").format(count=len(edits)))

    def edit_report_details(self) -> None:
        dialog = NewReportDialog(self, self.session.document.agency)
        dialog.setWindowTitle(self.tr("Report Details"))
        dialog.template.setEnabled(False)
        dialog.year.setValue(self.session.document.year)
        if dialog.exec():
            _, year, agency = dialog.values()
            self.set_report_details(agency, year)

    def set_report_details(self, agency: str, year: int) -> bool:
        """Change agency and year as one undoable step."""
        from model.edits import SetMeta

        try:
            self.session.apply([SetMeta(agency, year)], self.tr("Change report details"))
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Cannot change the report details"), str(exc))
            return False
        return True

    # --- files ---------------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to drop the current document."""
        if not self.session.dirty:
            return True
        name = self.session.path.name if self.session.path else self.session.document.title
        answer = self.context.messages.ask_save(self, name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def show_document(self, document: Document, path: Path | None, *, dirty: bool = False) -> None:
        self.session.replace(document, path, dirty=dirty)
        self.recovery.discard()
        self._autosaved_index = -2 if dirty else self.session.undo_stack.index()
        self._build_sections()
        self._refresh_all()
        if path is not None:
            self._add_recent(path)

    def new_report(self) -> None:
        if not self.confirm_discard():
            return
        dialog = NewReportDialog(self, self.session.document.agency)
        if not dialog.exec():
            return
        template_id, year, agency = dialog.values()
        try:
            document = Document.new(template_id, year, agency)
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Cannot create the report"), str(exc))
            return
        self.show_document(document, None)

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open Report"), self._last_folder(), self._file_filter())
        if name:
            self.open_path(Path(name), confirmed=True)

    def open_path(self, path: Path, *, confirmed: bool = False) -> bool:
        """Open a report file; a damaged file gives a message and the current report stays."""
        if not confirmed and not self.confirm_discard():
            return False
        try:
            document = load_report(path)
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Cannot open the file"), str(exc))
            return False
        self.show_document(document, path)
        return True

    def import_dialog(self) -> None:
        """文件 → 导入…: the imported report opens as a new, unsaved document."""
        from readers.dispatch import IMPORT_SUFFIXES

        if not self.confirm_discard():
            return
        patterns = " ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import Report"),
            self._last_folder(),
            self.tr("Importable reports ({patterns});;All files (*)").format(patterns=patterns),
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> bool:
        from model.errors import MissingTitle
        from readers.dispatch import read_report

        try:
            try:
                result = read_report(path)
            except MissingTitle:
                answer = self.context.messages.ask_agency_year(self, self.session.document.agency)
                if answer is None:
                    return False
                result = read_report(path, agency=answer[0], year=answer[1])
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Cannot import"), str(exc))
            return False
        from gui.import_summary import import_message
        from readers.import_log import summary

        self.show_document(result.document, None, dirty=True)
        self.import_log = (path.name, result.log)
        self.show_status(summary(result.values_read, result.log))
        self.context.messages.info(self, self.tr("Import finished"), import_message(result))
        return True

    def show_import_log(self) -> None:
        """The whole log of the last import in a window of its own."""
        from gui.import_summary import ImportLogDialog

        if self.import_log is None:
            self.show_status(self.tr("No file has been imported in this window yet"))
            return
        self.import_log_dialog = ImportLogDialog(self, *self.import_log)
        self.import_log_dialog.show()

    def accept_computed_totals(self) -> None:
        """Every total kept as an imported report printed it gives way to the computed one."""
        count = printed_totals.accept_totals(self.session)
        self.show_status(self.tr("Accepted {count} computed totals").format(count=count))

    # --- drag and drop ---------------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The local files and folders being dragged."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped report opens; a dropped workbook, Word file, PDF or web page is imported; anything
        else is refused with the importer's message on what to do instead. Several files or a folder
        are many units' reports: they go to 汇总与审核, as an office collects them."""
        from readers.dispatch import IMPORT_SUFFIXES

        paths = self._dropped_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) > 1 or paths[0].is_dir():
            self.open_summary_window().add_paths(paths)
            return
        path = paths[0]
        if path.suffix.lower() == ".nianbao":
            self.open_path(path)
        elif path.suffix.lower() not in IMPORT_SUFFIXES:
            self.import_path(path)  # refused before anything is replaced, so nothing to save first
        elif self.confirm_discard():
            self.import_path(path)

    def export_dialog(self, suffix: str) -> None:
        kinds = {
            ".xlsx": self.tr("Excel workbook (*.xlsx)"),
            ".pdf": self.tr("PDF file (*.pdf)"),
            ".docx": self.tr("Word document (*.docx)"),
            ".html": self.tr("Web page (*.html)"),
        }
        suggested = str(Path(self._last_folder()) / f"{self.session.document.title}{suffix}")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), suggested, kinds[suffix])
        if name:
            kept = suffix == ".html" and name.lower().endswith(".htm")  # .htm is a web page too
            path = Path(name) if name.lower().endswith(suffix) or kept else Path(name + suffix)
            self.export_path(path)

    def pdf_font(self) -> str | None:
        """The PDF font file the user picked (remembered), or None to search the machine."""
        value = self.context.settings.value("pdf/font")
        # A font removed since it was chosen: search the machine again rather than fail every export.
        return value if isinstance(value, str) and value and Path(value).is_file() else None

    def choose_pdf_font(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the PDF font (TrueType: .ttf/.ttc)"),
            "",
            self.tr("TrueType fonts (*.ttf *.ttc);;All files (*)"),
        )
        if name:
            self.set_pdf_font(name)

    def set_pdf_font(self, name: str) -> bool:
        from export.fonts import FontError, check_font

        try:
            check_font(name)
        except FontError as exc:
            self.context.messages.error(self, self.tr("Cannot use this font"), str(exc))
            return False
        self.context.settings.setValue("pdf/font", name)
        self.show_status(self.tr("PDF and printing will use the font {name}").format(name=name))
        return True

    def _print_key(self) -> str:
        return str(self.session.path or self.session.document.title).replace("/", "_").replace("\\", "_")

    def print_preview(self) -> None:
        from gui.printing import preview

        preview(self, self.session.document, self.context.settings, self._print_key(), self.pdf_font())

    def print_report(self) -> None:
        from gui.printing import print_document

        if print_document(self, self.session.document, self.context.settings, self._print_key(), self.pdf_font()):
            self.show_status(self.tr("Sent to the printer"))

    def export_path(self, path: Path) -> bool:
        try:
            if not self.file_guard.export(path, font_path=self.pdf_font()):
                return False
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Export failed"), str(exc))
            return False
        self.show_status(self.tr("Exported to {path}").format(path=path))
        return True

    def roll_forward_dialog(self) -> None:
        if not self.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose Last Year’s Report"), self._last_folder(), self._file_filter()
        )
        if not name:
            return
        from model.rollforward import roll_forward

        try:
            result = roll_forward(load_report(Path(name)))
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Cannot create the report"), str(exc))
            return
        self.show_document(result.document, None, dirty=True)
        if result.notes:
            self.context.messages.info(self, self.tr("New from Last Year’s Report"), "\n".join(result.notes))

    def open_summary_window(self) -> QWidget:
        """文件 › 汇总与审核…: one such window per main window, raised when already open."""
        from gui.summary_window import SummaryWindow

        if getattr(self, "summary_window", None) is None:
            self.summary_window = SummaryWindow(self)
        self.summary_window.show()
        self.summary_window.raise_()
        return self.summary_window

    def link_prior_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose Last Year’s Report"), self._last_folder(), self._file_filter()
        )
        if name:
            self.link_prior(Path(name))

    def link_prior(self, path: Path) -> bool:
        """Link last year's report: cross-year checks and last year's values in the cell tooltips."""
        from model.edits import SetPrior
        from model.prior_check import check_prior_link
        from model.rollforward import prior_of

        document = self.session.document
        try:
            same = self.session.path is not None and path.resolve() == self.session.path.resolve()
            last = load_report(path)
            notes = check_prior_link(document.year, document.agency, last, same_file=same)
            self.session.apply([SetPrior(prior_of(last))], self.tr("Link last year’s report"))
        except NianbaoError as exc:
            self.context.messages.error(self, self.tr("Cannot link the report"), str(exc))
            return False
        if notes:
            self.context.messages.info(self, self.tr("Link last year’s report"), "\n".join(notes))
        self.show_status(self.tr("Linked last year’s report: {title}").format(title=last.title))
        return True

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        suggested = str(Path(self._last_folder()) / f"{self.session.document.title}.nianbao")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save As"), suggested, self._file_filter())
        if not name:
            return False
        path = Path(name)
        if path.suffix != ".nianbao":
            path = path.with_name(path.name + ".nianbao")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            if not self.file_guard.save(path):
                return False
        except (NianbaoError, OSError) as exc:
            self.context.messages.error(
                self,
                self.tr("Save failed"),
                self.tr("{reason}\n\nThe report is still open; you can save it somewhere else.").format(reason=exc),
            )
            return False
        self.recovery.discard()
        self._autosaved_index = self.session.undo_stack.index()
        self._add_recent(path)
        self.show_status(self.tr("Saved to {path}").format(path=path))
        return True

    def autosave(self) -> None:
        """Write unsaved changes to the recovery file (nothing when clean or unchanged since)."""
        if not self.session.dirty:
            self.recovery.discard()
            return
        if self.session.undo_stack.index() == self._autosaved_index:
            return
        try:
            self.recovery.write(self.session.document, self.session.path)
            self._autosaved_index = self.session.undo_stack.index()
        except NianbaoError as exc:
            self.show_status(self.tr("Autosave failed: {reason}").format(reason=exc))

    def offer_recovery(self) -> bool:
        """At start: offer documents from recovery files of crashed sessions. True if one was restored."""
        for found in find_orphans(self.context.recovery_dir):
            if found.file == self.recovery.path:
                continue
            where = str(found.original) if found.original else self.tr("a new report never saved")
            if self.context.messages.ask_restore(self, f"{found.document.title}（{where}）"):
                self.show_document(found.document, found.original, dirty=True)
                found.file.unlink(missing_ok=True)
                self.autosave()
                return True
            found.file.unlink(missing_ok=True)
        return False

    # --- settings ------------------------------------------------------------------------------

    def _file_filter(self) -> str:
        return self.tr("Nianbao reports (*.nianbao);;All files (*)")

    def _last_folder(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        return str(self.context.settings.value("lastFolder", str(Path.home())))

    def recent_files(self) -> list[str]:
        value = self.context.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _add_recent(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.context.settings.setValue("recentFiles", files[:RECENT_MAX])
        self.context.settings.setValue("lastFolder", str(path.parent))
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_files():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def _restore_geometry(self) -> None:
        geometry = self.context.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # no larger than the screen: 1024×600 netbooks are still common in offices
            room = self.screen().availableGeometry()
            self.resize(min(1280, room.width()), min(720, room.height()))
            self._short_screen_docks = True
        state = self.context.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._short_screen_docks and self.height() < 700:
            # Docks are sized once laid out: on a short screen the check list leaves the page more room.
            self.resizeDocks([self.checks_dock], [80], Qt.Orientation.Vertical)
        self._short_screen_docks = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.context.settings.setValue("window/geometry", self.saveGeometry())
        self.context.settings.setValue("window/state", self.saveState())
        self.autosave_timer.stop()
        self.recovery.close()
        event.accept()
