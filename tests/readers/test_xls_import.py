"""Legacy Excel (.xls) imports: LibreOffice-made copies of our own exports and of hand-made workbooks
(committed under tests/fixtures/xls, built by scripts/make_import_fixtures.py), and impostors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from model.cellref import CellRef
from model.errors import ImportFailed
from readers.dispatch import read_report
from readers.xls import number_value
from tests.conftest import nianbao
from tests.readers.report_builders import report_with_blanks
from tests.readers.test_xlsx_import import sample_values

XLS = Path(__file__).resolve().parents[1] / "fixtures" / "xls"


def test_example_xls_imports_exactly(example):
    result = read_report(XLS / "example-2020.xls")
    document = result.document
    assert (document.template.id, document.agency, document.year) == ("2019", example.agency, example.year)
    assert document.inputs() == example.inputs()
    assert document.texts() == example.texts()
    assert document.value(CellRef("2_9", "procurement", "purchase_amount")) == Decimal("3829.46")
    assert result.warnings == []


@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_blank_cells_and_decimal_amounts_come_back(template_id):
    original = report_with_blanks(template_id)
    document = read_report(XLS / f"blanks-{template_id}.xls").document
    template = original.template
    cells = [ref for table in template.tables.values() for ref in table.cells()]
    assert [ref for ref in cells if document.value(ref) != original.value(ref)] == []
    assert any(original.value(ref) is None for ref in cells)  # blanks stay blank, not 0
    amounts = [document.value(ref) for ref in cells if template.kind_of(ref).value == "amount"]
    assert amounts == [Decimal("0.30")]
    assert document.texts() == original.texts()


def test_handmade_sheet_with_typed_wrong_total_is_recomputed_and_reported():
    result = read_report(XLS / "handmade-one-sheet.xls")
    document = result.document
    assert (document.agency, document.year) == ("某某县某某局", 2024)
    for ref, value in sample_values().items():
        assert document.value(ref) == value, ref
    assert document.value(CellRef("3", "new", "total")) != 99999
    assert any("99999" in w and w.startswith("警告") for w in result.warnings)


def test_handmade_several_sheets_with_labels_filled_down_not_merged():
    document = read_report(XLS / "handmade-many-sheets.xls").document
    assert (document.agency, document.year) == ("某某市某某局", 2024)
    for ref, value in sample_values().items():
        assert document.value(ref) == value, ref


def test_float_noise_is_not_an_amount():
    assert number_value(0.1 + 0.2) == Decimal("0.3")
    assert number_value(12.000000000000002) == 12 and isinstance(number_value(12.0), int)
    assert number_value(-16.0) == -16


def test_renamed_xlsx_and_web_page_saved_as_xls_are_read_for_what_they_are(tmp_path, example):
    from export.html import export_html
    from export.xlsx import export_xlsx

    export_xlsx(example, tmp_path / "real.xlsx")
    (tmp_path / "renamed.xls").write_bytes((tmp_path / "real.xlsx").read_bytes())
    assert read_report(tmp_path / "renamed.xls").document.inputs() == example.inputs()
    export_html(example, tmp_path / "page.html")
    (tmp_path / "page.xls").write_bytes((tmp_path / "page.html").read_bytes())
    assert read_report(tmp_path / "page.xls").document.inputs() == example.inputs()


@pytest.mark.parametrize("content", [b"", b"not a workbook at all", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600])
def test_broken_xls_is_refused_with_a_message(tmp_path, content):
    path = tmp_path / "broken.xls"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=r"broken\.xls"):
        read_report(path)


def test_cli_imports_xls(tmp_path):
    out = tmp_path / "r.nianbao"
    result = nianbao("import", XLS / "blanks-2021.xls", "-o", out)
    assert result.returncode == 0, result.stderr
    check = nianbao("show", out, "--json")
    assert check.returncode == 0 and "测试市测试局" in check.stdout
    broken = tmp_path / "b.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1garbage")
    refused = nianbao("import", broken, "-o", tmp_path / "b.nianbao")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "b.nianbao").exists()


def test_a_count_excel_took_for_a_date_is_not_read_as_a_serial_number():
    import xlrd

    from readers.xls import _cell_value

    class Book:
        datemode = 0

    class Cell:
        ctype = xlrd.XL_CELL_DATE
        value = 44928.0

    assert _cell_value(Cell(), Book(), xlrd) == "2023-01-02"  # the value reader refuses it with its address
