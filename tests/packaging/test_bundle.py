"""The one-folder bundle as a user runs it: outside the source tree, with no Python or venv on PATH."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, load_packaging

pytestmark = pytest.mark.bundle
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What an office PC gives the program: system PATH only, its own home, a UTF-8 locale."""
    env = {
        "PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir()),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
    }
    if sys.platform == "win32":
        env = {**os.environ, "PATH": os.environ.get("SystemRoot", r"C:\Windows") + r"\System32"}
    return {**env, **extra}


def run(executable: Path, *args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(executable), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=clean_env(cwd, **extra),
        timeout=120,
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working folder far from the source tree, holding a copy of the example report."""
    assert ROOT not in tmp_path.parents
    shutil.copy(EXAMPLE, tmp_path / "example.nianbao")
    return tmp_path


def test_version(executable: Path, outside: Path) -> None:
    version = load_packaging("bundle_layout").project_version(ROOT)
    result = run(executable, "--version", cwd=outside)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"nianbao {version}"


def test_check_the_example(executable: Path, outside: Path) -> None:
    result = run(executable, "check", "example.nianbao", "--json", cwd=outside)
    assert result.returncode == 0, result.stderr
    assert '"errors": []' in result.stdout
    bad = outside / "bad.nianbao"
    bad.write_text("{not json", encoding="utf-8")
    result = run(executable, "check", str(bad), cwd=outside)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def embedded_fonts(pdf: Path) -> set[str]:
    """Base names of the fonts whose program is embedded in the PDF."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]))
    return names


def test_export_pdf_embeds_a_cjk_font(executable: Path, outside: Path) -> None:
    from pypdf import PdfReader

    sys.path.insert(0, str(ROOT))
    from export.fonts import find_font

    result = run(executable, "export", "example.nianbao", "-o", "x.pdf", cwd=outside)
    assert result.returncode == 0, result.stderr
    pdf = outside / "x.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "政府信息公开" in text and "重庆市黔江区城市管理局" in text
    if find_font() is None:
        pytest.skip("no TrueType CJK font on this machine: the PDF uses the reader's CID font")
    fonts = embedded_fonts(pdf)
    assert fonts, "no embedded font"
    assert any(re.search(r"(Hei|Ming|Song|Fang|Kai|CJK|WenQuanYi|UMing|CESI|Sim)", name) for name in fonts), fonts


def test_export_and_import_back_every_kind(executable: Path, outside: Path) -> None:
    """Writers and readers are imported by name: each must be in the bundle, with what it imports."""
    for suffix in (".xlsx", ".docx", ".html"):
        out = f"x{suffix}"
        result = run(executable, "export", "example.nianbao", "-o", out, cwd=outside)
        assert result.returncode == 0, result.stderr
        back = run(executable, "import", out, "-o", f"back{suffix}.nianbao", cwd=outside)
        assert back.returncode == 0, back.stderr
        check = run(executable, "check", f"back{suffix}.nianbao", cwd=outside)
        assert check.returncode == 0, check.stdout + check.stderr


def test_gui_starts_offscreen_and_closes(executable: Path, outside: Path) -> None:
    # NIANBAO_STARTUP_PROBE: show the window with the example, wait until idle, quit (as benchmarks/ do).
    result = run(executable, cwd=outside, QT_QPA_PLATFORM="offscreen", NIANBAO_STARTUP_PROBE="1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr
    translations = executable.parent / "_internal" / "resources" / "translations"
    assert (translations / "nianbao_zh_CN.qm").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_gui_starts_on_x11(executable: Path, outside: Path) -> None:
    """Through Qt's xcb plugin, as on a UOS/Kylin desktop (the X11 server is Xvfb)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as stream:
            display = stream.readline().strip()
        assert display, "Xvfb did not start"
        result = run(executable, cwd=outside, DISPLAY=f":{display}", NIANBAO_STARTUP_PROBE="1")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_x11_libraries_a_fresh_desktop_lacks_are_bundled(built: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    import ctypes.util

    internal = built / "nianbao" / "_internal"
    for name, library in (("xcb-icccm", "libxcb-icccm.so.4"), ("xcb-keysyms", "libxcb-keysyms.so.1")):
        if ctypes.util.find_library(name) is None:
            continue  # not on this machine: the build could not carry it (build_bundle.py warns)
        assert (internal / library).exists(), f"{library} is on the build machine but not in the bundle"


def test_modules_imported_by_name_are_bundled(built: Path) -> None:
    import importlib.util

    internal = built / "nianbao" / "_internal"
    for name in load_packaging("bundle_layout").OPTIONAL_HIDDEN_IMPORTS:
        if importlib.util.find_spec(name) is not None:
            assert list(internal.glob(f"{name}.*")), f"{name} is installed here but not in the bundle"


def test_bundle_size_is_under_150_mb(built: Path) -> None:
    folder = built / "nianbao"
    size = sum(p.lstat().st_size for p in folder.rglob("*"))
    assert size < 150e6, f"{size / 1e6:.0f} MB"
