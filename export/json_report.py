"""The JSON forms of ``show --json`` and ``check --json``: a contract other tools are built on.

Labels are what a person reads; ids are what ``nianbao set`` takes (``3/new/natural=12``, ``--text s1=...``).
Every table, row, column and section carries both, and each cell its whole address as ``ref``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from model.cellref import CellRef
from model.document import Document
from model.rules import RuleResult
from model.values import Value


def json_number(value: Value) -> int | float | None:
    """Amounts have two decimals and at most 12 digits, so a float prints them exactly."""
    return float(value) if isinstance(value, Decimal) else value


def cell_paths(document: Document, ref: CellRef) -> tuple[list[str], list[str]]:
    """The row and column label paths of a cell, outermost first, as printed."""
    table = document.template.table(ref.table)
    return list(table.row(ref.row).path), list(table.column(ref.column).path)


def report_json(document: Document) -> dict[str, Any]:
    """Every data cell of every table, and the text sections."""
    tables = []
    for table in document.template.tables.values():
        cells = []
        for ref in table.cells():
            row, column = cell_paths(document, ref)
            cell = {
                "ref": ref.key(),
                "row_id": ref.row,
                "row": row,
                "column_id": ref.column,
                "column": column,
                "value": json_number(document.value(ref)),
                "computed": document.is_total(ref),
            }
            printed = document.printed(ref)
            if printed is not None:
                cell["printed"] = json_number(printed)  # kept from an imported report until accepted
            cells.append(cell)
        tables.append({"id": table.id, "title": table.title, "cells": cells})
    return {
        "template": document.template.id,
        "year": document.year,
        "agency": document.agency,
        "tables": tables,
        "sections": [
            {"id": s.id, "title": s.title, "text": document.text(s.id)} for s in document.template.text_sections()
        ],
    }


def result_json(document: Document, result: RuleResult) -> dict[str, Any]:
    """One check result: its rule id, message and the cells it involves (ids and labels)."""
    cells = []
    for ref in result.cells:
        row, column = cell_paths(document, ref)
        cell: dict[str, Any] = {
            "ref": ref.key(),
            "table_id": ref.table,
            "table": document.template.table(ref.table).title,
            "row_id": ref.row,
            "row": row,
            "column_id": ref.column,
            "column": column,
        }
        printed = document.printed(ref)
        if printed is not None:  # a total kept as the imported source printed it
            cell.update(printed=json_number(printed), computed=json_number(document.value(ref)))
        cells.append(cell)
    return {"rule": result.rule, "message": result.message, "cells": cells}


def check_json(document: Document) -> dict[str, Any]:
    """Errors and warnings with the cells they involve."""
    return {
        "errors": [result_json(document, r) for r in document.errors()],
        "warnings": [result_json(document, r) for r in document.warnings()],
    }
