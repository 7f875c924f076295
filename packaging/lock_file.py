"""Read and write packaging/build-lock.txt: ``name==version [; marker]`` lines, each with its wheels' hashes.

Loaded by path from scripts/ (see bundle_layout.py for why this folder is not a package).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

LOCK = Path(__file__).resolve().parent / "build-lock.txt"
# The second lock, for a bundle that starts on glibc 2.28 (统信UOS 20): Qt 6.8, whose wheels are manylinux_2_28.
LOCK_GLIBC228 = Path(__file__).resolve().parent / "build-lock-glibc228.txt"
MANYLINUX_MINORS = (34, 31, 28, 27, 24, 17)
# The machines a bundle is built on: Linux (manylinux) and Windows, both x86-64, CPython 3.11.
TARGETS = {
    "linux": {
        # pip does not widen a manylinux tag to the older ones a wheel may carry: name each.
        "platform": [f"manylinux_2_{minor}_x86_64" for minor in MANYLINUX_MINORS] + ["manylinux2014_x86_64"],
        "markers": {"sys_platform": "linux", "platform_machine": "x86_64", "platform_system": "Linux"},
    },
    "windows": {
        "platform": ["win_amd64"],
        "markers": {"sys_platform": "win32", "platform_machine": "AMD64", "platform_system": "Windows"},
    },
}
PYTHON_VERSION = "3.11"


def targets_for_glibc(glibc: tuple[int, int]) -> dict[str, dict]:
    """Linux only, with no wheel newer than ``manylinux_<glibc>``: the targets of a lock for an older glibc."""
    linux = TARGETS["linux"]
    platforms = [f"manylinux_2_{minor}_x86_64" for minor in MANYLINUX_MINORS if (2, minor) <= glibc]
    return {"linux": {**linux, "platform": [*platforms, "manylinux2014_x86_64"]}}


@dataclass
class Pin:
    """One locked package."""

    name: str
    version: str
    marker: str = ""
    hashes: list[str] = field(default_factory=list)

    def requirement(self, with_marker: bool = True) -> str:
        """The requirement line pip reads (hashes on continuation lines)."""
        line = f"{self.name}=={self.version}"
        if with_marker and self.marker:
            line += f" ; {self.marker}"
        return " \\\n    ".join([line, *(f"--hash=sha256:{h}" for h in self.hashes)])

    def applies_to(self, environment: dict[str, str]) -> bool:
        """Whether the marker holds on a machine with ``environment`` (no marker: everywhere)."""
        if not self.marker:
            return True
        from packaging.markers import Marker

        return Marker(self.marker).evaluate(environment)


def read_lock(path: Path = LOCK) -> tuple[list[str], list[Pin]]:
    """The header comment lines and the pins, in file order."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    header, pins = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if not pins:
                header.append(stripped)
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", stripped)
        requirement = re.sub(r"--hash=\S+", "", stripped).strip()
        spec, _, marker = requirement.partition(";")
        name, _, version = spec.strip().partition("==")
        pins.append(Pin(name.strip(), version.strip(), marker.strip(), hashes))
    return header, pins


def write_lock(header: list[str], pins: list[Pin], path: Path = LOCK) -> None:
    """Write the lock back, one requirement per pin."""
    path.write_text("\n".join([*header, *(pin.requirement() for pin in pins)]) + "\n", encoding="utf-8")
