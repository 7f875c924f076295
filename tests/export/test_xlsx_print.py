"""The exported workbook as LibreOffice prints it: every label whole, tables kept whole, no gaps.

The workbooks are converted to PDF by LibreOffice (skipped where it is not installed) and the pages are
read back with PDFium: the text, where each line sits, and where the cell borders are drawn.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from export.xlsx import MARGINS_IN, PRINT_SCALE, SHEET_NAME, export_xlsx
from model.document import Document
from model.edits import SetCell, SetText
from model.grid import Part, layout_table
from model.template import Table
from model.values import CellKind

A4_HEIGHT = 841.89
BODY_TEXT_LINE = 11 * 1.26 * PRINT_SCALE / 100  # pitch of the 11-point text lines as printed


@dataclass(frozen=True)
class Run:
    """A run of characters on one printed line."""

    text: str
    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True)
class Page:
    text: str  # all characters, without whitespace
    runs: list[Run]
    rules: list[tuple[float, float, float]]  # horizontal lines drawn: left, right, y


def squeeze(text: str) -> str:
    return "".join(text.split())


def read_pages(path: Path) -> list[Page]:
    pdf = pypdfium2.PdfDocument(path)
    pages = []
    try:
        for page in pdf:
            textpage = page.get_textpage()
            runs: list[Run] = []
            for index in range(textpage.count_chars()):
                char = textpage.get_text_range(index, 1)
                if not char.strip():
                    continue
                left, bottom, right, top = textpage.get_charbox(index)
                last = runs[-1] if runs else None
                # The same line: vertically overlapping and next to the previous character.
                if last and min(top, last.top) - max(bottom, last.bottom) > -1 and -2 < left - last.right < 6:
                    runs[-1] = Run(last.text + char, last.left, min(bottom, last.bottom), right, max(top, last.top))
                else:
                    runs.append(Run(char, left, bottom, right, top))
            rules = []
            for obj in page.get_objects(max_depth=3):
                if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                    left, bottom, right, top = obj.get_bounds()
                    if top - bottom < 1.5 and right - left > 3:
                        rules.append((left, right, (bottom + top) / 2))
            pages.append(Page(squeeze(textpage.get_text_range()), runs, rules))
    finally:
        pdf.close()
    return pages


def body_runs(page: Page) -> list[Run]:
    """Runs inside the margins: without the page header (the title) and footer (the page number)."""
    top = A4_HEIGHT - MARGINS_IN["top"] * 72
    bottom = MARGINS_IN["bottom"] * 72
    return sorted((r for r in page.runs if r.bottom > bottom and r.top < top), key=lambda r: -r.top)


def table_labels(table: Table) -> tuple[list[str], list[str]]:
    """The table's header texts (corner and column headers) and its row labels, as printed."""
    cells = layout_table(table).cells
    headers = [squeeze(c.text) for c in cells if c.part in (Part.CORNER, Part.COLUMN_HEADER) and c.text.strip()]
    rows = [squeeze(c.text) for c in cells if c.part is Part.ROW_HEADER and c.text.strip()]
    return headers, rows


def long_report() -> Document:
    """A 2021 report whose texts run over several pages, with long paragraphs and blank lines."""
    document = Document.new("2021", 2024, "某某省某某市某某区人民政府办公室")
    sentence = "本机关坚持以公开为常态、不公开为例外，2024年共主动公开政府信息1234条，其中规范性文件56件（占4.5%）。"
    texts = {
        section.id: "\n".join(sentence * (3 + (n + i) % 9) if (n + i) % 5 else "" for i in range(3 + 2 * (n % 3)))
        for n, section in enumerate(document.template.editable_texts())
    }
    document.apply([SetText(section_id, text) for section_id, text in texts.items()])
    return document


def filled_document(template_id: str) -> Document:
    """Every input set to a distinct number and every text written, like the ``filled`` fixture."""
    document = Document.new(template_id, 2020 if template_id == "2019" else 2025, "测试市测试局")
    template = document.template
    edits: list = [
        SetCell(ref, number + 1)
        for number, ref in enumerate(template.input_cells())
        if template.kind_of(ref) is CellKind.COUNT
    ]
    edits += [SetText(section.id, f"{section.title}的正文。\n第二段。") for section in template.editable_texts()]
    document.apply(edits)
    return document


def full_pages_report() -> Document:
    """One-line paragraphs enough for several pages: each page is filled to the writer's estimate of a page."""
    document = Document.new("2019", 2020, "测试市测试局")
    first = document.template.editable_texts()[1].id
    document.apply([SetText(first, "\n".join(f"第{i}段。" for i in range(160)))])
    return document


