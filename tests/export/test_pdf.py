import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from export.fonts import body_candidates, find_font
from export.pdf import export_pdf
from model.document import Document
from model.edits import SetText
from tests.conftest import EXAMPLE, nianbao

HAS_TTF = bool(body_candidates())
ROOT = Path(__file__).resolve().parents[2]


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.skipif(not HAS_TTF, reason="no TrueType CJK font on this machine")
def test_pdf_holds_labels_numbers_and_embeds_fonts(tmp_path, example):
    path = tmp_path / "r.pdf"
    font = export_pdf(example, path)
    assert font.embedded
    reader = PdfReader(path)
    assert all(
        abs(float(p.mediabox.width) - 595.27) < 1 and abs(float(p.mediabox.height) - 841.89) < 1 for p in reader.pages
    )
    for page in reader.pages:
        for font_ref in page["/Resources"]["/Font"].values():
            descriptor = font_ref.get_object()
            assert descriptor["/BaseFont"] != "/Helvetica"
            assert "/FontFile2" in descriptor["/FontDescriptor"] or "/DescendantFonts" in descriptor
    text = pdf_text(path)
    flat = "".join(text.split())
    order = [
        example.title,
        "一、总体情况",
        "第二十条第（九）项",
        "3829.46",
        "三、收到和处理政府信息公开申请情况",
        "四、结转下年度继续办理",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    positions = [flat.find("".join(item.split())) for item in order]
    assert all(p >= 0 for p in positions), list(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "-16" in flat and "+2" in flat


def test_user_markup_prints_literally(tmp_path):
    document = Document.new("2021", 2025, "局")
    document.apply([SetText("s5", "<b>不是粗体</b> & <para> 1 < 2")])
    path = tmp_path / "m.pdf"
    export_pdf(document, path)
    assert "<b>不是粗体</b>" in "".join(pdf_text(path).split()) or not HAS_TTF


def test_long_report_paginates_without_losing_rows(tmp_path, example):
    long_text = "\n".join(f"第{i}段：" + "政务公开工作持续推进。" * 30 for i in range(60))
    example.apply([SetText("s1", long_text), SetText("s5", long_text)])
    path = tmp_path / "long.pdf"
    export_pdf(example, path)
    reader = PdfReader(path)
    assert len(reader.pages) > 10
    text = "".join(pdf_text(path).split())
    for label in ("1.属于国家秘密", "2.重复申请", "（七）总计", "复议后起诉"):
        assert label in text
    assert "第59段" in text


def test_cid_fallback_when_no_font(tmp_path):
    font = find_font(search=[("/nonexistent/font.ttf", 0)])
    assert not font.embedded
    from export.pdf import render_pdf

    buffer = io.BytesIO()
    render_pdf(Document.new("2021", 2025, "局"), buffer, font)
    assert buffer.getvalue().startswith(b"%PDF")


def test_cli_export_pdf(tmp_path):
    out = tmp_path / "x.pdf"
    result = nianbao("export", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = nianbao("export", EXAMPLE, "-o", tmp_path / "x.doc")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


@pytest.mark.skipif(not HAS_TTF or not shutil.which("pdftotext"), reason="needs a TrueType CJK font and pdftotext")
def test_no_section_title_ends_a_page(tmp_path, example):
    path = tmp_path / "r.pdf"
    export_pdf(example, path)
    titles = [s.title for s in example.template.numbered_sections()]
    pages = len(PdfReader(path).pages)
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True, text=True
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip() and "—" not in line]
        assert lines and lines[-1] not in titles, (page, lines[-1])


@pytest.mark.skipif(not HAS_TTF or not shutil.which("pdftotext"), reason="needs a TrueType CJK font and pdftotext")
def test_table_three_prints_whole_on_one_page(tmp_path, example):
    path = tmp_path / "r.pdf"
    export_pdf(example, path)
    pages = [
        "".join(
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True, text=True
            ).stdout.split()
        )
        for n in range(1, len(PdfReader(path).pages) + 1)
    ]
    holding = [n for n, text in enumerate(pages) if "三、收到和处理政府信息公开申请情况" in text]
    assert holding and "（七）总计" in pages[holding[0]] and "四、结转下年度继续办理" in pages[holding[0]]


def test_bookmarks_list_every_section_on_its_page(tmp_path, example):
    path = tmp_path / "r.pdf"
    export_pdf(example, path)
    reader = PdfReader(path)
    titles = [entry.title for entry in reader.outline]
    assert titles == [s.title for s in example.template.numbered_sections()]
    pages = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert pages == sorted(pages) and pages[-1] == len(reader.pages) - 1
    if shutil.which("pdftotext"):
        for entry, page in zip(reader.outline, pages, strict=True):
            text = subprocess.run(
                ["pdftotext", "-f", str(page + 1), "-l", str(page + 1), str(path), "-"], capture_output=True, text=True
            ).stdout
            assert entry.title in "".join(text.split())


@pytest.mark.skipif(not HAS_TTF or not shutil.which("pdftotext"), reason="needs a TrueType CJK font and pdftotext")
def test_published_pdf_reads_back_with_every_number_and_text(tmp_path, filled):
    """What an office publishes can be imported again next year: PDF → pdftotext → the same report."""
    from readers.dispatch import read_report

    pdf = tmp_path / "published.pdf"
    export_pdf(filled, pdf)
    text = tmp_path / "published.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True)
    assert_same_report(read_report(text), filled)


def assert_same_report(result, original):
    """An import gave back the report: layout, title, every cell, every text, and no warnings."""
    template = original.template
    again = result.document
    assert (again.template.id, again.agency, again.year) == (template.id, original.agency, original.year)
    differing = [ref for t in template.tables.values() for ref in t.cells() if again.value(ref) != original.value(ref)]
    assert differing == [], differing[:5]
    for section in template.sections:
        assert again.text(section.id) == original.text(section.id), section.title
    assert result.warnings == []
