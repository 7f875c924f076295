"""Which glibc a built bundle needs: the newest ``GLIBC_x.y`` symbol version its ELF files ask for.

Read from each file's version-needs section (``.gnu.version_r``, ``SHT_GNU_verneed``) in pure Python, as
``objdump -T`` would show it: the dynamic loader refuses to start a program when the system's C library lacks
one of those versions, so this is the oldest glibc the bundle runs on (统信UOS 20: 2.28, 银河麒麟 V10: 2.31).

Loaded by path (see bundle_layout.py for why this folder is not a package).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
SHT_GNU_VERNEED = 0x6FFFFFFE
GLIBC_VERSION = re.compile(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?$")
# Symbol versions from glibc itself older than this carry no meaning for a target (every glibc has them).
BASELINE = (2, 2)


class NotElfError(ValueError):
    """The file is not an ELF object, or its headers are cut short."""


@dataclass(frozen=True)
class Need:
    """One ELF file and the newest glibc it needs (``None``: it names no GLIBC_ version)."""

    path: Path
    glibc: tuple[int, int] | None


def parse_version(text: str) -> tuple[int, int]:
    """``"2.28"`` → ``(2, 28)``; ValueError for anything else."""
    match = re.fullmatch(r"(\d+)\.(\d+)", text.strip())
    if not match:
        raise ValueError(f"not a glibc version (like 2.28): {text!r}")
    return int(match.group(1)), int(match.group(2))


def format_version(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def needed_versions(data: bytes) -> dict[str, set[str]]:
    """The versions an ELF image needs, by library (``{"libc.so.6": {"GLIBC_2.14", ...}}``).

    Raises NotElfError when ``data`` is not an ELF image; an ELF without a version-needs section
    (a static program, or a library that needs nothing versioned) gives ``{}``.
    """
    if len(data) < 16 or data[:4] != ELF_MAGIC or data[4] not in (1, 2) or data[5] not in (1, 2):
        raise NotElfError("not an ELF file")
    is64 = data[4] == 2
    order = "<" if data[5] == 1 else ">"
    try:
        if is64:
            (shoff,) = struct.unpack_from(order + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
            section = struct.Struct(order + "IIQQQQIIQQ")
        else:
            (shoff,) = struct.unpack_from(order + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
            section = struct.Struct(order + "IIIIIIIIII")
        if shoff == 0 or shnum == 0:
            return {}
        if shentsize < section.size:
            raise NotElfError("ELF section header entries too small")
        headers = [section.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
    except struct.error as exc:
        raise NotElfError(f"ELF headers cut short: {exc}") from exc
    needs: dict[str, set[str]] = {}
    for header in headers:
        sh_type, sh_offset, sh_link, sh_info = header[1], header[4], header[6], header[7]
        if sh_type != SHT_GNU_VERNEED or sh_link >= len(headers):
            continue
        strtab_offset, strtab_size = headers[sh_link][4], headers[sh_link][5]
        strings = data[strtab_offset : strtab_offset + strtab_size]
        entry = sh_offset
        # sh_info counts the Verneed entries; each has its chain of Vernaux (one per version needed).
        for _ in range(sh_info):
            try:
                _, count, file_name, aux, following = struct.unpack_from(order + "HHIII", data, entry)
                names = needs.setdefault(c_string(strings, file_name), set())
                item = entry + aux
                for _ in range(count):
                    _, _, _, name, aux_next = struct.unpack_from(order + "IHHII", data, item)
                    names.add(c_string(strings, name))
                    if aux_next == 0:
                        break
                    item += aux_next
            except struct.error as exc:
                raise NotElfError(f"ELF version section cut short: {exc}") from exc
            if following == 0:
                break
            entry += following
    return needs


def c_string(table: bytes, offset: int) -> str:
    end = table.find(b"\0", offset)
    return table[offset : end if end >= 0 else len(table)].decode("ascii", "replace")


def newest_glibc(needs: dict[str, set[str]]) -> tuple[int, int] | None:
    """The highest GLIBC_x.y among the needed versions (any library: libc, libm, libpthread, ld-linux...)."""
    found = [
        (int(match.group(1)), int(match.group(2)))
        for names in needs.values()
        for name in names
        if (match := GLIBC_VERSION.match(name))
    ]
    return max(found) if found else None


def file_glibc(path: Path) -> Need | None:
    """What one file needs; None when it is not an ELF file."""
    with open(path, "rb") as stream:
        if stream.read(4) != ELF_MAGIC:
            return None
        data = ELF_MAGIC + stream.read()
    try:
        return Need(path, newest_glibc(needed_versions(data)))
    except NotElfError:
        return None


def scan(folder: Path) -> list[Need]:
    """Every ELF file under ``folder`` (symlinks not followed: their targets are in the folder too)."""
    needs = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        need = file_glibc(path)
        if need is not None:
            needs.append(need)
    return needs


def required(needs: list[Need]) -> tuple[int, int]:
    """The glibc every file runs on: the newest any of them needs (at least BASELINE)."""
    return max([BASELINE, *(n.glibc for n in needs if n.glibc is not None)])


def too_new(needs: list[Need], target: tuple[int, int]) -> list[Need]:
    """The files that need a newer glibc than ``target``, newest first."""
    return sorted(
        (n for n in needs if n.glibc is not None and n.glibc > target),
        key=lambda n: (n.glibc, str(n.path)),
        reverse=True,
    )
