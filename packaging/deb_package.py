"""The .deb for 统信UOS and 银河麒麟 (amd64), laid out as the UOS app store expects.

Everything the package installs lies under ``/opt/apps/<appid>/``: ``files/`` (the bundle),
``entries/applications/<appid>.desktop``, ``entries/icons/hicolor/<size>/apps/<appid>.png``,
``entries/mime/packages/<appid>.xml`` and ``info``. UOS links the entries into the desktop itself.
Kylin and plain Debian do not, so the package (unless built for the store) also owns symlinks to
them under /usr/share and ``/usr/bin/nianbao``; the system's own dpkg triggers (desktop database,
MIME database, icon cache) pick those up. There are no maintainer scripts: installing changes
nothing but the package's own files, and removing it leaves nothing behind.

Loaded by path (see bundle_layout.py for why this folder is not a package).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DESCRIPTION = (
    "Editor for the annual report on government information disclosure\n"
    " 政务公开年报编辑器：填报、勾稽检查、导入导出政府信息公开工作年度报告（2021与2019格式）。\n"
    " Includes the graphical editor and the nianbao command line tool."
)
# The editor's X11 libraries not bundled (Qt's xcb plugin links them); the command line needs none of them,
# and the editor names the missing ones when started without them.
RECOMMENDS = ("libxcb1", "libxcb-icccm4", "libxcb-keysyms1", "libgl1", "libegl1", "libfontconfig1")


def desktop_entry(appid: str, command: str, mime_type: str) -> str:
    """The menu entry: Chinese name, Office category, opens .nianbao files given to it."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=Nianbao Report Editor",
            "Name[zh_CN]=政务公开年报编辑器",
            "GenericName=Annual disclosure report editor",
            "GenericName[zh_CN]=政府信息公开工作年度报告编辑器",
            "Comment=Fill in, check, import and export the annual report on government information disclosure",
            "Comment[zh_CN]=填报、检查、导入和导出政府信息公开工作年度报告",
            "Keywords=report;government;disclosure;年报;政务公开;信息公开;",
            f"Exec={command} %f",
            f"Icon={appid}",
            "Terminal=false",
            "Categories=Office;",
            f"MimeType={mime_type};",
            "StartupNotify=true",
            "StartupWMClass=Nianbao",  # the class part of WM_CLASS Qt sets: the application name
            "",
        ]
    )


def mime_package(appid: str, mime_type: str) -> str:
    """shared-mime-info definition of the report file type (``*.nianbao``, JSON inside)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{mime_type}">
    <comment>Nianbao annual report</comment>
    <comment xml:lang="zh_CN">政务公开年报文件</comment>
    <sub-class-of type="application/json"/>
    <icon name="{appid}"/>
    <glob pattern="*.nianbao"/>
  </mime-type>
</mime-info>
"""


def info_file(appid: str, version: str, arch: str) -> str:
    """The UOS store's ``info`` (JSON): the app asks for no special permission."""
    info = {
        "appid": appid,
        "name": "政务公开年报编辑器",
        "version": version,
        "arch": [arch],
        "permissions": {
            "autostart": False,
            "notification": False,
            "trayicon": False,
            "clipboard": True,
            "account": False,
            "bluetooth": False,
            "camera": False,
            "audio_record": False,
            "installed_apps": False,
        },
    }
    return json.dumps(info, ensure_ascii=False, indent=2) + "\n"


def control_file(appid: str, version: str, arch: str, installed_kib: int, glibc: str) -> str:
    """DEBIAN/control."""
    return "\n".join(
        [
            f"Package: {appid}",
            f"Version: {version}",
            f"Architecture: {arch}",
            "Maintainer: Nianbao <dev@nianbao.local>",
            f"Installed-Size: {installed_kib}",
            f"Depends: libc6 (>= {glibc})",
            f"Recommends: {', '.join(RECOMMENDS)}",
            "Section: office",
            "Priority: optional",
            "Homepage: https://nianbao.local/",
            f"Description: {DESCRIPTION}",
            "",
        ]
    )


def stage(
    bundle: Path,
    root: Path,
    *,
    appid: str,
    version: str,
    arch: str,
    mime_type: str,
    command: str,
    icons: Path,
    store: bool,
) -> None:
    """Lay the package's files out under ``root`` (the future ``/``)."""
    app = root / "opt" / "apps" / appid
    shutil.copytree(bundle, app / "files", symlinks=True)
    entries = app / "entries"
    installed = f"/opt/apps/{appid}/files/{command}"
    write(entries / "applications" / f"{appid}.desktop", desktop_entry(appid, installed, mime_type))
    write(entries / "mime" / "packages" / f"{appid}.xml", mime_package(appid, mime_type))
    icon_files = []
    for png in sorted(icons.glob("nianbao-*.png")):
        size = png.stem.split("-")[1]
        icon_files.append((f"hicolor/{size}x{size}/apps/{appid}.png", png))
    if (icons / "nianbao.svg").is_file():
        icon_files.append((f"hicolor/scalable/apps/{appid}.svg", icons / "nianbao.svg"))
    for relative, source in icon_files:
        target = entries / "icons" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    write(app / "info", info_file(appid, version, arch))
    if store:
        return
    links = {
        "usr/bin/nianbao": installed,
        f"usr/share/applications/{appid}.desktop": f"/opt/apps/{appid}/entries/applications/{appid}.desktop",
        f"usr/share/mime/packages/{appid}.xml": f"/opt/apps/{appid}/entries/mime/packages/{appid}.xml",
        **{f"usr/share/icons/{rel}": f"/opt/apps/{appid}/entries/icons/{rel}" for rel, _ in icon_files},
    }
    for link, target in links.items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / link)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def normalise(root: Path, epoch: int) -> None:
    """Same permissions and times for every file, so two builds of one commit give the same archive."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)
        os.utime(path, (epoch, epoch))
    os.utime(root, (epoch, epoch))


def build_deb(
    bundle: Path,
    out_dir: Path,
    *,
    appid: str,
    version: str,
    mime_type: str,
    command: str,
    icons: Path,
    epoch: int,
    glibc: str,
    arch: str = "amd64",
    store: bool = False,
) -> Path:
    """Build ``out_dir/nianbao_<version>_<arch>.deb`` from the one-folder bundle with dpkg-deb.

    ``glibc`` is the oldest C library the bundle runs on (glibc_versions.py reads it from the bundle's
    files): the package depends on ``libc6 (>= glibc)``, so dpkg refuses it on an older system with a
    message that names the version, instead of a program that fails at start.
    """
    output = out_dir / f"nianbao_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="nianbao-deb-") as temp:
        root = Path(temp) / "root"
        root.mkdir()
        os.chmod(root, 0o755)
        stage(
            bundle,
            root,
            appid=appid,
            version=version,
            arch=arch,
            mime_type=mime_type,
            command=command,
            icons=icons,
            store=store,
        )
        installed_kib = sum(p.lstat().st_size for p in root.rglob("*")) // 1024 + 1
        (root / "DEBIAN").mkdir()
        write(root / "DEBIAN" / "control", control_file(appid, version, arch, installed_kib, glibc))
        normalise(root, epoch)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--threads-max=1", "--build", str(root), str(output)],
            check=True,
            capture_output=True,
            env=env,
        )
    return output
