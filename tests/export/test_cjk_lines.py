import re

from hypothesis import given, settings
from hypothesis import strategies as st

from export.cjk_lines import HANG_CHARS, NO_LINE_END, NO_LINE_START, wrap


def measure(text: str) -> float:
    """Full-width characters 10 wide, half-width ones 5: close to a CJK font at 10 pt."""
    return sum(5.0 if ord(c) < 0x2E80 and c not in "“”‘’…—" else 10.0 for c in text)


def test_closing_mark_hangs_instead_of_starting_a_line():
    lines = wrap("政务公开工作，持续推进。", 60, measure)
    assert lines == ["政务公开工作，", "持续推进。"]


def test_opening_mark_moves_down_with_what_it_opens():
    lines = wrap("根据条例规定《中华人民共和国政府信息公开条例》", 70, measure)
    assert lines[0] == "根据条例规定"
    assert lines[1].startswith("《")


def test_numbers_and_percentages_stay_whole():
    lines = wrap("压缩比为74.41%，平均跑动0.18次", 60, measure)
    assert any("74.41%" in line for line in lines)
    assert any("0.18" in line for line in lines)


def test_first_line_indent_narrows_the_first_line_only():
    lines = wrap("一二三四五六七八九十", 50, measure, first_indent=20)
    assert lines == ["一二三", "四五六七八", "九十"]


def test_a_token_wider_than_the_line_is_cut():
    lines = wrap("https://www.example.gov.cn/zwgk/2020/report.html", 60, measure)
    assert all(measure(line) <= 60 for line in lines)
    assert "".join(lines) == "https://www.example.gov.cn/zwgk/2020/report.html"


TEXT = st.text(alphabet='政务公开年报告，。、；：？！（）《》“”‘’…—0123456789.%abc ()[],;:!?\x27"-/', max_size=160)


@settings(max_examples=500, deadline=None)
@given(TEXT, st.integers(min_value=30, max_value=300))
def test_wrapping_keeps_every_character_and_the_rules(text, width):
    lines = wrap(text, width, measure)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    hang = HANG_CHARS * 10.0  # at most a couple of closing marks may hang past the edge
    for number, line in enumerate(lines):
        assert measure(line.rstrip("".join(NO_LINE_START))) <= width or len(line) == 1, line
        assert measure(line) <= width + hang
        if number and line:
            previous = lines[number - 1]
            # A closing mark starts a line only when the line before already hangs all it may.
            assert line[0] not in NO_LINE_START or previous == "" or measure(previous + line[0]) > width + hang, (
                lines,
                number,
            )
        if number < len(lines) - 1 and len(line) > 1 and line[-1] in NO_LINE_END:
            # Only a run of opening marks that could not move down with what it opens may end a line.
            run = len(line) - len(line.rstrip("".join(NO_LINE_END)))
            following = re.match(r"[A-Za-z0-9][A-Za-z0-9.,:/%+\-_@#&]*|.", lines[number + 1] or " ", re.S)[0]
            assert measure(line[-run:] + following) > width, (lines, number)


LONG_RUNS = ["。" * 5000, "—" * 3000, "…" * 3000, "）" * 3000, "”" * 3000, "（" * 3000, "《" * 3000, "a" + "." * 3000]


def test_runs_that_cannot_break_by_the_rules_break_at_the_margin():
    """Issue 15: 5,000 “。” were drawn on one line up to x = 65,100 pt."""
    for run in LONG_RUNS:
        for text in (run, "政务公开" + run + "结束", "（" + run):
            lines = wrap(text, 400, measure, first_indent=20)
            assert "".join(lines) == text
            assert measure(lines[0]) <= 400 - 20 + HANG_CHARS * 10
            assert all(measure(line) <= 400 + HANG_CHARS * 10 for line in lines), run[:3]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="。，）》…—”（《“a.", min_size=1, max_size=400), st.integers(min_value=30, max_value=300))
def test_punctuation_runs_stay_within_the_margin(text, width):
    lines = wrap(text, width, measure)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(measure(line) <= width + HANG_CHARS * 10 or len(line) == 1 for line in lines)
