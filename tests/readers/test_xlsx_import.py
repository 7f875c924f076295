"""Imports of workbooks the tests build in several layouts, and hostile files."""

import zipfile

import openpyxl
import pytest

from model.cellref import CellRef
from model.errors import ImportFailed
from model.template import load_template
from readers.dispatch import read_report

T2021 = load_template("2021")


def write_table(sheet, table, top, left, values, *, number_style="int", total_override=None):
    """Lay a template table out at an offset, labels merged where the form merges them."""
    from model.grid import Part, layout_table

    layout = layout_table(table)
    for cell in layout.cells:
        r, c = top + cell.row + 1, left + cell.column + 1
        if cell.part is Part.DATA:
            if T2021.is_total(cell.ref):
                if total_override and cell.ref in total_override:
                    sheet.cell(r, c, total_override[cell.ref])
                else:
                    sheet.cell(r, c, "=SUM(A1:A2)")  # formula without a cached value
                continue
            value = values.get(cell.ref)
            if value is not None:
                sheet.cell(r, c, str(value) if number_style == "text" else value)
            continue
        text = cell.text.replace("（", "(").replace("）", ")") if cell.part is Part.ROW_HEADER else cell.text
        text = text.replace("1.", "1、") if text.startswith("1.") else text
        sheet.cell(r, c, text[:2] + "\n" + text[2:] if len(text) > 6 else text)
        if cell.row_span > 1 or cell.column_span > 1:
            sheet.merge_cells(
                start_row=r, start_column=c, end_row=r + cell.row_span - 1, end_column=c + cell.column_span - 1
            )
    return top + layout.rows + 1


def sample_values():
    return {ref: (i * 5) % 9 for i, ref in enumerate(T2021.input_cells()) if T2021.kind_of(ref).value == "count"}


def build_one_sheet(path, values, **kwargs):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "年报"
    sheet.cell(1, 2, "某某县 某某局 2024 年政府信息公开工作年度报告")
    row = 3
    for section in T2021.sections:
        sheet.cell(row + 1, 2, section.title)
        row += 1
        if section.kind == "text":
            sheet.cell(row + 1, 2, f"本部分正文（{section.id}）。")
            row += 2
        for table in section.tables:
            if table.heading:
                sheet.cell(row + 1, 2, table.heading.replace("（", "(").replace("）", ")"))
                row += 1
            row = write_table(sheet, table, row, 1, values, **kwargs)
    book.save(path)


def test_one_sheet_merged_labels_variants(tmp_path):
    values = sample_values()
    path = tmp_path / "one.xlsx"
    build_one_sheet(path, values, number_style="text")
    result = read_report(path)
    document = result.document
    assert (document.agency, document.year, document.template.id) == ("某某县某某局", 2024, "2021")
    for ref, value in values.items():
        assert document.value(ref) == value, ref
    assert document.text("s5") == "本部分正文（s5）。"
    assert any("→" in line and "!" in line for line in map(str, result.log))


def test_one_table_a_sheet_at_offset(tmp_path):
    values = sample_values()
    book = openpyxl.Workbook()
    book.active.title = "封面"
    book.active["C3"] = "某某局2024年度政府信息公开工作年度报告"
    for index, table in enumerate(T2021.tables.values()):
        sheet = book.create_sheet(f"表{index}")
        top = 4
        if table.heading:
            sheet.cell(3, 5, table.heading)
        write_table(sheet, table, top, 4, values)
    path = tmp_path / "many.xlsm"
    book.save(path)
    document = read_report(path).document
    assert document.year == 2024
    for ref, value in values.items():
        assert document.value(ref) == value


def test_wrong_typed_totals_are_recomputed_and_reported(tmp_path):
    values = sample_values()
    path = tmp_path / "wrong.xlsx"
    wrong = {CellRef("4", "cases", "rc_total"): 0, CellRef("3", "new", "total"): 99999}
    build_one_sheet(path, values, total_override=wrong)
    result = read_report(path)
    assert result.document.value(CellRef("3", "new", "total")) != 99999
    warnings = [line for line in result.warnings if line.startswith("警告")]
    assert any("99999" in w for w in warnings)


def test_missing_table_fails_and_names_it(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "某局2024年政府信息公开工作年度报告"
    book.active["A2"] = "一、本年新收政府信息公开申请数量"
    path = tmp_path / "partial.xlsx"
    book.save(path)
    with pytest.raises(ImportFailed, match="找不到完整的报告表格"):
        read_report(path)


def test_xls_refused_with_conversion_hint(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(ImportFailed, match="另存为"):
        read_report(path)


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ImportFailed, match="不是有效的Excel"):
        read_report(path)


def test_zip_bomb_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (210 * 1024 * 1024))
    with pytest.raises(ImportFailed, match="过大"):
        read_report(path)


def test_xml_entity_attack_refused(tmp_path):
    good = tmp_path / "good.xlsx"
    openpyxl.Workbook().save(good)
    evil = tmp_path / "evil.xlsx"
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol2;</workbook>'
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(evil, "w") as target:
        for item in source.infolist():
            data = laughs if item.filename == "xl/workbook.xml" else source.read(item.filename)
            target.writestr(item, data)
    with pytest.raises(ImportFailed):
        read_report(evil)


def test_cli_import_bad_file_exit_2(tmp_path):
    from tests.conftest import nianbao

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    out = tmp_path / "out.nianbao"
    result = nianbao("import", bad, "-o", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr and not out.exists()


def test_amounts_with_a_third_decimal_are_refused_and_float_noise_is_not(tmp_path):
    from decimal import Decimal

    from readers.placement import read_value

    kind = T2021.kind_of(CellRef("2_8", "fees", "fee_amount"))
    assert read_value(0.1 + 0.2, kind, T2021) == Decimal("0.30")
    assert read_value("251000元", kind, T2021) == Decimal("25.10")
    for bad in (12.345, float("inf"), float("nan"), "12.345"):
        with pytest.raises(Exception) as caught:
            read_value(bad, kind, T2021)
        assert type(caught.value).__name__ == "InvalidValue"


def test_a_blank_total_of_the_exported_workbook_is_no_formula_warning(filled, tmp_path):
    """The export writes a total whose parts are all blank as a formula with an empty result; read back
    it is blank, and nobody is told to open the file in Excel first."""
    from export.writers import export_report
    from model.edits import SetCell
    from readers.dispatch import read_report

    table = filled.template.table("3")
    row = table.row_leaves[3]
    filled.apply([SetCell(ref, None) for ref in table.cells() if ref.row == row.id and not filled.is_total(ref)])
    path = tmp_path / "r.xlsx"
    export_report(filled, path)
    result = read_report(path)
    assert result.document.inputs() == filled.inputs()
    assert not [w for w in result.warnings if "公式" in w]
