"""Tab-separated text as Excel and WPS put it on the clipboard (quoted cells may hold newlines)."""

from __future__ import annotations

import csv
import io


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells; a trailing newline does not make an empty last row."""
    if not text:
        return []
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), delimiter="\t"))
    while rows and all(not cell for cell in rows[-1]):
        rows.pop()
    return rows


def to_tsv(rows: list[list[str]]) -> str:
    """Rows of cells as TSV; cells with tabs, newlines or quotes are quoted like Excel does."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
