"""Tables 三 and 四 printed as text only (no rules), as a report typed in Word with its borders hidden:
column labels above (a group's label over its columns, labels standing over two header lines
vertically centred), row labels on the left, each number right-aligned, centred or left-aligned in its
column.
Blank cells print nothing."""

from __future__ import annotations

from pathlib import Path

from model.document import Document
from model.template import HeaderNode, Table

LINE = 13.0  # points between printed lines
SIZE = 7.0


def _depth(nodes: tuple[HeaderNode, ...]) -> int:
    return max((n.depth() for n in nodes), default=0)


class _Drawer:
    def __init__(self, path: Path, font: str, wrap: bool, align: str) -> None:
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfgen.canvas import Canvas

        self.canvas = Canvas(str(path), pagesize=landscape(A4))
        self.font, self.wrap, self.align = font, wrap, align
        self.top = landscape(A4)[1] - 40
        self.y = self.top

    def text(self, x: float, y: float, text: str, centre: bool = False, right: bool = False) -> None:
        self.canvas.setFont(self.font, SIZE)
        if centre:
            self.canvas.drawCentredString(x, y, text)
        elif right:
            self.canvas.drawRightString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)

    def label(self, x: float, y: float, text: str, leaf: bool = True) -> None:
        """A column label centred at ``x``; a column's own label wrapped over two lines when asked and
        longer than two characters."""
        if self.wrap and leaf and len(text) > 2:
            half = (len(text) + 1) // 2
            self.text(x, y + LINE / 2, text[:half], centre=True)
            self.text(x, y - LINE / 2, text[half:], centre=True)
        else:
            self.text(x, y, text, centre=True)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.y = self.top

    def header(self, table: Table, left: float, width: float) -> list[tuple[float, float]]:
        """The column labels; returns each leaf column's (left, right)."""
        depth = _depth(table.columns)
        step = LINE * (2.2 if self.wrap else 1.2)
        top = self.y
        spans: list[tuple[float, float]] = []

        def draw(nodes: tuple[HeaderNode, ...], level: int, x: float) -> float:
            for node in nodes:
                leaves = len(_leaf_nodes(node))
                span = leaves * width
                if node.children:
                    self.label(x + span / 2, top - level * step, node.label, leaf=False)
                    draw(node.children, level + 1, x)
                else:  # stands over the header lines left below it, its label in their middle
                    middle = (level + depth - 1) / 2
                    self.label(x + span / 2, top - middle * step, node.label)
                    spans.append((x, x + span))
                x += span
            return x

        draw(table.columns, 0, left)
        if table.corner:
            self.text(40, top - (depth - 1) / 2 * step, table.corner[:24])
        self.y = top - depth * step - LINE * 0.6
        return spans

    def numbers(self, values: list[str], spans: list[tuple[float, float]]) -> None:
        for text, (left, right) in zip(values, spans, strict=True):
            if not text:
                continue
            if self.align == "right":
                self.text(right - 4, self.y, text, right=True)
            elif self.align == "left":
                self.text(left + 4, self.y, text)
            else:
                self.text((left + right) / 2, self.y, text, centre=True)


def _leaf_nodes(node: HeaderNode) -> list[HeaderNode]:
    return [node] if not node.children else [leaf for child in node.children for leaf in _leaf_nodes(child)]


def _row_values(document: Document, table: Table, row_id: str) -> list[str]:
    values = [document.value(c) for c in table.cells() if c.row == row_id]
    return ["" if v is None else str(v) for v in values]


def draw_unruled(
    document: Document,
    path: Path,
    font_path: tuple[str, int],
    *,
    wrap: bool = False,
    align: str = "right",
    break_after: int = 0,
    repeat_labels: bool = True,
) -> None:
    """The report's title and tables 三 and 四 without rules; ``break_after`` rows of table 三 end a page
    (0: none), its column labels printed again atop the next when ``repeat_labels``."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font_file, index = font_path
    pdfmetrics.registerFont(TTFont("Body", font_file, subfontIndex=index))
    draw = _Drawer(path, "Body", wrap, align)
    template = document.template
    draw.text(421, draw.y, f"{document.agency}{document.year}年政府信息公开工作年度报告", centre=True)
    draw.y -= 2 * LINE
    three, four = template.tables["3"], template.tables["4"]
    draw.text(40, draw.y, three.title.split("（")[0])
    draw.y -= 1.5 * LINE
    spans = draw.header(three, 450, 55)
    shown: set[str] = set()
    for number, row in enumerate(three.row_leaves):
        if break_after and number == break_after:
            draw.new_page()
            if repeat_labels:
                spans = draw.header(three, 450, 55)
            shown = set()
        for level, piece in enumerate(row.path):
            key = "·".join(row.path[: level + 1])
            if level < len(row.path) - 1 and key in shown:
                continue
            shown.add(key)
            x = 40 + 70 * level
            draw.text(x, draw.y, piece)
        draw.numbers(_row_values(document, three, row.id), spans)
        draw.y -= LINE
    draw.new_page()
    draw.text(40, draw.y, four.title.split("（")[0])
    draw.y -= 1.5 * LINE
    spans = draw.header(four, 40, 50)
    draw.numbers(_row_values(document, four, four.row_leaves[0].id), spans)
    draw.canvas.save()
