"""Print preview and printing of exactly the PDF's pages.

The report is laid out once, by :mod:`export.pdf`; preview and print rasterise those PDF pages with
PDFium (``pypdfium2``) and paint them onto the printer, so paper matches the published PDF. The pages
keep their A4 geometry on any paper: scaled uniformly to fit (never stretched) and centred. Only the
pages chosen in the print dialog are sent, grey and losslessly compressed, at the printer's resolution.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2
from PySide6.QtCore import QCoreApplication, QRectF, QSettings
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from export.fonts import find_font
from export.pdf import render_pdf
from gui.page_raster import POINTS_PER_INCH, page_size_points, render_page
from model.document import Document

SCREEN_DPI = 150  # the preview shows pages scaled down; more only costs time
MAX_PAPER_DPI = 600  # a laser printer's native resolution; beyond it a page image only grows (35 MB at 600)
MIN_PAPER_DPI = 150


def pdf_bytes(document: Document, font_path: str | None = None) -> bytes:
    """The report's PDF, in memory."""
    buffer = io.BytesIO()
    render_pdf(document, buffer, find_font(font_path))
    return buffer.getvalue()


def page_count(data: bytes) -> int:
    """Pages in a PDF."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def iter_page_images(data: bytes, dpi: int, *, for_paper: bool = False) -> Iterator[QImage]:
    """Each page of a PDF as an image at ``dpi``, one at a time (a 600 dpi A4 page is 35 MB)."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            yield render_page(page, dpi, for_paper=for_paper)
            page.close()
    finally:
        pdf.close()


def page_images(data: bytes, dpi: int) -> list[QImage]:
    """Every page of a PDF as an image at ``dpi``."""
    return list(iter_page_images(data, dpi))


@dataclass(frozen=True)
class Placement:
    """Where a page goes on the paper, in device pixels, and the uniform scale that puts it there."""

    target: QRectF
    scale: float


def place_page(page_points: tuple[float, float], paper_pixels: QRectF, resolution: int) -> Placement:
    """Fit a page of ``page_points`` onto the paper: its own size if it fits, else uniformly smaller; centred.

    An A4 report on Letter paper is scaled by 279.4/297 = 0.941 in both directions (Letter is shorter),
    never stretched to fill the other paper's shape.
    """
    width = page_points[0] * resolution / POINTS_PER_INCH
    height = page_points[1] * resolution / POINTS_PER_INCH
    scale = min(1.0, paper_pixels.width() / width, paper_pixels.height() / height)
    drawn_width, drawn_height = width * scale, height * scale
    left = paper_pixels.left() + (paper_pixels.width() - drawn_width) / 2
    top = paper_pixels.top() + (paper_pixels.height() - drawn_height) / 2
    return Placement(QRectF(left, top, drawn_width, drawn_height), scale)


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based indexes of the pages to print: the dialog's range (e.g. from 3 to 3), in the printer's order."""
    pages = list(range(count))
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            pages = [index for index in pages if ranges.contains(index + 1)]
        elif printer.fromPage() > 0:
            pages = [index for index in pages if printer.fromPage() <= index + 1 <= (printer.toPage() or count)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    if printer.copyCount() > 1 and not printer.supportsMultipleCopies():
        # The print system will not repeat the job (printing to a file): repeat the pages here.
        copies = printer.copyCount()
        pages = pages * copies if printer.collateCopies() else [index for index in pages for _ in range(copies)]
    return pages


def _is_preview(printer: QPrinter) -> bool:
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paper_dpi(printer: QPrinter) -> int:
    """The resolution page images are rendered at for this printer: its own, within sensible bounds."""
    return max(MIN_PAPER_DPI, min(MAX_PAPER_DPI, printer.resolution()))


def paint_pages(printer: QPrinter, data: bytes) -> int:
    """Paint the PDF's chosen pages onto a printer (or the preview's printer), one per sheet; return the count.

    For paper the printer is switched to grey: Qt's PDF print engine (which also feeds CUPS) then writes
    page images as 8-bit DeviceGray with lossless Flate instead of 94 % JPEG in RGB.
    """
    previewing = _is_preview(printer)
    printer.setFullPage(True)
    if not previewing:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    if previewing:
        # The preview shows the pages scaled down: filter them, or thin strokes break up.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    else:
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    count = 0
    pdf = pypdfium2.PdfDocument(data)
    try:
        for index in chosen_pages(printer, len(pdf)):
            if count:
                printer.newPage()
            resolution = printer.resolution()
            paper = QRectF(printer.pageLayout().fullRectPixels(resolution))
            page = pdf[index]
            placement = place_page(page_size_points(page), paper, resolution)
            # Rendered at the size it is drawn, so that one image pixel is one printer dot.
            dpi = (SCREEN_DPI if previewing else paper_dpi(printer)) * placement.scale
            painter.drawImage(placement.target, render_page(page, dpi, for_paper=not previewing))
            page.close()
            count += 1
    finally:
        pdf.close()
        painter.end()
    return count


def a4_printer(settings: QSettings, key: str) -> QPrinter:
    """An A4 printer set up as last time for this document (printer name remembered per document)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    name = settings.value(f"print/{key}/printer")
    if isinstance(name, str) and name:
        printer.setPrinterName(name)
    return printer


def remember(settings: QSettings, key: str, printer: QPrinter) -> None:
    """Keep the printer chosen for ``key`` for the next time."""
    settings.setValue(f"print/{key}/printer", printer.printerName())


def preview_dialog(
    parent: QWidget | None, document: Document, settings: QSettings, key: str, font_path: str | None
) -> QPrintPreviewDialog:
    """打印预览 as a dialog (not yet shown): the PDF's pages; its print button sends the same pages."""
    data = pdf_bytes(document, font_path)
    printer = a4_printer(settings, key)
    printer.setDocName(document.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print Preview"))
    dialog.paintRequested.connect(lambda target: paint_pages(target, data))
    dialog.finished.connect(lambda _result: remember(settings, key, printer))
    dialog.resize(900, 800)
    return dialog


def preview(parent: QWidget, document: Document, settings: QSettings, key: str, font_path: str | None) -> None:
    """Show the print preview (modal)."""
    preview_dialog(parent, document, settings, key, font_path).exec()


def print_document(parent: QWidget, document: Document, settings: QSettings, key: str, font_path: str | None) -> bool:
    """Print: Qt's print dialog (page range from 1 to the last page), then the chosen pages of the PDF."""
    data = pdf_bytes(document, font_path)
    printer = a4_printer(settings, key)
    # Print queues and printer panels show the job by this name.
    printer.setDocName(document.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    dialog.setMinMax(1, page_count(data))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pages(printer, data)
    remember(settings, key, printer)
    return True
