"""Files whose name says another kind than they hold (a download saved as .html, an old workbook renamed
.xlsx) are read by what they hold."""

from __future__ import annotations

import shutil
from pathlib import Path

from readers.dispatch import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_pdf_saved_under_a_web_page_name_is_read_as_pdf(tmp_path):
    source = FIXTURES / "pdf" / "lo-blanks-2021.pdf"
    misnamed = tmp_path / "年报.html"
    shutil.copyfile(source, misnamed)
    assert read_report(misnamed).document.inputs() == read_report(source).document.inputs()


def test_an_old_workbook_renamed_xlsx_is_read_as_xls(tmp_path):
    source = FIXTURES / "xls" / "example-2020.xls"
    misnamed = tmp_path / "年报.xlsx"
    shutil.copyfile(source, misnamed)
    assert read_report(misnamed).document.inputs() == read_report(source).document.inputs()
