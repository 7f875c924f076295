"""Read legacy Excel workbooks (.xls, BIFF 97-2003) with xlrd, into the same grids as .xlsx.

Many templates still circulate as .xls; files named .xls are also often something else (a workbook
saved as .xlsx and renamed, or a web page some systems export as "Excel"), so the content decides.
xlrd gives every number as a binary float: amounts are turned back into the decimal that was typed
(0.3, not 0.30000000000000004) before the label-anchored placement reads them.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from model.errors import ImportFailed
from readers.lines import Line
from readers.placement import CellGrid

# Said after every "damaged" refusal: Excel or WPS often still opens what xlrd cannot.
RESAVE = "如能在Excel或WPS中打开，请用“另存为”保存为“Excel工作簿（*.xlsx）”后再导入"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_CELLS = 1_000_000


def sniff(path: Path) -> str:
    """What a file named .xls really holds: "ole2" (BIFF), "zip" (an .xlsx renamed) or "markup"."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.startswith(b"PK"):
        return "zip"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "markup"
    return "unknown"


def number_value(number: float) -> int | Decimal:
    """A cell's float as the number typed: whole numbers as int, others as the shortest decimal.

    Fifteen significant digits is what Excel itself shows and keeps; beyond that a float carries only
    binary noise (a cached =0.1+0.2 is 0.30000000000000004).
    """
    exact = Decimal(format(number, ".15g"))
    if exact.is_finite() and exact == exact.to_integral_value():
        return int(exact)
    return exact


def _cell_value(cell, book, xlrd) -> object | None:  # type: ignore[no-untyped-def]
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return cell.value if cell.value.strip() else None
    if kind == xlrd.XL_CELL_DATE:  # a count typed as 1-2 that Excel took for a date: refused where it is read
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode).date().isoformat()
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return number_value(float(cell.value))
    if kind == xlrd.XL_CELL_NUMBER:
        return number_value(float(cell.value))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)  # refused by the value reader with the cell's address
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_value.get(cell.value, "#ERROR")
    return None


def _open(path: Path, data: bytes):  # type: ignore[no-untyped-def]
    import xlrd

    # xlrd reports damage on stdout, which is the CLI's output: its log goes nowhere.
    # A merged range keeps its value in its top-left cell and leaves the rest empty, as readers/xlsx.py
    # reads .xlsx, so the placement needs no merge records (formatting_info stays off: faster, and
    # it spares the formatting records of damaged files).
    try:
        return xlrd, xlrd.open_workbook(file_contents=data, formatting_info=False, logfile=io.StringIO())
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ImportFailed(f"“{path.name}”设有打开密码，请在Excel或WPS中取消密码后再导入") from exc
        raise ImportFailed(f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿（{exc}）。{RESAVE}") from exc
    except (MemoryError, RecursionError) as exc:
        raise ImportFailed(f"“{path.name}”结构异常，已拒绝") from exc
    except Exception as exc:  # xlrd raises many kinds for damaged records; all mean the same here
        raise ImportFailed(
            f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿（{type(exc).__name__}）。{RESAVE}"
        ) from exc


def read_biff(path: Path) -> list[CellGrid]:
    """Every sheet of a BIFF workbook as a grid of values (the cached values of formulas)."""
    xlrd, book = _open(path, path.read_bytes())
    grids = []
    total = 0
    try:
        for sheet in book.sheets():
            total += sheet.nrows * sheet.ncols
            if total > MAX_CELLS:
                raise ImportFailed(f"“{path.name}”的单元格过多，已拒绝")
            cells: dict[tuple[int, int], object] = {}
            for row in range(sheet.nrows):
                for column, cell in enumerate(sheet.row(row)):
                    value = _cell_value(cell, book, xlrd)
                    if value is not None:
                        cells[(row, column)] = value
            grids.append(CellGrid(sheet.name, cells))
    except ImportFailed:
        raise
    except Exception as exc:  # a damaged sheet record surfaces while reading the rows
        raise ImportFailed(f"无法读取“{path.name}”：文件已损坏（{type(exc).__name__}）。{RESAVE}") from exc
    finally:
        book.release_resources()
    return grids


def read_xls(path: Path) -> list[CellGrid] | list[Line]:
    """A file named .xls, read as what it holds: a BIFF workbook, an .xlsx renamed, or a web page."""
    kind = sniff(path)
    if kind == "ole2":
        return read_biff(path)
    if kind == "zip":
        from readers.xlsx import read_xlsx

        # The xlsx reader goes by the content, not the name: no renamed copy, and messages keep the file's own name.
        return read_xlsx(path)
    if kind == "markup":
        from readers.html import read_html

        if b"urn:schemas-microsoft-com:office:spreadsheet" in path.read_bytes()[:4096]:
            raise ImportFailed(
                f"“{path.name}”是XML电子表格（Excel 2003 XML）。请在Excel或WPS中打开，"
                "用“另存为”保存为“Excel工作簿（*.xlsx）”后再导入"
            )

        return read_html(path)
    raise ImportFailed(f"“{path.name}”不是有效的Excel文件（.xls），可能已损坏。{RESAVE}")
