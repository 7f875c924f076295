"""Printing paints exactly the PDF's pages: the chosen ones, in A4 geometry on any paper, grey and lossless.

Printing goes to a PDF file through QPrinter's PDF engine: the same engine that makes the job Qt sends to
CUPS, so what is checked here (images, their compression, page sizes, title) is what a print queue receives.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from gui.printing import page_images, paint_pages, pdf_bytes

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
OLD_BYTES_PER_PAGE = 1_000_000  # 300 dpi RGB JPEG, as printing sent before


def pdf_printer(out: Path, paper: QPageSize.PageSizeId = QPageSize.PageSizeId.A4, dpi: int = 300) -> QPrinter:
    """A printer writing the job to ``out`` at ``dpi`` (a PDF printer's own is 1200, costly in a test)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(paper))
    printer.setResolution(dpi)
    return printer


def images_of(path: Path) -> list[dict]:
    """The image XObjects of each page: filter, colour space, size in pixels, encoded length."""
    result = []
    for page in PdfReader(path).pages:
        objects = page["/Resources"]["/XObject"]
        for name in objects:
            image = objects[name].get_object()
            result.append(
                {
                    "filter": image.get("/Filter"),
                    "colour": image.get("/ColorSpace"),
                    "width": int(image["/Width"]),
                    "height": int(image["/Height"]),
                }
            )
    return result


def image_bounds(path: Path, index: int = 0) -> tuple[float, float, float, float]:
    """Where the page image is drawn on a printed page, in points: left, bottom, right, top."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        images = [o for o in pdf[index].get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
        assert len(images) == 1
        return images[0].get_bounds()
    finally:
        pdf.close()


def ink_box(path: Path | bytes, index: int, dpi: int = 72) -> tuple[float, float, float, float, float, float]:
    """Bounding box of everything printed dark on a page, in points (left, top, right, bottom), and page size."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        pixels = bytes(bitmap.buffer)
        rows = [y for y in range(height) if min(pixels[y * stride : y * stride + width]) < 128]
        columns = [x for x in range(width) if any(pixels[y * stride + x] < 128 for y in range(0, height, 2))]
        unit = 72 / dpi
        return (
            columns[0] * unit,
            rows[0] * unit,
            (columns[-1] + 1) * unit,
            (rows[-1] + 1) * unit,
            width * unit,
            height * unit,
        )
    finally:
        pdf.close()


def grey_thumbnail(source: Path | bytes, index: int) -> list[bytes]:
    """A page in grey at 30 dpi, as rows of pixels: rendered at 150 dpi and averaged, so that a hairline
    counts for what it covers whether it came from vectors or from a printed image."""
    pdf = pypdfium2.PdfDocument(source)
    try:
        bitmap = pdf[index].render(scale=150 / 72, grayscale=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8)
        small = image.scaled(
            round(bitmap.width / 5),
            round(bitmap.height / 5),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixels = small.constBits().tobytes()
        stride = small.bytesPerLine()
        return [pixels[y * stride : y * stride + small.width()] for y in range(small.height())]
    finally:
        pdf.close()


def difference(a: list[bytes], b: list[bytes]) -> float:
    """Mean grey difference per pixel over the area both pages cover (595 x 842 vs 595.28 x 841.89 points)."""
    assert abs(len(a) - len(b)) <= 1 and abs(len(a[0]) - len(b[0])) <= 1
    rows = list(zip(a, b, strict=False))
    total = sum(abs(x - y) for row_a, row_b in rows for x, y in zip(row_a, row_b, strict=False))
    return total / sum(min(len(row_a), len(row_b)) for row_a, row_b in rows)


def test_printed_pages_are_the_pdf_pages(qtbot, tmp_path, example):
    data = pdf_bytes(example)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    images = page_images(data, 50)
    assert len(images) == pages
    assert abs(images[0].width() / images[0].height() - 210 / 297) < 0.01
    out = tmp_path / "printed.pdf"
    assert paint_pages(pdf_printer(out), data) == pages
    assert len(PdfReader(out).pages) == pages
    for index in range(pages):
        assert difference(grey_thumbnail(out, index), grey_thumbnail(data, index)) < 4


def test_page_images_are_not_blank(qtbot, example):
    image = page_images(pdf_bytes(example), 60)[0]
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 200


def test_page_range_from_3_to_3_prints_only_page_3(qtbot, tmp_path, example):
    data = pdf_bytes(example)
    out = tmp_path / "page3.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 3)
    assert paint_pages(printer, data) == 1
    assert len(PdfReader(out).pages) == 1
    printed = grey_thumbnail(out, 0)
    assert difference(printed, grey_thumbnail(data, 2)) < 4
    assert difference(printed, grey_thumbnail(data, 0)) > 2 * difference(printed, grey_thumbnail(data, 2))


def test_a4_report_on_letter_paper_is_scaled_uniformly_and_centred(qtbot, tmp_path, example):
    data = pdf_bytes(example)
    out = tmp_path / "letter.pdf"
    paint_pages(pdf_printer(out, QPageSize.PageSizeId.Letter), data)
    reader = PdfReader(out)
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    left, bottom, right, top = image_bounds(out)
    scale_x, scale_y = (right - left) / A4[0], (top - bottom) / A4[1]
    assert scale_x == pytest.approx(LETTER[1] / A4[1], abs=0.002)
    assert scale_y == pytest.approx(scale_x, abs=0.002)
    assert left == pytest.approx(LETTER[0] - right, abs=0.5)
    assert bottom == pytest.approx(LETTER[1] - top, abs=0.5)
    # What is seen on paper: the ink of each page keeps its shape and sits in the middle of the sheet.
    for index in range(len(reader.pages)):
        src = ink_box(data, index)
        dst = ink_box(out, index)
        ratio_x = (dst[2] - dst[0]) / (src[2] - src[0])
        ratio_y = (dst[3] - dst[1]) / (src[3] - src[1])
        assert ratio_x == pytest.approx(scale_x, abs=0.01) and ratio_y == pytest.approx(scale_x, abs=0.01)
        src_centre_x = (src[0] + src[2]) / 2 - src[4] / 2
        dst_centre_x = (dst[0] + dst[2]) / 2 - dst[4] / 2
        assert dst_centre_x == pytest.approx(src_centre_x * scale_x, abs=1.5)


def test_pages_go_out_grey_and_lossless_at_the_printer_resolution(qtbot, tmp_path, example):
    data = pdf_bytes(example)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    # A 1200 dpi printer gets 600 dpi pages: beyond that a page image only grows.
    for resolution, width in ((300, 2480), (1200, 4960)):
        out = tmp_path / f"r{resolution}.pdf"
        paint_pages(pdf_printer(out, dpi=resolution), data)
        images = images_of(out)
        assert len(images) == pages
        for image in images:
            assert image["filter"] == "/FlateDecode"
            assert image["colour"] == "/DeviceGray"
            assert abs(image["width"] - width) <= 3
        # Measured on the example: 115 KB a page at 300 dpi, 311 KB at 600 (the PDF: 45 KB; before: 1.3 MB).
        per_page = out.stat().st_size / pages
        exported = len(data) / pages
        assert per_page < (4 * exported if resolution == 300 else min(10 * exported, 0.4 * OLD_BYTES_PER_PAGE))


def test_ctrl_p_names_the_job_and_honours_the_dialog(qtbot, tmp_path, window, monkeypatch):
    """Ctrl+P in the window: the dialog offers pages 1..N, its range is used, the job has the report's name."""
    from gui import printing

    document = window.session.document
    data = pdf_bytes(document)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    out = tmp_path / "job.pdf"
    seen = {}

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        seen["range"] = (dialog.minPage(), dialog.maxPage())
        seen["name"] = printer.docName()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(300)
        # What a CUPS queue whose default paper is Letter does to the dialog's page size.
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(printing.QPrintDialog, "exec", accept)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0)
    assert seen == {"range": (1, pages), "name": document.title}
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    assert reader.metadata.title == document.title
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    left, bottom, right, top = image_bounds(out, 1)
    scale = (right - left) / A4[0]
    assert scale == pytest.approx((top - bottom) / A4[1], abs=0.002)
    # The second sheet carries page 3: its ink has page 3's shape, scaled.
    for index, source in ((0, 1), (1, 2)):
        printed, original = ink_box(out, index), ink_box(data, source)
        assert printed[2] - printed[0] == pytest.approx((original[2] - original[0]) * scale, abs=3)
        assert printed[3] - printed[1] == pytest.approx((original[3] - original[1]) * scale, abs=3)


def test_copies_are_repeated_when_the_output_cannot(qtbot, tmp_path, example):
    data = pdf_bytes(example)
    out = tmp_path / "copies.pdf"
    printer = pdf_printer(out, dpi=150)
    printer.setCopyCount(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 2)
    expected = 2 if printer.supportsMultipleCopies() else 4
    assert paint_pages(printer, data) == expected


def test_preview_shows_every_pdf_page(qtbot, tmp_path, example):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from gui.printing import preview_dialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = preview_dialog(None, example, settings, "example", None)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == len(PdfReader(io.BytesIO(pdf_bytes(example))).pages)
    dialog.close()


def test_pages_are_never_enlarged_or_stretched():
    from PySide6.QtCore import QRectF

    from gui.printing import place_page

    dpi = 600
    a3 = QRectF(0, 0, 297 / 25.4 * dpi, 420 / 25.4 * dpi)
    placement = place_page(A4, a3, dpi)
    assert placement.scale == 1.0
    assert placement.target.center().x() == pytest.approx(a3.center().x())
    landscape = QRectF(0, 0, 297 / 25.4 * dpi, 210 / 25.4 * dpi)
    placement = place_page(A4, landscape, dpi)
    assert placement.scale == pytest.approx(210 / 297, abs=0.001)
    assert placement.target.width() / placement.target.height() == pytest.approx(A4[0] / A4[1], abs=0.001)
    assert placement.target.center().x() == pytest.approx(landscape.center().x())


def test_page_ranges_like_1_and_3_to_4(qtbot, tmp_path):
    from PySide6.QtGui import QPageRanges

    from gui.printing import chosen_pages

    printer = pdf_printer(tmp_path / "x.pdf")
    assert chosen_pages(printer, 4) == [0, 1, 2, 3]
    ranges = QPageRanges()
    ranges.addPage(1)
    ranges.addRange(3, 4)
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    assert chosen_pages(printer, 4) == [0, 2, 3]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert chosen_pages(printer, 4) == [3, 2, 0]
