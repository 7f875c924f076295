"""The code stays as the style guide asks: ruff clean, and the model never imports Qt."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(), reason="ruff not installed"
)
def test_ruff_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_model_never_imports_qt():
    for source in (ROOT / "model").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "PySide6" not in text and "from gui" not in text, source
