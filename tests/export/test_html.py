import re

from export.html import export_html, render_html
from model.document import Document
from model.edits import SetText
from model.grid import layout_table
from readers.dispatch import read_report
from tests.conftest import EXAMPLE, nianbao
from tests.export.test_pdf import assert_same_report


def test_web_page_reads_back_with_every_number_and_text(tmp_path, filled):
    path = tmp_path / "report.html"
    export_html(filled, path)
    assert_same_report(read_report(path), filled)


def test_tables_keep_the_official_spans(example):
    page = render_html(example)
    table = example.template.tables["3"]
    layout = layout_table(table)
    html_table = page.split("<table>")[list(example.template.tables).index("3") + 1].split("</table>")[0]
    assert html_table.count("<tr>") == layout.rows
    spans = {(c.row_span, c.column_span) for c in layout.spans()}
    for row_span, column_span in spans:
        attributes = (f' rowspan="{row_span}"' if row_span > 1 else "") + (
            f' colspan="{column_span}"' if column_span > 1 else ""
        )
        assert attributes in html_table


def test_user_text_is_text_not_markup():
    document = Document.new("2021", 2025, "局<i>")
    document.apply([SetText("s5", '<script>alert("x")</script> & <b>粗</b>')])
    page = render_html(document)
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;" in page
    assert re.search(r"<title>局&lt;i&gt;2025年", page)


def test_cli_exports_a_web_page(tmp_path):
    out = tmp_path / "r.html"
    result = nianbao("export", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    refused = nianbao("export", EXAMPLE, "-o", tmp_path / "r.doc")
    assert refused.returncode == 2 and ".html" in refused.stderr and not (tmp_path / "r.doc").exists()
