"""Reports the import tests (and scripts/make_import_fixtures.py) build the same way every time."""

from __future__ import annotations

from decimal import Decimal

from model.document import Document
from model.edits import SetCell, SetText
from model.values import CellKind


def report_with_blanks(template_id: str) -> Document:
    """Every input cell a number, except every fifth outside table 四, left blank; the amount one that binary floats
    cannot hold exactly; every text section written."""
    year = 2020 if template_id == "2019" else 2025
    document = Document.new(template_id, year, "测试市测试局")
    template = document.template
    edits: list = []
    inputs = [ref for table in template.tables.values() for ref in table.cells() if not template.is_total(ref)]
    for number, ref in enumerate(inputs):
        # Table 四's one unlabelled row is left whole: a blank there is issue 13 item 4 (readers/published.py).
        if number % 5 == 3 and ref.table != "4":
            continue
        kind = template.kind_of(ref)
        if kind is CellKind.COUNT:
            edits.append(SetCell(ref, number * 7 % 23))
        elif kind is CellKind.SIGNED:
            edits.append(SetCell(ref, -number))
        elif kind is CellKind.AMOUNT:
            edits.append(SetCell(ref, Decimal("0.30")))  # 0.3 has no exact binary float
    for section in template.sections:
        if section.kind != "tables":
            edits.append(SetText(section.id, f"{section.title}的正文。第二句含12.5%和“引号”。\n第二段。"))
    document.apply(edits)
    return document


def build_many_sheets(path, values: dict) -> None:  # type: ignore[no-untyped-def]
    """A hand-made workbook: a cover sheet with the title, then one sheet per table at an offset, its
    spanned labels not merged but typed into every cell they cover (as people fill a sheet down)."""
    import openpyxl

    from model.grid import Part, layout_table
    from model.template import load_template

    template = load_template("2021")
    book = openpyxl.Workbook()
    book.active.title = "封面"
    book.active["B2"] = "某某市某某局2024年度政府信息公开工作年度报告"
    for index, table in enumerate(template.tables.values(), 1):
        sheet = book.create_sheet(f"表{index}")
        if table.heading:
            sheet.cell(2, 3, table.heading)
        layout = layout_table(table)
        for cell in layout.cells:
            top, left = 4 + cell.row, 3 + cell.column
            if cell.part is Part.DATA:
                value = values.get(cell.ref)
                if value is not None and not template.is_total(cell.ref):
                    sheet.cell(top, left, value)
                continue
            for r in range(cell.row_span):
                for c in range(cell.column_span):
                    sheet.cell(top + r, left + c, cell.text)
    book.save(path)


def report_with_long_general_section() -> Document:
    """The 2021 report with blanks, its first section long enough that the tables after it start
    mid-page and run over page breaks (their header rows repeated)."""
    document = report_with_blanks("2021")
    paragraph = "总体情况正文，这是一段较长的文字，用来把表格推到页面中间。" * 4
    document.apply([SetText("s1", "\n".join([paragraph] * 7))])
    return document
