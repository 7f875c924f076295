"""Print preview and printing of exactly the PDF's pages.

The report is laid out once, by :mod:`export.pdf`; preview and print rasterise those PDF pages with
PDFium (``pypdfium2``) and paint them onto the printer, so paper matches the published PDF.
"""

from __future__ import annotations

import io

import pypdfium2
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QCoreApplication, QRectF, QSettings
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
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


def page_images(data: bytes, dpi: int) -> list[QImage]:
    """Every page of a PDF as an image at ``dpi``."""
    pdf = pypdfium2.PdfDocument(data)
    images = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, force_bitmap_format=pdfium_c.FPDFBitmap_BGRA)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_ARGB32)
            images.append(image.copy())  # detach from PDFium's buffer before it is freed
            page.close()
    finally:
        pdf.close()
    return images


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Paint page images onto a printer (or the preview's printer), one per sheet, full page."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()


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


def preview(parent: QWidget, document: Document, settings: QSettings, key: str, font_path: str | None) -> None:
    """Print preview: the PDF's pages; printing from the preview sends the same pages."""
    data = pdf_bytes(document, font_path)
    printer = a4_printer(settings, key)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print Preview"))
    cache: dict[int, list[QImage]] = {}

    def paint(target: QPrinter) -> None:
        dpi = min(target.resolution(), 200)
        if dpi not in cache:
            cache[dpi] = page_images(data, dpi)
        paint_pages(target, cache[dpi])

    dialog.paintRequested.connect(paint)
    dialog.resize(900, 800)
    dialog.exec()
    remember(settings, key, printer)


def print_document(parent: QWidget, document: Document, settings: QSettings, key: str, font_path: str | None) -> bool:
    """Print: Qt's print dialog, then the PDF's pages at 300 dpi."""
    printer = a4_printer(settings, key)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pages(printer, page_images(pdf_bytes(document, font_path), 300))
    remember(settings, key, printer)
    return True
