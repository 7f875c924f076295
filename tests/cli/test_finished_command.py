"""The installed command as a finished tool: version, Chinese help, ids in JSON, what it wrote, wrong years."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

import main
from cli.app import COMMANDS, build_parser
from tests.conftest import EXAMPLE, ROOT


def run(*args: object) -> tuple[int, str, str]:
    """``nianbao ARGS`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main([str(a) for a in args])
        except SystemExit as exc:  # argparse's --help/--version and usage errors
            code = exc.code if isinstance(exc.code, int) else 0
    return code, out.getvalue(), err.getvalue()


def new_report(path: Path, year: int = 2025, agency: str = "某某局") -> None:
    assert run("new", "--template", "2021", "--year", year, "--agency", agency, "-o", path)[0] == 0


def test_version_matches_the_package():
    code, out, _ = run("--version")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "(.*)"$', pyproject, re.MULTILINE).group(1)
    assert code == 0 and out.strip() == f"nianbao {version}"


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_chinese_for_every_command_and_option(command):
    args = ["--help"] if command is None else [command, "--help"]
    code, out, _ = run(*args)
    assert code == 0
    assert out.startswith("用法：nianbao")
    assert "选项：" in out
    for english in ("usage:", "options:", "positional arguments", "show this help", "optional arguments"):
        assert english not in out
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    target = parser if command is None else subparsers.choices[command]
    for action in target._actions:
        if action.dest == "command":
            assert all(CJK.search(sub.help or "") for sub in action._get_subactions())
            continue
        assert action.help and CJK.search(action.help), f"{command} {action.option_strings or action.dest}"
    if command is not None and any(not a.option_strings for a in target._actions):
        assert "位置参数：" in out


def test_help_columns_line_up_with_chinese_metavars():
    from cli.help_format import display_width

    _, out, _ = run("set", "--help")
    starts = set()
    for line in out.splitlines():
        match = re.match(r"^(  \S.*?\S)( {2,})(\S.*)$", line)
        if match:
            starts.add(display_width(match.group(1) + match.group(2)))
    assert len(starts) == 1, out


def test_messages_name_the_installed_command():
    code, _, err = run("new", "--template", "2030", "--year", 2025, "--agency", "局", "-o", "x.nianbao")
    assert code == 2 and "nianbao new --help" in err and "main.py" not in err
    code, _, err = run("frob")
    assert code == 2 and "nianbao --help" in err and "main.py" not in err
    sources = [*ROOT.glob("cli/*.py"), *ROOT.glob("gui/*.py"), ROOT / "main.py", *ROOT.glob("export/*.py")]
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert "用法见 python" not in text and "见 python main.py" not in text, source


def test_show_json_carries_ids_that_set_accepts(tmp_path):
    path = tmp_path / "r.nianbao"
    new_report(path)
    code, out, err = run("show", path, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    table = next(t for t in data["tables"] if t["title"].startswith("三、"))
    assert table["id"] == "3"
    new_row = "一、本年新收政府信息公开申请数量"
    cell = next(c for c in table["cells"] if c["row"][-1] == new_row and c["column"][-1] == "自然人")
    assert cell["ref"] == f"{table['id']}/{cell['row_id']}/{cell['column_id']}" == "3/new/natural"
    section = data["sections"][0]
    assert section["id"] == "s1" and section["title"] == "一、总体情况"
    text = tmp_path / "t.txt"
    text.write_text("本年度……", encoding="utf-8")
    code, out, err = run("set", path, f"{cell['ref']}=12", "--text", f"{section['id']}={text}")
    assert code == 0 and out == ""
    assert err.count("\n") == 1 and "已保存" in err and str(path) in err
    again = json.loads(run("show", path, "--json")[1])
    table = next(t for t in again["tables"] if t["id"] == "3")
    assert next(c for c in table["cells"] if c["ref"] == "3/new/natural")["value"] == 12
    assert again["sections"][0]["text"] == "本年度……"


def test_check_json_of_several_files_is_one_document(tmp_path):
    good = tmp_path / "good.nianbao"
    good.write_bytes(EXAMPLE.read_bytes())
    bad = tmp_path / "bad.nianbao"
    new_report(bad)
    assert run("set", bad, "3/new/natural=12")[0] == 0
    broken = tmp_path / "broken.nianbao"
    broken.write_text("{", encoding="utf-8")
    code, out, _ = run("check", good, bad, "--json")
    assert code == 1
    data = json.loads(out)  # one document, not one per line
    assert [r["file"] for r in data["reports"]] == [str(good), str(bad)]
    assert all(set(r) == {"file", "errors", "warnings"} for r in data["reports"])
    error = next(e for e in data["reports"][1]["errors"] if e["rule"] == "R1")
    assert {"ref", "table_id", "row_id", "column_id", "table", "row", "column"} <= set(error["cells"][0])
    code, out, err = run("check", good, broken, "--json")
    assert code == 2 and "broken.nianbao" in err
    reports = json.loads(out)["reports"]
    assert reports[1]["file"] == str(broken) and reports[1]["unreadable"]


def test_every_writing_command_says_what_it_wrote(tmp_path):
    report = tmp_path / "r.nianbao"
    code, out, err = run("new", "--template", "2021", "--year", 2025, "--agency", "某某局", "-o", report)
    assert code == 0 and out == "" and err.count("\n") == 1 and "已新建" in err and str(report) in err
    for target in ("r.xlsx", "r.htm", "r.html", "r.docx"):
        code, out, err = run("export", report, "-o", tmp_path / target)
        assert code == 0 and out == "" and "已导出" in err and target in err, err
    assert (tmp_path / "r.htm").read_bytes() == (tmp_path / "r.html").read_bytes()
    rolled = tmp_path / "2026.nianbao"
    code, out, err = run("rollforward", report, "-o", rolled)
    assert code == 0 and out == "" and err.strip().splitlines()[-1].startswith("已生成") and str(rolled) in err
    code, out, err = run("import", tmp_path / "r.html", "-o", tmp_path / "back.nianbao")
    assert code == 0 and out == "" and "back.nianbao" in err.strip().splitlines()[-1]


@pytest.mark.parametrize("command", ["new", "import", "rollforward"])
def test_a_report_is_written_only_under_a_report_name(tmp_path, command):
    pytest.importorskip("cli.outputs", reason="the output checks come with issue 15's cli/outputs.py")
    source = tmp_path / "src.nianbao"
    source.write_bytes(EXAMPLE.read_bytes())
    target = tmp_path / "x.txt"
    args = {
        "new": ["new", "--template", "2021", "--year", 2025, "--agency", "局", "-o", target],
        "import": ["import", source, "-o", target],
        "rollforward": ["rollforward", source, "-o", target],
    }[command]
    code, _, err = run(*args)
    assert code == 2 and err.count("\n") == 1 and ".nianbao 结尾" in err
    assert not target.exists()


def test_set_with_nothing_to_set_is_a_usage_error(tmp_path):
    path = tmp_path / "r.nianbao"
    new_report(path)
    before = path.read_bytes()
    code, _, err = run("set", path)
    assert code == 2 and err.count("\n") == 1 and "没有要修改的内容" in err and "nianbao set --help" in err
    assert path.read_bytes() == before


def test_set_prior_must_be_last_year(tmp_path):
    this = tmp_path / "2025.nianbao"
    new_report(this, 2025)
    before = this.read_bytes()
    two_back = tmp_path / "2023.nianbao"
    new_report(two_back, 2023)
    code, _, err = run("set", this, "--prior", two_back)
    assert code == 2 and "2024年度" in err and err.count("\n") == 1
    code, _, err = run("set", this, "--prior", this)
    assert code == 2 and "自身" in err
    assert this.read_bytes() == before
    last = tmp_path / "2024.nianbao"
    new_report(last, 2024)
    code, _, err = run("set", this, "--prior", last)
    assert code == 0 and "已保存" in err
    renamed = tmp_path / "2024b.nianbao"
    new_report(renamed, 2024, "另一个局")
    code, _, err = run("set", this, "--prior", renamed)
    assert code == 0 and "另一个局" in err  # linked, with a note to check it is the right report
    # a year changed in the same command is the year the link is checked against
    code, _, err = run("set", this, "--year", 2024, "--prior", two_back)
    assert code == 0, err


def test_rollforward_more_than_one_year_on_warns(tmp_path):
    code, _, err = run("rollforward", EXAMPLE, "-o", tmp_path / "2023.nianbao", "--year", 2023)
    assert code == 0
    assert "2020年度" in err and "不是上一年度" in err
    code, _, err = run("rollforward", EXAMPLE, "-o", tmp_path / "2021.nianbao")
    assert code == 0 and "不是上一年度" not in err


def test_gui_refuses_linking_a_report_of_another_year(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.context import AppContext
    from gui.main_window import MainWindow
    from model.fileformat import load_report
    from tests.gui.conftest import FakeMessages

    messages = FakeMessages()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    this = tmp_path / "2020.nianbao"
    this.write_bytes(EXAMPLE.read_bytes())  # the example is 2020's
    window = MainWindow(AppContext(settings, tmp_path / "rec", messages, autosave_ms=60_000), load_report(this), this)
    qtbot.addWidget(window)
    other = tmp_path / "2018.nianbao"
    new_report(other, 2018, "重庆市黔江区城市管理局")
    assert not window.link_prior(other)
    assert "2019年度" in messages.errors[-1]
    assert window.session.document.prior is None
    assert not window.link_prior(this)
    assert "自身" in messages.errors[-1]
    last = tmp_path / "2019.nianbao"
    assert run("new", "--template", "2019", "--year", 2019, "--agency", "重庆市黔江区城市管理局", "-o", last)[0] == 0
    assert window.link_prior(last)
    assert window.session.document.prior is not None
    window.session.set_clean()
    window.close()


LATIN_WORD = re.compile(r"^[A-Za-z_]+(\.[A-Za-z]+)?$")


@pytest.mark.parametrize("command", COMMANDS)
def test_placeholders_in_help_are_chinese(command):
    """``INPUT``, ``NAME``, ``REPORT``: an English placeholder is English left in the help."""
    _, out, _ = run(command, "--help")
    parser = build_parser()
    target = next(a for a in parser._actions if a.dest == "command").choices[command]
    for action in target._actions:
        if action.metavar is not None:
            assert CJK.search(str(action.metavar)), f"{command} {action.dest}: {action.metavar}"
    for word in ("INPUT", "NAME", "REPORT", "TOTAL", "DETAIL", "REVIEW"):
        assert word not in out


def test_an_unknown_option_points_at_the_commands_own_help(tmp_path):
    code, _, err = run("show", tmp_path / "x.nianbao", "--bogus")
    assert code == 2 and "--bogus" in err and "nianbao show --help" in err and len(err.splitlines()) == 1


def test_accept_totals_says_what_it_did(tmp_path):
    """With no printed total kept, ``set --accept-totals`` says so and writes nothing; with some, the
    line it prints names them (not an empty “已保存：x（）”)."""
    path = tmp_path / "r.nianbao"
    new_report(path)
    before = path.read_bytes()
    code, _, err = run("set", path, "--accept-totals")
    assert code == 0 and "没有保留印出的合计" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before and not (tmp_path / "r.nianbao.bak").exists()
    hongze = ROOT / "tests" / "fixtures" / "published"
    source = next(iter(sorted(hongze.glob("*hongze*.txt"))), None)
    if source is None:
        pytest.skip("no published report with printed totals")
    out = tmp_path / "hz.nianbao"
    assert run("import", source, "-o", out)[0] == 0
    code, _, err = run("set", out, "--accept-totals")
    assert code == 0 and "合计改用计算值" in err and "（）" not in err


def test_aggregate_says_in_one_line_what_it_wrote(tmp_path):
    code, out, _ = run("aggregate", EXAMPLE, "-o", tmp_path / "t.nianbao", "--detail", tmp_path / "d.xlsx")
    assert code in (0, 1)
    lines = [line for line in out.splitlines() if "t.nianbao" in line or "d.xlsx" in line]
    assert len(lines) == 1 and "t.nianbao" in lines[0] and "d.xlsx" in lines[0]


def test_aggregate_points_at_the_installed_check_for_blank_units(tmp_path):
    a, b = tmp_path / "u" / "a.nianbao", tmp_path / "u" / "b.nianbao"
    a.parent.mkdir()
    new_report(a, 2024, "甲县")
    new_report(b, 2024, "乙县")
    assert run("set", a, "2_1/rules/issued=3")[0] == 0
    code, out, _ = run("aggregate", tmp_path / "u", "-o", tmp_path / "t.nianbao")
    assert code == 0
    gap_line = next(line for line in out.splitlines() if "有单位未填写" in line)
    assert f"nianbao check {tmp_path / 't.nianbao'}" in gap_line


def test_set_text_takes_a_gbk_file_as_its_help_says(tmp_path):
    report, text = tmp_path / "r.nianbao", tmp_path / "总体情况.txt"
    new_report(report)
    text.write_bytes("本机关认真贯彻落实《条例》。".encode("gbk"))
    _, help_text, _ = run("set", "--help")
    assert "GBK" in help_text and "用UTF-8文本文件" not in help_text
    assert run("set", report, "--text", f"s1={text}")[0] == 0
    assert "本机关认真贯彻落实《条例》。" in run("show", report)[1]


def test_top_help_gives_exit_code_1_for_every_command_that_uses_it():
    _, out, _ = run("--help")
    line = next(line for line in out.splitlines() if line.startswith("退出码"))
    assert all(command in line for command in ("check", "aggregate", "review"))


def _documented_command_lines() -> list[tuple[str, str]]:
    """``nianbao …`` lines of the README's code blocks and the guide's ``<pre>`` blocks, with where they are."""
    found = [("README.md", line.strip()) for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()]
    for page in sorted((ROOT / "resources" / "guide").glob("*.html")):
        for block in re.findall(r"<pre>(.*?)</pre>", page.read_text(encoding="utf-8"), re.S):
            found += [(page.name, line.strip()) for line in block.splitlines()]
    return [(where, line.split("#")[0]) for where, line in found if line.startswith("nianbao ")]


def test_every_documented_example_uses_a_real_command_and_real_options():
    """A newcomer types the README and the guide as written: a renamed command or option must not linger there."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.choices and "new" in a.choices).choices
    lines = _documented_command_lines()
    assert len(lines) > 15
    for where, line in lines:
        words = line.split()
        if words[1].startswith("--"):
            assert words[1] in ("--help", "--version"), (where, line)
            continue
        assert words[1] in COMMANDS, (where, line)
        known = {o for action in subparsers[words[1]]._actions for o in action.option_strings}
        for option in re.findall(r"(?<![\w-])--?[a-z][a-z-]*", " ".join(words[2:])):
            assert option in known, (where, line, option)
