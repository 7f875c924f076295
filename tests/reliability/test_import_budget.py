"""Hostile web pages and texts end quickly: the page scanner is linear, the lines and cells kept
are bounded, long runs of text are never compared with labels (issue 15 item 7: ``<head``
repeated made the old regex quadratic, 45 MB of rows took minutes)."""

from __future__ import annotations

import time

import pytest

from model.errors import ImportFailed
from readers.dispatch import read_report

SHAPES = {
    "head-repeated": "<head" * 200_000,
    "open-brackets": "<" * 1_000_000,
    "tag-full-of-brackets": "<a" + "<" * 1_000_000 + ">",
    "unclosed-comments": "<!--" * 250_000,
    "unclosed-script": "<script>" * 120_000,
    "unclosed-title": "<p>x</p><title>" + "<td>" * 200_000,
    "nested-tables": "<table><tr><td>" * 60_000,
    "cells-in-one-row": "<tr>" + "<td>1</td>" * 100_000,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_page_shapes_end_within_a_second(tmp_path, shape):
    path = tmp_path / f"{shape}.html"
    path.write_text(SHAPES[shape], encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(ImportFailed):
        read_report(path)
    assert time.perf_counter() - start < 2


def test_forty_five_megabytes_of_rows_is_refused_quickly(tmp_path):
    path = tmp_path / "rows.html"
    path.write_text("<table>" + "<tr><td>规章</td><td>1</td><td>2</td></tr>\n" * 1_100_000, encoding="utf-8")
    assert path.stat().st_size > 45 * 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match="过多"):
        read_report(path)
    assert time.perf_counter() - start < 10


TEXT_SHAPES = {
    "wide-tab-rows.txt": ("规章" + "\t12" * 150 + "\n") * 99_000,
    "wide-spaced-rows.txt": ("规章" + "   12" * 90 + "\n") * 99_000,
    "one-long-line.txt": "规章 " + "中文测试" * 3_000_000,
    "pipes.txt": "|" * 5_000_000,
    "long-paragraph.html": "<p>" + "中文" * 5_000_000 + "</p><table><tr><td>规章</td></tr></table>",
    "single-spaced-numbers.txt": ("规章" + " 1" * 100_000 + " x\n") * 3,
}


@pytest.mark.parametrize("name", sorted(TEXT_SHAPES))
def test_large_texts_end_within_the_budget(tmp_path, name):
    path = tmp_path / name
    path.write_text(TEXT_SHAPES[name], encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(ImportFailed):
        read_report(path)
    assert time.perf_counter() - start < 10


def _layout_seeds() -> dict[str, bytes]:
    import tempfile
    from pathlib import Path

    from model.fileformat import load_report
    from tests.conftest import EXAMPLE
    from tests.readers.layouts import text_layout, word_html

    folder = Path(tempfile.mkdtemp())
    document = load_report(EXAMPLE)
    return {
        "word.htm": word_html(document, folder, {1: "nbsp"}),
        "tab.txt": text_layout(document, folder, "tab").encode("gb18030"),
        "pipe.txt": text_layout(document, folder, "pipe-framed").encode("utf-8"),
        "one.txt": text_layout(document, folder, "one-per-line").encode("utf-16"),
    }


LAYOUT_SEEDS = _layout_seeds()


@pytest.mark.parametrize("name", sorted(LAYOUT_SEEDS))
def test_mutated_pasted_layouts_and_word_pages_end_in_a_report_or_a_message(tmp_path_factory, name):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.reliability.fuzzing import mutations, outcome

    folder = tmp_path_factory.mktemp("layouts")
    assert outcome(_write(folder, name, LAYOUT_SEEDS[name])).result == "ok"

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.data())
    def run(data):  # type: ignore[no-untyped-def]
        ended = outcome(_write(folder, name, data.draw(mutations(LAYOUT_SEEDS[name]))))
        assert ended.seconds < 5 and ended.peak_mb < 64, ended

    run()


def _write(folder, name, data):  # type: ignore[no-untyped-def]
    path = folder / name
    path.write_bytes(data)
    return path


def _pdf_of_runs(path, lines: int, run: str) -> bool:
    """A PDF of ``lines`` lines of one repeated character (5,000 。 a line), in a CJK TrueType font."""
    from export.fonts import body_candidates

    found = next(iter(body_candidates()), None)
    if found is None:
        return False
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("RunsCJK", found[0], subfontIndex=found[1]))
    page = canvas.Canvas(str(path))
    page.setFont("RunsCJK", 5)
    for line in range(lines):
        page.drawString(0, 800 - 6 * line, run)
    page.showPage()
    page.save()
    return True


@pytest.mark.parametrize("lines", [4, 130])
def test_a_pdf_of_five_thousand_full_stops_a_line_ends_within_the_budget(tmp_path, lines):
    """Identical glyphs side by side made the fake-bold filter quadratic (130 lines: minutes)."""
    path = tmp_path / "runs.pdf"
    if not _pdf_of_runs(path, lines, "。" * 5000):
        pytest.skip("no TrueType CJK font on this machine")
    start = time.perf_counter()
    with pytest.raises(ImportFailed):
        read_report(path, agency="某局", year=2020)
    assert time.perf_counter() - start < 10


def test_fake_bold_copies_are_still_dropped_among_many_equal_glyphs():
    from readers.pdf_glyphs import without_doubles
    from readers.pdf_layout import Glyph

    row = [Glyph("。", 5.0 * i, 100.0, 5.0 * i + 5, 105.0) for i in range(20_000)]
    copies = [Glyph("。", 5.0 * i + 0.2, 100.1, 5.0 * i + 5.2, 105.1) for i in range(0, 20_000, 7)]
    start = time.perf_counter()
    kept = without_doubles(row + copies)
    assert time.perf_counter() - start < 5
    assert sorted((g.left, g.bottom) for g in kept) == sorted((g.left, g.bottom) for g in row)
