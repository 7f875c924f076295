"""汇总: many units' reports of one template and year summed, cell by cell, into one report.

Every input cell of the total is the sum over the units; a cell blank in every unit stays blank, a
cell blank in some units is the sum of the rest, and the total remembers which units left it blank
(its rule U1 names them). Amounts are ``Decimal`` and add exactly. Totals and rules of the summed
report hold by construction, because its totals are recomputed from the summed inputs. A total
carries its units, so it can be summed again one level up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from model.cellref import CellRef
from model.document import Document
from model.errors import NianbaoError
from model.origin import Origin
from model.prior import PriorYear
from model.rules import RuleResult
from model.template import Template
from model.values import Value, format_value

NAMES_IN_MESSAGE = 5


class UnitsMismatch(NianbaoError):
    """The units cannot be summed together (other template or year, the same agency twice)."""


@dataclass(frozen=True)
class Unit:
    """What a sum needs of one unit's report; the report itself can then be let go (3,000 of them)."""

    source: str  # where it came from (a file name), for messages
    agency: str
    template: Template
    year: int
    inputs: Mapping[CellRef, Value]
    gaps: Mapping[CellRef, tuple[str, ...]]  # the unit is itself a total: its units that left cells blank
    prior: PriorYear | None
    errors: tuple[RuleResult, ...]
    warnings: tuple[RuleResult, ...]
    kind: str = ""  # the kind of file it came from
    members: tuple[str, ...] = ()  # the unit is itself a total: the units summed into it

    @classmethod
    def of(cls, source: str, document: Document, kind: str = "") -> Unit:
        """Take what the sum needs from a report."""
        return cls(
            source,
            document.agency,
            document.template,
            document.year,
            document.inputs(),
            document.origin.gaps,
            document.prior,
            tuple(document.errors()),
            tuple(document.warnings()),
            kind,
            document.origin.units,
        )


@dataclass(frozen=True)
class Difference:
    """A cell where a published area report and the sum of its units disagree."""

    ref: CellRef
    label: str
    summed: Value
    reported: Value

    def describe(self, document: Document) -> str:
        """One line: where, and both values as the report prints them."""
        kind = document.kind(self.ref)
        summed = format_value(self.summed, kind) or "空白"
        reported = format_value(self.reported, kind) or "空白"
        return f"{self.label}：各单位合计{summed}，报告为{reported}"


def _what(document: Document | Unit) -> str:
    return f"{document.template.name}、{document.year}年度"


def _names(items: Sequence[str]) -> str:
    shown = "、".join(items[:NAMES_IN_MESSAGE])
    return shown + (f"等{len(items)}个" if len(items) > NAMES_IN_MESSAGE else "")


def check_units(units: Sequence[Unit], describe: Callable[[str], str] = str) -> None:
    """Refuse units that cannot be summed: one template and one year, each agency once.

    ``describe`` names a unit's source in the message (the GUI shows file names, the CLI full paths).
    """
    if not units:
        raise UnitsMismatch("没有可汇总的报告")
    shapes = Counter((u.template.id, u.year) for u in units)
    if len(shapes) > 1:
        common, _ = shapes.most_common(1)[0]
        first = next(u for u in units if (u.template.id, u.year) == common)
        groups: dict[tuple[str, int], list[Unit]] = {}
        for u in units:
            if (u.template.id, u.year) != common:
                groups.setdefault((u.template.id, u.year), []).append(u)
        # Grouped by layout and year: the long layout name once per group, not once per file.
        odd = "；".join(f"{_what(g[0])}：{_names([describe(u.source) for u in g])}" for g in groups.values())
        raise UnitsMismatch(
            f"各报告的格式和年度必须相同：多数为{_what(first)}（{shapes[common]}个），不同的有 {odd}；未生成汇总报告"
        )
    seen: dict[str, Unit] = {}
    for unit in units:
        other = seen.get(unit.agency)
        if other is not None:
            raise UnitsMismatch(
                f"“{unit.agency}”的报告出现了两次：{describe(other.source)} 和 {describe(unit.source)}；未生成汇总报告"
            )
        seen[unit.agency] = unit
    for unit in units:
        twice = [describe(seen[name].source) for name in unit.members if name in seen]
        if twice:
            raise UnitsMismatch(
                f"{describe(unit.source)} 是“{unit.agency}”的汇总报告，其中已含 {_names(twice)} 的数字，"
                "同时输入会重复计算；未生成汇总报告"
            )


def default_agency(count: int) -> str:
    """The name of a total nobody named: it says what it is."""
    return f"{count}个单位汇总"


def aggregate(units: Sequence[Unit], *, agency: str | None = None, describe: Callable[[str], str] = str) -> Document:
    """The sum of the units' reports as a new report (texts empty for the office to write).

    ``describe`` names a unit's source in a refusal (see :func:`check_units`).
    """
    check_units(units, describe)
    template = units[0].template
    year = units[0].year
    names = [u.agency for u in units]
    values: dict[CellRef, Value] = {}
    gaps: dict[CellRef, tuple[str, ...]] = {}
    for ref in template.input_cells():
        total: Value = None
        blank: list[str] = []
        for name, unit in zip(names, units, strict=True):
            value = unit.inputs.get(ref)
            if value is None:
                blank.append(name)
                continue
            total = value if total is None else total + value
            # A unit that is itself a total passes on which of its own units left the cell blank.
            blank.extend(f"{name}／{inner}" for inner in unit.gaps.get(ref, ()))
        if total is not None:
            values[ref] = total
            if blank:
                gaps[ref] = tuple(blank)
    return Document(
        template,
        agency or default_agency(len(units)),
        year,
        values,
        prior=_summed_prior(units),
        origin=Origin(units=tuple(names), gaps=gaps),
    )


def _summed_prior(units: Sequence[Unit]) -> PriorYear | None:
    """Last year's total, when every unit has last year linked in one layout (so Y1 checks the total)."""
    priors = [u.prior for u in units]
    if any(p is None for p in priors):
        return None
    if len({(p.template_id, p.year) for p in priors if p is not None}) != 1:
        return None
    first = priors[0]
    assert first is not None
    values: dict[CellRef, Value] = {}
    for prior in priors:
        assert prior is not None
        for ref, value in prior.values.items():
            before = values.get(ref)
            values[ref] = value if before is None else before if value is None else before + value
    return PriorYear(first.template_id, first.year, first.agency, values)


def cell_label(template: Template, ref: CellRef) -> str:
    """A cell named as printed: table, row labels, column labels."""
    table = template.table(ref.table)
    place = [table.heading] if table.heading else ["表" + table.title.split("、")[0]]
    return "·".join([*place, *table.row(ref.row).path, *table.column(ref.column).path])


def compare(summed: Document, reported: Document) -> list[Difference]:
    """Every cell (inputs and totals) where a published report differs from the sum of its units.

    A blank cell compares as 0: a report that prints 0 where no unit wrote anything agrees with them.
    """
    if (summed.template.id, summed.year) != (reported.template.id, reported.year):
        raise UnitsMismatch(
            f"用于核对的报告（{_what(reported)}）与各单位的报告（{_what(summed)}）格式或年度不同，无法核对"
        )
    differences = []
    for table in summed.template.tables.values():
        for ref in table.cells():
            a, b = summed.value(ref), reported.value(ref)
            if (a or 0) != (b or 0):
                differences.append(Difference(ref, cell_label(summed.template, ref), a, b))
    return differences
