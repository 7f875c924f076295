"""The live report document: values, texts, totals kept current, rule results kept current.

Every change goes through :meth:`Document.apply` with a batch of edits (see :mod:`model.edits`).
A batch is validated as a whole before anything changes, applied as one step, and answered with a
:class:`ChangeSet` naming what changed and the edits that undo it.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from model.cellref import CellRef
from model.edits import ChangeSet, Edit, SetCell, SetMeta, SetPrinted, SetPrior, SetReview, SetText
from model.engine import DependencyGraph, compute_all, filled_counts
from model.errors import InvalidValue, NotEditable
from model.origin import Origin
from model.prior import PriorYear
from model.rules import ERROR, META_YEAR, PRIOR, RuleContext, RuleInstance, RuleResult, evaluate, expand_rules
from model.storable_text import describe, first_bidi_control, first_unstorable
from model.template import Template, load_template
from model.values import CellKind, Value, check_value, parse_value

YEAR_MIN, YEAR_MAX = 2008, 2100  # the 条例 took effect in 2008
AGENCY_MAX = 100
TEXT_MAX = 200_000


@dataclass(frozen=True)
class _Shape:
    """What depends only on the template: the total graph and the rule instances with their index."""

    graph: DependencyGraph
    instances: tuple[RuleInstance, ...]
    by_dependency: Mapping[Hashable, tuple[RuleInstance, ...]]
    input_kinds: Mapping[CellRef, CellKind]  # every cell a value may be typed into, with its kind


@cache
def _shape(template: Template) -> _Shape:
    instances = tuple(expand_rules(template))
    index: dict[Hashable, list[RuleInstance]] = {}
    for instance in instances:
        for dependency in instance.dependencies():
            index.setdefault(dependency, []).append(instance)
    return _Shape(
        DependencyGraph.build(template.formulas()),
        instances,
        {k: tuple(v) for k, v in index.items()},
        {ref: template.kind_of(ref) for ref in template.input_cells()},
    )


def check_agency(agency: str) -> str:
    """Validate and tidy an agency name."""
    if not isinstance(agency, str):
        raise InvalidValue("机关名称应为文字")
    cleaned = " ".join(agency.split())  # line breaks and tabs from a paste are spaces
    bad = first_unstorable(cleaned)
    if bad is not None:
        raise InvalidValue(f"机关名称含有无法保存的字符（{describe(bad)}），请删除后再试")
    bidi = first_bidi_control(cleaned)
    if bidi is not None:
        raise InvalidValue(f"机关名称含有改变文字方向的控制字符（{describe(bidi)}），请删除后再试")
    if not cleaned:
        raise InvalidValue("机关名称不能为空")
    if len(cleaned) > AGENCY_MAX:
        raise InvalidValue(f"机关名称过长（最多{AGENCY_MAX}个字）")
    return cleaned


def check_year(year: object) -> int:
    """Validate a report year."""
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise InvalidValue(f"年度“{year}”无效（应为{YEAR_MIN}—{YEAR_MAX}之间的年份）")
    return year


# Every C0 control character but line feed and tab, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def check_text(text: str) -> str:
    """Texts are kept exactly as typed, as long as they can be stored as UTF-8."""
    if not isinstance(text, str):
        raise InvalidValue("正文必须是文字")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows line ends are line ends
    if len(text) > TEXT_MAX:
        raise InvalidValue(f"正文过长（最多{TEXT_MAX}字）")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidValue("正文含有无法保存的字符") from exc
    bad = _CONTROL.search(text)
    if bad is not None:
        # Control characters cannot live in Excel or PDF text; refuse rather than lose them later.
        raise InvalidValue(f"正文含有不可见的控制字符（U+{ord(bad.group()):04X}），请删除后再试")
    bad_char = first_unstorable(text)
    if bad_char is not None:  # C1 controls and noncharacters: Word and LibreOffice refuse a file with them
        raise InvalidValue(f"正文含有无法保存的字符（{describe(bad_char)}），请删除后再试")
    return text


def _same_total(printed: Value, computed: Value) -> bool:
    """A printed total agrees with the computed one; a printed 0 over blank parts agrees too."""
    return printed == (computed if computed is not None else 0)


class Document:
    """One report being edited. Not thread-safe; owned by one window or one CLI command."""

    def __init__(
        self,
        template: Template,
        agency: str,
        year: int,
        inputs: Mapping[CellRef, Value] | None = None,
        texts: Mapping[str, str] | None = None,
        prior: PriorYear | None = None,
        review: Iterable[str] = (),
        origin: Origin | None = None,
        printed: Mapping[CellRef, Value] | None = None,
    ) -> None:
        self.template = template
        self._origin = origin or Origin()
        self._shape = _shape(template)
        self._agency = check_agency(agency)
        self._year = check_year(year)
        self._prior = prior
        self._texts = {s.id: "" for s in template.editable_texts()}
        for section_id, text in (texts or {}).items():
            self._check_section(section_id)
            self._texts[section_id] = check_text(text)
        self._review = {s for s in review if s in self._texts}
        self._values: dict[CellRef, Value] = {}
        kinds = self._shape.input_kinds
        limits = {"count_max": template.count_max, "amount_max": template.amount_max}
        for ref, value in (inputs or {}).items():
            # The per-template kind table: opening 3,000 reports for 汇总 must not look each cell up twice.
            kind = kinds.get(ref)
            if kind is None:
                self._check_input_cell(ref)  # a total, a cell that does not apply, or no such cell: refused
                kind = self.kind(ref)
            self._store(ref, check_value(value, kind, **limits))
        self._printed: dict[CellRef, Value] = {}
        for ref, value in (printed or {}).items():
            checked = self._validated(SetPrinted(ref, value))
            assert isinstance(checked, SetPrinted)
            if checked.value is not None:
                self._printed[ref] = checked.value
        self._values.update(compute_all(self._shape.graph, self._values))
        self._filled = filled_counts(self._shape.graph, self._values)
        self._results: dict[str, RuleResult] = {}
        context = self._context()
        for instance in self._shape.instances:
            result = evaluate(instance, context)
            if result is not None:
                self._results[instance.key] = result

    @classmethod
    def new(cls, template_id: str, year: int, agency: str) -> Document:
        """A blank report of a template."""
        return cls(load_template(template_id), agency, year)

    # --- reading -------------------------------------------------------------------------------

    @property
    def agency(self) -> str:
        return self._agency

    @property
    def year(self) -> int:
        return self._year

    @property
    def prior(self) -> PriorYear | None:
        return self._prior

    @property
    def origin(self) -> Origin:
        """Where the figures came from (units summed, headings as imported); empty when typed in."""
        return self._origin

    @property
    def review_pending(self) -> frozenset[str]:
        """Text sections carried from last year that nobody has reviewed yet."""
        return frozenset(self._review)

    @property
    def title(self) -> str:
        return self.template.report_title(self._agency, self._year)

    def value(self, ref: CellRef) -> Value:
        """The value of any data cell (input or total); None when blank."""
        return self._values.get(ref)

    def is_total(self, ref: CellRef) -> bool:
        return self.template.is_total(ref)

    def inputs(self) -> dict[CellRef, Value]:
        """The typed-in values (no blanks, no totals)."""
        return {ref: v for ref, v in self._values.items() if not self.template.is_total(ref)}

    def text(self, section_id: str) -> str:
        return self._texts.get(section_id, "")

    def printed(self, ref: CellRef) -> Value:
        """The total the imported source printed for a computed cell, kept while it is not accepted."""
        return self._printed.get(ref)

    def printed_totals(self) -> dict[CellRef, Value]:
        """Every printed total kept (whether or not it still differs from the computed one)."""
        return dict(self._printed)

    def printed_conflicts(self) -> dict[CellRef, Value]:
        """The printed totals that differ from the computed totals: what check reports."""
        return {ref: v for ref, v in self._printed.items() if not _same_total(v, self._values.get(ref))}

    def accept_totals(self, refs: Iterable[CellRef] | None = None) -> list[SetPrinted]:
        """Edits that drop printed totals (all, or those of ``refs``): the computed totals stand."""
        chosen = self._printed if refs is None else [r for r in refs if r in self._printed]
        return [SetPrinted(ref, None) for ref in chosen]

    def fill_blanks(self, value: int = 0) -> list[SetCell]:
        """Edits that put ``value`` into every blank input cell: "确无数据" in one step."""
        return [SetCell(ref, value) for ref in self.template.input_cells() if ref not in self._values]

    def write_text(self, section_id: str, text: str) -> list[Edit]:
        """Edits that set a section's text as its author's: a draft carried from last year counts as
        reviewed once somebody writes it."""
        edits: list[Edit] = [SetText(section_id, text)]
        if section_id in self._review:
            edits.append(SetReview(section_id, False))
        return edits

    def texts(self) -> dict[str, str]:
        return dict(self._texts)

    def results(self) -> list[RuleResult]:
        """Every failing rule, in the template's order."""
        return [self._results[i.key] for i in self._shape.instances if i.key in self._results]

    def errors(self) -> list[RuleResult]:
        return [r for r in self.results() if r.severity == ERROR]

    def warnings(self) -> list[RuleResult]:
        return [r for r in self.results() if r.severity != ERROR]

    def results_at(self, ref: CellRef) -> list[RuleResult]:
        """Failing rules that involve one cell (what a view marks on it)."""
        return [
            self._results[i.key]
            for i in self._shape.by_dependency.get(ref, ())
            if i.key in self._results and ref in self._results[i.key].cells
        ]

    def result(self, key: str) -> RuleResult | None:
        return self._results.get(key)

    def kind(self, ref: CellRef) -> CellKind:
        return self.template.kind_of(ref)

    def parse(self, ref: CellRef, text: str) -> Value:
        """Turn typed text into a value for this cell, or raise :class:`InvalidValue`."""
        self._check_input_cell(ref)
        return parse_value(text, self.kind(ref), count_max=self.template.count_max, amount_max=self.template.amount_max)

    # --- changing ------------------------------------------------------------------------------

    def enter(self, ref: CellRef, text: str) -> ChangeSet:
        """Set a cell from typed text (the grid's and the CLI's path)."""
        return self.apply([SetCell(ref, self.parse(ref, text))])

    def apply(self, edits: Sequence[Edit]) -> ChangeSet:
        """Apply a batch as one step: all edits or, if any is invalid, none (the error is raised)."""
        validated = [self._validated(e) for e in edits]
        changes = ChangeSet()
        undo: list[Edit] = []
        changed_inputs: list[tuple[CellRef, Value, Value]] = []
        dependencies: set[Hashable] = set()
        for edit in validated:
            if isinstance(edit, SetCell):
                old = self._values.get(edit.ref)
                if old == edit.value and (old is None) == (edit.value is None):
                    continue
                undo.append(SetCell(edit.ref, old))
                self._store(edit.ref, edit.value)
                changes.cells[edit.ref] = edit.value
                changed_inputs.append((edit.ref, old, edit.value))
            elif isinstance(edit, SetText):
                old_text = self._texts[edit.section]
                if old_text == edit.text:
                    continue
                undo.append(SetText(edit.section, old_text))
                self._texts[edit.section] = edit.text
                changes.texts.add(edit.section)
                dependencies.add("text:" + edit.section)
            elif isinstance(edit, SetMeta):
                undo.append(SetMeta(self._agency, self._year))
                self._agency = edit.agency or self._agency
                self._year = edit.year or self._year
                changes.meta = True
                dependencies.add(META_YEAR)
            elif isinstance(edit, SetPrior):
                undo.append(SetPrior(self._prior))
                self._prior = edit.prior
                changes.prior = True
                dependencies.add(PRIOR)
            elif isinstance(edit, SetPrinted):
                old_printed = self._printed.get(edit.ref)
                if old_printed == edit.value and (old_printed is None) == (edit.value is None):
                    continue
                undo.append(SetPrinted(edit.ref, old_printed))
                if edit.value is None:
                    del self._printed[edit.ref]
                else:
                    self._printed[edit.ref] = edit.value
                changes.printed.add(edit.ref)
                changes.cells.setdefault(edit.ref, self._values.get(edit.ref))  # its mark and tooltip change
                dependencies.add(edit.ref)
            elif isinstance(edit, SetReview):
                if (edit.section in self._review) == edit.pending:
                    continue
                undo.append(SetReview(edit.section, not edit.pending))
                (self._review.add if edit.pending else self._review.discard)(edit.section)
                changes.review.add(edit.section)
                dependencies.add("review:" + edit.section)
        changes.cells.update(self._shape.graph.recompute(self._values, self._filled, changed_inputs))
        dependencies.update(changes.cells)
        changes.rules = self._reevaluate(dependencies)
        changes.undo = tuple(reversed(undo))
        return changes

    def _reevaluate(self, dependencies: set[Hashable]) -> dict[str, RuleResult | None]:
        touched: dict[str, RuleInstance] = {}
        for dependency in dependencies:
            for instance in self._shape.by_dependency.get(dependency, ()):
                touched[instance.key] = instance
        context = self._context()
        moved: dict[str, RuleResult | None] = {}
        for key, instance in touched.items():
            new = evaluate(instance, context)
            if new != self._results.get(key):
                moved[key] = new
                if new is None:
                    del self._results[key]
                else:
                    self._results[key] = new
        return moved

    def _store(self, ref: CellRef, value: Value) -> None:
        if value is None:
            self._values.pop(ref, None)
        else:
            self._values[ref] = value

    def _context(self) -> RuleContext:
        prior = self._prior.values if self._prior is not None else None
        return RuleContext(
            self.template,
            self._values.get,
            self.text,
            self._year,
            prior,
            self._review.__contains__,
            self._origin,
            self._printed.get,
        )

    def _check_section(self, section_id: str) -> None:
        if section_id not in self._texts:
            raise NotEditable(f"报告没有正文部分“{section_id}”")

    def _check_input_cell(self, ref: CellRef) -> None:
        if not self.template.has_cell(ref):
            raise NotEditable(f"模板{self.template.id}没有单元格{ref.key()}")
        if self.template.is_total(ref):
            table = self.template.table(ref.table)
            label = "·".join(table.row(ref.row).path + table.column(ref.column).path)
            raise NotEditable(f"“{label}”是自动计算的合计，不能直接填写")
        if self.kind(ref) is CellKind.NA:
            raise NotEditable("此单元格不适用，不能填写")

    def _validated(self, edit: Edit) -> Edit:
        if isinstance(edit, SetCell):
            self._check_input_cell(edit.ref)
            value = check_value(
                edit.value, self.kind(edit.ref), count_max=self.template.count_max, amount_max=self.template.amount_max
            )
            return SetCell(edit.ref, value)
        if isinstance(edit, SetText):
            self._check_section(edit.section)
            return SetText(edit.section, check_text(edit.text))
        if isinstance(edit, SetMeta):
            return SetMeta(
                check_agency(edit.agency) if edit.agency is not None else None,
                check_year(edit.year) if edit.year is not None else None,
            )
        if isinstance(edit, SetReview):
            self._check_section(edit.section)
            return edit
        if isinstance(edit, SetPrior):
            return edit
        if isinstance(edit, SetPrinted):
            if not self.template.is_total(edit.ref):
                raise NotEditable(f"“{edit.ref.key()}”不是合计单元格，不能记录印出的合计")
            value = check_value(
                edit.value, self.kind(edit.ref), count_max=self.template.count_max, amount_max=self.template.amount_max
            )
            return SetPrinted(edit.ref, value)
        raise TypeError(f"not an edit: {edit!r}")

    def full_recompute(self) -> tuple[dict[CellRef, Value], dict[str, RuleResult]]:
        """Totals and rule results computed from scratch (what the incremental state must equal)."""
        inputs = self.inputs()
        totals = compute_all(self._shape.graph, inputs)
        values = {**inputs, **totals}
        context = RuleContext(
            self.template,
            values.get,
            self.text,
            self._year,
            self._prior.values if self._prior else None,
            self._review.__contains__,
            self._origin,
            self._printed.get,
        )
        results = {}
        for instance in self._shape.instances:
            result = evaluate(instance, context)
            if result is not None:
                results[instance.key] = result
        return values, results

    def state(self) -> tuple[dict[CellRef, Value], dict[str, RuleResult]]:
        """The incrementally maintained totals and results (for comparison with the full path)."""
        return dict(self._values), dict(self._results)
