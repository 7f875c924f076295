"""Build the offline package: ``python scripts/build_bundle.py -o DIR``.

Writes ``DIR/nianbao/`` (one folder, executable ``nianbao``/``nianbao.exe``, GUI and command line) with
PyInstaller from packaging/nianbao.spec; on a Debian-based machine also ``DIR/nianbao_<version>_<arch>.deb``
for 统信UOS/银河麒麟, and on Windows with Inno Setup 6 ``DIR/nianbao-<version>-setup.exe``.
The versions come from packaging/build-lock.txt (pinned, with hashes); a build environment that differs
is brought to the lock first. PYTHONHASHSEED and SOURCE_DATE_EPOCH are fixed (the latter to the commit's
time), so two builds of one commit give the same files.

The build reads which glibc the bundle needs from its files (the newest GLIBC_x.y symbol version any of them
asks for), prints it and writes it into the .deb's ``Depends: libc6 (>= x.y)``, so dpkg refuses the package
on an older system instead of the editor failing to start. A bundle built on a new system with Qt 6.11 does
not start on 统信UOS 20 (glibc 2.28) or 银河麒麟 V10 (2.31): the build says so with a warning. For those
PCs, build with the Python of scripts/build_python_for_old_glibc.sh, ``--lock packaging/build-lock-glibc228.txt``
and ``--glibc 2.28``; with ``--glibc`` the build fails, naming the files, when the bundle needs a newer glibc
(unless ``--allow-newer-glibc`` turns that back into the warning).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
FALLBACK_EPOCH = 1735689600  # 2025-01-01, for a source tree that is not a git checkout


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def load_display_module():
    """gui/display.py (Qt-free), for its Debian package naming rule."""
    spec = importlib.util.spec_from_file_location("nianbao_display", ROOT / "gui" / "display.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_date_epoch() -> int:
    """The commit's time: the same for every build of one commit."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return FALLBACK_EPOCH


def unlocked_packages(lock, path: Path) -> list[str]:
    """``name: installed → locked`` for every package this environment has at another version than the lock."""
    from packaging.markers import default_environment

    _, pins = lock.read_lock(path)
    environment = default_environment()
    wrong = []
    for pin in pins:
        if not pin.applies_to(environment):
            continue
        try:
            installed = metadata.version(pin.name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != pin.version:
            wrong.append(f"{pin.name}: {installed} → {pin.version}")
    return wrong


def sync_to_lock(lock, path: Path) -> None:
    """Install exactly the locked versions (hash-checked) when this environment differs."""
    wrong = unlocked_packages(lock, path)
    if not wrong:
        return
    print(f"build: bringing the build environment to {path.name}:\n  " + "\n  ".join(wrong))
    command = [sys.executable, "-m", "pip", "install", "--require-hashes", "--no-deps", "-r", str(path)]
    subprocess.run(command, check=True)


UOS20_GLIBC = "2.28"  # the oldest glibc of the office PCs this is for (统信UOS 20)


def glibc_report(bundle: Path, target: tuple[int, int], *, allow_newer: bool) -> tuple[str, bool]:
    """The glibc the bundle needs (``"2.34"``) and whether the build may go on; prints both.

    Newer than ``target`` is an error (the bundle would not start there) unless ``allow_newer``.
    """
    versions = load("glibc_versions")
    needs = versions.scan(bundle)
    needed = versions.required(needs)
    text = versions.format_version(needed)
    print(f"build: the bundle needs glibc >= {text} ({len(needs)} ELF files read)")
    offenders = versions.too_new(needs, target)
    if not offenders:
        return text, True
    listing = "\n  ".join(f"{versions.format_version(n.glibc)}  {n.path.relative_to(bundle)}" for n in offenders[:15])
    more = f"\n  … and {len(offenders) - 15} more" if len(offenders) > 15 else ""
    message = (
        f"the bundle needs glibc {text}, newer than the target {versions.format_version(target)} "
        f"(统信UOS 20: 2.28, 银河麒麟 V10: 2.31); {len(offenders)} files need more than the target:"
        f"\n  {listing}{more}\n"
        "Build with the Python of scripts/build_python_for_old_glibc.sh and "
        "--lock packaging/build-lock-glibc228.txt --glibc 2.28 (see README). Without --glibc, or with "
        f"--allow-newer-glibc, the bundle is kept and runs only on glibc >= {text} "
        f"(the .deb depends on libc6 >= {text})."
    )
    if allow_newer:
        print(f"build: warning: {message}")
        return text, True
    print(f"build: error: {message}", file=sys.stderr)
    return text, False


def debian_arch() -> str | None:
    """dpkg's name for this machine's architecture on a Debian-based system (else None: no .deb)."""
    if (
        not sys.platform.startswith("linux")
        or shutil.which("dpkg-deb") is None
        or not Path("/etc/debian_version").exists()
    ):
        return None
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine())


