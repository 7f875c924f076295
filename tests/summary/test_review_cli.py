"""``review``: a batch of mixed reports, one bad file never stops it; JSON, exit codes, workbook."""

from __future__ import annotations

import json
import shutil

import openpyxl

from main import main
from model.fileformat import save_report
from tests.conftest import EXAMPLE, ROOT
from tests.summary.unit_reports import NEW_NATURAL, unit, write_units

PUBLISHED = ROOT / "tests" / "fixtures" / "published"


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_mixed_batch_json(tmp_path, capsys):
    folder = tmp_path / "in"
    write_units(folder / "sub", 1)
    save_report(unit("错局", {NEW_NATURAL: 4}), folder / "bad.nianbao")
    shutil.copy(EXAMPLE, folder / "example.nianbao")  # 2019 layout, 2020: templates and years may be mixed
    shutil.copy(PUBLISHED / "09_huaian-city-2024.txt", folder / "huaian.txt")
    (folder / "broken.html").write_text("<html><body>没有表格</body></html>", encoding="utf-8")
    (folder / "notes.md").write_text("not a report", encoding="utf-8")  # not a kind import reads: skipped
    code, out, err = run(capsys, "review", folder, "--json")
    assert code == 1, err
    data = json.loads(out)
    reports = {r["file"].rsplit("/", 1)[-1]: r for r in data["reports"]}
    assert set(reports) == {"bad.nianbao", "example.nianbao", "huaian.txt", "broken.html", "unit000.nianbao"}
    for report in data["reports"]:
        assert set(report) == {"file", "agency", "year", "template", "status", "errors", "warnings", "message"}
    assert reports["bad.nianbao"]["status"] == "errors"
    assert reports["bad.nianbao"]["errors"][0]["rule"] == "R1"
    assert set(reports["bad.nianbao"]["errors"][0]) >= {"rule", "message", "cells"}
    assert reports["example.nianbao"]["template"] == "2019" and reports["example.nianbao"]["year"] == 2020
    assert reports["huaian.txt"]["agency"] == "淮安市人民政府" and reports["huaian.txt"]["template"] == "2021"
    assert reports["unit000.nianbao"]["status"] == "clean"
    broken = reports["broken.html"]
    assert broken["status"] == "unreadable" and broken["message"] and broken["agency"] is None
    assert broken["errors"] == [] and broken["warnings"] == []


def test_all_clean_exit_0_and_text_output(tmp_path, capsys):
    write_units(tmp_path, 2)
    code, out, _ = run(capsys, "review", tmp_path)
    assert code == 0
    assert "共审核2份：无问题2份" in out


def test_warnings_only_is_exit_0(tmp_path, capsys):
    save_report(unit("甲局", {}), tmp_path / "a.nianbao")
    code, out, _ = run(capsys, "review", tmp_path / "a.nianbao", "--json")
    assert code == 0
    assert json.loads(out)["reports"][0]["status"] == "warnings"


def test_unreadable_alone_is_exit_1(tmp_path, capsys):
    (tmp_path / "x.nianbao").write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, "review", tmp_path)
    assert code == 1
    assert "无法读取" in out


def test_a_missing_input_is_listed_not_fatal(tmp_path, capsys):
    write_units(tmp_path / "in", 1)
    code, out, _ = run(capsys, "review", tmp_path / "in", tmp_path / "missing.nianbao", "--json")
    assert code == 1
    statuses = {r["file"].rsplit("/", 1)[-1]: (r["status"], r["message"]) for r in json.loads(out)["reports"]}
    assert statuses["unit000.nianbao"][0] == "clean"
    assert statuses["missing.nianbao"][0] == "unreadable" and "找不到" in statuses["missing.nianbao"][1]


def test_bad_arguments_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "review", tmp_path, "-o", tmp_path / "r.pdf")
    assert code == 2 and err.count("\n") == 1
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "review", tmp_path / "empty")
    assert code == 2 and "没有找到" in err


def test_review_workbook(tmp_path, capsys):
    folder = tmp_path / "in"
    write_units(folder, 1)
    save_report(unit("错局", {NEW_NATURAL: 4}), folder / "bad.nianbao")
    (folder / "broken.nianbao").write_text("{", encoding="utf-8")
    out_path = tmp_path / "review.xlsx"
    code, _, _ = run(capsys, "review", folder, "-o", out_path)
    assert code == 1
    book = openpyxl.load_workbook(out_path)
    assert book.sheetnames == ["审核结果", "问题清单"]
    sheet = book["审核结果"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    status = {r[0].rsplit("/", 1)[-1]: r[4] for r in rows}
    assert status == {"bad.nianbao": "有错误", "broken.nianbao": "无法读取", "unit000.nianbao": "无问题"}
    fills = {
        sheet.cell(row=i, column=1).value.rsplit("/", 1)[-1]: sheet.cell(row=i, column=5).fill.fgColor.rgb
        for i in range(2, 5)
    }
    assert fills["bad.nianbao"].endswith("FFC7CE") and fills["unit000.nianbao"].endswith("C6EFCE")
    assert fills["broken.nianbao"].endswith("D9D9D9")
    problems = list(book["问题清单"].iter_rows(min_row=2, values_only=True))
    assert any(p[0] == "错局" and p[1] == "R1" for p in problems)


def test_published_reports_batch(tmp_path, capsys):
    code, out, err = run(capsys, "review", PUBLISHED, "--json")
    assert code in (0, 1), err
    data = json.loads(out)
    assert len(data["reports"]) == 3
    assert all(r["status"] != "unreadable" for r in data["reports"]), data
    hongze = next(r for r in data["reports"] if "11_hongze" in r["file"])
    assert hongze["year"] == 2024
    printed_zero = next(r for r in data["reports"] if "10_hongze" in r["file"])
    assert "合计为0" in printed_zero["message"]  # what the import doubted is part of the review


def test_a_review_workbook_never_overwrites_a_report_it_reads(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    save_report(unit("甲局", {NEW_NATURAL: 0}), tmp_path / "甲局.nianbao")
    report = folder / "unit.xlsx"  # a unit's report sent as a workbook
    assert main(["export", str(tmp_path / "甲局.nianbao"), "-o", str(report)]) == 0
    before = report.read_bytes()
    capsys.readouterr()
    code, _, err = run(capsys, "review", folder, "-o", report)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "覆盖" in err
    assert report.read_bytes() == before
    code, _, err = run(capsys, "review", report, "-o", report)
    assert code == 2 and report.read_bytes() == before
    # A review workbook written earlier into the folder is output, not a report: replaced on a rerun.
    again = folder / "审核.xlsx"
    assert run(capsys, "review", folder, "-o", again)[0] == 0
    assert run(capsys, "review", folder, "-o", again)[0] == 0
    assert len(list(openpyxl.load_workbook(again)["审核结果"].iter_rows(min_row=2))) == 1
