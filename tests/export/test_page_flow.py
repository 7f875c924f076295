"""Pagination: titles stay with what follows, paragraphs split between lines, tables by rows."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from export.fonts import find_font
from export.page_flow import paginate
from export.table_block import TableBlock, build_table
from export.text_block import TextBlock, TextStyle
from model.grid import layout_table
from model.template import load_template

FONT = find_font().name
BODY = TextStyle(FONT, 10, 20)


def lines(count: int, **options) -> TextBlock:
    return TextBlock(tuple(f"第{i}行" for i in range(count)), BODY, 400, **options)


class RecordingCanvas:
    """Collects the strings a block draws."""

    def __init__(self) -> None:
        self.strings: list[str] = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self

    def drawString(self, x, y, text, **kwargs):
        self.strings.append(text)

    drawCentredString = drawRightString = drawString


def test_a_title_moves_to_the_next_page_with_its_text():
    filler = lines(9)
    title = lines(1, keep_with_next=True)
    pages = paginate([filler, title, lines(5)], frame=200)
    assert [p.block for p in pages[0]] == [filler]
    assert pages[1][0].block is title


def test_a_paragraph_splits_between_lines_without_a_lonely_last_line():
    pages = paginate([lines(3), lines(8)], frame=200)
    first, second = pages[0][1].block, pages[1][0].block
    assert len(first.lines) == 6 and len(second.lines) == 2  # 7 would fit; 1 would be left alone
    assert second.lines[0] == "第6行"
    assert not second.starts_paragraph and not first.ends_paragraph


def test_no_single_first_line_at_a_page_foot():
    pages = paginate([lines(9), lines(5)], frame=200)
    assert len(pages[0]) == 1 and len(pages[1][0].block.lines) == 5


def table_three(template_id: str = "2021") -> TableBlock:
    table = load_template(template_id).tables["3"]
    layout = layout_table(table)
    widths = [40.0] * layout.label_columns + [30.0] * (layout.columns - layout.label_columns)
    return build_table(layout, widths, TextStyle(FONT, 8, 10.5), lambda ref: "7")


def test_a_table_that_fits_a_page_is_never_split():
    table = table_three()
    pages = paginate([lines(5), table], frame=table.height + 20)
    assert pages[0][0].block.lines and pages[1][0].block is table


@pytest.mark.parametrize("share", [0.3, 0.45, 0.6, 0.8])
def test_a_long_table_continues_under_its_repeated_header(template_id, share):
    table = table_three(template_id)
    frame = table.height * share
    pages = paginate([table], frame=frame)
    parts = [placed.block for page in pages for placed in page]
    assert len(parts) >= 2
    assert all(part.height <= frame + 0.01 for part in parts)
    assert parts[0].start == table.start and parts[-1].end == table.end
    assert all(a.end == b.start for a, b in pairwise(parts))
    header = [line for cell in table.geometry.cells if cell.row < table.geometry.header_rows for line in cell.lines]
    for part in parts:
        canvas = RecordingCanvas()
        part.draw(canvas, 0, 800)
        assert all(text in canvas.strings for text in header)


def test_a_page_break_prefers_not_to_cut_a_row_label():
    table = table_three()
    geometry = table.geometry
    spanned = [c for c in geometry.cells if c.row_span > 1 and c.row >= geometry.header_rows]
    inside = {r for c in spanned for r in range(c.row + 1, c.row + c.row_span)}
    assert inside and not inside & geometry.breaks
    frame = geometry.header_height + sum(geometry.row_heights[table.start : table.start + 4]) + 1
    first, rest = table.split(frame, frame=table.height * 0.9)
    assert first.end in geometry.breaks and rest.start == first.end


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 25), st.booleans(), st.sampled_from([0.0, 4.0, 8.0])), min_size=1, max_size=30)
)
def test_pagination_keeps_every_line_once_in_order_and_within_the_page(specs):
    frame = 200.0
    blocks = [
        # Blocks kept with the next are titles: a line or two.
        TextBlock(tuple(f"{n}-{i}" for i in range(min(count, 2) if keep else count)), BODY, 400, space, keep)
        for n, (count, keep, space) in enumerate(specs)
    ]
    pages = paginate(blocks, frame)
    placed_lines = [line for page in pages for placed in page for line in placed.block.lines]
    assert placed_lines == [line for block in blocks for line in block.lines]
    for number, page in enumerate(pages):
        bottom = max(placed.offset + placed.block.height for placed in page)
        assert bottom <= frame + 0.01
        offsets = [placed.offset for placed in page]
        assert offsets == sorted(offsets) and offsets[0] == 0.0
        last = page[-1].block
        if number < len(pages) - 1 and last.keep_with_next:
            # A title ends a page only when its run of titles and the start of what follows them
            # could not fit on any page.
            k = next(i for i, b in enumerate(blocks) if last.lines[-1] in b.lines)
            first = k
            while first > 0 and blocks[first - 1].keep_with_next:
                first -= 1
            end = k
            while end < len(blocks) - 1 and blocks[end].keep_with_next:
                end += 1
            run = sum(b.space_before + b.height for b in blocks[first:end]) - blocks[first].space_before
            assert run + blocks[end].space_before + blocks[end].min_height(frame) > frame
