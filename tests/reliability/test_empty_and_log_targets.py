"""Issue 15 items 2-3 for the options that name a second file: ``import --log`` and ``export --font``.
An empty name is refused (not silently ignored), the log never lands on a report or a FIFO."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import EXAMPLE, nianbao


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "r.xlsx"
    assert nianbao("export", EXAMPLE, "-o", path).returncode == 0
    return path


def one_line_refusal(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    return result.stderr


def test_an_empty_font_name_is_refused(tmp_path):
    err = one_line_refusal(nianbao("export", EXAMPLE, "-o", tmp_path / "r.pdf", "--font", ""))
    assert "字体" in err and not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("log", ["", "other.nianbao", "fifo.txt", "r.xlsx", "out.nianbao"])
def test_the_import_log_never_goes_where_it_must_not(tmp_path, workbook, log):
    other = tmp_path / "other.nianbao"
    shutil.copy(EXAMPLE, other)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.txt")
    before = other.read_bytes(), workbook.read_bytes()
    target = str(tmp_path / log) if log else ""
    one_line_refusal(nianbao("import", workbook, "-o", tmp_path / "out.nianbao", "--log", target))
    assert (other.read_bytes(), workbook.read_bytes()) == before
    assert not (tmp_path / "out.nianbao").exists()


def test_a_plain_log_is_written(tmp_path, workbook):
    result = nianbao("import", workbook, "-o", tmp_path / "out.nianbao", "--log", tmp_path / "log.txt")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "log.txt").read_text(encoding="utf-8").strip()


def test_a_report_that_cannot_be_saved_leaves_no_log(tmp_path, workbook, monkeypatch):
    """Exit 2 means nothing was written: the import log is taken back when the report is busy."""
    import json
    import socket
    import time

    from model import report_lock

    monkeypatch.setattr(report_lock, "WAIT_SECONDS", 0.2)
    out = tmp_path / "out.nianbao"
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "time": time.time()}
    (tmp_path / ".~out.nianbao.lock").write_text(json.dumps(holder), encoding="utf-8")
    import contextlib
    import io

    import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main.main(["import", str(workbook), "-o", str(out), "--log", str(tmp_path / "log.txt")])
    assert code == 2 and "正在被其他程序修改" in err.getvalue()
    assert not (tmp_path / "log.txt").exists() and not out.exists()
