"""Turn grids of cells found in a file into a report: pick the layout, place and read every table,
take the texts, compare the file's own totals with the recomputed ones, and log it all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetPrinted, SetText
from model.errors import ImportFailed, MissingTitle, NianbaoError
from model.origin import Origin
from model.place_names import cell_name
from model.template import Template, available_templates, load_template
from model.values import Value, format_value
from readers.headings import printed_headings
from readers.import_log import Level, LogEntry, note, warning
from readers.labels import fold, same_label
from readers.placement import CellGrid, Placement, place_table, read_table
from readers.title import find_title, match_title


@dataclass
class ImportResult:
    """The imported report and the log of what was read, ignored and not found."""

    document: Document
    log: list[LogEntry] = field(default_factory=list)
    values_read: int = 0

    @property
    def warnings(self) -> list[str]:
        """The entries the user should look at before trusting the report."""
        return [entry.text for entry in self.log if entry.level is Level.WARNING]


def _place_all(template: Template, grids: list[CellGrid]) -> tuple[list[Placement], list[str]]:
    placements: list[Placement] = []
    missing: list[str] = []
    cursor = {g.name: 0 for g in grids}
    for table in template.tables.values():
        best: Placement | None = None
        for grid in grids:
            placement = place_table(table, grid, cursor[grid.name])
            if placement.complete:
                best = placement
                break
            if best is None or len(placement.missing) < len(best.missing):
                best = placement
        if best is not None and best.complete:
            cursor[best.grid.name] = best.end_row
            placements.append(best)
        else:
            missing.extend(f"{table.title}：缺少{m}" for m in (best.missing if best else ["表格"]))
    return placements, missing


def _section_texts(template: Template, grids: list[CellGrid]) -> dict[str, str]:
    """Each text section's text: the string cells below its title, up to the next section title."""
    titles = [s.title for s in template.numbered_sections()]
    texts: dict[str, str] = {}
    for grid in grids:
        lines: list[tuple[int, str]] = []
        for row in range(grid.rows):
            strings = [v for _, v in grid.row_items(row) if isinstance(v, str)]
            if strings:
                lines.append((row, strings[0]))
        marks = [(i, title) for i, (_, text) in enumerate(lines) for title in titles if _is_title(text, title)]
        for position, (index, title) in enumerate(marks):
            section = next(s for s in template.sections if s.title == title)
            if section.kind != "text" or section.id in texts:
                continue
            end = marks[position + 1][0] if position + 1 < len(marks) else len(lines)
            texts[section.id] = "\n".join("" if text == " " else text for _, text in lines[index + 1 : end])
        if marks:
            first = marks[0][0]
            preamble = ["" if t == " " else t for _, t in lines[:first] if not match_title(t)]
            if preamble and "s0" not in texts:
                texts["s0"] = "\n".join(p.strip() for p in preamble)
    return texts


def _is_title(text: str, title: str) -> bool:
    folded = fold(text)
    return same_label(text, title) or (len(folded) <= len(fold(title)) + 2 and folded.startswith(fold(title)))


def assemble(grids: list[CellGrid], *, agency: str | None, year: int | None, source: str) -> ImportResult:
    """Build a report from grids; raise :class:`ImportFailed` naming what is missing."""
    if not any(grid.cells for grid in grids):
        raise ImportFailed(f"“{source}”中没有任何内容")
    attempts = []
    for template_id in available_templates():
        template = load_template(template_id)
        placements, missing = _place_all(template, grids)
        attempts.append((len(missing), template, placements, missing))
    attempts.sort(key=lambda a: a[0])
    _, template, placements, missing = attempts[0]
    if missing:
        raise ImportFailed(f"“{source}”中找不到完整的报告表格：" + "；".join(missing[:6]))
    strings = [v for g in grids for _, v in sorted(g.cells.items())[:200] if isinstance(v, str)]
    found_agency, found_year = find_title(strings)
    agency = agency or found_agency
    year = year or found_year
    if not agency or not year:
        raise MissingTitle("文件中没有找到报告标题（机关名称和年度），请指定机关名称和年度")
    values: dict[CellRef, Value] = {}
    file_totals: dict[CellRef, tuple[Value, str]] = {}
    reading_log: list[LogEntry] = []
    try:
        for placement in placements:
            read = read_table(placement, template)
            values.update(read.values)
            file_totals.update(read.file_totals)
            reading_log.extend(read.log)
    except NianbaoError as exc:
        raise ImportFailed(f"无法导入“{source}”：{exc}") from exc
    headings = printed_headings(v for g in grids for _, v in sorted(g.cells.items()) if isinstance(v, str))
    return finish_import(
        template, agency, year, values, _section_texts(template, grids), file_totals, reading_log, source, headings
    )


def finish_import(
    template: Template,
    agency: str,
    year: int,
    values: dict[CellRef, Value],
    texts: dict[str, str],
    file_totals: dict[CellRef, tuple[Value, str]],
    reading_log: list[LogEntry],
    source: str,
    headings: tuple[str, ...] = (),
    *,
    closest: Mapping[str, str] | None = None,
) -> ImportResult:
    """Build the report from what a reader found, as one batch through the model API, and log what
    was not found and every total the source printed that the recomputed one contradicts."""
    log = [note(f"格式：{template.name}（依据表头判断）"), note(f"机关：{agency}；年度：{year}")]
    try:
        document = Document(template, agency, year, origin=Origin(headings=headings))
        edits: list[SetCell | SetText] = [SetCell(ref, value) for ref, value in values.items()]
        edits.extend(SetText(section, text) for section, text in texts.items())
        document.apply(edits)
    except NianbaoError as exc:
        raise ImportFailed(f"无法导入“{source}”：{exc}") from exc
    if not any(value is not None for value in values.values()):
        log.append(warning("文件中的表格没有任何数字，导入的报告全部空白：请确认选择的文件是否正确"))
    hints = closest or {}
    log.extend(
        warning(f"未找到：{s.title}的正文{hints.get(s.id, '')}") for s in template.text_sections() if s.id not in texts
    )
    printed: list[SetPrinted] = []
    for ref, (value, where) in file_totals.items():
        computed = document.value(ref)
        if value is None or value == (computed if computed is not None else 0):
            continue
        kind = document.kind(ref)
        printed.append(SetPrinted(ref, value))
        log.append(
            warning(
                f"{cell_name(template, ref)}（{where}）：文件中的合计为{format_value(value, kind)}，"
                f"按各项重新计算为{format_value(computed, kind) or '空白'}"
                "（已保留印出的数，检查时报错；核对各项后可采用计算值）"
            )
        )
    try:
        document.apply(printed)
    except NianbaoError as exc:
        raise ImportFailed(f"无法导入“{source}”：{exc}") from exc
    log.extend(reading_log)
    return ImportResult(document, log, sum(value is not None for value in values.values()))
