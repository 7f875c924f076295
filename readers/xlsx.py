"""Read the Excel workbooks offices circulate (.xlsx/.xlsm), defensively.

openpyxl parses through defusedxml when it is installed (a dependency), which refuses XML attacks;
this module also bounds the uncompressed size (zip bombs) and the number of cells.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

from model.errors import ImportFailed
from readers.placement import CellGrid

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_CELLS = 1_000_000


def check_archive(path: Path) -> None:
    """Refuse archives that are not zip files or would expand beyond reason."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailed(f"“{path.name}”不是有效的Excel文件（.xlsx）") from exc
    if len(infos) > 10_000 or total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ImportFailed(f"“{path.name}”解压后过大，疑似异常文件，已拒绝")


def read_xlsx(path: Path) -> list[CellGrid]:
    """Every sheet as a grid of values (cached values of formulas; blank where none is cached)."""
    check_archive(path)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True, read_only=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds for broken parts; all mean the same here
        raise ImportFailed(f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿（{type(exc).__name__}）") from exc
    grids = []
    total = 0
    for sheet in book.worksheets:
        total += (sheet.max_row or 0) * (sheet.max_column or 0)
        if total > MAX_CELLS:
            raise ImportFailed(f"“{path.name}”的单元格过多，已拒绝")
        cells: dict[tuple[int, int], object] = {}
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or value == "":
                    continue
                cells[(cell.row - 1, cell.column - 1)] = value
        grids.append(CellGrid(sheet.title, cells))
    return grids
