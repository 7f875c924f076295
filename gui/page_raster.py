"""PDF pages as images for the screen (preview) or for paper (printing), rendered by PDFium.

Paper gets grey pixels without anti-aliasing at the printer's own resolution: a printer halftones
whatever grey it is sent, so smoothed edges only blur text and, being many shades, defeat the lossless
compression the print job is sent with (3x larger). The screen gets smoothed colour.
"""

from __future__ import annotations

import pypdfium2
import pypdfium2.raw as pdfium_c
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72


def render_page(page: pypdfium2.PdfPage, dpi: float, *, for_paper: bool) -> QImage:
    """One PDF page as an image at ``dpi``: grey and unsmoothed for paper, smoothed colour for the screen."""
    scale = dpi / POINTS_PER_INCH
    if for_paper:
        bitmap = page.render(scale=scale, grayscale=True, no_smoothtext=True, no_smoothpath=True)
        image_format = QImage.Format.Format_Grayscale8
    else:
        bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_BGRA)
        image_format = QImage.Format.Format_ARGB32
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format)
    return image.copy()  # detach from PDFium's buffer before it is freed


def page_size_points(page: pypdfium2.PdfPage) -> tuple[float, float]:
    """Width and height of a PDF page in points."""
    width, height = page.get_size()
    return float(width), float(height)
