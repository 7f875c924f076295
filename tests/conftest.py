"""Shared fixtures: documents built through the public model API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.document import Document  # noqa: E402
from model.fileformat import load_report  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


def nianbao(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture(params=["2019", "2021"])
def template_id(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def blank(template_id: str) -> Document:
    year = 2020 if template_id == "2019" else 2025
    return Document.new(template_id, year, "测试市测试局")


@pytest.fixture
def example() -> Document:
    return load_report(EXAMPLE)


@pytest.fixture
def filled(blank: Document) -> Document:
    """A report in each layout with every input cell set to a distinct value and every text written."""
    from decimal import Decimal

    from model.edits import SetCell, SetText
    from model.values import CellKind

    template = blank.template
    edits: list = []
    inputs = (ref for table in template.tables.values() for ref in table.cells() if not template.is_total(ref))
    for number, ref in enumerate(inputs):
        kind = template.kind_of(ref)
        if kind is CellKind.COUNT:
            edits.append(SetCell(ref, number + 1))
        elif kind is CellKind.SIGNED:
            edits.append(SetCell(ref, -number))
        elif kind is CellKind.AMOUNT:
            edits.append(SetCell(ref, Decimal(number) + Decimal("0.25")))
    for section in template.sections:
        if section.kind != "tables":
            edits.append(SetText(section.id, f"{section.title}的正文。第二句含12.5%和“引号”。\n第二段。"))
    blank.apply(edits)
    return blank
