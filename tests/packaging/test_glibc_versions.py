"""Which glibc the bundle needs, read from real ELF files, and what the build does with it."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, load_packaging

versions = load_packaging("glibc_versions")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")


def real_elf_files() -> list[Path]:
    """Shared libraries of this environment: Qt's, shiboken's, and a C module of the standard library."""
    import _ctypes

    import PySide6
    import shiboken6

    qt = Path(PySide6.__file__).parent
    files = [Path(_ctypes.__file__), *sorted(qt.glob("QtCore.*.so")), *sorted(qt.glob("Qt/lib/libQt6Core.so.6"))]
    files += sorted(Path(shiboken6.__file__).parent.glob("libshiboken6*.so*"))
    return [f.resolve() for f in files if f.is_file()]


def objdump_glibc(path: Path) -> tuple[tuple[int, int] | None, set[str]]:
    """What binutils says: the newest GLIBC_x.y and every version name needed from libc.so.6."""
    dynamic = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=True).stdout
    found = [(int(a), int(b)) for a, b in re.findall(r"\bGLIBC_(\d+)\.(\d+)", dynamic)]
    private = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    libc_versions: set[str] = set()
    section = private.split("Version References:")[-1] if "Version References:" in private else ""
    current = None
    for line in section.splitlines():
        if line.strip().startswith("required from"):
            current = line.split("required from")[1].strip().rstrip(":")
        elif current == "libc.so.6" and line.strip():
            libc_versions.add(line.split()[-1])
    return (max(found) if found else None), libc_versions


@linux_only
@pytest.mark.skipif(shutil.which("objdump") is None, reason="binutils' objdump to compare with")
def test_versions_match_objdump_on_real_libraries() -> None:
    files = real_elf_files()
    assert len(files) >= 3, files
    for path in files:
        newest, libc_versions = objdump_glibc(path)
        needs = versions.needed_versions(path.read_bytes())
        assert versions.newest_glibc(needs) == newest, path
        assert needs.get("libc.so.6", set()) == libc_versions, path
        assert versions.file_glibc(path) == versions.Need(path, newest)


@linux_only
def test_qt_needs_a_glibc_its_wheel_names() -> None:
    import PySide6

    core = next(iter(sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libQt6Core.so.6*"))), None)
    if core is None:
        pytest.skip("no libQt6Core in this PySide6")
    need = versions.file_glibc(core)
    # Every PySide6 wheel since 6.0 is manylinux_2_28 or newer: Qt's core needs at least glibc 2.17.
    assert need is not None and need.glibc is not None and need.glibc >= (2, 17)


def test_not_elf_and_cut_short(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("GLIBC_2.99 is only text here", encoding="utf-8")
    assert versions.file_glibc(text) is None
    with pytest.raises(versions.NotElfError):
        versions.needed_versions(b"GLIBC_2.99")
    cut = tmp_path / "cut.so"
    cut.write_bytes(b"\x7fELF\x02\x01\x01" + b"\0" * 20)
    assert versions.file_glibc(cut) is None
    with pytest.raises(versions.NotElfError):
        versions.needed_versions(cut.read_bytes())


def test_parse_version() -> None:
    assert versions.parse_version("2.28") == (2, 28)
    assert versions.parse_version(" 2.31 ") == (2, 31)
    assert versions.format_version((2, 34)) == "2.34"
    for bad in ("2", "2.28.1", "abc", ""):
        with pytest.raises(ValueError):
            versions.parse_version(bad)


@linux_only
def test_scan_a_folder(tmp_path: Path) -> None:
    library = real_elf_files()[0]
    expected = versions.file_glibc(library)
    assert expected is not None and expected.glibc is not None
    (tmp_path / "lib").mkdir()
    copy = tmp_path / "lib" / library.name
    shutil.copyfile(library, copy)
    (tmp_path / "lib" / "link.so").symlink_to(copy)
    (tmp_path / "readme.txt").write_text("GLIBC_9.9", encoding="utf-8")
    needs = versions.scan(tmp_path)
    assert needs == [versions.Need(copy, expected.glibc)]
    assert versions.required(needs) == expected.glibc
    assert versions.required([]) == versions.BASELINE
    assert versions.too_new(needs, expected.glibc) == []
    older = (expected.glibc[0], expected.glibc[1] - 1)
    assert versions.too_new(needs, older) == needs


def load_build_script():
    spec = importlib.util.spec_from_file_location("nianbao_build_bundle", ROOT / "scripts" / "build_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@linux_only
def test_build_refuses_a_bundle_newer_than_the_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build = load_build_script()
    library = real_elf_files()[0]
    needed = versions.file_glibc(library).glibc
    shutil.copyfile(library, tmp_path / library.name)
    text = versions.format_version(needed)

    assert build.glibc_report(tmp_path, needed, allow_newer=False) == (text, True)
    assert f"needs glibc >= {text}" in capsys.readouterr().out

    older = (needed[0], needed[1] - 1)
    assert build.glibc_report(tmp_path, older, allow_newer=False) == (text, False)
    err = capsys.readouterr().err
    assert f"error: the bundle needs glibc {text}, newer than the target {versions.format_version(older)}" in err
    assert library.name in err and "--allow-newer-glibc" in err

    assert build.glibc_report(tmp_path, older, allow_newer=True) == (text, True)
    assert "warning: the bundle needs glibc" in capsys.readouterr().out


def test_build_rejects_a_malformed_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build = load_build_script()
    for args, message in (
        (["--glibc", "two.28"], "not a glibc version"),
        (["--lock", str(tmp_path / "missing.txt")], "no lock file"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            build.main(["-o", str(tmp_path / "out"), "--no-sync", *args])
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_control_file_depends_on_the_glibc_given() -> None:
    deb = load_packaging("deb_package")
    control = deb.control_file("cn.nianbao.editor", "0.1.0", "amd64", 1000, "2.28")
    assert "\nDepends: libc6 (>= 2.28)\n" in control


@pytest.mark.bundle
@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None, reason="no dpkg")
def test_deb_depends_on_what_the_bundle_needs(built: Path) -> None:
    """The .deb asks for exactly the glibc the bundle's files need; a target given in the environment holds."""
    needed = versions.format_version(versions.required(versions.scan(built / "nianbao")))
    deb = sorted(built.glob("nianbao_*_*.deb"))[-1]
    control = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True)
    assert control.stdout.strip() == f"libc6 (>= {needed})"
    target = os.environ.get("NIANBAO_BUNDLE_GLIBC")  # e.g. 2.28 for a bundle built for 统信UOS 20
    if target:
        assert versions.parse_version(needed) <= versions.parse_version(target)


