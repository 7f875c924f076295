"""Fast checks of what this Linux machine cannot run: the Windows installer script and the icons it uses."""

from __future__ import annotations

import os
import re
import struct
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING, ROOT, load_packaging

layout = load_packaging("bundle_layout")
ISS = (PACKAGING / "nianbao.iss").read_text(encoding="utf-8")


def section(name: str) -> list[str]:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.M | re.S)
    assert match, name
    return [line for line in match.group(1).splitlines() if line.strip() and not line.startswith(";")]


def test_installs_per_user_without_admin() -> None:
    setup = section("Setup")
    assert "PrivilegesRequired=lowest" in setup
    assert r"DefaultDirName={autopf}\Nianbao" in setup  # {autopf} is the user's Programs folder when lowest
    assert "ChangesAssociations=yes" in setup


def test_start_menu_entry_runs_the_windowed_executable() -> None:
    gui = re.search(r'#define GuiExe "([^"]+)"', ISS).group(1)
    assert gui == layout.APP_NAME + "w.exe"
    spec = (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")
    assert 'name=layout.APP_NAME + "w"' in spec and "console=False" in spec
    assert any(
        line.startswith(r'Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"') for line in section("Icons")
    )


def test_association_lives_in_the_users_classes_and_goes_with_the_uninstaller() -> None:
    entries = section("Registry")
    assert entries and all(line.startswith('Root: HKCU; Subkey: "Software\\Classes\\') for line in entries)
    subkeys = {re.search(r'Subkey: "([^"]+)"', line).group(1) for line in entries}
    assert r"Software\Classes\.nianbao" in subkeys
    assert r"Software\Classes\{#ProgId}\shell\open\command" in subkeys
    command = next(line for line in entries if r"shell\open\command" in line)
    assert '""{app}\\{#GuiExe}"" ""%1""' in command
    # Every value under .nianbao is deleted on uninstall; the ProgId key is deleted whole.
    for line in entries:
        if r"Classes\.nianbao" in line:
            assert "uninsdeletevalue" in line, line
    assert any(r"Classes\{#ProgId}" in line and "uninsdeletekey" in line for line in entries)


def test_installer_icon_is_a_valid_multi_size_ico() -> None:
    icon = re.search(r"SetupIconFile=\{#SourcePath\}\.\.\\(.+)", ISS).group(1).replace("\\", "/")
    data = (ROOT / icon).read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        sizes.add(width or 256)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
    assert {16, 32, 48, 256} <= sizes


def stage(tmp_path: Path, *, store: bool) -> Path:
    deb = load_packaging("deb_package")
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "nianbao").write_bytes(b"#!/bin/sh\n")
    root = tmp_path / ("store" if store else "full")
    root.mkdir()
    deb.stage(
        bundle,
        root,
        appid=layout.APP_ID,
        version="9.9",
        arch="amd64",
        mime_type=layout.MIME_TYPE,
        command="nianbao",
        icons=ROOT / "resources" / "icons",
        store=store,
    )
    return root


def test_store_build_puts_everything_under_opt_apps(tmp_path: Path) -> None:
    root = stage(tmp_path, store=True)
    assert {p.relative_to(root).parts[0] for p in root.rglob("*")} == {"opt"}
    app = root / "opt" / "apps" / layout.APP_ID
    sizes = {p.parent.parent.name for p in (app / "entries" / "icons" / "hicolor").rglob(f"{layout.APP_ID}.*")}
    assert {"16x16", "32x32", "48x48", "128x128", "256x256", "scalable"} <= sizes


def test_desktop_links_point_into_opt_apps(tmp_path: Path) -> None:
    root = stage(tmp_path, store=False)
    links = [p for p in (root / "usr").rglob("*") if p.is_symlink()]
    assert root / "usr" / "bin" / "nianbao" in links
    for link in links:
        target = os.readlink(link)
        assert target.startswith(f"/opt/apps/{layout.APP_ID}/")
        assert (root / target.lstrip("/")).exists(), target
    assert not [p for p in (root / "usr").rglob("*") if p.is_file() and not p.is_symlink()]


def run_hook(env: dict[str, str]) -> dict[str, str | None]:
    """The bundle's run-time hook, run as the bootloader would (``sys._MEIPASS`` set), printing the child env."""
    import json
    import subprocess
    import sys

    hook = PACKAGING / "hooks" / "rthooks" / "pyi_rth_nianbao_pyside6.py"
    code = (
        "import json, os, sys; sys._MEIPASS = '/opt/b/_internal'; "
        f"exec(open({str(hook)!r}, encoding='utf-8').read()); "
        "names = ('LD_LIBRARY_PATH', 'LD_LIBRARY_PATH_ORIG', 'QT_PLUGIN_PATH'); "
        "print(json.dumps({k: os.environ.get(k) for k in names}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LD_LIBRARY_PATH", "QT_PLUGIN_PATH"))}
    out = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_programs_started_from_the_bundle_get_the_users_library_path() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the bootloader sets LD_LIBRARY_PATH on Linux only")
    restored = run_hook(
        {"LD_LIBRARY_PATH": "/opt/b/_internal:/usr/local/lib", "LD_LIBRARY_PATH_ORIG": "/usr/local/lib"}
    )
    assert restored == {"LD_LIBRARY_PATH": "/usr/local/lib", "LD_LIBRARY_PATH_ORIG": None, "QT_PLUGIN_PATH": None}
    removed = run_hook({"LD_LIBRARY_PATH": "/opt/b/_internal"})
    assert removed == {"LD_LIBRARY_PATH": None, "LD_LIBRARY_PATH_ORIG": None, "QT_PLUGIN_PATH": None}
