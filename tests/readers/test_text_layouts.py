"""Text layouts people paste: `` | `` rows, tab rows, one cell per line; encodings; refusals."""

from __future__ import annotations

from itertools import pairwise

import pytest

from model.cellref import CellRef
from model.errors import ImportFailed
from readers.dispatch import read_report
from tests.conftest import nianbao
from tests.readers.layouts import text_layout

LAYOUTS = ["pipe", "pipe-open", "pipe-framed", "tab", "one-per-line", "spaces"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_pasted_layout_imports_exactly(filled, tmp_path, layout):
    path = tmp_path / f"{layout}.txt"
    path.write_text(text_layout(filled, tmp_path, layout), encoding="utf-8")
    result = read_report(path)
    assert result.document.inputs() == filled.inputs()
    assert result.document.texts() == filled.texts()
    assert (result.document.agency, result.document.year) == (filled.agency, filled.year)
    assert result.warnings == []


@pytest.mark.parametrize("layout", ["pipe", "tab"])
def test_blank_cells_in_separated_rows_stay_blank(filled, tmp_path, layout):
    text = text_layout(filled, tmp_path, layout)
    rows = text.split("\n")
    sep = " | " if layout == "pipe" else "\t"
    # blank the second cell of table 三's first row and three cells of table 四's row
    first = next(i for i, line in enumerate(rows) if line.startswith("一、本年新收"))
    cells = rows[first].split(sep)
    cells[2] = ""
    rows[first] = sep.join(cells)
    four = max(i for i, line in enumerate(rows) if sep in line)
    cells = rows[four].split(sep)
    for index in (0, 5, 14):
        cells[index] = " |" if layout == "pipe" and index == 14 else ""  # the row's border stays
    rows[four] = sep.join(cells)
    path = tmp_path / "blanks.txt"
    path.write_text("\n".join(rows), encoding="utf-8")
    document = read_report(path).document
    table3 = filled.template.table("3")
    blanked = {CellRef("3", "new", table3.column_leaves[1].id)}
    columns4 = [leaf.id for leaf in filled.template.table("4").column_leaves]
    blanked |= {CellRef("4", "cases", columns4[i]) for i in (0, 5, 14)}
    for ref, value in filled.inputs().items():
        assert document.value(ref) == (None if ref in blanked else value), ref


def test_one_per_line_with_a_missing_cell_places_nothing_wrongly(filled, tmp_path):
    lines = text_layout(filled, tmp_path, "one-per-line").split("\n")
    label = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    del lines[label + 3]  # a blank cell copied one per line leaves no line behind
    path = tmp_path / "gap.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_report(path)
    for ref, value in result.document.inputs().items():
        assert filled.value(ref) == value, ref  # every number placed is the right one
    assert any("二、上年结转" in w for w in result.warnings)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_text_in_the_encodings_offices_use(filled, tmp_path, encoding):
    path = tmp_path / "report.txt"
    text = text_layout(filled, tmp_path, "tab")
    path.write_bytes(text.encode(encoding))
    assert read_report(path).document.inputs() == filled.inputs()


def test_set_text_reads_a_gbk_file(tmp_path, example):
    from model.fileformat import save_report

    report = tmp_path / "r.nianbao"
    save_report(example, report)
    section = tmp_path / "总体情况.txt"
    section.write_bytes("本年度主动公开政府信息１２条。".encode("gbk"))
    result = nianbao("set", report, "--text", f"s1={section}")
    assert result.returncode == 0, result.stderr
    from model.fileformat import load_report

    assert load_report(report).text("s1") == "本年度主动公开政府信息１２条。"


def test_set_text_refuses_a_folder_in_one_chinese_line(tmp_path, example):
    from model.fileformat import save_report

    report = tmp_path / "r.nianbao"
    save_report(example, report)
    result = nianbao("set", report, "--text", f"s1={tmp_path}")
    assert result.returncode == 2
    assert "文件夹" in result.stderr and "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_txt_holding_web_page_markup_says_save_it_as_html(filled, tmp_path):
    from export.writers import export_report

    export_report(filled, tmp_path / "page.html")
    path = tmp_path / "page.txt"
    path.write_bytes((tmp_path / "page.html").read_bytes())
    with pytest.raises(ImportFailed, match=r"网页.*\.html"):
        read_report(path)


def test_cells_running_together_are_named_as_the_cause(filled, tmp_path):
    text = text_layout(filled, tmp_path, "tab").replace("\t", "")
    path = tmp_path / "glued.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed, match="连在一起"):
        read_report(path)


def test_pipe_table_never_imports_as_a_blank_report(tmp_path):
    path = tmp_path / "labels-only.txt"
    path.write_text(
        "测试局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 一 | 二 | 三 |\n行政规范性文件 | a | b | c |\n"
        "第二十条第（五）项 |\n",
        encoding="utf-8",
    )
    result = nianbao("import", path, "-o", tmp_path / "out.nianbao")
    assert result.returncode == 2
    assert not (tmp_path / "out.nianbao").exists()


@pytest.mark.parametrize(
    "content,said",
    [
        (b"PK\x03\x04rest-of-a-zip", "Word或Excel"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版Word或Excel"),
        (b"\x00\x01\x02\x03" * 300, "不是文本文件"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_file_of_another_kind_under_a_text_name_says_what_it_is(tmp_path, content, said, suffix):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=said):
        read_report(path)


def test_headings_without_tables_say_the_tables_are_missing(tmp_path):
    path = tmp_path / "images.txt"
    path.write_text(
        "测试局2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
        "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n正文。\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed, match="没有表格文字"):
        read_report(path)


def test_rows_copied_out_of_the_exported_workbook_keep_every_number(filled, tmp_path):
    """Copying the exported workbook's sheet out of Excel gives tab rows where a merged value cell
    leaves empty cells beside its number: the numbers are the row's values, in order."""
    import openpyxl

    from export.writers import export_report

    book = tmp_path / "r.xlsx"
    export_report(filled, book)
    sheet = openpyxl.load_workbook(book, data_only=True).active
    rows = [
        "\t".join("" if v is None else str(int(v)) if isinstance(v, float) and v == int(v) else str(v) for v in row)
        for row in sheet.iter_rows(values_only=True)
    ]
    path = tmp_path / "copied.txt"
    path.write_text("\r\n".join(rows), encoding="utf-8")
    result = read_report(path)
    assert result.document.inputs() == filled.inputs()
    assert result.document.texts() == filled.texts()
    assert not [w for w in result.warnings if "未采用" in w]


@pytest.mark.parametrize("layout", ["pipe", "tab"])
def test_a_row_left_blank_is_read_blank_without_a_warning(filled, tmp_path, layout):
    """A row whose every value is blank (its label then empty cells) is a row of blanks, as on the web page."""
    from model.edits import SetCell

    table = filled.template.table("3")
    leaves = table.row_leaves
    # a group's second item: its line starts with its own label (the group's name is on the first)
    row = next(b for a, b in pairwise(leaves) if len(b.path) >= 3 and a.path[:-1] == b.path[:-1])
    filled.apply([SetCell(ref, None) for ref in table.cells() if ref.row == row.id and not filled.is_total(ref)])
    path = tmp_path / f"{layout}.txt"
    path.write_text(text_layout(filled, tmp_path, layout), encoding="utf-8")
    result = read_report(path)
    assert result.document.inputs() == filled.inputs()
    assert result.warnings == []


def test_header_repeated_on_a_new_page_is_not_the_total_row(filled, tmp_path):
    """Word repeats table 三's header on each page; its 总计 is a column heading, not the row （七）总计
    that follows it, whose printed numbers are read (and a wrong printed total is kept and flagged)."""
    text = text_layout(filled, tmp_path, "tab")
    rows = text.split("\n")
    top = next(i for i, line in enumerate(rows) if line.startswith("三、收到和处理")) + 1
    header = rows[top : top + 3]
    seventh = next(i for i, line in enumerate(rows) if line.startswith("（七）总计"))
    cells = rows[seventh].split("\t")
    cells[1] = str(int(cells[1]) + 1)  # printed one more than its rows add up to
    rows[seventh] = "\t".join(cells)
    rows[seventh:seventh] = header
    path = tmp_path / "repeated.txt"
    path.write_text("\n".join(rows), encoding="utf-8")
    result = read_report(path)
    assert result.document.inputs() == filled.inputs()
    total = next(ref for ref in result.document.printed_totals() if ref.table == "3")
    assert result.document.printed(total) == filled.value(total) + 1
    assert not [w for w in result.warnings if "未采用" in w]


def test_a_mistyped_cell_is_refused_by_name_and_its_row_kept(filled, tmp_path):
    """One cell of table 四's row typed as 四 instead of 4: that cell is named in a warning (table, group,
    column), the row's other fourteen numbers are kept."""
    from model.place_names import cell_name

    text = text_layout(filled, tmp_path, "tab")
    rows = text.split("\n")
    four = max(i for i, line in enumerate(rows) if "\t" in line)
    cells = rows[four].split("\t")
    cells[6] = "四"
    rows[four] = "\t".join(cells)
    path = tmp_path / "typo.txt"
    path.write_text("\n".join(rows), encoding="utf-8")
    result = read_report(path)
    table = filled.template.table("4")
    wrong = CellRef("4", table.row_leaves[0].id, table.column_leaves[6].id)
    for ref in table.cells():
        if not filled.template.is_total(ref):
            assert result.document.value(ref) == (None if ref == wrong else filled.value(ref)), ref
    assert any("“四”" in w and cell_name(filled.template, wrong) in w for w in result.warnings)
