"""Issue 15, what goes out: text no format can hold is refused at the edge; ``show`` writes no terminal
escapes; an agency the terminal cannot print is no traceback; a null agency is no "None" title."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from defusedxml import ElementTree

from model.document import Document
from model.edits import SetMeta, SetText
from model.errors import InvalidValue, ReportFileError
from model.fileformat import dumps, load_report
from tests.conftest import EXAMPLE, ROOT, nianbao

BAD = ["\x01", "\x1b", "\x7f", "\x85", "\x9b", "\ufffe", "\uffff", "\ud800", "\udfff", "\U0010ffff", "\ufdd0"]


AGENCY_BAD = [c for c in BAD if not c.isspace()]  # NEL is a line break to Python: cleaned to a space


@pytest.mark.parametrize("char", AGENCY_BAD, ids=[f"U+{ord(c):04X}" for c in AGENCY_BAD])
def test_agency_with_unstorable_character_is_refused(char):
    with pytest.raises(InvalidValue, match="机关名称"):
        Document.new("2021", 2025, f"某某{char}局")
    document = Document.new("2021", 2025, "某某局")
    with pytest.raises(InvalidValue):
        document.apply([SetMeta(f"某{char}局", None)])
    assert document.agency == "某某局"


@pytest.mark.parametrize("char", BAD, ids=[f"U+{ord(c):04X}" for c in BAD])
def test_text_with_unstorable_character_is_refused(char):
    document = Document.new("2021", 2025, "某某局")
    with pytest.raises(InvalidValue, match="正文"):
        document.apply([SetText("s1", f"第一段{char}第二段")])
    assert document.text("s1") == ""


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069"])
def test_agency_with_a_direction_control_is_refused(char, tmp_path):
    """U+202E would show 某某局 in titles and file lists as something else than it is."""
    with pytest.raises(InvalidValue, match="文字方向"):
        Document.new("2021", 2025, f"某某{char}局")
    out = tmp_path / "r.nianbao"
    result = nianbao("new", "--template", "2021", "--year", "2025", "--agency", f"某{char}局", "-o", out)
    assert result.returncode == 2 and "文字方向" in result.stderr and not out.exists()


def test_pasted_line_breaks_in_agency_are_spaces():
    assert Document.new("2021", 2025, "某某市\r\n某某局\t").agency == "某某市 某某局"
    assert Document.new("2021", 2025, "某某市\x85某某局").agency == "某某市 某某局"


@pytest.mark.parametrize("where", ["agency", "texts", "prior-agency"])
def test_report_file_with_unstorable_text_is_refused(tmp_path, where):
    data = json.loads(dumps(load_report(EXAMPLE)))
    if where == "agency":
        data["agency"] = "某\ud800局"
    elif where == "texts":
        data["texts"]["s1"] = "正文\ufffe"
    else:
        data["prior"] = {"template": data["template"], "year": 2019, "agency": "\x1b[2J某局", "values": {}}
    path = tmp_path / "r.nianbao"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes: the surrogate survives as \\ud800
    with pytest.raises(ReportFileError):
        load_report(path)
    result = nianbao("show", path)
    assert result.returncode == 2 and "\x1b" not in result.stderr and "Traceback" not in result.stderr


def test_cli_refuses_control_characters_in_agency_and_texts(tmp_path):
    report = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, report)
    before = report.read_bytes()
    text = tmp_path / "s1.txt"
    text.write_text("正文\u0085结束", encoding="utf-8")
    for args in (
        ["set", report, "--agency", "某\x07局"],
        ["set", report, "--text", f"s1={text}"],
        [
            "new",
            "--template",
            "2021",
            "--year",
            "2025",
            "--agency",
            "\x1b]52;c;aGk=\x07局",
            "-o",
            tmp_path / "n.nianbao",
        ],
    ):
        result = nianbao(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr, args
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert report.read_bytes() == before
    assert not (tmp_path / "n.nianbao").exists()


def test_exported_word_file_is_well_formed_xml(tmp_path, filled):
    """Everything a report can hold can be written to .docx (Word refuses ill-formed XML)."""
    from export.docx import export_docx

    filled.apply([SetText("s1", "含\t制表符、“引号”、<尖括号>&和号、emoji 😀、全角　空格")])
    out = tmp_path / "r.docx"
    export_docx(filled, out)
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                ElementTree.fromstring(archive.read(name))


def test_gui_refuses_lone_surrogate_agency_and_keeps_saving(qtbot, context, tmp_path):
    from gui.main_window import MainWindow

    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    window = MainWindow(context, load_report(path), path)
    qtbot.addWidget(window)
    assert not window.set_report_details("某\ud800局", 2020)
    assert "无法保存的字符" in context.messages.errors[-1]
    assert window.set_report_details("某某局", 2020)
    assert window.save()
    assert load_report(path).agency == "某某局"


# --- 11. no terminal escapes -------------------------------------------------------------------


def test_show_writes_no_terminal_escapes(monkeypatch, example):
    from cli import terminal

    monkeypatch.setattr(type(example), "title", property(lambda self: "\x1b[2J\x1b]52;c;aGk=\x07标题\x9b31m"))
    out = terminal.render_report(example)
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    assert "标题" in out


def test_printable_keeps_text_and_line_breaks():
    from cli.terminal import printable

    assert printable("第一行\n第二行\t结束") == "第一行\n第二行 结束"
    assert printable("\u202e反向\x00") == "\ufffd反向\ufffd"


# --- 10. a terminal that cannot print the agency -------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "latin-1"])
def test_agency_the_terminal_cannot_print_is_no_traceback(tmp_path, encoding):
    report = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, report)
    assert nianbao("set", report, "--agency", "𠀀𪚥某局😀").returncode == 0
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["show", report], ["check", report], ["show", tmp_path / "无此文件😀.nianbao"]):
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, env=env)
        assert b"Traceback" not in result.stderr, (args, result.stderr[-300:])
        assert result.returncode in (0, 1, 2)


# --- 13. agency null -----------------------------------------------------------------------------


@pytest.mark.parametrize("agency", [None, 12, ["局"], {"name": "局"}, True])
def test_non_string_agency_is_refused_not_none_title(tmp_path, agency):
    data = json.loads(dumps(load_report(EXAMPLE)))
    data["agency"] = agency
    path = tmp_path / "r.nianbao"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReportFileError, match="机关名称"):
        load_report(path)
    result = nianbao("show", path)
    assert result.returncode == 2 and "None" not in result.stdout


# --- 12. the PDF never draws outside the page ----------------------------------------------------


def test_pdf_long_unbreakable_runs_stay_on_the_page(tmp_path, example):
    """5,000 “。” and long runs of —, …, ） once ran to x = 65,100 pt; every drawn character's box must
    lie within the page (checked with pdfium's character boxes)."""
    pdfium = pytest.importorskip("pypdfium2")
    from export.fonts import body_candidates
    from export.pdf import export_pdf

    if not any(os.path.isfile(p) for p, _ in body_candidates()):
        pytest.skip("no TrueType CJK font on this machine")
    texts = {
        "s1": "。" * 5000,
        "s3": "说明" + "—" * 800 + "完" + "…" * 800,
        "s4": "（" * 400 + "）" * 800 + "”" * 300,
    }
    example.apply([SetText(section, text) for section, text in texts.items() if section in example.texts()])
    path = tmp_path / "runs.pdf"
    export_pdf(example, path)
    pdf = pdfium.PdfDocument(str(path))
    worst = 0.0
    checked = 0
    for page in pdf:
        width, height = page.get_size()
        text_page = page.get_textpage()
        for index in range(text_page.count_chars()):
            left, bottom, right, top = text_page.get_charbox(index)
            if right <= left:
                continue  # a generated space or line end has no box
            checked += 1
            worst = max(worst, right)
            assert -1 <= left and right <= width + 1 and -1 <= bottom and top <= height + 1, (index, right, width)
    assert checked > 5000 and worst > 0
