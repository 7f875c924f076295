"""The CLI contract: commands, JSON shapes, exit codes, no traceback, no damaged output."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, nianbao

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("template,year", [("2021", 2025), ("2019", 2020)])
def test_new_show_check(tmp_path, template, year):
    path = tmp_path / "r.nianbao"
    result = nianbao("new", "--template", template, "--year", year, "--agency", "某某局", "-o", path)
    assert result.returncode == 0, result.stderr
    shown = nianbao("show", path, "--json")
    assert shown.returncode == 0
    data = json.loads(shown.stdout)
    assert (data["template"], data["year"], data["agency"]) == (template, year, "某某局")
    titles = [t["title"] for t in data["tables"]]
    assert "三、收到和处理政府信息公开申请情况" in titles
    assert any("主动公开政府信息情况" in t for t in titles)
    assert [s["title"] for s in data["sections"]] == [
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table3 = next(t for t in data["tables"] if t["title"] == "三、收到和处理政府信息公开申请情况")
    cell = next(
        c
        for c in table3["cells"]
        if c["row"] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
        and c["column"] == ["申请人情况", "法人或其他组织", "商业企业"]
    )
    assert cell == {
        "ref": "3/deny_1/business",
        "row_id": "deny_1",
        "row": cell["row"],
        "column_id": "business",
        "column": cell["column"],
        "value": None,
        "computed": False,
    }
    totals = [c for c in table3["cells"] if c["computed"]]
    assert any(c["row"] == ["三、本年度办理结果", "（七）总计"] for c in totals)
    assert all(c["column"] == ["申请人情况", "总计"] or c["row"][-1] == "（七）总计" for c in totals)
    rows = 25 if template == "2021" else 23
    assert len(table3["cells"]) == rows * 7
    checked = nianbao("check", path)
    assert checked.returncode == 0  # a blank report has warnings, not errors
    assert "未填写" in checked.stdout


def test_show_json_of_example_has_every_value():
    data = json.loads(nianbao("show", EXAMPLE, "--json").stdout)
    cells = {(t["title"], tuple(c["row"]), tuple(c["column"])): c["value"] for t in data["tables"] for c in t["cells"]}
    assert cells[("二、主动公开政府信息情况 第二十条第（六）项", ("行政处罚",), ("本年增/减",))] == -16
    assert cells[("二、主动公开政府信息情况 第二十条第（九）项", ("政府集中采购",), ("采购总金额",))] == 3829.46
    four = [c for t in data["tables"] if t["title"].startswith("四、") for c in t["cells"]]
    assert len(four) == 15 and all(c["row"] == [] for c in four)
    assert four[4]["column"] == ["行政复议", "总计"] and four[4]["computed"] is True
    assert data["sections"][0]["text"].startswith("2020年,区城市管理局")


def test_check_json_and_exit_code(tmp_path):
    path = tmp_path / "r.nianbao"
    nianbao("new", "--template", "2021", "--year", 2025, "--agency", "局", "-o", path)
    assert nianbao("set", path, "3/new/natural=12", "3/open/natural=11").returncode == 0
    result = nianbao("check", path, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"errors", "warnings"}
    error = next(e for e in data["errors"] if e["message"].startswith("自然人"))
    assert error["rule"] == "R1"
    assert error["message"] == "自然人：一＋二＝12，三（七）＋四＝11，相差1"
    assert {
        "ref": "3/carryover/natural",
        "table_id": "3",
        "table": "三、收到和处理政府信息公开申请情况",
        "row_id": "carryover",
        "row": ["四、结转下年度继续办理"],
        "column_id": "natural",
        "column": ["申请人情况", "自然人"],
    } in error["cells"]


def test_check_many_files_worst_exit(tmp_path):
    good = tmp_path / "good.nianbao"
    bad = tmp_path / "bad.nianbao"
    good.write_bytes(EXAMPLE.read_bytes())
    bad.write_text("{", encoding="utf-8")
    result = nianbao("check", good, bad, good)
    assert result.returncode == 2
    assert result.stdout.count("==") == 2


@pytest.mark.parametrize(
    "args",
    [
        ("show", "missing.nianbao"),
        ("check", "garbage.nianbao"),
        ("new", "--template", "2030", "--year", 2025, "--agency", "局", "-o", "x.nianbao"),
        ("new", "--template", "2021", "--year", 1800, "--agency", "局", "-o", "x.nianbao"),
        ("new", "--template", "2021", "--year", 2025, "--agency", "  ", "-o", "x.nianbao"),
        ("set", "garbage.nianbao", "3/new/natural=1"),
        ("show",),
        ("frob",),
        ("new", "--template", "2021", "--year", "abc", "--agency", "局", "-o", "x.nianbao"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, args):
    (tmp_path / "garbage.nianbao").write_bytes(b"\x00\x01garbage")
    result = nianbao(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()
    assert not (tmp_path / "x.nianbao").exists()
    assert (tmp_path / "garbage.nianbao").read_bytes() == b"\x00\x01garbage"


def test_bad_set_leaves_file_untouched(tmp_path):
    path = tmp_path / "r.nianbao"
    nianbao("new", "--template", "2021", "--year", 2025, "--agency", "局", "-o", path)
    before = path.read_bytes()
    for assignment in ("3/new/natural=-3", "3/total7/natural=1", "3/new/natural=abc", "zzz=1"):
        result = nianbao("set", path, "3/open/natural=1", assignment)
        assert result.returncode == 2 and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_new_over_an_existing_file_keeps_it_as_backup(tmp_path):
    path = tmp_path / "r.nianbao"
    path.write_text("keep", encoding="utf-8")
    result = nianbao("new", "--template", "2021", "--year", 2025, "--agency", "局", "-o", path)
    assert result.returncode == 0
    assert json.loads(path.read_text(encoding="utf-8"))["agency"] == "局"
    assert (tmp_path / "r.nianbao.bak").read_text(encoding="utf-8") == "keep"


def test_cli_imports_no_qt_and_no_heavy_libraries():
    code = (
        f"import sys; sys.argv=['main.py','check',r'{EXAMPLE}']\n"
        "import main\n"
        "try:\n    main.main()\nexcept SystemExit: pass\n"
        "bad=[m for m in ('PySide6','openpyxl','reportlab') if m in sys.modules]\n"
        "print('HEAVY', bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_argparse_errors_are_in_chinese(tmp_path):
    result = nianbao("new", "--template", "2030", "--year", 2025, "--agency", "局", "-o", "x.nianbao", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "参数 --template 的值 '2030' 无效" in result.stderr


def test_rolled_forward_texts_are_flagged_until_written_or_marked_reviewed(tmp_path):
    rolled = tmp_path / "2021.nianbao"
    assert nianbao("rollforward", EXAMPLE, "-o", rolled).returncode == 0
    drafts = [line for line in nianbao("check", rolled).stdout.splitlines() if "[B3]" in line]
    assert len(drafts) == 4 and any("五、存在的主要问题及改进情况" in line for line in drafts)
    text = tmp_path / "s5.txt"
    text.write_text("今年的问题是……", encoding="utf-8")
    assert nianbao("set", rolled, "--text", f"s5={text}", "--reviewed", "s0").returncode == 0
    remaining = [line for line in nianbao("check", rolled).stdout.splitlines() if "[B3]" in line]
    assert len(remaining) == 2 and not any("五、" in line or "引言" in line for line in remaining)
    bad = nianbao("set", rolled, "--reviewed", "s9")
    assert bad.returncode == 2 and "s9" in bad.stderr
