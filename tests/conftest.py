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
