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
