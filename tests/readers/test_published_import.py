"""Imports of published reports: copied web text, saved web page, Word file, PDF text."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from model.cellref import CellRef
from model.errors import ImportFailed
from model.rollforward import roll_forward
from readers.dispatch import read_report
from readers.text import lines_from_text
from tests.conftest import nianbao

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "seed-2020-qianjiang-cgj.txt"
ROOT = Path(__file__).resolve().parents[2]


def test_seed_imports_exactly_and_checks_clean(example):
    result = read_report(SEED)
    document = result.document
    assert (document.template.id, document.agency, document.year) == ("2019", "重庆市黔江区城市管理局", 2020)
    assert document.inputs() == example.inputs()
    assert document.texts() == example.texts()
    assert document.errors() == [] and document.warnings() == []
    assert any("第" in line and "→" in line for line in map(str, result.log))


def test_seed_rolls_forward_to_2021():
    document = roll_forward(read_report(SEED).document).document
    assert (document.template.id, document.year) == ("2021", 2021)
    assert document.value(CellRef("3", "carried", "natural")) == 0


def seed_as_rows() -> tuple[list[str], list[list[str]]]:
    """The seed's paragraphs and its table rows, rebuilt the way a web page or Word file holds them."""
    paragraphs: list[str] = []
    rows: list[list[str]] = []
    current: list[str] = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        if "|" not in raw:
            paragraphs.append(raw.strip())
            rows.append(["<P>" + raw.strip()])
            continue
        current.append(raw.split("|")[0].strip())
        if raw.rstrip().endswith("||") or raw.count("|") > 1:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return paragraphs, rows


def build_html(path: Path) -> None:
    _, rows = seed_as_rows()
    parts = ["<html><head><meta charset='utf-8'><title>报告</title><style>td{}</style></head><body>"]
    in_table = False
    for row in rows:
        if row[0].startswith("<P>"):
            if in_table:
                parts.append("</table>")
                in_table = False
            parts.append(f"<p>{escape(row[0][3:])}</p>")
            continue
        if not in_table:
            parts.append("<table border='1'>")
            in_table = True
        parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    parts.append("</table></body></html>" if in_table else "</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def build_docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    _, rows = seed_as_rows()
    table_rows: list[list[str]] = []

    def flush() -> None:
        if table_rows:
            width = max(len(r) for r in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for i, row in enumerate(table_rows):
                for j, text in enumerate(row):
                    table.cell(i, j).text = text
            table_rows.clear()

    for row in rows:
        if row[0].startswith("<P>"):
            flush()
            document.add_paragraph(row[0][3:])
        else:
            table_rows.append(row)
    flush()
    document.save(str(path))


@pytest.mark.parametrize("builder,suffix", [(build_html, ".html"), (build_docx, ".docx")])
def test_html_and_docx_import_same_numbers(tmp_path, example, builder, suffix):
    path = tmp_path / f"seed{suffix}"
    builder(path)
    document = read_report(path).document
    assert document.inputs() == example.inputs()
    assert document.text("s1") == example.text("s1")
    assert (document.agency, document.year) == (example.agency, example.year)


def test_broken_balance_imports_and_is_flagged_by_check(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量 |\n0 |", "一、本年新收政府信息公开申请数量 |\n5 |"
    )
    broken = tmp_path / "broken.txt"
    broken.write_text(text, encoding="utf-8")
    out = tmp_path / "broken.nianbao"
    result = nianbao("import", broken, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "文件中的合计为0，按各项重新计算为5" in result.stderr
    check = nianbao("check", out)
    assert check.returncode == 1
    assert "自然人：一＋二＝5，三（七）＋四＝0，相差5" in check.stdout


def test_published_pdf_text_reports():
    huaian = read_report(FIXTURES / "published" / "09_huaian-city-2024.txt").document
    assert (huaian.template.id, huaian.agency, huaian.year) == ("2021", "淮安市人民政府", 2024)
    assert huaian.value(CellRef("3", "total7", "total")) == 3050
    assert huaian.value(CellRef("2_6", "punish", "decisions")) == 3985758
    assert huaian.value(CellRef("2_8", "fees", "fee_amount")) is not None
    assert huaian.errors() == []
    assert huaian.text("s6").startswith("2024年，市政府严格落实")

    hongze = read_report(FIXTURES / "published" / "10_hongze-district-2023.txt")
    flagged = [line for line in hongze.warnings if line.startswith("警告") and "合计为0" in line]
    assert len(flagged) == 2  # the two 总计 of table 四 printed as 0
    assert any("（六）其他处理" in line and "印为一行" in line for line in hongze.warnings)
    assert not [line for line in hongze.warnings if "→" in line]  # where a value came from is a note
    assert any("→" in entry.text for entry in hongze.log)
    assert hongze.document.value(CellRef("3", "total7", "natural")) == 21


def test_text_without_tables_fails_clearly(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n正文。", encoding="utf-8")
    with pytest.raises(ImportFailed):
        read_report(path)


def test_layout_lines_split_cells():
    lines = lines_from_text("规章            1          0        11\n   本段正文，没有表格。")
    assert lines[0].cells == ("规章", "1", "0", "11")
    assert lines[1].is_paragraph


def test_text_numbers_that_disagree_with_the_table_are_flagged():
    hongze = read_report(FIXTURES / "published" / "11_hongze-district-2024.txt").document
    flagged = [r.message for r in hongze.warnings() if r.rule == "T1"]
    assert flagged == ["一、总体情况写有“受理政府信息公开申请17件”，而表三“一、本年新收政府信息公开申请数量”总计为95"]
    huaian = read_report(FIXTURES / "published" / "09_huaian-city-2024.txt").document
    assert not [r for r in huaian.warnings() if r.rule == "T1"]  # 受理…3119件 matches its table


def test_group_label_run_into_a_row_label_still_names_the_row():
    from readers.published import label_matches

    assert label_matches("（三）不予4.保护第三方合法权益", "4.保护第三方合法权益")
    assert label_matches("4.保护第三方合法权益", "4.保护第三方合法权益")
    assert not label_matches("（三）不予4.保护第三方合法权益", "5.属于三类内部事务信息")
    assert not label_matches("很长很长的一段说明文字4.保护第三方合法权益", "4.保护第三方合法权益")


def test_pdf_and_report_files_say_what_to_do_instead(tmp_path):
    for name, hint in (("r.nianbao", "直接打开"),):
        (tmp_path / name).write_bytes(b"x")
        with pytest.raises(ImportFailed, match=hint):
            read_report(tmp_path / name)
    with pytest.raises(ImportFailed, match="文件夹"):
        read_report(tmp_path)
