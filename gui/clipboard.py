"""Tab-separated text as Excel and WPS put it on the clipboard (quoted cells may hold newlines)."""

from __future__ import annotations

import csv
import io

# A report's largest table holds a few hundred numbers; a clipboard text this long is something else
# (a document, a whole sheet), and reading it cell by cell would only freeze the window.
PASTE_MAX_CHARS = 1_000_000


def _quoted(text: str, start: int) -> tuple[str, int] | None:
    """The cell quoted from ``start`` (a ``"``) and the index after its closing quote; None when the
    quote never closes before a cell end, which Excel reads as a literal quote."""
    parts = []
    position = start + 1
    while True:
        close = text.find('"', position)
        if close < 0:
            return None
        parts.append(text[position:close])
        if text.startswith('"', close + 1):  # "" is one quote inside a quoted cell
            parts.append('"')
            position = close + 2
            continue
        end = close + 1
        if end == len(text) or text[end] in "\t\n":
            return "".join(parts), end
        return None


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells; a trailing newline does not make an empty last row, but blank cells copied
    from Excel (``"\t\n"``) are a row of blanks, which clear the cells they are pasted on.

    Quoted cells (holding tabs, newlines or ``""``) are read as Excel writes them; a stray quote
    that never closes is an ordinary character, as when Excel pastes it, so a text of any length
    parses (``csv`` would fail on it with a field-size error).
    """
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    position, length = 0, len(text)
    while True:
        quoted = _quoted(text, position) if text.startswith('"', position) else None
        if quoted is not None:
            cell, position = quoted
        else:
            tab, newline = text.find("\t", position), text.find("\n", position)
            end = min(e for e in (tab, newline, length) if e >= 0)
            cell, position = text[position:end], end
        row.append(cell)
        if position >= length:
            rows.append(row)
            break
        if text[position] == "\n":
            rows.append(row)
            row = []
        position += 1
        if position >= length and text[position - 1] == "\n":
            break
    return rows


def to_tsv(rows: list[list[str]]) -> str:
    """Rows of cells as TSV; cells with tabs, newlines or quotes are quoted like Excel does."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def paste_area(block: tuple[int, int], selection: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Where a copied block lands, as Excel and WPS place it: (top, left, rows, columns).

    The block starts at the selection's top-left cell. A selection that the block divides evenly
    (in both directions) is filled with copies of it; any other selection gets the block once.
    """
    block_rows, block_columns = block
    top, left, bottom, right = selection
    rows, columns = bottom - top + 1, right - left + 1
    if (rows, columns) != (1, 1) and rows % block_rows == 0 and columns % block_columns == 0:
        return top, left, rows, columns
    return top, left, block_rows, block_columns
