"""Random valid units' reports for the 汇总 benchmark and tests: every rule holds, every cell filled."""

from __future__ import annotations

import random
from decimal import Decimal

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetText
from model.template import load_template
from model.values import CellKind

TEXTS = {
    "s1": "{year}年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请{new}件。",
    "s5": "{year}年政府信息公开工作仍存在公开内容不够全面、解读形式较为单一等问题，下一步将加强培训、完善制度。",
    "s6": "本年度未收取信息处理费。",
}


def random_unit(template_id: str, year: int, agency: str, rng: random.Random) -> Document:
    """A report whose figures are random but consistent (table 三 balances, every cell filled)."""
    template = load_template(template_id)
    document = Document(template, agency, year)
    edits: list = []
    table3 = template.table("3")
    first = table3.column_leaves[0].id
    outcomes = [
        r.id
        for r in table3.row_leaves
        if r.id not in ("new", "carried", "carryover") and CellRef("3", r.id, first) not in table3.formulas
    ]
    for ref in template.input_cells():
        if ref.table == "3":
            continue
        kind = template.kind_of(ref)
        if kind is CellKind.AMOUNT:
            edits.append(SetCell(ref, Decimal(rng.randrange(0, 1000)) / 100))
        else:
            edits.append(SetCell(ref, rng.randrange(0, 30)))
    new_total = 0
    for column in table3.column_leaves:
        if CellRef("3", "new", column.id) in table3.formulas:
            continue
        new, carried = rng.randrange(0, 20), rng.randrange(0, 3)
        new_total += new
        share = dict.fromkeys(outcomes, 0)
        remaining = new + carried
        carryover = rng.randrange(0, remaining + 1) if remaining else 0
        remaining -= carryover
        while remaining:
            share[rng.choice(outcomes)] += 1
            remaining -= 1
        edits.append(SetCell(CellRef("3", "new", column.id), new))
        edits.append(SetCell(CellRef("3", "carried", column.id), carried))
        edits.append(SetCell(CellRef("3", "carryover", column.id), carryover))
        edits.extend(SetCell(CellRef("3", row, column.id), value) for row, value in share.items())
    for section, text in TEXTS.items():
        edits.append(SetText(section, text.format(year=year, new=new_total)))
    document.apply(edits)
    return document
