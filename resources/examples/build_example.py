"""Rebuild ``qianjiang-cgj-2020.nianbao`` from the published 2020 report, through the model API.

The numbers and texts are those of 重庆市黔江区城市管理局2020年政府信息公开工作年度报告 as published
(see ``shared/domain/seed-2020-qianjiang-cgj.txt``). Run: ``python -m resources.examples.build_example``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetText
from model.fileformat import save_report

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "qianjiang-cgj-2020.nianbao"
TEXTS = HERE / "qianjiang-cgj-2020"

SECTION_TWO = {
    ("2_1", "rules"): {"made": 0, "published": 0, "total_public": 0},
    ("2_1", "normative"): {"made": 0, "published": 0, "total_public": 4},
    ("2_5", "license"): {"prev_items": 15, "delta": 2, "decisions": 52},
    ("2_5", "other_services"): {"prev_items": 24, "delta": 0, "decisions": 0},
    ("2_6", "punish"): {"prev_items": 146, "delta": -16, "decisions": 123},
    ("2_6", "enforce"): {"prev_items": 3, "delta": 0, "decisions": 0},
    ("2_8", "fees"): {"prev_items": 2, "delta": 0},
    ("2_9", "procurement"): {"purchase_count": 4, "purchase_amount": Decimal("3829.46")},
}


def build() -> Document:
    """The example report; every table 三 and 四 cell is 0 as published."""
    document = Document.new("2019", 2020, "重庆市黔江区城市管理局")
    edits: list[SetCell | SetText] = []
    for (table, row), columns in SECTION_TWO.items():
        edits.extend(SetCell(CellRef(table, row, column), value) for column, value in columns.items())
    edits.extend(SetCell(ref, 0) for ref in document.template.input_cells() if ref.table in ("3", "4"))
    for section in document.template.editable_texts():
        edits.append(SetText(section.id, (TEXTS / f"{section.id}.txt").read_text(encoding="utf-8").strip()))
    document.apply(edits)
    return document


if __name__ == "__main__":
    save_report(build(), EXAMPLE)
    print(EXAMPLE)
