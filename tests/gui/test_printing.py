"""Printing paints exactly the PDF's pages."""

import io

from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from gui.printing import page_images, paint_pages, pdf_bytes


def test_printed_pages_are_the_pdf_pages(qtbot, tmp_path, example):
    data = pdf_bytes(example)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    images = page_images(data, 50)
    assert len(images) == pages
    assert abs(images[0].width() / images[0].height() - 210 / 297) < 0.01
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    paint_pages(printer, page_images(data, 72))
    assert len(PdfReader(out).pages) == pages


def test_page_images_are_not_blank(qtbot, example):
    image = page_images(pdf_bytes(example), 60)[0]
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 200


def test_preview_shows_every_pdf_page(qtbot, tmp_path, example):
    from PySide6.QtCore import QSettings
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from gui.printing import preview_dialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = preview_dialog(None, example, settings, "example", None)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == len(PdfReader(io.BytesIO(pdf_bytes(example))).pages)
    dialog.close()
