"""Build the printable user guide (使用说明) from its HTML pages.

    python scripts/build_guide_pdf.py [OUT.pdf]

Reads ``resources/guide/index.html`` and the task pages it links to, in that order, and typesets
them on A4 with reportlab, using the fonts the report PDF uses (:mod:`export.fonts`), into
``resources/guide/guide.pdf`` (shipped with the program, opened from 帮助 › 使用说明（PDF）).
Run ``python scripts/screenshot.py --guide`` first when the window has changed. The output is
byte-for-byte the same for the same pages, pictures and fonts.

The pages use a small part of HTML on purpose (h1, h2, p, ol/ul/li, b, a, code, pre, img):
that is what both the in-program viewer and this script read.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab import rl_config  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase.pdfmetrics import registerFontFamily  # noqa: E402
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, XPreformatted  # noqa: E402
from reportlab.platypus import paragraph as rl_paragraph  # noqa: E402

GUIDE = ROOT / "resources" / "guide"
OUT = GUIDE / "guide.pdf"
MM = 72 / 25.4
PICTURE_WIDTH = 960  # pixels: the window grabs' width, printed across the text width


@dataclass
class Block:
    """One paragraph-level piece of a page: a heading, paragraph, list item, picture or code."""

    kind: str  # h1, h2, p, figure, li, pre, img
    markup: str = ""
    depth: int = 0
    bullet: str = ""
    src: str = ""


@dataclass
class _Page(HTMLParser):
    """The blocks of one guide page, inline markup turned into reportlab's paragraph markup."""

    blocks: list[Block] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)
        self._kind: str | None = None
        self._buffer: list[str] = []
        self._lists: list[list] = []  # [kind, counter] per open ol/ul
        self._skip = 0
        self._in_title = False

    def _flush(self) -> None:
        text = "".join(self._buffer).strip()
        self._buffer = []
        if not text or self._kind is None:
            return
        if self._kind == "li":
            kind, counter = self._lists[-1]
            bullet = f"{counter}." if kind == "ol" else "•"
            self.blocks.append(Block("li", text, depth=len(self._lists), bullet=bullet))
        else:
            self.blocks.append(Block(self._kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._skip:
            self._skip += tag not in ("img", "br", "meta", "link")
            return
        if tag == "title":
            self._in_title = True
        elif tag == "p" and attributes.get("class") in ("nav", "note"):
            self._skip = 1  # page navigation and the pointer to this very PDF
        elif tag in ("h1", "h2", "p", "pre"):
            self._flush()
            self._kind = "figure" if attributes.get("class") == "figure" else tag
        elif tag in ("ol", "ul"):
            self._flush()
            self._lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            self._lists[-1][1] += 1
            self._kind = "li"
        elif tag == "b":
            self._buffer.append("<b>")
        elif tag == "code":
            self._buffer.append('<font color="#333333">')
        elif tag == "a":
            self.links.append(attributes.get("href") or "")
        elif tag == "img":
            self._flush()
            self.blocks.append(Block("img", src=attributes.get("src") or ""))
        elif tag == "br":
            self._buffer.append("<br/>")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
            return
        if tag == "title":
            self._in_title = False
        elif tag in ("h1", "h2", "p", "pre", "li"):
            self._flush()
            self._kind = None
        elif tag in ("ol", "ul"):
            self._flush()
            self._lists.pop()
            self._kind = "li" if self._lists else None  # text after a nested list belongs to no item
        elif tag == "b":
            self._buffer.append("</b>")
        elif tag == "code":
            self._buffer.append("</font>")

    def handle_data(self, data: str) -> None:
        if self._skip or self._in_title or self._kind is None:
            return
        if self._kind == "pre":
            self._buffer.append(data)
            return
        # A line break in the source between Chinese characters is no space in print.
        data = re.sub(r"(?<=[^\x00-\x7f])\s*\n\s*|\s*\n\s*(?=[^\x00-\x7f])", "", data)
        self._buffer.append(html.escape(" ".join(data.split()) if data.strip() else " ", quote=False))


class Outlined(Paragraph):
    """A page title that is also a bookmark in the PDF reader's outline."""

    def __init__(self, text: str, style: ParagraphStyle, key: str) -> None:
        super().__init__(text, style)
        self._key, self._title = key, text

    def draw(self) -> None:
        super().draw()
        self.canv.bookmarkPage(self._key)
        self.canv.addOutlineEntry(html.unescape(self._title), self._key, level=0)


def read_page(path: Path) -> _Page:
    """The blocks and links of one guide page."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def guide_pages(folder: Path = GUIDE) -> list[Path]:
    """The contents page, then every page it links to, in its order."""
    index = folder / "index.html"
    pages = [index]
    for link in read_page(index).links:
        target = folder / link
        if link.endswith(".html") and target not in pages:
            pages.append(target)
    return pages


def build(out: Path = OUT, folder: Path = GUIDE) -> Path:
    """Typeset every page of the guide into one PDF at ``out``."""
    from export.fonts import find_font, find_title_font

    rl_config.invariant = 1  # no creation time or random id: the same guide gives the same bytes
    # reportlab's CJK wrapping lets full-width ，；：etc. start a line; the report's own rules forbid it.
    from export.cjk_lines import NO_LINE_START

    missing = "".join(sorted(ch for ch in NO_LINE_START if ch not in rl_paragraph.ALL_CANNOT_START))
    rl_paragraph.ALL_CANNOT_START += missing
    body = find_font()
    title = find_title_font(body)
    registerFontFamily(body.name, normal=body.name, bold=title.name, italic=body.name, boldItalic=title.name)
    base = {"fontName": body.name, "wordWrap": "CJK"}
    styles = {
        "h1": ParagraphStyle("h1", **{**base, "fontName": title.name}, fontSize=20, leading=30, spaceAfter=10),
        "h2": ParagraphStyle("h2", **{**base, "fontName": title.name}, fontSize=14, leading=22, spaceBefore=10),
        "p": ParagraphStyle("p", **base, fontSize=11, leading=19, spaceAfter=6),
        "figure": ParagraphStyle("figure", **base, fontSize=9.5, leading=15, spaceAfter=8, textColor="#555555"),
        "pre": ParagraphStyle("pre", **base, fontSize=8.5, leading=13, backColor="#f2f2f2", borderPadding=4),
    }
    left = right = 22 * MM
    width = 210 * MM - left - right
    story: list = []
    for number, path in enumerate(guide_pages(folder)):
        if number:
            story.append(PageBreak())
        for block in read_page(path).blocks:
            if block.kind == "img":
                picture = folder / block.src
                image = Image(str(picture))
                scale = width / max(PICTURE_WIDTH, image.imageWidth)
                image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
                story.append(Spacer(1, 4))
                story.append(image)
            elif block.kind == "pre":
                story.append(Spacer(1, 4))
                story.append(XPreformatted(html.escape(block.markup, quote=False), styles["pre"]))
                story.append(Spacer(1, 8))
            elif block.kind == "li":
                indent = 16 * block.depth
                style = ParagraphStyle(
                    f"li{block.depth}", parent=styles["p"], leftIndent=indent, bulletIndent=indent - 14, spaceAfter=3
                )
                story.append(Paragraph(block.markup, style, bulletText=block.bullet))
            else:
                if block.kind == "h1":
                    story.append(Outlined(block.markup, styles["h1"], path.stem))
                else:
                    story.append(Paragraph(block.markup, styles[block.kind]))

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont(body.name, 9)
        canvas.drawCentredString(105 * MM, 12 * MM, f"— {doc.page} —")

    out.parent.mkdir(parents=True, exist_ok=True)
    document = SimpleDocTemplate(
        str(out),
        pagesize=(210 * MM, 297 * MM),
        leftMargin=left,
        rightMargin=right,
        topMargin=20 * MM,
        bottomMargin=20 * MM,
        title="政务公开年报编辑器 使用说明",
        author="Nianbao",
        creator="scripts/build_guide_pdf.py",
        lang="zh-CN",
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
