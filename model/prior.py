"""Last year's report as far as this year's rules need it."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.cellref import CellRef
from model.values import Value


@dataclass(frozen=True)
class PriorYear:
    """Last year's values (inputs and totals), keyed by cell ids shared between layouts.

    A cell absent from ``values`` had no place in last year's layout; a cell present with None was
    left blank.
    """

    template_id: str
    year: int
    agency: str
    values: dict[CellRef, Value] = field(hash=False)
