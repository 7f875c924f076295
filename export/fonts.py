"""Find and check the Chinese TrueType fonts the PDF embeds.

GB/T 9704 prints official documents in 仿宋 (body) and 黑体 (titles); Windows has them as
simfang.ttf and simhei.ttf, 统信UOS as the CESI TrueType fonts (CESI_FS_*, CESI_HT_*, ...), other
Linux desktops have WenQuanYi or AR PL. Which faces are tried, in which order, is the data in
:data:`BODY_FACES` and :data:`HEADING_FACES`; nothing else decides.

reportlab embeds TrueType outlines (.ttf, and .ttc with a subfont index) but not OpenType/CFF
(Noto CJK, Source Han). A font the user names (``--font``, the editor's font choice) is checked and
refused with the reason; a font found on the machine that fails is skipped. Without any usable font
the PDF falls back to a CID font, which the reader must supply.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from model.errors import NianbaoError


@dataclass(frozen=True)
class Face:
    """One font file the search looks for: the face it holds, its file name (a pattern), the subfont."""

    face: str
    pattern: str
    index: int = 0


# The body text: 仿宋 as GB/T 9704 asks, then 宋体 and 楷体, then what other systems ship. Windows and
# UOS names sit side by side per face: a machine has one family or the other.
BODY_FACES: tuple[Face, ...] = (
    Face("仿宋", "simfang.ttf"),
    Face("仿宋", "CESI_FS_GB18030.ttf"),
    Face("仿宋", "CESI_FS_GB13000.ttf"),
    Face("仿宋", "CESI_FS_GB2312.ttf"),
    Face("仿宋", "CESI_FS_*.ttf"),
    Face("宋体", "simsun.ttc"),
    Face("宋体", "CESI_SS_GB18030.ttf"),
    Face("宋体", "CESI_SS_GB13000.ttf"),
    Face("宋体", "CESI_SS_GB2312.ttf"),
    Face("宋体", "CESI_SS_*.ttf"),
    Face("楷体", "simkai.ttf"),
    Face("楷体", "CESI_KT_GB18030.ttf"),
    Face("楷体", "CESI_KT_GB13000.ttf"),
    Face("楷体", "CESI_KT_GB2312.ttf"),
    Face("楷体", "CESI_KT_*.ttf"),
    Face("AR PL UMing", "uming.ttc"),
    Face("AR PL UKai", "ukai.ttc"),
    Face("文泉驿正黑", "wqy-zenhei.ttc"),
    Face("文泉驿微米黑", "wqy-microhei.ttc"),
    Face("Droid Sans Fallback", "DroidSansFallbackFull.ttf"),
    Face("Droid Sans Fallback", "DroidSansFallback.ttf"),
    Face("微软雅黑", "msyh.ttc"),
)
# Titles and section headings: 黑体. Without one the body face is used.
HEADING_FACES: tuple[Face, ...] = (
    Face("黑体", "simhei.ttf"),
    Face("黑体", "CESI_HT_GB18030.ttf"),
    Face("黑体", "CESI_HT_GB13000.ttf"),
    Face("黑体", "CESI_HT_GB2312.ttf"),
    Face("黑体", "CESI_HT_*.ttf"),
    Face("文泉驿正黑", "wqy-zenhei.ttc"),
    Face("文泉驿微米黑", "wqy-microhei.ttc"),
    Face("微软雅黑", "msyh.ttc"),
)
CID_FALLBACK = "STSong-Light"
# A font that maps these has Chinese glyphs; one that lacks them would print tofu.
CHINESE_PROBE = "的政府信息公开年度报告"
# How deep below a font folder files are looked for (/usr/share/fonts/truetype/cesi/x.ttf is 2).
SEARCH_DEPTH = 3


# The largest CJK TrueType collections are about 100 MB; reportlab holds the whole file in memory.
MAX_FONT_BYTES = 256 * 2**20


class FontError(NianbaoError):
    """A font the user named cannot be used for the PDF; the message says why, in Chinese."""


@dataclass(frozen=True)
class PdfFont:
    """A registered reportlab font name, and whether it is embedded (TrueType) or a CID fallback."""

    name: str
    embedded: bool
    source: str


def font_folders(environ: Mapping[str, str] | None = None, platform: str | None = None) -> list[Path]:
    """The folders this system installs fonts into, system-wide first, then the user's own."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path(env.get("USERPROFILE") or env.get("HOME") or Path.home())
    if platform == "win32":
        windows = env.get("WINDIR") or env.get("SystemRoot") or "C:\\Windows"
        local = env.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return [Path(windows) / "Fonts", Path(local) / "Microsoft" / "Windows" / "Fonts"]
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_dirs = (env.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(os.pathsep)
    folders = [Path(d) / "fonts" for d in data_dirs if d]
    for extra in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        if extra not in folders:
            folders.append(extra)
    user_data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [*folders, user_data / "fonts", home / ".fonts"]


def installed_fonts(folders: Iterable[Path]) -> dict[str, list[str]]:
    """Font files under ``folders`` (a few levels deep), by lower-case file name."""
    found: dict[str, list[str]] = {}
    for folder in folders:
        base_depth = str(folder).rstrip(os.sep).count(os.sep)
        for root, dirs, files in os.walk(folder, followlinks=True):  # depth-bounded, so a link loop ends
            if root.count(os.sep) - base_depth >= SEARCH_DEPTH:
                dirs.clear()
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), []).append(os.path.join(root, name))
    return found


