"""The template's consistency rules (勾稽关系 and checks), expanded into instances and evaluated.

A rule in the template (:class:`RuleSpec`) is expanded once per document shape into
:class:`RuleInstance` objects, e.g. R1 once per column of table 三. Each instance knows what it
depends on, so an edit re-evaluates only the instances that read the edited cells.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from model.cellref import CellRef
from model.origin import Origin
from model.place_names import leaf_label, table_name
from model.template import Leaf, RuleSpec, Section, Table, Template
from model.values import CellKind, Value, format_value

ERROR = "error"
WARNING = "warning"
META_YEAR = "meta:year"
PRIOR = "prior"


@dataclass(frozen=True)
class Term:
    """One addend of a rule side: a cell of this year's report or of last year's."""

    ref: CellRef
    sign: int = 1
    prior: bool = False


@dataclass(frozen=True)
class RuleInstance:
    """A rule applied to one place (a column, a row, a table, a section)."""

    spec: RuleSpec
    key: str
    label: str
    table: str | None
    left: tuple[Term, ...] = ()
    right: tuple[Term, ...] = ()
    cells: tuple[CellRef, ...] = ()  # this year's cells involved: what a view marks
    section: str | None = None

    def dependencies(self) -> set[Hashable]:
        deps: set[Hashable] = set(self.cells)
        if any(t.prior for t in (*self.left, *self.right)):
            deps.add(PRIOR)
        if self.section:
            deps.add("text:" + self.section)
            deps.add("review:" + self.section)
        if self.spec.kind in ("layout_years", "text_years"):
            deps.add(META_YEAR)
        if self.spec.kind == "prior_same":
            deps.add(PRIOR)
        return deps


@dataclass(frozen=True)
class RuleResult:
    """A failing rule: which rule, how bad, where, and the message with the real numbers."""

    rule: str
    key: str
    severity: str
    message: str
    cells: tuple[CellRef, ...]
    section: str | None = None  # the text section the result is about, if any


@dataclass(frozen=True)
class RuleContext:
    """What rules read: this year's values (inputs and totals), texts, year, last year's values."""

    template: Template
    value: Callable[[CellRef], Value]
    text: Callable[[str], str]
    year: int
    prior: Mapping[CellRef, Value] | None  # last year's cells by this layout's ids; absent = no place
    draft: Callable[[str], bool] = lambda section: False  # text carried from last year, not yet reviewed
    origin: Origin = field(default_factory=Origin)  # units summed, headings as imported
    printed: Callable[[CellRef], Value] = lambda ref: None  # a total as the imported source printed it


def expand_rules(template: Template) -> list[RuleInstance]:
    """All rule instances of a template, in the template's rule order."""
    instances: list[RuleInstance] = []
    for spec in template.rules:
        expander = _EXPANDERS.get(spec.kind)
        if expander is None:
            continue  # a rule kind from a newer version: ignored rather than failing the report
        instances.extend(expander(template, spec))
    return instances


