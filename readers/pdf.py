"""A published report as a PDF: glyphs with their positions and the table rules, read with PDFium.

The positions go to :mod:`readers.pdf_layout`, which rebuilds text lines and table rows (with their
blank cells); the rows then go the same way as a web page's or a Word file's. A PDF without a text
layer (a scan) is refused with :class:`NoTextLayer`.
"""

from __future__ import annotations

import ctypes
import itertools
import unicodedata
from pathlib import Path

from model.errors import ImportFailed
from readers.lines import Line
from readers.pdf_glyphs import typed_character, without_doubles
from readers.pdf_grid import Rule
from readers.pdf_layout import Glyph, Placed, layout_page, upright
from readers.pdf_pages import with_indents
from readers.pdf_unruled import CarriedColumns

MAX_PAGES = 300
MAX_GLYPHS = 1_000_000
# A page of a report holds a few thousand characters; even 4-point type fills an A4 page with under
# 40,000. More is a made-up file, refused before its characters are read one by one.
MAX_PAGE_GLYPHS = 50_000
MAX_SEGMENTS = 500_000  # path segments in the whole file: ruled tables need a few thousand
MAX_FORM_DEPTH = 8
MIN_RULE = 3.0  # shorter strokes are parts of glyphs, ticks or dots, not table rules
THIN = 3.0  # a filled rectangle thinner than this is a rule (how Word draws borders)


class NoTextLayer(ImportFailed):
    """The PDF holds pictures of pages (a scan) but no text to read."""


def read_pdf(path: Path) -> list[Line]:
    """The lines of a PDF report: table rows with their cells, paragraphs with their indents."""
    import pypdfium2 as pdfium

    # PDFium opens a path with the system's narrow encoding, which fails on a Chinese file name on
    # Windows; the bytes (at most 50 MB, see readers.dispatch) are read here instead.
    data = path.read_bytes()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ImportFailed(f"“{path.name}”设有打开密码，请先取消密码（或另存一份无密码的PDF）再导入") from exc
        raise ImportFailed(f"“{path.name}”不是有效的PDF文件或已损坏") from exc
    try:
        return _read(document, path.name)
    finally:
        document.close()


def _read(document, name: str) -> list[Line]:  # type: ignore[no-untyped-def]
    pages = len(document)
    if pages == 0:
        raise ImportFailed(f"“{name}”中没有任何页面")
    if pages > MAX_PAGES:
        raise ImportFailed(f"“{name}”有{pages}页，不像是年度报告，已拒绝")
    budget = [MAX_SEGMENTS]
    placed: list[list[Placed]] = []
    glyph_count = readable = 0
    carried = CarriedColumns()
    for number in range(pages):
        try:
            page = document[number]
        except Exception as exc:  # PDFium refuses a damaged page object
            raise ImportFailed(f"“{name}”第{number + 1}页已损坏，无法读取") from exc
        try:
            glyphs, rules = upright(without_doubles(_glyphs(page, name, number + 1)), _rules(page, budget))
        finally:
            page.close()
        glyph_count += sum(1 for g in glyphs if g.text != " ")
        readable += sum(1 for g in glyphs if g.text != " " and _readable(g.text))
        if glyph_count > MAX_GLYPHS:
            raise ImportFailed(f"“{name}”的文字过多，不像是年度报告，已拒绝")
        placed.append(layout_page(glyphs, rules, number + 1, carried))
    if glyph_count == 0:
        raise NoTextLayer(
            f"“{name}”没有文字层（可能是扫描件或图片），无法读取其中的文字和数字。"
            "请改用报告的Word、Excel或网页版导入，或先用OCR软件把它识别为文字"
        )
    if readable < glyph_count / 2:
        raise ImportFailed(
            f"“{name}”的文字无法识别（PDF中的字体没有文字编码，复制出来是乱码）。请改用报告的Word、Excel或网页版导入"
        )
    return with_indents(placed)


def _readable(text: str) -> bool:
    return unicodedata.category(text[0])[0] in "LNPS" and not ("\ue000" <= text[0] <= "\uf8ff")


def _glyphs(page, name: str, number: int) -> list[Glyph]:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > MAX_PAGE_GLYPHS:
            raise ImportFailed(f"“{name}”第{number}页有{count}个字符，不像是年度报告，已拒绝")
        glyphs = []
        raw = textpage.raw
        box = pdfium_c.FS_RECTF()
        for index in range(min(count, MAX_GLYPHS + 1)):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code < 32 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue  # line ends PDFium adds, and nothing a cell can hold
            char = chr(code)
            if unicodedata.category(char) == "Cc":
                continue
            char = typed_character(char)
            if char.isspace():
                if pdfium_c.FPDFText_IsGenerated(raw, index) != 0:
                    continue  # PDFium's guess; where words break is told by the real spaces
                char = " "
            # The font's box, not the ink: a 一, a 。 and a . sit on the line of the characters around them.
            if pdfium_c.FPDFText_GetLooseCharBox(raw, index, box):
                angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
                glyphs.append(Glyph(char, box.left, box.bottom, box.right, box.top, max(angle, 0.0)))
        return glyphs
    finally:
        textpage.close()


def _rules(page, budget: list[int]) -> list[Rule]:  # type: ignore[no-untyped-def]
    """Every straight horizontal or vertical stroke (and thin filled rectangle) on the page."""
    import pypdfium2.raw as pdfium_c

    rules: list[Rule] = []
    raw_page = page.raw
    count = pdfium_c.FPDFPage_CountObjects(raw_page)
    objects = [pdfium_c.FPDFPage_GetObject(raw_page, i) for i in range(max(count, 0))]
    _walk(objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0, rules, budget)
    return rules


Matrix = tuple[float, float, float, float, float, float]


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # the second matrix, as in the PDF reference
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _walk(objects: list, outer: Matrix, depth: int, rules: list[Rule], budget: list[int]) -> None:
    import pypdfium2.raw as pdfium_c

    for obj in objects:
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        matrix = pdfium_c.FS_MATRIX()
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        own = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH:
                count = pdfium_c.FPDFFormObj_CountObjects(obj)
                inner = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(max(count, 0))]
                _walk(inner, own, depth + 1, rules, budget)
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
            continue  # an invisible path (a clip or a placeholder) draws no rule
        _path_rules(obj, own, rules, budget)


def _path_rules(obj, matrix: Matrix, rules: list[Rule], budget: list[int]) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 0:
        return
    budget[0] -= count
    if budget[0] < 0:
        raise ImportFailed("PDF中的图形过多，不像是年度报告，已拒绝")
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    subpath: list[tuple[float, float]] = []
    subpaths: list[list[tuple[float, float]]] = []
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(subpath) > 1:
                subpaths.append(subpath)
            subpath = [point]
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            subpath.append(point)
        else:  # a curve is no rule: start afresh from where it ends
            if len(subpath) > 1:
                subpaths.append(subpath)
            subpath = [point]
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpath:
            subpath.append(subpath[0])
    if len(subpath) > 1:
        subpaths.append(subpath)
    for points in subpaths:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if width < THIN and height >= MIN_RULE:
            rules.append(Rule(False, (max(xs) + min(xs)) / 2, min(ys), max(ys)))
            continue
        if height < THIN and width >= MIN_RULE:
            rules.append(Rule(True, (max(ys) + min(ys)) / 2, min(xs), max(xs)))
            continue
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= MIN_RULE:
                rules.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= MIN_RULE:
                rules.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
