"""The offline package: a built bundle (built here, or given) and helpers to load packaging/ modules.

Building takes minutes, so the tests that need a bundle run only when asked: ``NIANBAO_BUNDLE_TESTS=1``
builds one with ``scripts/build_bundle.py`` (as .ci/run does when packaging files changed), and
``NIANBAO_BUNDLE_DIR=DIR`` uses one built before (``DIR/nianbao/`` and the .deb beside it).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load_packaging(name: str) -> ModuleType:
    """A module from packaging/ (loaded by path: that folder must not shadow the ``packaging`` library)."""
    spec = importlib.util.spec_from_file_location(f"nianbao_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bundle: needs the built offline package (NIANBAO_BUNDLE_TESTS=1 or _DIR)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("NIANBAO_BUNDLE_TESTS") == "1" or os.environ.get("NIANBAO_BUNDLE_DIR"):
        return
    skip = pytest.mark.skip(reason="builds the offline package: set NIANBAO_BUNDLE_TESTS=1 (or NIANBAO_BUNDLE_DIR)")
    for item in items:
        if "bundle" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding ``nianbao/`` (and, on Debian, the .deb): given, or built now."""
    given = os.environ.get("NIANBAO_BUNDLE_DIR")
    if given:
        return Path(given).resolve()
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        # The README's command exactly. This machine's glibc is newer than 统信UOS 20's: the build warns, and
        # the .deb depends on the glibc the bundle needs.
        [sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def executable(built: Path) -> Path:
    name = "nianbao.exe" if sys.platform == "win32" else "nianbao"
    path = built / "nianbao" / name
    assert path.is_file(), f"no {path}"
    return path