def test_system_libraries_newer_than_the_target_are_left_out() -> None:
    layout = load_packaging("bundle_layout")
    needs = {
        "/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0": (2, 34),
        "/lib/x86_64-linux-gnu/libxcb-icccm.so.4": (2, 14),
        "/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6": (2, 34),
        "/opt/py/lib/python3.11/lib-dynload/_ctypes.cpython-311-x86_64-linux-gnu.so": (2, 36),
        "/usr/lib/x86_64-linux-gnu/libfreetype.so.6": (2, 33),
    }
    binaries = [
        ("libglib-2.0.so.0", "/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0", "BINARY"),
        ("libxcb-icccm.so.4", "/lib/x86_64-linux-gnu/libxcb-icccm.so.4", "BINARY"),
        (
            "PySide6/Qt/lib/libQt6Core.so.6",
            "/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6",
            "BINARY",
        ),
        (
            "python3.11/lib-dynload/_ctypes.so",
            "/opt/py/lib/python3.11/lib-dynload/_ctypes.cpython-311-x86_64-linux-gnu.so",
            "EXTENSION",
        ),
        ("libfreetype.so.6", "/usr/lib/x86_64-linux-gnu/libfreetype.so.6", "BINARY"),
    ]
    kept, dropped = layout.leave_to_the_system(binaries, (2, 28), needs.get)
    assert dropped == ["libfreetype.so.6", "libglib-2.0.so.0"]
    assert [entry[0] for entry in kept] == [
        "libxcb-icccm.so.4",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "python3.11/lib-dynload/_ctypes.so",
    ]
    assert layout.leave_to_the_system(binaries, (2, 36), needs.get) == (binaries, [])


