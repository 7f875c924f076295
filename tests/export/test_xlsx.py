from decimal import Decimal

import openpyxl

from export.xlsx import SHEET_NAME, export_xlsx
from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetText
from readers.dispatch import read_report


def filled_2021() -> Document:
    document = Document.new("2021", 2025, "测试市测试局")
    edits = [SetCell(ref, (i * 7) % 13) for i, ref in enumerate(document.template.input_cells())]
    edits[-1] = SetCell(edits[-1].ref, 3)
    edits.append(SetCell(CellRef("2_8", "fees", "fee_amount"), Decimal("12.34")))
    edits.append(SetText("s1", "=SUM(A1:A9) 不是公式\n第二段"))
    edits.append(SetText("s5", "+1 开头 & <b>标记</b>"))
    edits.append(SetText("s6", "@cmd 本年度未收取信息处理费。"))
    document.apply(
        [
            e
            for e in edits
            if not (isinstance(e, SetCell) and e.ref == CellRef("2_8", "fees", "fee_amount"))
            or e.value == Decimal("12.34")
        ]
    )
    return document


def test_export_then_import_gives_same_report(tmp_path, example):
    for document in (example, filled_2021()):
        path = tmp_path / f"{document.template.id}.xlsx"
        export_xlsx(document, path)
        back = read_report(path).document
        assert back.template.id == document.template.id
        assert (back.agency, back.year) == (document.agency, document.year)
        assert back.inputs() == document.inputs()
        assert back.texts() == document.texts()


def test_totals_are_formulas_with_cached_values(tmp_path):
    document = filled_2021()
    path = tmp_path / "r.xlsx"
    export_xlsx(document, path)
    formulas = openpyxl.load_workbook(path)[SHEET_NAME]
    cached = openpyxl.load_workbook(path, data_only=True)[SHEET_NAME]
    total = document.value(CellRef("3", "total7", "total"))
    found = [
        (c.coordinate, c.value)
        for row in formulas.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=IF(COUNT(")
    ]
    assert len(found) == len(document.template.formulas())
    assert total in [cached[coordinate].value for coordinate, _ in found]
    assert formulas.protection.sheet is True


def test_user_text_never_becomes_formula(tmp_path):
    path = tmp_path / "r.xlsx"
    export_xlsx(filled_2021(), path)
    sheet = openpyxl.load_workbook(path)[SHEET_NAME]
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    injected = [c for c in texts if "不是公式" in c.value or "开头" in c.value or "@cmd" in c.value]
    assert len(injected) == 3
    assert all(c.data_type == "s" for c in injected)


def test_input_cells_unlocked_totals_locked(tmp_path):
    path = tmp_path / "r.xlsx"
    export_xlsx(filled_2021(), path)
    sheet = openpyxl.load_workbook(path)[SHEET_NAME]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None and not isinstance(c.value, str)]
    assert cells and all(c.protection.locked is False for c in cells)
    totals = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert totals and all(c.protection.locked is not False for c in totals)


def test_page_setup(tmp_path):
    path = tmp_path / "r.xlsx"
    export_xlsx(filled_2021(), path)
    sheet = openpyxl.load_workbook(path)[SHEET_NAME]
    assert sheet.page_setup.paperSize == 9
    # A fixed scale (Excel ignores manual breaks when fitting to a page) and no global print titles.
    assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert 60 <= int(sheet.page_setup.scale) <= 80
    assert not sheet.print_title_rows
    assert sheet.row_breaks.brk
    assert "测试市测试局" in sheet.oddHeader.center.text
    assert sheet.merged_cells.ranges


def test_libreoffice_recalculates_same_totals(tmp_path):
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    document = filled_2021()
    path = tmp_path / "r.xlsx"
    export_xlsx(document, path)
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    recalculated = read_report(tmp_path / "lo" / "r.xlsx")
    for ref in document.template.formulas():
        assert recalculated.document.value(ref) == document.value(ref)
    assert not [line for line in recalculated.warnings if line.startswith("警告")]
