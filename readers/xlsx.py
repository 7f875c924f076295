"""Read the Excel workbooks offices circulate (.xlsx/.xlsm), defensively and in bounded work.

A workbook from an unknown sender may be built to exhaust the machine: a 13 KB file can declare a
merged range of 17 billion cells, a sheet can run to a million rows, a number can have a billion-digit
exponent. So the sheets are streamed here (``defusedxml`` refuses XML attacks) and nothing is expanded
before its size is checked:

* the archive's uncompressed size and ratio are bounded (zip bombs);
* only the first :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns of a sheet are read (a report
  fits many times over), and at most :data:`MAX_CELLS` values in all;
* merged ranges are clipped to that region and never expanded cell by cell;
* a number is converted only when its text is short; a huge or non-finite one stays text and is then
  refused by the cell it is in.

What a reader of the file should know is logged: a sheet cut at the limit, formulas without a saved
result (read as blank), merged ranges that overlap (Excel itself refuses them; their values are kept).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from model.errors import ImportFailed
from readers.import_log import LogEntry, warning
from readers.placement import CellGrid, column_letters

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_CELLS = 1_000_000
MAX_ROWS = 20_000
MAX_COLUMNS = 256
MAX_MERGES = 20_000
MAX_STRINGS = 200_000
# XML elements parsed in all sheets (20-30 µs each): what bounds the time, whatever the file holds.
MAX_ELEMENTS = 200_000
# Work spent matching merged ranges to rows (sum of clipped rows over all ranges).
MAX_MERGE_WORK = 2_000_000
NUMBER_TEXT_MAX = 30

_COORDINATE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?")
_REFERENCE = re.compile(r"(?<![A-Z0-9_.])(\$?[A-Z]{1,3}\$?[0-9]{1,7})(?::(\$?[A-Z]{1,3}\$?[0-9]{1,7}))?(?![A-Z0-9_(])")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def check_archive(path: Path) -> None:
    """Refuse archives that are not zip files or would expand beyond reason."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailed(f"“{path.name}”不是有效的Excel文件（.xlsx）") from exc
    if len(infos) > 10_000 or total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ImportFailed(f"“{path.name}”解压后过大，疑似异常文件，已拒绝")


def column_number(letters: str) -> int:
    """1-based column number of ``A``…``XFD``."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _coordinate(text: str) -> tuple[int, int] | None:
    match = _COORDINATE.fullmatch(text.strip().upper())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def _number(text: str) -> object:
    """An int or float for ordinary number text; the text itself for anything huge or strange."""
    stripped = text.strip()
    if len(stripped) > NUMBER_TEXT_MAX or not _NUMBER.fullmatch(stripped):
        return stripped
    value: int | float = float(stripped) if any(ch in stripped for ch in ".eE") else int(stripped)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return value
    if abs(value) >= 1e15 or value != value:
        return stripped  # no count or amount is that large: refused later with the cell named
    return value


@dataclass
class _Merge:
    ref: str
    top: int
    left: int
    bottom: int
    right: int
    overlaps: bool = False


@dataclass
class SheetRead:
    """One sheet's values (0-based positions) and what the reader should be told about it."""

    grid: CellGrid
    log: list[LogEntry] = field(default_factory=list)


class _Workbook:
    """The parts of an open archive that locate sheets and their strings."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self.members = {info.filename: info for info in archive.infolist()}
        self.budget = [MAX_CELLS, MAX_ELEMENTS]  # values kept, XML elements parsed

    def xml(self, member: str):  # type: ignore[no-untyped-def]
        return ElementTree.fromstring(self.archive.read(member))

    def sheets(self) -> list[tuple[str, str]]:
        """(sheet name, member) of every worksheet, in the workbook's order."""
        book = self.xml("xl/workbook.xml")
        targets: dict[str, str] = {}
        rels = "xl/_rels/workbook.xml.rels"
        if rels in self.members:
            for rel in self.xml(rels).iter():
                if _local(rel.tag) == "Relationship" and rel.get("Type", "").endswith("/worksheet"):
                    targets[rel.get("Id", "")] = _member(rel.get("Target", ""))
        found = []
        for index, sheet in enumerate((e for e in book.iter() if _local(e.tag) == "sheet"), 1):
            rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), "")
            member = targets.get(rel_id) or (f"xl/worksheets/sheet{index}.xml" if not targets else "")
            if member in self.members:
                found.append((sheet.get("name", f"Sheet{index}"), member))
        return found

    def shared_strings(self) -> list[str]:
        member = "xl/sharedStrings.xml"
        if member not in self.members:
            return []
        strings: list[str] = []
        with self.archive.open(member) as stream:
            for _, element in ElementTree.iterparse(stream, events=("end",)):
                if _local(element.tag) != "si":
                    continue
                self.budget[1] -= 1
                strings.append(_string_item(element))
                element.clear()
                if len(strings) > MAX_STRINGS:
                    raise ImportFailed(f"“{self.name}”中的文字过多，疑似异常文件，已拒绝")
        return strings