def candidates(faces: Iterable[Face], fonts: Mapping[str, list[str]]) -> list[tuple[str, int]]:
    """The font files present for a role's table, in the table's order (each file once)."""
    result: list[tuple[str, int]] = []
    names = sorted(fonts)
    for face in faces:
        for name in fnmatch.filter(names, face.pattern.lower()):
            for path in fonts[name]:
                if (path, face.index) not in result:
                    result.append((path, face.index))
    return result


def _font_name(path: str, index: int) -> str:
    return f"NianbaoCJK-{Path(path).stem}-{index}"


def _missing_chinese(font: object) -> str:
    char_to_glyph = font.face.charToGlyph  # type: ignore[attr-defined]
    return "".join(ch for ch in CHINESE_PROBE if ord(ch) not in char_to_glyph)


def _load(path: str, index: int):  # type: ignore[no-untyped-def]
    """The parsed font, or :class:`FontError` saying in Chinese why it cannot be embedded."""
    from reportlab.pdfbase.ttfonts import TTFError

    from export.font_bounds import check_cmap_bounds
    from export.font_cache import load_ttfont

    shown = os.path.basename(path)
    file = Path(path)
    if not file.exists():
        raise FontError(f"字体文件“{path}”不存在")
    if not file.is_file():
        raise FontError(f"“{path}”不是文件，请选择字体文件（.ttf 或 .ttc）")
    if file.stat().st_size > MAX_FONT_BYTES:  # read whole by reportlab: a 3 GB “font” would fill memory
        raise FontError(f"“{shown}”过大（超过{MAX_FONT_BYTES // 2**20}MB），不像是字体文件，请换用其他TrueType字体")
    try:
        with file.open("rb") as stream:
            magic = stream.read(4)
    except OSError as exc:
        raise FontError(f"无法读取字体文件“{path}”：{exc.strerror or exc}") from exc
    if magic == b"OTTO":
        raise FontError(_cff_message(shown))
    if magic not in (b"\x00\x01\x00\x00", b"true", b"ttcf"):
        raise FontError(f"“{shown}”不是字体文件，请选择TrueType字体（.ttf 或 .ttc），如仿宋 simfang.ttf")
    try:
        check_cmap_bounds(path, index)  # before reportlab trusts the map's sizes
        font = load_ttfont(_font_name(path, index), path, index)
    except TTFError as exc:
        text = str(exc)
        if "postscript outlines" in text:
            raise FontError(_cff_message(shown)) from exc
        if "embedding" in text:
            raise FontError(f"字体“{shown}”的授权不允许嵌入PDF，请换用其他字体") from exc
        raise FontError(f"字体“{shown}”已损坏或无法识别，请换用其他TrueType字体") from exc
    except Exception as exc:  # a third-party parser of a file from anywhere: struct.error, TypeError...
        raise FontError(f"字体“{shown}”已损坏或无法识别，请换用其他TrueType字体") from exc
    missing = _missing_chinese(font)
    if missing:
        raise FontError(f"字体“{shown}”不含中文字形（缺“{missing[:4]}”等字），PDF中的中文会显示为方块，请选择中文字体")
    return font


def _cff_message(shown: str) -> str:
    return (
        f"“{shown}”是OpenType/CFF字体（如思源、Noto CJK），无法嵌入PDF；"
        "请选择TrueType字体（.ttf 或 .ttc），如仿宋 simfang.ttf"
    )


def check_font(path: str | os.PathLike[str], index: int = 0) -> PdfFont:
    """Register a font the user named; :class:`FontError` if it is missing, not a usable font or not Chinese."""
    from reportlab.pdfbase import pdfmetrics

    path = os.fspath(path)
    name = _font_name(path, index)
    font = _load(path, index)  # checked again even when registered: the file may have changed
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
    return PdfFont(name, True, path)


def _first_usable(found: list[tuple[str, int]]) -> PdfFont | None:
    from reportlab.pdfbase import pdfmetrics

    for path, index in found:
        name = _font_name(path, index)
        if name in pdfmetrics.getRegisteredFontNames():
            return PdfFont(name, True, path)
        try:
            return check_font(path, index)
        except FontError:
            continue  # a damaged or CFF file on the machine: the next one
    return None


def cid_fallback() -> PdfFont:
    """The CID font every PDF reader is expected to supply (not embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return PdfFont(CID_FALLBACK, False, "")


def find_font(
    preferred: str | None = None,
    *,
    search: list[tuple[str, int]] | None = None,
    folders: Iterable[Path] | None = None,
) -> PdfFont:
    """The body font: ``preferred`` (checked, :class:`FontError` if unusable), else the first usable face.

    ``NIANBAO_PDF_FONT`` names a font for every export, checked the same way. ``search`` replaces
    the machine's fonts (tests); without anything usable the CID fallback is returned.
    """
    for named in (preferred, os.environ.get("NIANBAO_PDF_FONT")):
        if named:
            return check_font(named)
    if search is None:
        search = candidates(BODY_FACES, installed_fonts(font_folders() if folders is None else folders))
    return _first_usable(search) or cid_fallback()


def find_title_font(body: PdfFont, *, folders: Iterable[Path] | None = None) -> PdfFont:
    """A 黑体 face for titles when the machine has one, else the body font (also one the user named)."""
    if not body.embedded:
        return body
    found = candidates(HEADING_FACES, installed_fonts(font_folders() if folders is None else folders))
    return _first_usable(found) or body


def body_candidates() -> list[tuple[str, int]]:
    """The body fonts present on this machine, best first (for tests and diagnostics)."""
    return candidates(BODY_FACES, installed_fonts(font_folders()))
