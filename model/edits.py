"""Edits: the only way a document changes. Every source (grid, paste, import, CLI) builds these."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.cellref import CellRef
from model.prior import PriorYear
from model.rules import RuleResult
from model.values import Value


@dataclass(frozen=True)
class SetCell:
    """Put a value (or blank: None) into an input cell."""

    ref: CellRef
    value: Value


@dataclass(frozen=True)
class SetText:
    """Replace the text of a text section."""

    section: str
    text: str


@dataclass(frozen=True)
class SetMeta:
    """Change the agency and/or the year of the report."""

    agency: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class SetPrior:
    """Link last year's report (or unlink with None); cross-year rules follow it."""

    prior: PriorYear | None


@dataclass(frozen=True)
class SetReview:
    """Mark a section as a draft to review (roll-forward) or clear the mark."""

    section: str
    pending: bool


@dataclass(frozen=True)
class SetPrinted:
    """Keep the total a source printed for a computed cell (``value``), or drop it (None) once the
    user accepts the computed total. While it differs from the computed total, check reports it."""

    ref: CellRef
    value: Value


Edit = SetCell | SetText | SetMeta | SetPrior | SetReview | SetPrinted


@dataclass
class ChangeSet:
    """What one applied batch changed, so a view refreshes only that; ``undo`` reverts it."""

    cells: dict[CellRef, Value] = field(default_factory=dict)  # inputs and totals, new values
    texts: set[str] = field(default_factory=set)
    meta: bool = False
    prior: bool = False
    review: set[str] = field(default_factory=set)
    printed: set[CellRef] = field(default_factory=set)  # totals whose printed value was kept or dropped
    rules: dict[str, RuleResult | None] = field(default_factory=dict)  # instance key -> new result
    undo: tuple[Edit, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.meta or self.prior or self.review or self.printed)
