"""Hostile and unlucky inputs of issue 15, built small: shared by the tests, the fuzz corpus and the
bounded replay in ``benchmarks/hostile.py``."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from model.fileformat import dumps, load_report
from readers.placement import column_letters

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(sheet_xml: bytes, shared: list[str] | None = None) -> bytes:
    """A minimal .xlsx around one worksheet's XML (``<sheetData>…</sheetData>`` and what follows)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="年报" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
        archive.writestr(
            "xl/worksheets/sheet1.xml", f'<worksheet xmlns="{MAIN}">'.encode() + sheet_xml + b"</worksheet>"
        )
    return out.getvalue()


def merge_bomb() -> bytes:
    """13 KB that once took 16.5 GB: one merged range over the whole sheet."""
    cells = b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return workbook(cells + b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')


def many_merges() -> bytes:
    """Twenty thousand whole-column merged ranges."""
    merges = "".join(f'<mergeCell ref="{column_letters(c)}1:{column_letters(c)}1048576"/>' for c in range(1, 16001))
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 2001))
    return workbook(f"<sheetData>{cells}</sheetData><mergeCells>{merges}</mergeCells>".encode())


def million_rows() -> bytes:
    """A sheet of a million rows (once 20 s and 958 MB)."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 1_000_001))
    return workbook(b"<sheetData>" + rows + b"</sheetData>")


def wide_row() -> bytes:
    """One row of 300,000 cells without coordinates."""
    return workbook(b'<sheetData><row r="1">' + b"<c><v>1</v></c>" * 300_000 + b"</row></sheetData>")


def huge_number_text(text: str) -> bytes:
    """A single numeric cell whose text is ``text`` (``1e26``, ``1e999999999``, a 100,000-digit integer)."""
    return workbook(f'<sheetData><row r="1"><c r="A1"><v>{text}</v></c></row></sheetData>'.encode())


def overlapping_merges() -> bytes:
    """Nine values 1..9 in A1:C3 under the overlapping ranges A1:B2 and B2:C3 (Excel refuses such a file)."""
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{column_letters(c)}{r}"><v>{(r - 1) * 3 + c}</v></c>' for c in range(1, 4))
        + "</row>"
        for r in range(1, 4)
    )
    merges = '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>'
    return workbook(f"<sheetData>{rows}</sheetData>{merges}".encode())


def formula_without_value() -> bytes:
    return workbook(b'<sheetData><row r="1"><c r="B1"><f>SUM(A1:A2)</f></c></row></sheetData>')


HOSTILE_NUMBERS = [
    "Infinity",
    "-Infinity",
    "NaN",
    '"sNaN"',
    '"NaN"',
    "1e308",
    "1" + "0" * 400,
    '"1e26"',
    '"1e999999999"',
    "1" + "0" * 5000,
    '"' + "9" * 100 + '"',
    "-1",
    "12.5",
    '"12.345"',
    "true",
]


def report_with(raw_number: str, *, where: str = "values", cell: str = "3/new/natural") -> str:
    """The example report as JSON text with one value (or last year's value) replaced by ``raw_number``,
    written exactly as given (so ``Infinity`` and 400-digit integers reach the reader unchanged)."""
    data = json.loads(dumps(load_report(EXAMPLE)))
    if where == "prior":
        data["prior"] = {"template": data["template"], "year": data["year"] - 1, "agency": "上年", "values": {"@": 0}}
    else:
        data["values"] = {"@": 0}
    return json.dumps(data, ensure_ascii=False).replace('{"@": 0}', '{"' + cell + '": ' + raw_number + "}")


WORKBOOKS = {
    "merge-bomb": merge_bomb,
    "many-merges": many_merges,
    "million-rows": million_rows,
    "wide-row": wide_row,
    "number-1e26": lambda: huge_number_text("1e26"),
    "number-1e999999999": lambda: huge_number_text("1e999999999"),
    "number-100000-digits": lambda: huge_number_text("9" * 100_000),
    "overlapping-merges": overlapping_merges,
    "formula-without-value": formula_without_value,
}


def hostile_workbooks() -> dict[str, bytes]:
    """Every hostile workbook shape by name (the million rows take a second to build)."""
    return {name: build() for name, build in WORKBOOKS.items()}
