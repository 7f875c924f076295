"""Start this year's report from last year's: carry what carries over, link last year for checks.

What carries is not written here as labels: it is the cross-year rules of the new template
(``"year": "prior"`` terms) read the other way round. A rule ``this.A = prior.B`` with nothing else
on this year's side makes ``A ← B``; ``this.A = prior.B + prior.C`` makes ``A ← B + C``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetReview, SetText
from model.engine import sum_values
from model.errors import InvalidValue
from model.prior import PriorYear
from model.rules import expand_rules
from model.template import Table, Template, available_templates, load_template
from model.values import Value


@dataclass
class RollForward:
    """The new report and what the user should know about it."""

    document: Document
    notes: list[str] = field(default_factory=list)


def template_for_year(year: int) -> Template:
    """The newest shipped template that covers a report year (the newest one otherwise)."""
    for template_id in available_templates():
        template = load_template(template_id)
        if template.covers_year(year):
            return template
    return load_template(available_templates()[0])


def prior_of(document: Document) -> PriorYear:
    """A report as next year's 'last year': every cell, blank ones as None, totals included."""
    values: dict[CellRef, Value] = {}
    for table in document.template.tables.values():
        for ref in table.cells():
            values[ref] = document.value(ref)
    return PriorYear(document.template.id, document.year, document.agency, values)


def shift_years(text: str, last_year: int) -> str:
    """Move year numbers one year on: '2024年' → '2025年' and '2023年' → '2024年' (in one pass)."""
    years = {str(last_year), str(last_year - 1)}

    def bump(match: re.Match[str]) -> str:
        return str(int(match.group(0)) + 1) if match.group(0) in years else match.group(0)

    return re.sub(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)", bump, text)


def carry_edits(template: Template, prior: PriorYear) -> list[SetCell]:
    """Values implied by the template's cross-year equalities with a single cell on this year's side."""
    edits: dict[CellRef, SetCell] = {}
    for instance in expand_rules(template):
        if instance.spec.kind != "equal" or instance.spec.severity not in ("error", "warning"):
            continue
        sides = (instance.left, instance.right)
        for this_side, other_side in (sides, sides[::-1]):
            if len(this_side) != 1 or this_side[0].prior or not all(t.prior for t in other_side):
                continue
            target = this_side[0].ref
            if template.is_total(target) or any(t.ref not in prior.values for t in other_side):
                continue
            parts = [prior.values[t.ref] if t.sign > 0 else _negate(prior.values[t.ref]) for t in other_side]
            value = sum_values(parts)
            if value is not None:
                edits[target] = SetCell(target, value)
    return list(edits.values())


def _negate(value: Value) -> Value:
    return None if value is None else -value


def roll_forward(last: Document, year: int | None = None) -> RollForward:
    """This year's report from last year's: carry-overs set, texts as drafts, last year linked."""
    new_year = year if year is not None else last.year + 1
    if new_year <= last.year:
        raise InvalidValue(f"新报告的年度（{new_year}）应晚于上年报告的年度（{last.year}）")
    template = template_for_year(new_year)
    prior = prior_of(last)
    document = Document(template, last.agency, new_year, prior=prior)
    notes: list[str] = []
    if new_year > last.year + 1:
        notes.append(
            f"新报告是{new_year}年度的，而所给报告是{last.year}年度的，不是上一年度（{new_year - 1}年度）："
            f"结转的数值和正文来自{new_year - last.year}年前的报告，跨年度检查也与{last.year}年度比较，请逐项核对"
        )
    try:
        carries = carry_edits(template, prior)
        document.apply(carries)
    except InvalidValue as exc:
        carries = []
        notes.append(f"上年数据无法结转：{exc}")
    edits: list[SetText | SetReview] = []
    for section in template.editable_texts():
        text = last.text(section.id)
        if text:
            edits.append(SetText(section.id, shift_years(text, last.year)))
            edits.append(SetReview(section.id, True))
    document.apply(edits)
    if carries:
        notes.append(f"已从上年报告结转{len(carries)}个数值（如“上年结转”）；本年其他数字为空白，请填写。")
    if edits:
        notes.append("正文已按上年报告生成草稿（年份已顺延），请逐段审阅修改。")
    unplaced = _unplaced(last, template)
    if unplaced:
        notes.append(
            f"上年报告使用{last.template.name}，以下数据在{template.name}中没有对应位置，未结转：" + "；".join(unplaced)
        )
    return RollForward(document, notes)


def _unplaced(last: Document, template: Template) -> list[str]:
    described: list[str] = []
    for table in last.template.tables.values():
        for ref in table.cells():
            value = last.value(ref)
            if value is None or template.has_cell(ref) or last.template.is_total(ref):
                continue
            described.append(_describe(last, table, ref, value))
    return described


def _describe(last: Document, table: Table, ref: CellRef, value: Value) -> str:
    label = "·".join([table.heading or table.title, *table.row(ref.row).path[-1:], *table.column(ref.column).path[-1:]])
    return f"{label}（{value}）"