def evaluate(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    """The result of one instance, or None when it holds (or cannot apply)."""
    return _EVALUATORS[instance.spec.kind](instance, context)


def _table_ids(spec: RuleSpec) -> list[str]:
    data = spec.data
    return list(data["tables"]) if "tables" in data else [data["table"]]


def _expand_sums(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    instances = []
    for table_id in _table_ids(spec):
        table = template.table(table_id)
        per_column = spec.data["for_each"] == "column"
        places = table.column_leaves if per_column else table.row_leaves
        for place in places:

            def term(item: dict, place: Leaf = place, table: Table = table, per_column: bool = per_column) -> Term:
                if per_column:
                    ref = CellRef(table.id, item["row"], place.id)
                else:
                    ref = CellRef(table.id, place.id, item["column"])
                return Term(ref, int(item.get("sign", 1)), item.get("year") == "prior")

            left = tuple(term(i) for i in spec.data["left"])
            right = tuple(term(i) for i in spec.data["right"])
            terms = (*left, *right)
            if not all(template.has_cell(t.ref) for t in terms if not t.prior):
                continue
            cells = tuple(dict.fromkeys(t.ref for t in terms if not t.prior))
            label = leaf_label(place, places)
            instances.append(
                RuleInstance(spec, f"{spec.id}:{table.id}/{place.id}", label, table.id, left, right, cells)
            )
    return instances


def _expand_blank(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    inputs = template.input_cells()
    return [
        RuleInstance(
            spec,
            f"{spec.id}:{table.id}",
            table.title,
            table.id,
            cells=tuple(ref for ref in inputs if ref.table == table.id),
        )
        for table in template.tables.values()
    ]


def _expand_text_number(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    data = spec.data
    # One cell, or "cells": several whose sum the text quotes (行政诉讼 = 未经复议直接起诉 + 复议后起诉).
    places = data.get("cells") or [data]
    refs = tuple(CellRef(p.get("table", data.get("table")), p["row"], p["column"]) for p in places)
    if not all(template.has_cell(ref) for ref in refs):
        return []
    return [RuleInstance(spec, spec.id, "", refs[0].table, cells=refs, section=data["section"])]


def _expand_text(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    return [RuleInstance(spec, spec.id, "", None, section=spec.data["section"])]


def _expand_swing(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    instances = []
    for table_id in _table_ids(spec):
        table = template.table(table_id)
        for ref in table.cells():
            if template.kind_of(ref) is CellKind.SIGNED:
                continue  # a change of a change says nothing
            row, column = table.row(ref.row), table.column(ref.column)
            parts = [table.heading] if table.heading else []
            label = "·".join([*parts, *row.path[-1:], leaf_label(column, table.column_leaves)])
            instances.append(
                RuleInstance(
                    spec, f"{spec.id}:{ref.key()}", label, table.id, (Term(ref),), (Term(ref, prior=True),), (ref,)
                )
            )
    return instances


def _expand_meta(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    return [RuleInstance(spec, spec.id, "", None)]


def _side(terms: tuple[Term, ...], context: RuleContext) -> tuple[Value, bool]:
    """Sum of a side and whether any of its cells holds a value. None sum = not applicable.

    A total whose printed value was kept (and not yet accepted) counts as printed: a message then
    quotes the numbers of the report as published, and a relation that holds as printed is left to
    the printed-total rule, which points at the total that is wrong as printed."""
    total: int | Decimal = 0
    filled = False
    for term in terms:
        if term.prior:
            if context.prior is None or term.ref not in context.prior:
                return None, False
            value = context.prior[term.ref]
        else:
            printed = context.printed(term.ref)
            value = printed if printed is not None else context.value(term.ref)
        if value is not None:
            filled = True
            total += term.sign * value
    return total, filled


def _kind_for(instance: RuleInstance, context: RuleContext) -> CellKind:
    kind = context.template.kind_of(instance.left[0].ref)
    return CellKind.SIGNED if kind is CellKind.SIGNED else kind


def _eval_compare(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    left, left_filled = _side(instance.left, context)
    right, right_filled = _side(instance.right, context)
    if left is None or right is None or not (left_filled or right_filled):
        return None
    holds = left == right if instance.spec.kind == "equal" else left <= right
    if holds:
        return None
    kind = _kind_for(instance, context)
    shown = CellKind.COUNT if kind is CellKind.SIGNED else kind
    difference: Value = abs(left - right)  # type: ignore[operator,assignment]  # a rule never mixes int and Decimal
    message = instance.spec.message.format(
        label=instance.label,
        left=format_value(left, shown) if left >= 0 else str(left),
        right=format_value(right, shown) if right >= 0 else str(right),
        diff=format_value(difference, shown),
    )
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, instance.cells)


def _eval_swing(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    ref = instance.cells[0]
    if context.prior is None or ref not in context.prior:
        return None
    now, before = context.value(ref), context.prior[ref]
    if now is None or before is None:
        return None
    factor, minimum = instance.spec.data["factor"], instance.spec.data["minimum"]
    if max(now, before) < minimum or min(now, before) * factor >= max(now, before):
        return None
    kind = context.template.kind_of(ref)
    message = instance.spec.message.format(
        label=instance.label, value=format_value(now, kind), prior=format_value(before, kind)
    )
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, instance.cells)


def _eval_blank(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    blanks = tuple(ref for ref in instance.cells if context.value(ref) is None)
    if not blanks:
        return None
    message = instance.spec.message.format(table=instance.label, count=len(blanks))
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, blanks)


def _eval_text_number(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    assert instance.section is not None
    text = context.text(instance.section)
    value = sum_of(context.value(ref) for ref in instance.cells)
    for pattern in instance.spec.data["patterns"]:
        for match in re.finditer(pattern, text):
            if value is None or int(match.group(1)) != value:
                quote = " ".join(match.group(0).split())  # a quote wrapped over lines reads as one
                message = instance.spec.message.format(quote=quote, value="空白" if value is None else value)
                return RuleResult(
                    instance.spec.id, instance.key, instance.spec.severity, message, instance.cells, instance.section
                )
    return None


def sum_of(values: Iterable[Value]) -> Value:
    """Sum of the values given; None when every one is blank."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None  # type: ignore[return-value]


def _eval_text_contains(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    assert instance.section is not None
    text = context.text(instance.section)
    if any(word in text for word in instance.spec.data["any"]):
        return None
    spec = instance.spec
    return RuleResult(spec.id, instance.key, spec.severity, spec.message, (), instance.section)


def _per_section(spec: RuleSpec, sections: list[Section]) -> list[RuleInstance]:
    return [RuleInstance(spec, f"{spec.id}:{s.id}", s.title, None, section=s.id) for s in sections]


def _expand_text_blank(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    return _per_section(spec, template.text_sections())


def _expand_text_draft(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    return _per_section(spec, template.editable_texts())


def _section_result(instance: RuleInstance) -> RuleResult:
    message = instance.spec.message.format(section=instance.label)
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, (), instance.section)


def _eval_text_draft(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    assert instance.section is not None
    return _section_result(instance) if context.draft(instance.section) else None


def _eval_text_blank(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    assert instance.section is not None
    return None if context.text(instance.section).strip() else _section_result(instance)


def _eval_layout_years(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    template = context.template
    if template.covers_year(context.year):
        return None
    span = f"{template.year_from}—{template.year_to}" if template.year_to else f"{template.year_from}年及以后"
    message = instance.spec.message.format(template=template.name, range=span, year=context.year)
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, ())


# --- checks reviewers apply to published reports ---------------------------------------------------

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_QUOTE_END = re.compile(r"[^，。；：、,;:\n]{0,14}")


def _expand_texts(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    wanted = spec.data.get("sections")
    sections = [s for s in template.editable_texts() if wanted is None or s.id in wanted]
    return _per_section(spec, sections)


def _eval_text_years(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    assert instance.section is not None
    text = context.text(instance.section)
    if not text:
        return None
    data = instance.spec.data
    allowed = {context.year + offset for offset in data.get("allowed", [-1, 0])}
    allowed.update(context.year + offset for offset in data.get("allowed_in", {}).get(instance.section, []))
    ignored = [m.span() for pattern in data.get("ignore", []) for m in re.finditer(pattern, text)]
    odd = [
        m
        for m in _YEAR.finditer(text)
        if int(m.group(1)) not in allowed and not any(a <= m.start() < b for a, b in ignored)
    ]
    if not odd:
        return None
    first = odd[0]
    quote_match = _QUOTE_END.match(text, first.start())
    quote = quote_match.group(0) if quote_match else first.group(0)
    message = instance.spec.message.format(
        section=instance.label,
        quote=" ".join(quote.split()),
        more=f"等{len(odd)}处" if len(odd) > 1 else "",
        year=context.year,
    )
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, (), instance.section)


def _eval_text_short(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    assert instance.section is not None
    content = "".join(context.text(instance.section).split())
    if not content or len(content) >= int(instance.spec.data["min_chars"]):
        return None  # an empty section is B2's
    message = instance.spec.message.format(section=instance.label, quote=content, count=len(content))
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, (), instance.section)


def _expand_all_inputs(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    wanted = spec.data.get("tables")
    cells = tuple(ref for ref in template.input_cells() if wanted is None or ref.table in wanted)
    return [RuleInstance(spec, spec.id, "", None, cells=cells)]


def _eval_prior_same(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    prior = context.prior
    if prior is None:
        return None
    compared = [ref for ref in instance.cells if ref in prior]
    now = [context.value(ref) for ref in compared]
    if not any(now) or any(value != prior[ref] for ref, value in zip(compared, now, strict=True)):
        return None  # nothing reported (all blank or 0) is no sign of copying
    message = instance.spec.message.format(count=sum(v is not None for v in now))
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, ())


def _expand_cells(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    instances = []
    for ref in template.input_cells():
        table = template.table(ref.table)
        row, column = table.row(ref.row), table.column(ref.column)
        parts = [table.heading or "表" + table.title.split("、")[0]]
        label = "·".join([*parts, *row.path[-1:], leaf_label(column, table.column_leaves)])
        instances.append(RuleInstance(spec, f"{spec.id}:{ref.key()}", label, table.id, cells=(ref,)))
    return instances


def _eval_unit_gaps(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    units = context.origin.gaps.get(instance.cells[0])
    if not units:
        return None
    shown = int(instance.spec.data.get("names_shown", 5))
    names = "、".join(units[:shown]) + ("等" if len(units) > shown else "")
    message = instance.spec.message.format(label=instance.label, count=len(units), units=names)
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, instance.cells)


_HEADING = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．,，]\s*(.+)$")


def _heading_body(text: str) -> str:
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    match = _HEADING.match(folded)
    return (match.group(2) if match else folded).rstrip("。.:：")


def _eval_heading_order(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    sections = context.template.numbered_sections()
    names = [
        (index, section, [_heading_body(n) for n in (section.title, *section.aliases)])
        for index, section in enumerate(sections)
    ]
    problems: list[str] = []
    last: tuple[int, str] | None = None
    for printed in context.origin.headings:
        match = _HEADING.match("".join(unicodedata.normalize("NFKC", printed).split()))
        if match is None:
            continue
        body = _heading_body(printed)
        found = next(
            (
                (index, section)
                for index, section, bodies in names
                if any(body == b or (len(body) >= 6 and (b.startswith(body) or body.startswith(b))) for b in bodies)
            ),
            None,
        )
        if found is None:
            continue
        index, section = found
        shown = " ".join(printed.split())
        expected = _HEADING.match(section.title)
        if expected is not None and match.group(1) != expected.group(1):
            problems.append(f"“{shown}”应为第{expected.group(1)}部分")
        # The section under way named again (a paragraph opening with its words, a heading repeated
        # atop a page) is no disorder; only an earlier section after a later one is.
        if last is not None and index < last[0]:
            problems.append(f"“{shown}”排在“{last[1]}”之后")
        if last is None or index > last[0]:
            last = (index, shown)
    if not problems:
        return None
    message = instance.spec.message.format(problems="；".join(problems))
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, ())


def _expand_printed_total(template: Template, spec: RuleSpec) -> list[RuleInstance]:
    instances = []
    for table in template.tables.values():
        for ref in table.formulas:
            row, column = table.row(ref.row), table.column(ref.column)
            parts = [*row.path[-2:], leaf_label(column, table.column_leaves)]
            label = table_name(table) + "·" + "·".join(p for p in parts if p)
            instances.append(RuleInstance(spec, f"{spec.id}:{ref.key()}", label, table.id, cells=(ref,)))
    return instances


def _eval_printed_total(instance: RuleInstance, context: RuleContext) -> RuleResult | None:
    ref = instance.cells[0]
    printed = context.printed(ref)
    if printed is None:
        return None
    computed = context.value(ref)
    if printed == (computed if computed is not None else 0):
        return None
    kind = context.template.kind_of(ref)
    shown = CellKind.COUNT if kind is CellKind.SIGNED else kind
    difference: Value = abs(printed - (computed or 0))  # type: ignore[operator,assignment]
    message = instance.spec.message.format(
        label=instance.label,
        printed=format_value(printed, shown),
        computed=format_value(computed, shown) or "空白",
        diff=format_value(difference, shown),
    )
    return RuleResult(instance.spec.id, instance.key, instance.spec.severity, message, instance.cells)


_EXPANDERS: dict[str, Callable[[Template, RuleSpec], list[RuleInstance]]] = {
    "equal": _expand_sums,
    "at_most": _expand_sums,
    "blank": _expand_blank,
    "text_number": _expand_text_number,
    "text_contains": _expand_text,
    "text_blank": _expand_text_blank,
    "text_draft": _expand_text_draft,
    "layout_years": _expand_meta,
    "swing": _expand_swing,
    "text_years": _expand_texts,
    "text_short": _expand_texts,
    "prior_same": _expand_all_inputs,
    "unit_gaps": _expand_cells,
    "heading_order": _expand_meta,
    "printed_total": _expand_printed_total,
}

_EVALUATORS: dict[str, Callable[[RuleInstance, RuleContext], RuleResult | None]] = {
    "equal": _eval_compare,
    "at_most": _eval_compare,
    "blank": _eval_blank,
    "text_number": _eval_text_number,
    "text_contains": _eval_text_contains,
    "text_blank": _eval_text_blank,
    "text_draft": _eval_text_draft,
    "layout_years": _eval_layout_years,
    "swing": _eval_swing,
    "text_years": _eval_text_years,
    "text_short": _eval_text_short,
    "prior_same": _eval_prior_same,
    "unit_gaps": _eval_unit_gaps,
    "heading_order": _eval_heading_order,
    "printed_total": _eval_printed_total,
}
