"""``set FILE --accept-totals`` / ``--accept-total 表/行/列``: the computed totals replace the totals
an imported report printed (kept until then, and reported by check)."""

from __future__ import annotations

from model.cellref import CellRef
from model.document import Document
from model.edits import SetPrinted
from model.errors import NianbaoError


class NothingToAccept(NianbaoError):
    """The cell named keeps no printed total."""


def accept_edits(document: Document, every: bool, keys: list[str]) -> list[SetPrinted]:
    """Edits dropping the printed totals asked for; a cell that keeps none is an error naming it."""
    if every:
        return document.accept_totals()
    refs = []
    for key in keys:
        try:
            ref = CellRef.from_key(key.strip())
        except ValueError:
            raise NothingToAccept(f"单元格地址“{key}”无效，应写作 表/行/列，如 4/cases/rc_total") from None
        if document.printed(ref) is None:
            kept = "、".join(r.key() for r in document.printed_totals()) or "没有"
            raise NothingToAccept(f"“{key}”没有保留印出的合计（保留印出合计的单元格：{kept}）")
        refs.append(ref)
    return document.accept_totals(refs)
