"""Fill packaging/build-lock.txt with the sha256 of every wheel a pinned package has for Linux and Windows.

Change a pin by editing its ``name==version`` line, then run ``python scripts/update_build_lock.py``.
The lock for glibc 2.28 (Linux wheels no newer than manylinux_2_28 only):
``python scripts/update_build_lock.py --lock packaging/build-lock-glibc228.txt --glibc 2.28``.
Downloads each pinned wheel (pip's own client, cached by pip), hashes it, and rewrites the lock.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_lock_module():
    spec = importlib.util.spec_from_file_location("lock_file", ROOT / "packaging" / "lock_file.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["lock_file"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def download(requirement: str, platforms: list[str], python_version: str, folder: Path) -> list[Path]:
    """The wheel(s) pip picks for ``requirement`` on ``platform``, downloaded into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    before = set(folder.iterdir())
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    command += [arg for platform in platforms for arg in ("--platform", platform)]
    command += ["--python-version", python_version, "--implementation", "cp", "-d", str(folder), requirement]
    subprocess.run(command, check=True, capture_output=True, text=True)
    after = set(folder.iterdir())
    new = sorted(after - before)
    if new:
        return new
    name = requirement.split("==")[0].lower().replace("-", "_")
    return sorted(p for p in after if p.name.lower().replace("-", "_").startswith(name + "-"))


def main(argv: list[str] | None = None) -> int:
    lock = load_lock_module()
    parser = argparse.ArgumentParser(description="Fill a build lock with the hashes of its pinned wheels")
    parser.add_argument("--lock", type=Path, default=lock.LOCK, help="the lock file (default packaging/build-lock.txt)")
    parser.add_argument("--glibc", help="only Linux wheels that run on this glibc (e.g. 2.28)")
    args = parser.parse_args(argv)
    targets = lock.TARGETS
    if args.glibc:
        major, minor = (int(part) for part in args.glibc.split("."))
        targets = lock.targets_for_glibc((major, minor))
    header, pins = lock.read_lock(args.lock)
    with tempfile.TemporaryDirectory() as temp:
        for pin in pins:
            hashes: set[str] = set()
            for target_name, target in targets.items():
                if not pin.applies_to(target["markers"]):
                    continue
                folder = Path(temp) / target_name
                for wheel in download(
                    pin.requirement(with_marker=False).split(" ")[0], target["platform"], lock.PYTHON_VERSION, folder
                ):
                    hashes.add(hashlib.sha256(wheel.read_bytes()).hexdigest())
                    print(f"{target_name:8} {wheel.name}")
            pin.hashes = sorted(hashes)
    lock.write_lock(header, pins, args.lock)
    print(f"wrote {args.lock}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
