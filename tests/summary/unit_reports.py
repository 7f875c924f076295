"""Units' reports for the 汇总/审核 tests, written to files the way units send them."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.units import random_unit
from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell
from model.fileformat import save_report

FEE = CellRef("2_8", "fees", "fee_amount")
NEW_NATURAL = CellRef("3", "new", "natural")
ISSUED = CellRef("2_1", "rules", "issued")  # a cell no rule ties to another


def write_units(folder: Path, count: int, *, template: str = "2021", year: int = 2024, seed: int = 7) -> list[Path]:
    """``count`` clean, fully filled units' reports in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        path = folder / f"unit{i:03}.nianbao"
        save_report(random_unit(template, year, f"测试单位{i:03}", rng), path)
        paths.append(path)
    return paths


def unit(agency: str, values: dict[CellRef, object], *, template: str = "2021", year: int = 2024) -> Document:
    """A blank report with only ``values`` filled."""
    document = Document.new(template, year, agency)
    document.apply([SetCell(ref, Decimal(v) if isinstance(v, str) else v) for ref, v in values.items()])
    return document