def _member(target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for part in PurePosixPath("xl", target).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _string_item(element) -> str:  # type: ignore[no-untyped-def]
    """The text of a shared or inline string: its runs, without phonetic (ruby) text."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _cells(  # type: ignore[no-untyped-def]
    stream, strings: list[str], merges: list[_Merge], formulas: list[tuple[str, str]], budget: list[int]
) -> Iterator[tuple[int, int, object]]:
    """(row, column, value) of the sheet's cells in file order (1-based); merged ranges are collected
    into ``merges`` as they are met (after the cells, so only if the caller reads to the end).
    A cell outside the bounded region has the value None (not converted); ``(-1, -1, None)`` means the
    element budget ran out and nothing more is read."""
    row_number = 0
    column = 0
    parent = None
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            budget[1] -= 1
            if budget[1] < 0:
                yield -1, -1, None
                return
            if name == "row":
                number = element.get("r", "")
                row_number = int(number) if number.isdigit() else row_number + 1
                column = 0
            elif name == "sheetData":
                parent = element
            continue
        if name == "c":
            place = _coordinate(element.get("r", "")) if element.get("r") else None
            row, column = place if place is not None else (row_number, column + 1)
            value = None
            if row <= MAX_ROWS and column <= MAX_COLUMNS:
                value = _cell_value(element, strings)
                formula = next((child.text or "" for child in element if _local(child.tag) == "f"), None)
                if value is None and formula is not None:
                    formulas.append((f"{column_letters(column)}{row}", formula))
            elif any(_local(child.tag) in ("v", "is") for child in element):
                value = ""  # something is there; its value is not needed
            element.clear()
            yield row, column, value
        elif name == "row":
            element.clear()
            if parent is not None:
                parent.remove(element)  # a million rows must not stay in memory as empty elements
        elif name == "mergeCell":
            first, _, last = element.get("ref", "").partition(":")
            start, end = _coordinate(first), _coordinate(last or first)
            if start and end:
                top, bottom = sorted((start[0], end[0]))
                left, right = sorted((start[1], end[1]))
                merges.append(_Merge(element.get("ref", ""), top, left, bottom, right))
                if len(merges) > MAX_MERGES:
                    raise ImportFailed("合并单元格过多，疑似异常文件，已拒绝")
            element.clear()


def _cell_value(element, strings: list[str]) -> object:  # type: ignore[no-untyped-def]
    kind = element.get("t", "n")
    text = None
    for child in element:
        tag = _local(child.tag)
        if tag == "v":
            text = child.text
        elif tag == "is":
            return _string_item(child) or None
    if text is None or text == "":
        return None
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return None
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind in ("str", "e", "d", "inlineStr"):
        return text
    return _number(text)


def _blank_by_formula(formula: str, cells: dict[tuple[int, int], object]) -> bool:
    """A formula that gives "" when what it adds up is blank (=IF(COUNT(B5:E5)=0,"",SUM(B5:E5)), as the
    export and many templates write totals), every cell it names being blank: its result is blank for
    sure, whether or not a value was saved."""
    if '""' not in formula or "!" in formula or len(formula) > 2000:
        return False
    for match in _REFERENCE.finditer(formula.upper()):
        first = _coordinate(match.group(1).replace("$", ""))
        last = _coordinate((match.group(2) or match.group(1)).replace("$", ""))
        if first is None or last is None:
            return False
        top, bottom = sorted((first[0], last[0]))
        left, right = sorted((first[1], last[1]))
        if (bottom - top + 1) * (right - left + 1) > 10_000:
            return False
        if any(cells.get((r, c)) is not None for r in range(top, bottom + 1) for c in range(left, right + 1)):
            return False
    return True


def read_sheet(book: _Workbook, title: str, member: str, strings: list[str]) -> SheetRead:
    """One sheet within the row, column and cell limits and what is left of the workbook's budget."""
    cells: dict[tuple[int, int], object] = {}
    merges: list[_Merge] = []
    formulas: list[tuple[str, str]] = []
    log: list[LogEntry] = []
    cut_rows = cut_columns = cut_work = False
    budget = book.budget
    with book.archive.open(member) as stream:
        for row, column, value in _cells(stream, strings, merges, formulas, budget):
            if row < 0:
                cut_work = True
                break
            if row > MAX_ROWS:
                if value is not None:
                    cut_rows = True  # a sheet this long is no report: stop here, nothing more is read
                    break
                continue
            if column > MAX_COLUMNS:
                cut_columns = cut_columns or value is not None
                continue
            if value is None or value == "":
                continue
            cells[(row, column)] = value
            budget[0] -= 1
            if budget[0] < 0:
                raise ImportFailed(f"“{book.name}”的单元格过多，已拒绝")
    if cut_rows:
        log.append(warning(f"警告：工作表“{title}”超过{MAX_ROWS}行，只读取了前{MAX_ROWS}行"))
    if cut_work:
        last = max((r for r, _ in cells), default=0)
        log.append(warning(f"警告：工作表“{title}”内容过多，只读取了前{last}行（工作簿的读取量已达上限）"))
    if cut_columns:
        log.append(warning(f"警告：工作表“{title}”超过{MAX_COLUMNS}列，只读取了前{MAX_COLUMNS}列"))
    formulas = [(place, formula) for place, formula in formulas if not _blank_by_formula(formula, cells)]
    if formulas:
        shown = "、".join(f"{title}!{f}" for f, _ in formulas[:10]) + ("等" if len(formulas) > 10 else "")
        log.append(
            warning(
                f"警告：{len(formulas)}个公式单元格没有保存计算结果，按空白读取：{shown}"
                "（请在Excel或WPS中打开并保存后重新导入）"
            )
        )
    log.extend(_apply_merges(title, cells, merges))
    grid = CellGrid(title, {(r - 1, c - 1): v for (r, c), v in cells.items()})
    return SheetRead(grid, log)


def _apply_merges(title: str, cells: dict[tuple[int, int], object], merges: list[_Merge]) -> list[LogEntry]:
    """Drop values Excel hides under a merged range (all but its first cell); keep every value of ranges
    that overlap, which Excel refuses, and say so. No range is expanded: only its rows that hold values
    are visited."""
    rows_with_values: dict[int, list[int]] = {}
    for r, c in cells:
        rows_with_values.setdefault(r, []).append(c)
    by_row: dict[int, list[_Merge]] = {}
    work = 0
    for merge in merges:
        if merge.top > MAX_ROWS or merge.left > MAX_COLUMNS or (merge.top, merge.left) == (merge.bottom, merge.right):
            continue
        bottom = min(merge.bottom, MAX_ROWS)
        if bottom - merge.top + 1 > len(rows_with_values):
            rows = [r for r in rows_with_values if merge.top <= r <= bottom]
        else:
            rows = list(range(merge.top, bottom + 1))
        work += len(rows)
        if work > MAX_MERGE_WORK:
            raise ImportFailed("合并单元格过多，疑似异常文件，已拒绝")
        for r in rows:
            by_row.setdefault(r, []).append(merge)
    overlapping: list[tuple[_Merge, _Merge]] = []
    for row_merges in by_row.values():
        if len(row_merges) < 2:
            continue
        ordered = sorted(row_merges, key=lambda m: m.left)
        reach: _Merge | None = None
        for merge in ordered:
            if reach is not None and merge.left <= reach.right:
                if not (merge.overlaps and reach.overlaps):
                    overlapping.append((reach, merge))
                merge.overlaps = reach.overlaps = True
            if reach is None or merge.right > reach.right:
                reach = merge
    for r, columns in rows_with_values.items():
        for c in columns:
            for merge in by_row.get(r, ()):
                if merge.overlaps or not merge.left <= c <= merge.right:
                    continue
                if (r, c) != (merge.top, merge.left):
                    del cells[(r, c)]  # hidden by the merge, as in Excel
                break
    if not overlapping:
        return []
    pairs = "、".join(f"{a.ref}与{b.ref}" for a, b in overlapping[:5]) + ("等" if len(overlapping) > 5 else "")
    return [
        warning(
            f"警告：工作表“{title}”中合并单元格区域重叠（{pairs}），文件有误；"
            "已忽略这些合并，按各单元格自身的值读取，请核对"
        )
    ]


def read_workbook(path: Path) -> tuple[list[CellGrid], list[LogEntry]]:
    """Every worksheet as a grid of values (cached values of formulas; blank where none is cached),
    and the warnings about what was not read as it stands."""
    check_archive(path)
    grids: list[CellGrid] = []
    log: list[LogEntry] = []
    try:
        with zipfile.ZipFile(path) as archive:
            book = _Workbook(archive, path.name)
            sheets = book.sheets()
            strings = book.shared_strings()
            for title, member in sheets:
                read = read_sheet(book, title, member, strings)
                grids.append(read.grid)
                log.extend(read.log)
    except ImportFailed:
        raise
    except (DefusedXmlException, ElementTree.ParseError) as exc:
        raise ImportFailed(f"无法读取“{path.name}”：文件已损坏或含有不安全的XML，已拒绝") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, KeyError, OSError, ValueError) as exc:
        raise ImportFailed(f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿（{type(exc).__name__}）") from exc
    if not grids:
        raise ImportFailed(f"“{path.name}”中没有工作表")
    return grids, log


def read_xlsx(path: Path) -> list[CellGrid]:
    """Every worksheet as a grid of values (see :func:`read_workbook` for the warnings)."""
    return read_workbook(path)[0]
