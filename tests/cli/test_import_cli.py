"""The CLI's import: one summary line and the warnings; the full log on request; printed totals
reported by check until accepted."""

from __future__ import annotations

import json
from pathlib import Path

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell
from tests.conftest import nianbao
from tests.readers.layouts import text_layout

PUBLISHED = Path(__file__).resolve().parents[1] / "fixtures" / "published"
HONGZE = PUBLISHED / "10_hongze-district-2023.txt"


def test_import_prints_a_summary_and_the_warnings_naming_table_row_and_column_group(tmp_path):
    out = tmp_path / "hz.nianbao"
    result = nianbao("import", HONGZE, "-o", out)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("导入完成：填入") and "条警告" in lines[0] and "条说明" in lines[0]
    assert "→ 表" not in result.stderr  # where each value came from is the full log's business
    warnings = [line for line in lines if line.startswith("警告")]
    assert any("表四·行政复议·总计" in w and "文件中的合计为0" in w and "11" in w for w in warnings)
    assert any("表四·行政诉讼·复议后起诉·总计" in w and "5" in w for w in warnings)
    assert all(line.startswith(("导入完成", "警告", "已导入")) for line in lines), lines


def test_full_log_with_verbose_or_into_a_file(tmp_path):
    verbose = nianbao("import", HONGZE, "-o", tmp_path / "a.nianbao", "--verbose")
    assert verbose.returncode == 0 and "→ 表三·" in verbose.stderr
    log = tmp_path / "import.log"
    quiet = nianbao("import", HONGZE, "-o", tmp_path / "b.nianbao", "--log", log)
    assert quiet.returncode == 0 and "→ 表" not in quiet.stderr
    text = log.read_text(encoding="utf-8")
    assert "→ 表三·" in text and "警告：表四·行政复议·总计" in text
    same = nianbao("import", HONGZE, "-o", tmp_path / "c.nianbao", "--log", HONGZE)
    assert same.returncode == 2 and HONGZE.read_text(encoding="utf-8").startswith(PUBLISHED_FIRST_LINE)


PUBLISHED_FIRST_LINE = HONGZE.read_text(encoding="utf-8")[:20]


def test_check_reports_printed_totals_until_accepted(tmp_path):
    out = tmp_path / "hz.nianbao"
    assert nianbao("import", HONGZE, "-o", out).returncode == 0
    check = nianbao("check", out)
    assert check.returncode == 1
    assert "错误 [P1] 表四·行政复议·总计：报告中印的是0，而各项之和为11" in check.stdout
    data = json.loads(nianbao("check", out, "--json").stdout)
    p1 = [e for e in data["errors"] if e["rule"] == "P1"]
    assert len(p1) == 2
    assert p1[0]["cells"][0]["printed"] == 0 and p1[0]["cells"][0]["computed"] == 11
    shown = json.loads(nianbao("show", out, "--json").stdout)
    cells = {c["ref"]: c for t in shown["tables"] for c in t["cells"]}
    assert cells["4/cases/rc_total"]["printed"] == 0 and cells["4/cases/rc_total"]["value"] == 11
    assert "printed" not in cells["4/cases/rc_upheld"]
    accepted = nianbao("set", out, "--accept-total", "4/cases/rc_total")
    assert accepted.returncode == 0 and "采用计算的合计：4/cases/rc_total" in accepted.stderr
    assert [e["rule"] for e in json.loads(nianbao("check", out, "--json").stdout)["errors"]] == ["P1"]
    again = nianbao("set", out, "--accept-total", "4/cases/rc_total")
    assert again.returncode == 2 and "没有保留印出的合计" in again.stderr and "4/cases/la_total" in again.stderr
    every = nianbao("set", out, "--accept-totals")
    assert every.returncode == 0 and "全部印出的合计改用计算值" in every.stderr
    assert not [e for e in json.loads(nianbao("check", out, "--json").stdout)["errors"] if e["rule"] == "P1"]


def test_a_printed_seventh_total_that_balances_but_is_not_its_rows_sum(tmp_path):
    document = Document.new("2021", 2023, "测试市测试局")
    cells = {"new": 20, "carried": 0, "open": 10, "partial": 16, "carryover": 0}
    document.apply([SetCell(CellRef("3", row, "natural"), value) for row, value in cells.items()])
    text = text_layout(document, tmp_path, "tab")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("（七）总计"))
    row = lines[index].split("\t")
    assert row[1] == "26"
    row[1] = "20"  # printed as 20, which balances 一＋二, though its rows add up to 26
    row[-1] = "20"
    lines[index] = "\t".join(row)
    path = tmp_path / "printed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "printed.nianbao"
    result = nianbao("import", path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "表三·三、本年度办理结果·（七）总计·自然人" in result.stderr
    errors = json.loads(nianbao("check", out, "--json").stdout)["errors"]
    p1 = [e for e in errors if e["rule"] == "P1"]
    assert {tuple(e["cells"][0]["column"]) for e in p1} == {("申请人情况", "自然人"), ("申请人情况", "总计")}
    assert not [e for e in errors if e["rule"] == "R1"]  # 一＋二＝（七）＋四 holds as printed
    assert all("26" in e["message"] and "20" in e["message"] for e in p1)
