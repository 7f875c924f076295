import pytest

from export.docx import docx_bytes, export_docx
from model.document import Document
from model.edits import SetText
from model.grid import layout_table
from readers.dispatch import read_report
from tests.conftest import EXAMPLE, nianbao
from tests.export.test_pdf import assert_same_report

docx = pytest.importorskip("docx")


def test_word_file_reads_back_with_every_number_and_text(tmp_path, filled):
    path = tmp_path / "report.docx"
    export_docx(filled, path)
    assert_same_report(read_report(path), filled)


def test_word_opens_it_as_an_a4_report_with_official_tables(tmp_path, example):
    path = tmp_path / "r.docx"
    export_docx(example, path)
    opened = docx.Document(str(path))
    section = opened.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert opened.paragraphs[0].text == example.title
    assert opened.core_properties.title == example.title
    tables = list(example.template.tables.values())
    assert len(opened.tables) == len(tables)
    for table, word_table in zip(tables, opened.tables, strict=True):
        layout = layout_table(table)
        assert len(word_table.rows) == layout.rows
        assert len(word_table.columns) == layout.columns
        for cell in layout.spans():
            # a spanned cell is one merged Word cell: its corners are the same cell
            first = word_table.cell(cell.row, cell.column)
            last = word_table.cell(cell.row + cell.row_span - 1, cell.column + cell.column_span - 1)
            assert first._tc is last._tc, (table.id, cell.text)
            assert first.text == cell.text
        header_rows = [row for row in word_table.rows if row._tr.trPr is not None and row._tr.trPr.xpath("w:tblHeader")]
        assert len(header_rows) == layout.header_rows


def test_user_text_cannot_break_the_document():
    document = Document.new("2021", 2025, "局&<w:t>")
    text = '</w:t></w:r><w:r><w:t>注入</w:t> & "引号" \U0001f600 \u200f'
    document.apply([SetText("s5", text)])
    import io

    opened = docx.Document(io.BytesIO(docx_bytes(document)))
    assert any(p.text == text for p in opened.paragraphs)
    assert opened.paragraphs[0].text == document.title


def test_cli_exports_word(tmp_path):
    out = tmp_path / "r.docx"
    result = nianbao("export", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"PK")


def test_a_word_processor_keeps_the_report(tmp_path, filled):
    """LibreOffice opens and re-saves the file; the report inside is unchanged (spans included)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "r.docx"
    export_docx(filled, path)
    converted = subprocess.run(
        [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo"), str(path)],
        capture_output=True,
        timeout=180,
    )
    if not (tmp_path / "lo" / "r.docx").exists():
        pytest.skip(f"this LibreOffice has no Writer: {converted.stderr[-200:]!r}")
    assert_same_report(read_report(tmp_path / "lo" / "r.docx"), filled)
