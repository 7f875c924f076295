import json
import os
from decimal import Decimal

import pytest

from model.cellref import CellRef
from model.edits import SetCell, SetText
from model.errors import ReportFileError
from model.fileformat import FORMAT_VERSION, dumps, load_report, save_report


def test_round_trip_keeps_values_blanks_texts(blank, tmp_path):
    cell = CellRef("3", "new", "natural")
    text = "第一行\n<b>&amp; 😀 \u202e RTL \u0301"
    blank.apply([SetCell(cell, 7), SetText("s5", text)])
    path = tmp_path / "r.nianbao"
    save_report(blank, path)
    loaded = load_report(path)
    assert loaded.inputs() == blank.inputs()
    assert loaded.value(CellRef("3", "new", "total")) == 7
    assert loaded.value(CellRef("3", "open", "natural")) is None
    assert loaded.text("s5") == text
    assert loaded.template.id == blank.template.id and loaded.year == blank.year


def test_amount_is_stored_as_exact_string(tmp_path, example):
    data = json.loads(dumps(example))
    assert data["values"]["2_9/procurement/purchase_amount"] == "3829.46"
    path = tmp_path / "e.nianbao"
    save_report(example, path)
    assert load_report(path).value(CellRef("2_9", "procurement", "purchase_amount")) == Decimal("3829.46")


def test_totals_in_file_are_not_trusted(tmp_path, blank):
    blank.apply([SetCell(CellRef("3", "new", "natural"), 4)])
    data = json.loads(dumps(blank))
    data["values"]["3/new/total"] = 99
    path = tmp_path / "t.nianbao"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_report(path).value(CellRef("3", "new", "total")) == 4


def test_save_keeps_backup_and_leaves_no_temp(tmp_path, blank):
    path = tmp_path / "r.nianbao"
    save_report(blank, path)
    first = path.read_bytes()
    blank.apply([SetCell(CellRef("3", "new", "natural"), 1)])
    save_report(blank, path)
    assert (tmp_path / "r.nianbao.bak").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]


def test_failed_save_keeps_old_file(tmp_path, blank, monkeypatch):
    path = tmp_path / "r.nianbao"
    save_report(blank, path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    blank.apply([SetCell(CellRef("3", "new", "natural"), 1)])
    with pytest.raises(ReportFileError, match="磁盘空间不足"):
        save_report(blank, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"{not json", "损坏"),
        (b"\xff\xfe\x00garbage", "损坏"),
        (b"[]", "不是年报文件"),
        (b'{"format": "nianbao"}', "版本"),
        (json.dumps({"format": "nianbao", "format_version": FORMAT_VERSION + 1}).encode(), "较新版本"),
        (json.dumps({"format": "nianbao", "format_version": 1, "template": "2030"}).encode(), "未知的报告模板"),
        (
            json.dumps(
                {
                    "format": "nianbao",
                    "format_version": 1,
                    "template": "2021",
                    "agency": "局",
                    "year": 2025,
                    "values": {"3/new/natural": -5},
                }
            ).encode(),
            "负数",
        ),
        (
            json.dumps(
                {"format": "nianbao", "format_version": 1, "template": "2021", "agency": "局", "year": "abc"}
            ).encode(),
            "年度",
        ),
        (b"[" * 100000, "损坏"),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "bad.nianbao"
    path.write_bytes(content)
    with pytest.raises(ReportFileError, match=message):
        load_report(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReportFileError, match="找不到"):
        load_report(tmp_path / "none.nianbao")


def test_save_failures_are_explained_in_chinese(tmp_path, example):
    import pytest

    from model.errors import ReportFileError
    from model.fileformat import save_report

    with pytest.raises(ReportFileError, match="文件夹不存在"):
        save_report(example, tmp_path / "missing" / "r.nianbao")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportFileError, match="不是文件夹"):
        save_report(example, tmp_path / "file" / "r.nianbao")
