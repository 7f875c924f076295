"""Web pages as websites and Word save them: styled cells, GBK, blank cells in table 四."""

from __future__ import annotations

from model.cellref import CellRef
from readers.dispatch import read_report
from readers.html import lines_from_html
from tests.readers.layouts import word_html


def test_word_saved_page_in_gbk_reads_like_any_other(filled, tmp_path):
    path = tmp_path / "年报.htm"
    path.write_bytes(word_html(filled, tmp_path))
    assert b"charset=gb2312" in path.read_bytes() and b"<o:p>" in path.read_bytes()
    result = read_report(path)
    assert result.document.inputs() == filled.inputs()
    assert result.document.texts() == filled.texts()
    assert (result.document.agency, result.document.year) == (filled.agency, filled.year)
    assert result.warnings == []


def test_blank_cells_of_table_four_keep_the_other_values(filled, tmp_path):
    path = tmp_path / "blanks.html"
    path.write_bytes(word_html(filled, tmp_path, {1: "nbsp", 7: "empty"}))
    document = read_report(path).document
    table = filled.template.table("4")
    columns = [leaf.id for leaf in table.column_leaves]
    blanked = {CellRef("4", "cases", columns[1]), CellRef("4", "cases", columns[7])}
    for ref in table.cells():
        if filled.template.is_total(ref):
            continue
        expected = None if ref in blanked else filled.value(ref)
        assert document.value(ref) == expected, ref
    assert any(r.rule == "B1" for r in document.warnings())  # the blanks are flagged by check


def test_cells_keep_blanks_and_entities():
    lines = lines_from_html(
        "<table><tr><td>规章</td><td>&nbsp;</td><td></td><td><span>3</span><o:p></o:p></td></tr>"
        "<tr><td>a<td>b</table><p>正文&amp;说明"
    )
    assert lines[0].cells == ("规章", "", "", "3") and lines[0].exact_cells
    assert lines[1].cells == ("a", "b")  # cells and rows closed by the next one, as browsers do
    assert lines[2].text == "正文&说明"


def test_comments_scripts_and_word_conditionals_are_not_text():
    lines = lines_from_html(
        "<html><head><title>标题</title><style>p {color:red}</style><script>var a = '<td>';</script></head>"
        "<body><!--[if gte mso 9]><xml>隐藏</xml><![endif]--><p><![if !supportLists]>正文<![endif]></p></body>"
    )
    assert [line.text for line in lines] == ["正文"]


def test_table_four_row_after_a_corner_cell_keeps_its_blanks(filled, tmp_path):
    from export.writers import export_report

    page = tmp_path / "r.html"
    export_report(filled, page)
    html = page.read_text(encoding="utf-8")
    last = html.rindex("<tr><td>")
    row_end = html.index("</tr>", last)
    cells = html[last + 4 : row_end].split("</td>")[:-1]
    cells[3] = "<td>&nbsp;"
    html = html[:last] + "<tr><td>件数</td>" + "</td>".join(cells) + "</td>" + html[row_end:]
    page.write_text(html, encoding="utf-8")
    document = read_report(page).document
    columns = [leaf.id for leaf in filled.template.table("4").column_leaves]
    for index, column in enumerate(columns):
        ref = CellRef("4", "cases", column)
        if not filled.template.is_total(ref):
            assert document.value(ref) == (None if index == 3 else filled.value(ref)), ref


def test_plain_text_saved_as_html_is_read_as_text(filled, tmp_path):
    from tests.readers.layouts import text_layout

    path = tmp_path / "pasted.html"
    path.write_text(text_layout(filled, tmp_path, "tab"), encoding="utf-8")
    assert read_report(path).document.inputs() == filled.inputs()


def test_website_furniture_after_the_report_is_not_section_text(filled, tmp_path):
    """A report read off a government website: the share bar, related links and the site's footer
    (and LibreOffice's page-number footer) follow section 六 on the page but are not its text."""
    from export.writers import export_report

    page = tmp_path / "r.html"
    export_report(filled, page)
    html = page.read_text(encoding="utf-8")
    tail = (
        '<div title="footer"><p>— 15 —</p></div>'
        "<div class=share>分享到：微信 微博 【打印本页】【关闭窗口】</div>"
        "<div><h3>相关链接</h3><ul><li><a>某局2022年政府信息公开工作年度报告</a></li></ul></div>"
        "<div class=footer><p>主办单位：某局办公室 网站标识码：3208130001</p><p>苏ICP备05001234号</p></div>"
    )
    site = tmp_path / "site.html"
    site.write_text(html.replace("</article>", "</article>" + tail), encoding="utf-8")
    document = read_report(site).document
    assert document.texts() == filled.texts()
    assert document.inputs() == filled.inputs()


def test_spreadsheet_saved_as_web_page_keeps_section_texts(filled, tmp_path):
    """Excel, WPS and LibreOffice Calc save every line of a sheet as a table row with its empty cells:
    a section's title and paragraphs are rows with one filled cell, and they are still the text."""
    import re

    from export.writers import export_report

    page = tmp_path / "r.html"
    export_report(filled, page)
    html = page.read_text(encoding="utf-8")
    html = re.sub(
        r"<(h1|h2|h3|p)>(.*?)</\1>", lambda m: f"<table><tr><td></td><td>{m.group(2)}</td><td></td></tr></table>", html
    )
    assert "<p>" not in html
    sheet = tmp_path / "sheet.html"
    sheet.write_text(html, encoding="utf-8")
    result = read_report(sheet)
    assert result.document.texts() == filled.texts()
    assert result.document.inputs() == filled.inputs()
    assert not [w for w in result.warnings if "正文" in w]