@linux_only
def test_a_real_system_library_is_judged_by_its_file() -> None:
    layout = load_packaging("bundle_layout")
    candidates = sorted(Path("/usr/lib/x86_64-linux-gnu").glob("libglib-2.0.so.0")) + sorted(
        Path("/lib/x86_64-linux-gnu").glob("libz.so.1")
    )
    if not candidates:
        pytest.skip("no libglib or libz in the usual place")
    library = candidates[0]
    needed = versions.file_glibc(library).glibc
    entry = (library.name, str(library), "BINARY")

    def glibc_of(source: str) -> tuple[int, int] | None:
        need = versions.file_glibc(Path(source))
        return need.glibc if need else None

    assert layout.leave_to_the_system([entry], needed, glibc_of) == ([entry], [])
    older = (needed[0], needed[1] - 1)
    assert layout.leave_to_the_system([entry], older, glibc_of) == ([], [library.name])


def test_the_glibc_228_lock_follows_the_main_one() -> None:
    """Same pins as build-lock.txt but Qt 6.8.3 (manylinux_2_28 wheels) and no Windows-only packages."""
    lock = load_packaging("lock_file")
    _, main_pins = lock.read_lock(lock.LOCK)
    _, old_pins = lock.read_lock(lock.LOCK_GLIBC228)
    old = {pin.name: pin for pin in old_pins}
    assert old["PySide6-Essentials"].version == old["shiboken6"].version == "6.8.3"
    expected = {pin.name: pin.version for pin in main_pins if "win32" not in pin.marker}
    expected.update({"PySide6-Essentials": "6.8.3", "shiboken6": "6.8.3"})
    assert {name: pin.version for name, pin in old.items()} == expected
    assert all(pin.hashes for pin in old_pins)
    assert lock.targets_for_glibc((2, 28))["linux"]["platform"][0] == "manylinux_2_28_x86_64"


@linux_only
def test_old_glibc_script_is_valid_shell() -> None:
    script = ROOT / "scripts" / "build_python_for_old_glibc.sh"
    assert os.access(script, os.X_OK)
    subprocess.run(["sh", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    assert "build-lock-glibc228.txt" in text and "x86_64-linux-gnu.$GLIBC" in text


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg") is None or os.geteuid() != 0,
    reason="needs dpkg and root",
)
def test_dpkg_names_the_glibc_a_too_old_system_lacks(tmp_path: Path) -> None:
    """A package that needs a newer glibc than the system's is left unconfigured, with dpkg naming libc6."""
    deb_package = load_packaging("deb_package")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "nianbao").write_text("#!/bin/sh\necho nianbao\n", encoding="utf-8")
    (bundle / "nianbao").chmod(0o755)
    appid = "cn.nianbao.glibctest"
    deb = deb_package.build_deb(
        bundle,
        tmp_path,
        appid=appid,
        version="0.0.1",
        mime_type="application/x-nianbao-glibctest",
        command="nianbao",
        icons=ROOT / "resources" / "icons",
        epoch=1735689600,
        glibc="99.0",
        store=True,
    )
    try:
        result = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert f"{appid} depends on libc6 (>= 99.0)" in result.stderr
    finally:
        subprocess.run(["dpkg", "--purge", appid], capture_output=True, timeout=120)
    assert not Path(f"/opt/apps/{appid}").exists()
