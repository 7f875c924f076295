"""The agency and year are found in every title form in use, also split over lines."""

from __future__ import annotations

import pytest

from readers.dispatch import read_report
from readers.title import match_title
from tests.readers.layouts import text_layout

FORMS = {
    "测试市测试局2023年政府信息公开工作年度报告": ("测试市测试局", 2023),
    "2019年测试市人民政府办公厅政府信息公开工作年度报告": ("测试市人民政府办公厅", 2019),
    "测试市测试局2025年度政府信息公开工作报告表": ("测试市测试局", 2025),
    "测试市测试局2023年度政府信息公开工作年度报告": ("测试市测试局", 2023),
    "XX局2023年政府信息公开工作年度报告": ("XX局", 2023),
    "关于测试市测试局2022年政府信息公开工作年度报告": ("测试市测试局", 2022),
    "测试市统计局政府信息公开工作2023年度报告": ("测试市统计局", 2023),
}


@pytest.mark.parametrize("title", sorted(FORMS))
def test_title_forms(title):
    assert match_title(title) == FORMS[title]


def test_running_text_that_mentions_a_report_is_no_title():
    from readers.title import locate_title

    assert locate_title(["根据条例，现公布本局2023年政府信息公开工作年度报告。"]) == (None, None, None)


SPLITS = [
    ["测试市测试局", "2023年度政府信息公开工作年度报告"],
    ["测试市测试局2023年政府信息公开", "工作年度报告"],
    ["2023年度", "测试市测试局政府信息公开工作年度报告"],
]


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("form", ["tab", "html"])
def test_title_split_over_lines_imports_without_asking(filled, tmp_path, split, form):
    text = text_layout(filled, tmp_path, "tab")
    first, rest = text.split("\n", 1)
    assert "年度报告" in first
    if form == "tab":
        path = tmp_path / "r.txt"
        path.write_text("\n".join(split) + "\n" + rest, encoding="utf-8")
    else:
        from html import escape

        rows = []
        for line in rest.split("\n"):
            if "\t" in line:
                cells = "".join(f"<td>{escape(c)}</td>" for c in line.split("\t"))
                rows.append(f"<table><tr>{cells}</tr></table>")
            elif line:
                rows.append(f"<p>{escape(line)}</p>")
        title = "<br>".join(escape(piece) for piece in split)
        path = tmp_path / "r.html"
        path.write_text(f"<html><body><h1>{title}</h1>{''.join(rows)}</body></html>", encoding="utf-8")
    document = read_report(path).document
    assert (document.agency, document.year) == ("测试市测试局", 2023)
    assert document.inputs() == filled.inputs()
    assert document.text("s0") == filled.text("s0")
