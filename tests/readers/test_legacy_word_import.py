"""Old Word (.doc) and WPS (.wps) files: through LibreOffice where it is installed, else a message
saying how to save them as .docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import ImportFailed
from readers import legacy_word
from readers.dispatch import IMPORT_SUFFIXES, read_report
from tests.conftest import nianbao
from tests.readers.report_builders import report_with_blanks

DOC = Path(__file__).resolve().parents[1] / "fixtures" / "doc" / "blanks-2021.doc"
HAS_LIBREOFFICE = legacy_word.find_soffice() is not None


def assert_same(document, original):
    cells = [ref for table in original.template.tables.values() for ref in table.cells()]
    assert [ref for ref in cells if document.value(ref) != original.value(ref)] == []
    assert document.texts() == original.texts()


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_convert_through_libreoffice(tmp_path, suffix):
    path = tmp_path / f"年报{suffix}"
    path.write_bytes(DOC.read_bytes())  # WPS 文字 saves Word 97 documents
    assert_same(read_report(path).document, report_with_blanks("2021"))


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_without_libreoffice_the_message_says_how_to_save_as_docx(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(legacy_word, "find_soffice", lambda: None)
    path = tmp_path / f"old{suffix}"
    path.write_bytes(DOC.read_bytes())
    with pytest.raises(ImportFailed) as raised:
        read_report(path)
    message = str(raised.value)
    assert "另存为" in message and "*.docx" in message and f"old{suffix}" in message and "LibreOffice" in message


def test_docx_or_web_page_named_doc_is_read_directly(tmp_path, monkeypatch, example):
    from export.docx import export_docx
    from export.html import export_html

    monkeypatch.setattr(legacy_word, "find_soffice", lambda: None)  # none needed
    export_docx(example, tmp_path / "a.docx")
    (tmp_path / "a.doc").write_bytes((tmp_path / "a.docx").read_bytes())
    assert read_report(tmp_path / "a.doc").document.inputs() == example.inputs()
    export_html(example, tmp_path / "b.html")
    (tmp_path / "b.doc").write_bytes((tmp_path / "b.html").read_bytes())
    assert read_report(tmp_path / "b.doc").document.inputs() == example.inputs()


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed")
def test_damaged_doc_is_refused_with_the_save_as_hint(tmp_path):
    path = tmp_path / "bad.doc"
    path.write_bytes(DOC.read_bytes()[:3000])
    with pytest.raises(ImportFailed, match="另存为"):
        read_report(path)


def test_garbage_named_doc_is_refused_without_running_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy_word, "find_soffice", lambda: pytest.fail("must not convert garbage"))
    path = tmp_path / "junk.wps"
    path.write_bytes(b"\x00\x01 not a document")
    with pytest.raises(ImportFailed, match="另存为"):
        read_report(path)


def test_conversion_time_limit_ends_the_converter(tmp_path, monkeypatch):
    import sys

    script = tmp_path / "slow_soffice.py"
    script.write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    monkeypatch.setattr(legacy_word, "CONVERT_SECONDS", 0.5)
    monkeypatch.setattr(legacy_word, "find_soffice", lambda: sys.executable)
    monkeypatch.setattr(legacy_word, "convert_to_docx", _with_script(legacy_word.convert_to_docx, script))
    path = tmp_path / "slow.doc"
    path.write_bytes(DOC.read_bytes())
    with pytest.raises(ImportFailed, match="超时"):
        read_report(path)


def _with_script(convert, script):  # type: ignore[no-untyped-def]
    """Run a Python script in place of soffice: the command's first argument becomes the script."""

    def run(path, soffice, folder, suffix):  # type: ignore[no-untyped-def]
        real_popen = legacy_word.subprocess.Popen

        def popen(command, **options):  # type: ignore[no-untyped-def]
            return real_popen([command[0], str(script)], **options)

        legacy_word.subprocess.Popen = popen
        try:
            return convert(path, soffice, folder, suffix)
        finally:
            legacy_word.subprocess.Popen = real_popen

    return run


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed")
def test_cli_imports_doc(tmp_path):
    out = tmp_path / "r.nianbao"
    result = nianbao("import", DOC, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_every_new_kind_is_offered_by_the_import_table():
    assert {".xls", ".pdf", ".doc", ".wps"} <= set(IMPORT_SUFFIXES)
