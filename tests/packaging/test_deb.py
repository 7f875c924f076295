"""The .deb for 统信UOS/银河麒麟: its layout, then a real dpkg -i, run, dpkg -r with nothing left behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, load_packaging

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None, reason="no dpkg"),
]
layout = load_packaging("bundle_layout")
APP = f"/opt/apps/{layout.APP_ID}"
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


@pytest.fixture(scope="module")
def deb(built: Path) -> Path:
    found = sorted(built.glob("nianbao_*_*.deb"))
    assert found, f"no .deb in {built}"
    return found[-1]


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def test_layout_is_the_uos_store_one(deb: Path) -> None:
    version = layout.project_version(ROOT)
    assert deb.name == f"nianbao_{version}_amd64.deb" or deb.name.startswith(f"nianbao_{version}_")
    paths = {line.split()[-1].removeprefix(".") for line in dpkg_deb("-c", str(deb)).splitlines()}
    paths = {p.split(" -> ")[0] for p in paths}
    listing = dpkg_deb("-c", str(deb))
    files = {line.split(None, 5)[-1].split(" -> ")[0].removeprefix(".") for line in listing.splitlines()}
    assert f"{APP}/files/nianbao" in files
    assert f"{APP}/entries/applications/{layout.APP_ID}.desktop" in files
    assert f"{APP}/entries/mime/packages/{layout.APP_ID}.xml" in files
    assert f"{APP}/entries/icons/hicolor/256x256/apps/{layout.APP_ID}.png" in files
    assert f"{APP}/entries/icons/hicolor/scalable/apps/{layout.APP_ID}.svg" in files
    assert f"{APP}/info" in files
    outside = {f for f in files if not f.startswith(APP) and not f.endswith("/")}
    # Outside /opt/apps only symlinks into it (menu, MIME, icons and the command on Kylin/Debian).
    assert all(f.startswith(("/usr/bin/", "/usr/share/")) for f in outside), outside
    for line in listing.splitlines():
        name = line.split(None, 5)[-1]
        if not name.removeprefix(".").startswith(APP) and not line.startswith("d"):
            assert line.startswith("l") and f" -> {APP}/" in name, line
    control = dpkg_deb("-f", str(deb))
    assert f"Package: {layout.APP_ID}" in control and f"Version: {version}" in control
    assert "Depends: libc6 (>= 2." in control


def test_no_maintainer_scripts(deb: Path, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-e", str(deb), str(tmp_path / "DEBIAN")], check=True)
    assert sorted(p.name for p in (tmp_path / "DEBIAN").iterdir()) == ["control"]


def test_entries_describe_the_app(deb: Path, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    app = tmp_path / APP.lstrip("/")
    desktop = (app / "entries" / "applications" / f"{layout.APP_ID}.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=政务公开年报编辑器" in desktop
    assert f"Exec={APP}/files/nianbao %f" in desktop
    assert "MimeType=application/x-nianbao;" in desktop and "Categories=Office;" in desktop
    assert f"Icon={layout.APP_ID}" in desktop
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(app / "entries/applications" / f"{layout.APP_ID}.desktop")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    mime = (app / "entries" / "mime" / "packages" / f"{layout.APP_ID}.xml").read_text(encoding="utf-8")
    assert 'type="application/x-nianbao"' in mime and '<glob pattern="*.nianbao"/>' in mime
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == layout.APP_ID and info["version"] == layout.project_version(ROOT)
    assert info["arch"] == ["amd64"] and "permissions" in info


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    """dpkg, waiting while another apt/dpkg run holds the lock."""
    for _ in range(60):
        result = subprocess.run(["dpkg", *args], capture_output=True, text=True)
        if "lock" not in result.stderr:
            return result
        time.sleep(5)
    return result


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="installing a .deb needs root")
def test_install_run_remove_leaves_nothing(deb: Path, tmp_path: Path) -> None:
    if dpkg("-s", layout.APP_ID).returncode == 0:
        dpkg("-r", layout.APP_ID)
    installed = dpkg("-i", str(deb))
    try:
        assert installed.returncode == 0, installed.stdout + installed.stderr
        assert Path(f"{APP}/files/nianbao").is_file()
        shutil.copy(EXAMPLE, tmp_path / "example.nianbao")
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
        version = subprocess.run(["nianbao", "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert version.returncode == 0 and version.stdout.startswith("nianbao "), version.stderr
        check = subprocess.run(
            [f"{APP}/files/nianbao", "check", "example.nianbao"], capture_output=True, text=True, env=env, cwd=tmp_path
        )
        assert check.returncode == 0, check.stderr
        gui = subprocess.run(
            ["nianbao"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            env={**env, "QT_QPA_PLATFORM": "offscreen", "NIANBAO_STARTUP_PROBE": "1"},
        )
        assert gui.returncode == 0, gui.stderr
        owned = dpkg("-L", layout.APP_ID).stdout.split()
    finally:
        removed = dpkg("-r", layout.APP_ID)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not Path(APP).exists()
    assert not Path("/usr/bin/nianbao").exists()
    assert not Path(f"/usr/share/applications/{layout.APP_ID}.desktop").exists()
    left = [
        p
        for p in owned
        if p.startswith(("/opt/apps/", "/usr/bin/nianbao", "/usr/share/applications/"))
        and Path(p).exists()
        and Path(p) not in (Path("/opt/apps"),)
        and layout.APP_ID in p
    ]
    assert left == []
    assert dpkg("-s", layout.APP_ID).returncode != 0
