"""Print preview and printing of exactly the PDF's pages.

The report is laid out once, by :mod:`export.pdf`; preview and print rasterise those PDF pages with
PDFium (``pypdfium2``) and paint them onto the printer, so paper matches the published PDF.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pypdfium2
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QCoreApplication, QRectF, QSettings
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from export.fonts import find_font
from export.pdf import render_pdf
from model.document import Document

POINTS_PER_INCH = 72


def pdf_bytes(document: Document, font_path: str | None = None) -> bytes:
    """The report's PDF, in memory."""
    buffer = io.BytesIO()
    render_pdf(document, buffer, find_font(font_path))
    return buffer.getvalue()


def iter_page_images(data: bytes, dpi: int) -> Iterator[QImage]:
    """Each page of a PDF as an image at ``dpi``, one at a time (a 300 dpi A4 page is 35 MB)."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, force_bitmap_format=pdfium_c.FPDFBitmap_BGRA)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_ARGB32)
            yield image.copy()  # detach from PDFium's buffer before it is freed
            page.close()
    finally:
        pdf.close()


def page_images(data: bytes, dpi: int) -> list[QImage]:
    """Every page of a PDF as an image at ``dpi``."""
    return list(iter_page_images(data, dpi))


def paint_pages(printer: QPrinter, images: Iterable[QImage]) -> int:
    """Paint page images onto a printer (or the preview's printer), one per sheet, full page."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    # The preview shows the pages scaled down: filter them, or thin strokes break up.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    count = 0
    try:
        for image in images:
            if count:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
            count += 1
    finally:
        painter.end()
    return count


def _dpi_for(target: QPrinter) -> int:
    """Screen preview needs 150 dpi; paper gets 300."""
    engine = target.paintEngine()
    previewing = engine is not None and engine.type() == QPaintEngine.Type.Picture
    return 150 if previewing else 300


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
    settings.setValue(f"print/{key}/printer", printer.printerName())


def preview_dialog(
    parent: QWidget | None, document: Document, settings: QSettings, key: str, font_path: str | None
) -> QPrintPreviewDialog:
    """打印预览 as a dialog (not yet shown): the PDF's pages; its print button sends the same pages."""
    data = pdf_bytes(document, font_path)
    printer = a4_printer(settings, key)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print Preview"))
    dialog.paintRequested.connect(lambda target: paint_pages(target, iter_page_images(data, _dpi_for(target))))
    dialog.finished.connect(lambda _result: remember(settings, key, printer))
    dialog.resize(900, 800)
    return dialog


def preview(parent: QWidget, document: Document, settings: QSettings, key: str, font_path: str | None) -> None:
    """Show the print preview (modal)."""
    preview_dialog(parent, document, settings, key, font_path).exec()


def print_document(parent: QWidget, document: Document, settings: QSettings, key: str, font_path: str | None) -> bool:
    """Print: Qt's print dialog, then the PDF's pages at 300 dpi."""
    printer = a4_printer(settings, key)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pages(printer, iter_page_images(pdf_bytes(document, font_path), 300))
    remember(settings, key, printer)
    return True
