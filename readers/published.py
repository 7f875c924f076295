"""Find the template in a published report read as lines (web text, HTML, Word, PDF text).

Tables are read as a sequence: a table's heading or first label, then each row's label followed by
as many values as the table has columns. Labels are matched as printed in the wild (folded, wrapped
over lines, missing numbering, small typos); anything that cannot be placed is listed in the log.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from model.cellref import CellRef
from model.errors import ImportFailed, InvalidValue, MissingTitle
from model.place_names import cell_name, table_name
from model.template import Leaf, Section, Table, Template, available_templates, load_template
from model.values import Value, normalize_number_text
from readers.assemble import ImportResult, finish_import
from readers.headings import printed_headings
from readers.import_log import LogEntry, note, warning
from readers.labels import closest_hint, fold, same_label, strip_numbering
from readers.lines import Line
from readers.page_furniture import is_page_number, is_site_furniture
from readers.placement import read_value
from readers.title import locate_title

ROW_WINDOW = 40
MAX_LABEL = 300  # a longer cell or paragraph is running text, never a label: not compared
MAX_TOKENS = 100_000  # cells and paragraphs; a real report has a few thousand
# How much of a merged group label (（三）不予公开 wrapped) may run into a numbered row label.
GROUP_LABEL_RUN_IN = 8
_VALUE = re.compile(r"^[+\-]?\d[\d,]*(\.\d+)?(万元|元)?$")
_NUMBER_PREFIX = re.compile(r"^(\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")


@dataclass(frozen=True)
class Token:
    text: str
    where: str
    exact: bool = False  # a cell of a table row whose blank cells are kept (see Line.exact_cells)


def _is_value(text: str) -> bool:
    return bool(_VALUE.match(normalize_number_text(text)))


def _mostly_values(cells: list[Token]) -> bool:
    """A row's cells are its values: numbers or blanks, but for a mistyped one here and there (四, 1,5件),
    which the value reader then refuses by name while the row's other numbers are kept."""
    wrong = sum(1 for c in cells if c.text.strip() and not _is_value(c.text))
    return wrong == 0 or (wrong <= max(1, len(cells) // 4) and any(_is_value(c.text) for c in cells))


def label_matches(token: str, label: str) -> bool:
    """A printed cell says this label: folded equality, a wrapped beginning, or a near miss with the
    same list number (real reports carry typos such as 其他法律行政止公开)."""
    cell, wanted = fold(token), fold(label)
    if not cell or _is_value(token):
        return False
    if same_label(token, label):
        return True
    if len(cell) >= 6 and (wanted.startswith(cell) or strip_numbering(wanted).startswith(strip_numbering(cell))):
        return True
    prefix_cell, prefix_wanted = _NUMBER_PREFIX.match(cell), _NUMBER_PREFIX.match(wanted)
    if prefix_wanted and cell.endswith(wanted) and len(cell) - len(wanted) <= GROUP_LABEL_RUN_IN:
        return True  # a group label centred on this row ran into it: （三）不予 4.保护第三方合法权益
    if prefix_cell and prefix_wanted and prefix_cell.group(0) == prefix_wanted.group(0):
        return difflib.SequenceMatcher(None, cell, wanted).ratio() >= 0.75
    return False


@dataclass
class _Reader:
    template: Template
    tokens: list[Token]
    values: dict[CellRef, Value] = field(default_factory=dict)
    file_totals: dict[CellRef, tuple[Value, str]] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    found_labels: int = 0

    def log_text(self) -> list[str]:
        return [entry.text for entry in self.log]

    def find(self, label: str | tuple[str, ...], start: int, window: int | None = None) -> int | None:
        """The first token at or after ``start`` (within ``window`` tokens) that says the label or
        one of its printed variants."""
        names = (label,) if isinstance(label, str) else label
        end = len(self.tokens) if window is None else min(len(self.tokens), start + window)
        for index in range(start, end):
            text = self.tokens[index].text
            if len(text) <= MAX_LABEL and any(label_matches(text, name) for name in names):
                return index
        return None

    def closest(self, label: str, start: int, window: int = ROW_WINDOW) -> str:
        """The hint naming the printed token most like ``label`` near ``start`` ("" if none is alike)."""
        candidates = [
            (t.text, t.where) for t in self.tokens[start : start + window] if t.text.strip() and not _is_value(t.text)
        ]
        return closest_hint(label, candidates)

    def read_values(self, start: int, label: str, count: int) -> tuple[list[tuple[str, str]], int]:
        exact = self._exact_row(start, count)
        if exact is not None:
            return exact
        index = start
        wanted = fold(label)
        while index < len(self.tokens) and not _is_value(self.tokens[index].text):
            piece = fold(self.tokens[index].text)
            if piece and piece not in wanted:
                break
            index += 1  # the rest of a label wrapped over lines
        values: list[tuple[str, str]] = []
        while len(values) < count and index < len(self.tokens) and _is_value(self.tokens[index].text):
            values.append((self.tokens[index].text, self.tokens[index].where))
            index += 1
        return values, index

    def _exact_row(self, start: int, count: int) -> tuple[list[tuple[str, str]], int] | None:
        """The ``count`` cells after a label in a row that keeps its blank cells, read as they are,
        and where reading goes on."""
        if not 0 < start <= len(self.tokens) - count:
            return None
        label, cells = self.tokens[start - 1], self.tokens[start : start + count]
        if not label.exact or any(not c.exact or c.where != label.where for c in cells):
            return None
        after = start + count
        if after < len(self.tokens) and self.tokens[after].where == label.where:
            return self._padded_row(start, count)  # more cells: this is not the row, unless merges padded it
        if not _mostly_values(cells):
            return None
        return [(c.text, c.where) for c in cells], after

    def _padded_row(self, start: int, count: int) -> tuple[list[tuple[str, str]], int] | None:
        """A row copied out of a sheet whose value cells are merged: each number has empty cells beside
        it. Only when the row holds exactly ``count`` numbers and nothing else are they its values;
        with fewer, which empty cell is a blank cannot be told, and nothing is guessed."""
        where = self.tokens[start].where
        stop = start
        while stop < len(self.tokens) and self.tokens[stop].where == where:
            stop += 1
        cells = self.tokens[start:stop]
        filled = [c for c in cells if c.text.strip()]
        if not filled and len(cells) >= count:
            return [("", cells[0].where)] * count, stop  # every value blank, however the cells were merged
        if len(filled) != count or not all(_is_value(c.text) for c in filled):
            return None
        return [(c.text, c.where) for c in filled], stop

    def _unlabelled_row(self, start: int, count: int) -> tuple[list[tuple[str, str]], int] | None:
        """A row without a label (table 四's only row) that keeps its blank cells: the first row of
        exactly ``count`` cells, each a number or blank, at least one a number."""
        index, end = start, min(len(self.tokens), start + ROW_WINDOW * 4)
        while index < end:
            where = self.tokens[index].where
            stop = index
            while stop < len(self.tokens) and self.tokens[stop].where == where:
                stop += 1
            cells = self.tokens[index:stop]
            if cells[0].exact and len(cells) == count + 1 and not _is_value(cells[0].text):
                cells = cells[1:]  # a row label or a blank corner cell before the numbers
            if not cells[0].exact:
                if _is_value(cells[0].text):
                    return None  # the numbers run on without rows: read them in order
            elif len(cells) == count and _mostly_values(cells) and any(_is_value(c.text) for c in cells):
                return [(c.text, c.where) for c in cells], stop
            elif len(cells) > count and (padded := self._padded_row(index, count)) is not None:
                return padded
            index = stop
        return None

    def store(self, table: Table, row: Leaf, raw: list[tuple[str, str]]) -> None:
        for column, (text, where) in zip(table.column_leaves, raw, strict=True):
            ref = CellRef(table.id, row.id, column.id)
            label = cell_name(self.template, ref)
            try:
                value = read_value(text, self.template.kind_of(ref), self.template)
            except InvalidValue as exc:
                shown = text if len(text) <= 24 else text[:24] + "…"  # a 400-digit “number” is not echoed whole
                self.log.append(warning(f"未采用：{where}“{shown}”（{label}）：{exc}"))
                continue
            if self.template.is_total(ref):
                self.file_totals[ref] = (value, where)
            else:
                self.values[ref] = value
                self.log.append(note(f"{where} → {label} = {text}"))

    def read_table(self, table: Table, cursor: int) -> int:
        count = len(table.column_leaves)
        anchor_label = table.heading or (table.row_leaves[0].path[-1] if table.row_leaves[0].path else "")
        anchor_label = anchor_label or table.columns[0].label
        anchor = self.find(anchor_label, cursor)
        if anchor is None:
            hint = self.closest(anchor_label, cursor, len(self.tokens))
            self.missing.append(f"{table.title}（找不到“{anchor_label}”{hint}）")
            return cursor
        self.found_labels += 1
        position = anchor if not table.heading else anchor + 1
        merged_parent: str | None = None
        for row in table.row_leaves:
            if merged_parent is not None and len(row.path) > 1 and row.path[-2] == merged_parent:
                continue
            if not row.path:
                exact = self._unlabelled_row(position, count)
                if exact is not None:
                    raw, position = exact
                else:
                    start = next((i for i in range(position, len(self.tokens)) if _is_value(self.tokens[i].text)), None)
                    if start is None:
                        self.missing.append(f"{table.title}的数据行")
                        continue
                    raw, position = self.read_values(start, "", count)
            else:
                found = self.find(row.names, position, ROW_WINDOW)
                if found is None:
                    position, merged = self._merged_row(table, row, position, count)
                    merged_parent = row.path[-2] if merged else None
                    continue
                self.found_labels += 1
                raw, position = self._row_values(row, found, count)
            if len(raw) != count:
                where = raw[0][1] if raw else self.tokens[min(position, len(self.tokens) - 1)].where
                self.log.append(
                    warning(
                        f"未采用：{where}“{'·'.join(row.path) or table.title}”（{table_name(table)}）"
                        f"应有{count}个数，只找到{len(raw)}个，这一行留空"
                    )
                )
                continue
            self.store(table, row, raw)
        return position

    def _row_values(self, row: Leaf, found: int, count: int) -> tuple[list[tuple[str, str]], int]:
        """The values after the row's label at ``found``. A label followed by no numbers may be a column
        heading that says the same (a header Word repeats on a new page prints 总计 above （七）总计):
        the next token saying the label within reach is tried before the row is given up."""
        label = "".join((*row.path, *row.aliases))
        first = self.read_values(found + 1, label, count)
        search = found + 1
        while not first[0] and (again := self.find(row.names, search, ROW_WINDOW)) is not None:
            attempt = self.read_values(again + 1, label, count)
            if len(attempt[0]) == count:
                return attempt
            if attempt[0]:
                break  # a second half-read row is no better: the first one is reported
            search = again + 1
        return first

    def _merged_row(self, table: Table, row: Leaf, position: int, count: int) -> tuple[int, bool]:
        """Some reports print a group such as （六）其他处理 as one row: its values go to the group's
        last item (so the group's sum is right) and the log says so."""
        if len(row.path) < 2:
            self.missing.append(f"{table.title}：行“{row.path[-1]}”{self.closest(row.path[-1], position)}")
            return position, False
        parent = row.path[-2]
        siblings = [r for r in table.row_leaves if r.path[:-1] == row.path[:-1]]
        found = self.find(parent, position, ROW_WINDOW)
        if found is None or row is not siblings[0]:
            self.missing.append(f"{table.title}：行“{row.path[-1]}”{self.closest(row.path[-1], position)}")
            return position, False
        raw, end = self.read_values(found + 1, parent, count)
        if len(raw) != count:
            self.missing.append(f"{table.title}：行“{parent}”")
            return position, False
        self.store(table, siblings[-1], raw)
        self.log.append(
            warning(f"{raw[0][1]}“{parent}”印为一行，其数值已记入“{siblings[-1].path[-1]}”，其余各项留空，请核对")
        )
        return end, True


def known_labels() -> frozenset[str]:
    """Every header label of every template (folded, also without numbering)."""
    known: set[str] = set()

    def walk(nodes) -> None:  # type: ignore[no-untyped-def]
        for node in nodes:
            for name in (node.label, *node.aliases):
                if name:
                    known.update((fold(name), strip_numbering(fold(name))))
            walk(node.children)

    for template_id in available_templates():
        for table in load_template(template_id).tables.values():
            walk(table.columns)
            walk(table.rows)
            if table.heading:
                known.add(fold(table.heading))
            if table.corner:
                known.add(fold(table.corner))
    return frozenset(known)


def _label_words(line: Line, known: frozenset[str]) -> tuple[str, ...]:
    """A paragraph's single-space-separated words when each is a known label or a number, and one
    at least a label: a row copied out of a PDF viewer (行政复议 行政诉讼; 行政事业性收费 9.25)."""
    labels = [word for word in line.words if not _is_value(word)]
    if labels and all(fold(word) in known or strip_numbering(fold(word)) in known for word in labels):
        return line.words
    return ()


def _glued_cells(template: Template, tokens: list[Token]) -> Token | None:
    """A cell where a row label runs straight into its numbers (规章1011), when two or more are found:
    the separators were lost, so the numbers cannot be told apart."""
    labels = {fold(name) for table in template.tables.values() for leaf in table.row_leaves for name in leaf.names}
    labels |= {strip_numbering(label) for label in labels}
    found: list[Token] = []
    for token in tokens[:20_000]:
        if len(token.text) > MAX_LABEL:
            continue
        folded = fold(token.text)
        for label in labels:
            if len(label) >= 2 and folded.startswith(label) and re.fullmatch(r"[+\-\d,.]{2,}", folded[len(label) :]):
                found.append(token)
                break
    return found[0] if len(found) >= 2 else None


def _line_text(line: Line) -> str:
    """A paragraph's text, or the one filled cell of a row (a sheet saved as a web page or copied
    out of Excel holds each title and paragraph as a row with its empty cells); "" for a table row."""
    if line.is_paragraph:
        return line.text
    filled = [cell for cell in line.cells if cell.strip()]
    return filled[0].strip() if len(filled) == 1 else ""


def _title_positions(template: Template, lines: list[Line]) -> list[tuple[int, Section]]:
    found: list[tuple[int, Section]] = []
    sections = template.numbered_sections()
    for index, line in enumerate(lines):
        text = _line_text(line)
        if not text or len(text) > MAX_LABEL or len(fold(text)) > 40:
            continue
        for section in sections:
            if any(same_label(text, name) for name in (section.title, *section.aliases)):
                if not any(s is section for _, s in found):
                    found.append((index, section))
                break
    return found


def _paragraphs(lines: list[Line]) -> str:
    paragraphs: list[str] = []
    layout = any(line.indent for line in lines)
    for line in lines:
        text = _line_text(line) or line.text
        if is_page_number(text):
            continue
        # pdftotext keeps a first-line indent as at least one space, even on a page squeezed to fit a
        # wide table; a line flush with the margin continues the paragraph above.
        if layout and paragraphs and line.indent == 0 and not line.cells:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
    return "\n".join(paragraphs)


def _texts(template: Template, lines: list[Line], title_line: int | None) -> dict[str, str]:
    marks = _title_positions(template, lines)
    texts: dict[str, str] = {}
    for position, (index, section) in enumerate(marks):
        if section.kind != "text":
            continue
        end = marks[position + 1][0] if position + 1 < len(marks) else len(lines)
        # The report's text ends where the website around it begins (share bar, related links, footer).
        end = next((i for i in range(index + 1, end) if is_site_furniture(lines[i].text)), end)
        texts[section.id] = _paragraphs(lines[index + 1 : end])
    if marks and title_line is not None and marks[0][0] > title_line + 1:
        texts["s0"] = _paragraphs(lines[title_line + 1 : marks[0][0]])
    return texts


def _find_title(lines: list[Line]) -> tuple[str | None, int | None, int | None]:
    """Agency, year and the index of the title's last line (titles often span two lines)."""
    return locate_title([line.text for line in lines])


def assemble_published(lines: list[Line], *, agency: str | None, year: int | None, source: str) -> ImportResult:
    """Build a report from the lines of a published report; raise :class:`ImportFailed` if no table fits."""
    known = known_labels()
    tokens = [
        Token(cell, line.where, line.exact_cells)
        for line in lines
        for cell in (line.cells or (_label_words(line, known) or (line.text,)))
    ]
    if not tokens:
        raise ImportFailed(f"“{source}”中没有任何内容")
    if len(tokens) > MAX_TOKENS:
        raise ImportFailed(f"“{source}”中的单元格和段落过多（超过{MAX_TOKENS}个），不像是年度报告，已拒绝")
    best: _Reader | None = None
    for template_id in available_templates():
        reader = _Reader(load_template(template_id), tokens)
        cursor = 0
        for table in reader.template.tables.values():
            cursor = reader.read_table(table, cursor)
        if best is None or (len(reader.missing), -reader.found_labels) < (len(best.missing), -best.found_labels):
            best = reader
    assert best is not None
    template = best.template
    if len(best.missing) >= len(template.tables) or not (best.values or best.file_totals):
        glued = _glued_cells(template, tokens)
        if glued is not None:
            raise ImportFailed(
                f"“{source}”中表格的单元格连在一起，没有分隔（如{glued.where}“{glued.text[:40]}”），分不清各个数字。"
                "请让单元格之间有制表符、“|”或空格（或每格一行）后再导入，或直接导入网页、Word原件"
            )
        if len(best.missing) >= len(template.tables):
            headings = [s.title for _, s in _title_positions(template, lines) if s.kind == "tables"]
            if headings and best.found_labels == 0:
                raise ImportFailed(
                    f"“{source}”中有“{headings[0]}”等标题，但标题下没有表格文字（表格可能是图片，"
                    "或复制时没有带上）。请从网页或Word原件复制表格，或导入原文件"
                )
            raise ImportFailed(f"“{source}”中找不到报告表格：" + "；".join(best.missing[:5]))
        raise ImportFailed(
            f"“{source}”中找到了报告的表格标签，但没有读到任何数字（" + "；".join(best.log_text()[:3]) + "）"
        )
    found_agency, found_year, title_line = _find_title(lines)
    agency, year = agency or found_agency, year or found_year
    if not agency or not year:
        raise MissingTitle("文件中没有找到报告标题（机关名称和年度），请指定机关名称和年度")
    reading_log = [warning(f"未找到：{m}") for m in best.missing] + best.log
    texts = _texts(template, lines, title_line)
    return finish_import(
        template,
        agency,
        year,
        best.values,
        texts,
        best.file_totals,
        reading_log,
        source,
        printed_headings(text for text in map(_line_text, lines) if text),
        closest=_closest_titles(template, lines, texts),
    )


def _closest_titles(template: Template, lines: list[Line], texts: dict[str, str]) -> dict[str, str]:
    """For each text section whose title was not found, the short printed line most like it."""
    short = [(text, line.where) for line in lines if (text := _line_text(line)) and len(text) <= 40]
    return {
        section.id: closest_hint(section.title, short)
        for section in template.text_sections()
        if section.id not in texts
    }
