"""Report templates, loaded from the JSON files in ``resources/templates/``.

A template is the single source of every label, total and rule. This module turns the JSON into
frozen dataclasses with the header trees flattened into leaves (each with its label path) and the
totals expanded into one sum formula per computed cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from model.cellref import CellRef
from model.errors import TemplateError, UnknownTemplate
from model.values import CellKind

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "resources" / "templates"


@dataclass(frozen=True)
class HeaderNode:
    """One header cell of a column or row tree; leaves carry an id."""

    label: str
    id: str | None
    children: tuple[HeaderNode, ...]
    kind: CellKind | None = None
    aliases: tuple[str, ...] = ()  # the label as printed in the wild, for readers

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class Leaf:
    """A leaf of a header tree: an id, the labels from the outermost in, its kind override."""

    id: str
    path: tuple[str, ...]
    kind: CellKind | None
    aliases: tuple[str, ...] = ()  # other printings of the last label of ``path``

    @property
    def names(self) -> tuple[str, ...]:
        """The template's label and its printed variants (empty for an unlabelled row)."""
        return (self.path[-1], *self.aliases) if self.path else ()


@dataclass(frozen=True)
class Table:
    """One official table: header trees, cell kinds and total formulas."""

    id: str
    section_id: str
    title: str  # the section title, plus the item heading for 二's small tables
    heading: str | None  # e.g. 第二十条第（一）项
    corner: str  # the top-left header cell (信息内容 or the 勾稽关系 note)
    columns: tuple[HeaderNode, ...]
    rows: tuple[HeaderNode, ...]
    column_leaves: tuple[Leaf, ...]
    row_leaves: tuple[Leaf, ...]
    kind: CellKind
    formulas: dict[CellRef, tuple[CellRef, ...]] = field(hash=False, compare=False)
    row_index: dict[str, Leaf] = field(hash=False, compare=False, default_factory=dict)
    column_index: dict[str, Leaf] = field(hash=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        # Lookups by id are on every edit's path; a big table must not make them linear.
        self.row_index.update({leaf.id: leaf for leaf in self.row_leaves})
        self.column_index.update({leaf.id: leaf for leaf in self.column_leaves})

    def cell_kind(self, row_id: str, column_id: str) -> CellKind:
        """The kind of a data cell: a column override wins over a row override and the table's."""
        column = self.column(column_id)
        row = self.row(row_id)
        return column.kind or row.kind or self.kind

    def column(self, column_id: str) -> Leaf:
        try:
            return self.column_index[column_id]
        except KeyError:
            raise TemplateError(f"表{self.id}没有列“{column_id}”") from None

    def row(self, row_id: str) -> Leaf:
        try:
            return self.row_index[row_id]
        except KeyError:
            raise TemplateError(f"表{self.id}没有行“{row_id}”") from None

    def cells(self) -> list[CellRef]:
        """Every data cell, row by row, in printed order."""
        return [CellRef(self.id, r.id, c.id) for r in self.row_leaves for c in self.column_leaves]


@dataclass(frozen=True)
class Section:
    """One of the six sections: text, or a list of tables."""

    id: str
    title: str
    kind: str  # "text" or "tables"
    hint: str
    tables: tuple[Table, ...]
    aliases: tuple[str, ...] = ()  # headings as printed in the wild, for readers


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the template states it; :mod:`model.rules` expands and evaluates it."""

    id: str
    severity: str  # "error" or "warning"
    kind: str
    note: str
    message: str
    data: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class Template:
    """A whole report layout."""

    id: str
    name: str
    year_from: int
    year_to: int | None
    title_suffix: str
    count_max: int
    amount_max: Decimal
    sections: tuple[Section, ...]
    rules: tuple[RuleSpec, ...]
    tables: dict[str, Table] = field(hash=False, compare=False)

    def table(self, table_id: str) -> Table:
        try:
            return self.tables[table_id]
        except KeyError:
            raise TemplateError(f"模板{self.id}没有表“{table_id}”") from None

    def text_sections(self) -> list[Section]:
        """The numbered text sections (一、五、六)."""
        return [s for s in self.sections if s.kind == "text"]

    def editable_texts(self) -> list[Section]:
        """Every section that holds text: the unnumbered preamble and the numbered text sections."""
        return [s for s in self.sections if s.kind in ("text", "preamble")]

    def numbered_sections(self) -> list[Section]:
        """The six official sections, in order (without the preamble)."""
        return [s for s in self.sections if s.kind != "preamble"]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise TemplateError(f"模板{self.id}没有部分“{section_id}”")

    def formulas(self) -> dict[CellRef, tuple[CellRef, ...]]:
        """Every computed cell of every table with the cells it sums."""
        merged: dict[CellRef, tuple[CellRef, ...]] = {}
        for table in self.tables.values():
            merged.update(table.formulas)
        return merged

    def is_total(self, ref: CellRef) -> bool:
        table = self.tables.get(ref.table)
        return table is not None and ref in table.formulas

    def has_cell(self, ref: CellRef) -> bool:
        table = self.tables.get(ref.table)
        if table is None:
            return False
        return ref.row in table.row_index and ref.column in table.column_index

    def kind_of(self, ref: CellRef) -> CellKind:
        return self.table(ref.table).cell_kind(ref.row, ref.column)

    def input_cells(self) -> list[CellRef]:
        """Every cell a user types into, in printed order."""
        return [
            ref
            for table in self.tables.values()
            for ref in table.cells()
            if ref not in table.formulas and table.cell_kind(ref.row, ref.column) is not CellKind.NA
        ]

    def report_title(self, agency: str, year: int) -> str:
        return f"{agency}{year}年{self.title_suffix}"

    def covers_year(self, year: int) -> bool:
        return year >= self.year_from and (self.year_to is None or year <= self.year_to)


def available_templates(directory: Path = TEMPLATE_DIR) -> list[str]:
    """Ids of the templates shipped, newest first."""
    return sorted((p.stem for p in directory.glob("*.json")), reverse=True)


@cache
def load_template(template_id: str, directory: Path = TEMPLATE_DIR) -> Template:
    """Load and validate one template by id (cached: templates are immutable)."""
    path = directory / f"{template_id}.json"
    if template_id not in available_templates(directory):
        known = "、".join(available_templates(directory))
        raise UnknownTemplate(f"未知的报告模板“{template_id}”（本版本支持：{known}）")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(f"模板文件{path.name}无法读取：{exc}") from exc
    return template_from_dict(data)


def template_from_dict(data: dict[str, Any]) -> Template:
    """Build a :class:`Template` from its JSON form (also used by benchmarks' synthetic templates)."""
    try:
        sections = tuple(_section(s) for s in data["sections"])
        tables = {t.id: t for s in sections for t in s.tables}
        limits = data.get("limits", {})
        template = Template(
            id=str(data["id"]),
            name=data["name"],
            year_from=int(data["years"]["from"]),
            year_to=data["years"].get("to"),
            title_suffix=data["title_suffix"],
            count_max=int(limits.get("count_max", 999_999_999)),
            amount_max=Decimal(limits.get("amount_max", "9999999999.99")),
            sections=sections,
            rules=tuple(_rule(r) for r in data.get("rules", [])),
            tables=tables,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"模板定义有误：{exc!r}") from exc
    _check_formulas_acyclic(template)
    return template


def _node(data: dict[str, Any]) -> HeaderNode:
    kind = CellKind(data["kind"]) if "kind" in data else None
    return HeaderNode(
        label=data["label"],
        id=data.get("id"),
        children=tuple(_node(c) for c in data.get("children", [])),
        kind=kind,
        aliases=tuple(str(a) for a in data.get("aliases", ())),
    )


def _leaves(nodes: tuple[HeaderNode, ...], prefix: tuple[str, ...] = ()) -> list[Leaf]:
    leaves: list[Leaf] = []
    for node in nodes:
        path = prefix + ((node.label,) if node.label else ())
        if node.is_leaf:
            if not node.id:
                raise TemplateError(f"表头“{node.label}”是末级却没有id")
            leaves.append(Leaf(node.id, path, node.kind, node.aliases))
        else:
            leaves.extend(_leaves(node.children, path))
    return leaves


def _section(data: dict[str, Any]) -> Section:
    section_id = data["id"]
    tables = tuple(_table(t, section_id, data["title"]) for t in data.get("tables", []))
    return Section(
        section_id, data["title"], data["kind"], data.get("hint", ""), tables, tuple(data.get("aliases", ()))
    )


def _table(data: dict[str, Any], section_id: str, section_title: str) -> Table:
    columns = tuple(_node(c) for c in data["columns"])
    rows = tuple(_node(r) for r in data["rows"])
    column_leaves = tuple(_leaves(columns))
    row_leaves = tuple(_leaves(rows))
    for leaves, what in ((column_leaves, "列"), (row_leaves, "行")):
        ids = [leaf.id for leaf in leaves]
        if len(set(ids)) != len(ids):
            raise TemplateError(f"表{data['id']}的{what}id重复")
    heading = data.get("heading")
    table_id = data["id"]
    formulas: dict[CellRef, tuple[CellRef, ...]] = {}
    # A cell on both a total row and a total column (e.g. （七）总计 × 总计) gets the first
    # declaration; both give the same number, and one formula per cell keeps one source of truth.
    for total in data.get("totals", []):
        if "column" in total:
            for row in row_leaves:
                target = CellRef(table_id, row.id, total["column"])
                formulas.setdefault(target, tuple(CellRef(table_id, row.id, c) for c in total["sum_of"]))
        else:
            for column in column_leaves:
                target = CellRef(table_id, total["row"], column.id)
                formulas.setdefault(target, tuple(CellRef(table_id, r, column.id) for r in total["sum_of"]))
    known_rows = {leaf.id for leaf in row_leaves}
    known_columns = {leaf.id for leaf in column_leaves}
    for target, parts in formulas.items():
        for ref in (target, *parts):
            if ref.row not in known_rows or ref.column not in known_columns:
                raise TemplateError(f"表{table_id}的合计引用了不存在的单元格{ref}")
    return Table(
        id=table_id,
        section_id=section_id,
        title=f"{section_title} {heading}" if heading else section_title,
        heading=heading,
        corner=data.get("corner", ""),
        columns=columns,
        rows=rows,
        column_leaves=column_leaves,
        row_leaves=row_leaves,
        kind=CellKind(data.get("kind", "count")),
        formulas=formulas,
    )


def _rule(data: dict[str, Any]) -> RuleSpec:
    if data["severity"] not in ("error", "warning"):
        raise TemplateError(f"规则{data['id']}的级别“{data['severity']}”无效")
    return RuleSpec(data["id"], data["severity"], data["kind"], data.get("note", ""), data["message"], data)


def _check_formulas_acyclic(template: Template) -> None:
    formulas = template.formulas()
    state: dict[CellRef, int] = {}

    def visit(ref: CellRef) -> None:
        if state.get(ref) == 2:
            return
        if state.get(ref) == 1:
            raise TemplateError(f"模板{template.id}的合计存在循环引用：{ref}")
        state[ref] = 1
        for part in formulas.get(ref, ()):
            visit(part)
        state[ref] = 2

    for ref in formulas:
        visit(ref)
