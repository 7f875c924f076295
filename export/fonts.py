"""Find a Chinese TrueType font on this machine for PDF output.

reportlab embeds TrueType outlines (.ttf, and .ttc with a subfont index) but not OpenType/CFF
(Noto CJK, Source Han); those fail to register and are skipped. Without any usable font the PDF
falls back to a CID font, which the reader must supply.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = [
    # Windows: FangSong/SimSun for body text, SimHei for titles, YaHei as last resort.
    ("C:/Windows/Fonts/simfang.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    # Linux (UOS/Kylin/Debian): AR PL Ming/Kai, WenQuanYi, Droid Sans Fallback.
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/fonts-droid/DroidSansFallback.ttf", 0),
]
# Titles in a black (hei) face, as GB/T 9704 documents print them; body text keeps the Song/FangSong
# face found above when no hei face exists.
TITLE_CANDIDATES = [
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
]
CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class PdfFont:
    """A registered reportlab font name, and whether it is embedded (TrueType) or a CID fallback."""

    name: str
    embedded: bool
    source: str


def _register(path: str, index: int, name: str) -> bool:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from export.font_cache import load_ttfont

    try:
        pdfmetrics.registerFont(load_ttfont(name, path, index))
    except (TTFError, OSError, ValueError, KeyError, AssertionError):
        return False  # CFF outlines or a damaged file: not usable for embedding
    return True


def find_font(preferred: str | None = None, *, search: list[tuple[str, int]] | None = None) -> PdfFont:
    """The first usable TrueType CJK font (``preferred`` path first), else the CID fallback."""
    from reportlab.pdfbase import pdfmetrics

    candidates = list(search if search is not None else CANDIDATES)
    env = os.environ.get("NIANBAO_PDF_FONT")
    for path in filter(None, [preferred, env]):
        candidates.insert(0, (path, 0))
    for path, index in candidates:
        if not Path(path).is_file():
            continue
        name = f"NianbaoCJK-{Path(path).stem}-{index}"
        if name in pdfmetrics.getRegisteredFontNames() or _register(path, index, name):
            return PdfFont(name, True, path)
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return PdfFont(CID_FALLBACK, False, "")


def find_title_font(body: PdfFont) -> PdfFont:
    """A hei face for titles when the machine has one, else the body font."""
    if not body.embedded:
        return body
    for path, index in TITLE_CANDIDATES:
        if path == body.source:
            return body
        if Path(path).is_file():
            font = find_font(search=[(path, index)])
            if font.embedded:
                return font
    return body