@dataclass(frozen=True)
class Printout:
    document: Document
    pages: list[Page]
    breaks: list[int]  # rows the workbook starts a page at


@pytest.fixture(scope="module")
def printouts(tmp_path_factory: pytest.TempPathFactory) -> list[Printout]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    from model.fileformat import load_report
    from tests.conftest import EXAMPLE

    folder = tmp_path_factory.mktemp("xlsx_print")
    documents = {
        "example": load_report(EXAMPLE),
        "filled2019": filled_document("2019"),
        "filled2021": filled_document("2021"),
        "long": long_report(),
        "full": full_pages_report(),
    }
    for name, document in documents.items():
        export_xlsx(document, folder / f"{name}.xlsx")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(folder / f"{name}.xlsx") for name in documents],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = []
    for name, document in documents.items():
        sheet = openpyxl.load_workbook(folder / f"{name}.xlsx")[SHEET_NAME]
        breaks = [brk.id for brk in sheet.row_breaks.brk]
        result.append(Printout(document, read_pages(folder / f"{name}.pdf"), breaks))
    return result


@pytest.fixture(scope="module")
def printed(printouts: list[Printout]) -> list[tuple[Document, list[Page]]]:
    return [(printout.document, printout.pages) for printout in printouts]


def test_pages_break_only_where_the_workbook_says(printouts):
    """LibreOffice adds no page break of its own: the writer's page height and print scale are right."""
    for printout in printouts:
        assert len(printout.pages) == len(printout.breaks) + 1, printout.document.title
    assert max(len(printout.pages) for printout in printouts) >= 4


def test_every_label_and_text_is_printed(printed):
    for document, pages in printed:
        text = "".join(page.text for page in pages)
        wanted = [document.title] + [section.title for section in document.template.numbered_sections()]
        for table in document.template.tables.values():
            headers, rows = table_labels(table)
            wanted += headers + rows + ([table.heading] if table.heading else [])
        wanted += [line for body in document.texts().values() for line in body.split("\n")]
        missing = [label for label in wanted if squeeze(label) not in text]
        assert not missing, (document.title, missing)


def test_each_table_is_printed_whole_on_one_page(printed):
    for document, pages in printed:
        for table in document.template.tables.values():
            headers, rows = table_labels(table)
            # Row labels that only this table has, so that the page found is this table's.
            whole = [page for page in pages if all(label in page.text for label in headers + rows)]
            assert whole, (document.title, table.id)


def test_no_page_begins_with_a_header_whose_table_is_elsewhere(printed):
    for document, pages in printed:
        tables = [table_labels(table) for table in document.template.tables.values()]
        for number, page in enumerate(pages):
            runs = body_runs(page)
            assert runs, (document.title, number)
            first_line = [squeeze(r.text) for r in runs if r.top > runs[0].top - 4]
            for headers, rows in tables:
                if all(any(part in header for header in headers) for part in first_line):
                    # The page starts with a header of this shape: its own rows must be below it.
                    assert any(all(label in page.text for label in rows) for h, rows in tables if h == headers), (
                        document.title,
                        number + 1,
                        first_line,
                    )


def test_no_page_ends_with_a_section_title(printed):
    for document, pages in printed:
        titles = {squeeze(section.title) for section in document.template.numbered_sections()}
        headings = {squeeze(table.heading) for table in document.template.tables.values() if table.heading}
        for number, page in enumerate(pages[:-1]):
            runs = body_runs(page)
            last_line = "".join(squeeze(r.text) for r in runs if r.bottom < runs[-1].bottom + 4)
            assert last_line not in titles | headings, (document.title, number + 1, last_line)


def test_no_line_is_cut_by_a_cell_border(printed):
    for document, pages in printed:
        for number, page in enumerate(pages):
            for run in page.runs:
                for left, right, y in page.rules:
                    crossed = run.bottom + 1 < y < run.top - 1 and left < run.right - 1 and right > run.left + 1
                    assert not crossed, (document.title, number + 1, run.text)


def test_no_large_blank_gap_inside_a_page(printed):
    for document, pages in printed:
        for number, page in enumerate(pages):
            runs = body_runs(page)
            lowest = runs[0]
            for run in runs[1:]:
                gap = lowest.bottom - run.top
                assert gap < 3.5 * BODY_TEXT_LINE, (document.title, number + 1, lowest.text, run.text, gap)
                lowest = min(lowest, run, key=lambda r: r.bottom)