def build_bundle(output: Path, epoch: int, target_glibc: str | None = None) -> Path:
    """Run PyInstaller on the spec in a fresh interpreter with the fixed seed and date.

    With ``target_glibc``, the spec leaves out the build machine's libraries that need a newer glibc.
    """
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": str(epoch)}
    env.pop("NIANBAO_TARGET_GLIBC", None)
    if target_glibc:
        env["NIANBAO_TARGET_GLIBC"] = target_glibc
    with tempfile.TemporaryDirectory(prefix="nianbao-build-") as work:
        command = [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(output),
            "--workpath",
            work,
            str(PACKAGING / "nianbao.spec"),
        ]
        subprocess.run(command, check=True, env=env, cwd=ROOT)
    return output / "nianbao"


def inno_setup() -> str | None:
    """iscc.exe, on PATH or where Inno Setup 6 installs itself (machine-wide or per user)."""
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"), os.environ.get("LOCALAPPDATA")):
        for sub in ("Inno Setup 6", "Programs/Inno Setup 6"):
            candidate = Path(base or "/nonexistent") / sub / "ISCC.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def build_installer(bundle: Path, output: Path, version: str) -> Path | None:
    """The Windows installer from packaging/nianbao.iss (None when Inno Setup is not installed)."""
    iscc = inno_setup()
    if iscc is None:
        print("build: Inno Setup 6 (iscc.exe) not found; no installer written (the folder works as it is)")
        return None
    command = [iscc, "/Q", f"/DAppVersion={version}", f"/DBundleDir={bundle}", f"/O{output}"]
    subprocess.run([*command, str(PACKAGING / "nianbao.iss")], check=True)
    return output / f"nianbao-{version}-setup.exe"


# X11 libraries Qt's xcb plugin needs that a fresh 统信UOS/银河麒麟 may lack; bundled when the build machine has them.
X11_EXTRAS = ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0")


def x11_libraries_left_out(bundle: Path) -> list[str]:
    """The X11 extras this Linux bundle does not carry (the editor on the target then needs them installed)."""
    if not sys.platform.startswith("linux"):
        return []
    return [name for name in X11_EXTRAS if not (bundle / "_internal" / name).exists()]


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建离线安装包（单文件夹程序；Debian系统上另生成 .deb）")
    parser.add_argument("-o", "--output", required=True, help="输出文件夹，生成 DIR/nianbao/ 和 .deb")
    parser.add_argument("--no-deb", action="store_true", help="不生成 .deb")
    parser.add_argument(
        "--uos-store",
        action="store_true",
        help="按统信应用商店要求，.deb 只含 /opt/apps/<appid>/（不含 /usr 下的链接）",
    )
    parser.add_argument("--no-sync", action="store_true", help="不按 build-lock.txt 校正构建环境的版本")
    parser.add_argument(
        "--lock",
        type=Path,
        help="版本锁定文件（默认 packaging/build-lock.txt；glibc 2.28 用 packaging/build-lock-glibc228.txt）",
    )
    parser.add_argument(
        "--glibc",
        help="目标系统的 glibc 版本（统信UOS 20 为 2.28，银河麒麟 V10 为 2.31）；给出时，程序需要更新的版本则构建失败"
        "（不给出时只提示能否在 UOS 20 上运行）",
    )
    parser.add_argument(
        "--allow-newer-glibc",
        action="store_true",
        help="程序需要比 --glibc 更新的 glibc 时只警告、照常生成（.deb 依赖写明所需版本）",
    )
    args = parser.parse_args(argv)
    layout, lock = load("bundle_layout"), load("lock_file")
    try:
        target = load("glibc_versions").parse_version(args.glibc or UOS20_GLIBC)
    except ValueError as exc:
        parser.error(str(exc))
    lock_path = (args.lock or lock.LOCK).resolve()
    if not lock_path.is_file():
        parser.error(f"no lock file {lock_path}")
    output = Path(args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    if not args.no_sync:
        sync_to_lock(lock, lock_path)
    epoch = source_date_epoch()
    started = time.perf_counter()
    strict = sys.platform.startswith("linux") and args.glibc is not None and not args.allow_newer_glibc
    bundle = build_bundle(output, epoch, args.glibc if strict else None)
    print(f"build: {bundle} ({folder_size(bundle) / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s")
    glibc = None
    if sys.platform.startswith("linux"):
        glibc, ok = glibc_report(bundle, target, allow_newer=not strict)
        if not ok:
            return 1
    left_out = x11_libraries_left_out(bundle)
    if left_out:
        packages = " ".join(load_display_module().debian_package(name) for name in left_out)
        print(
            f"build: warning: {', '.join(left_out)} not on this machine, so not bundled; the editor will need them "
            f"on the target PC. Install them here and build again: sudo apt install {packages}"
        )
    if sys.platform == "win32":
        installer = build_installer(bundle, output, layout.project_version(ROOT))
        if installer is not None:
            print(f"build: {installer}")
    arch = None if args.no_deb else debian_arch()
    if arch is not None:
        deb = load("deb_package").build_deb(
            bundle,
            output,
            appid=layout.APP_ID,
            version=layout.project_version(ROOT),
            mime_type=layout.MIME_TYPE,
            command=layout.APP_NAME,
            icons=ROOT / "resources" / "icons",
            epoch=epoch,
            glibc=glibc,
            arch=arch,
            store=args.uos_store,
        )
        print(f"build: {deb} ({deb.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
