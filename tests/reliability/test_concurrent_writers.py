"""Issue 15 item 4: two writers on one report never lose an edit."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time

import pytest

from model.cellref import CellRef
from model.fileformat import load_report
from model.report_lock import ReportBusy, acquire, lock_path, release
from tests.conftest import EXAMPLE
from tests.reliability.concurrent_set import run_set

PAIRS = 100
AT_ONCE = 10
FIRST, SECOND = CellRef("3", "new", "natural"), CellRef("3", "new", "legal")


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="needs forkserver")
def test_hundred_concurrent_set_pairs_lose_no_edit(tmp_path):
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["cli.app", "model.fileformat", "model.document", "tests.reliability.concurrent_set"]
    )
    started = time.monotonic()
    lost, busy = [], 0
    with context.Pool(2 * AT_ONCE) as pool:
        for batch in range(PAIRS // AT_ONCE):
            jobs = []
            for trial in range(AT_ONCE):
                path = tmp_path / f"r{batch}-{trial}.nianbao"
                shutil.copy(EXAMPLE, path)
                first = 1000 + batch * AT_ONCE + trial
                jobs.append(
                    (
                        path,
                        first,
                        pool.apply_async(run_set, (str(path), f"{FIRST.key()}={first}")),
                        pool.apply_async(run_set, (str(path), f"{SECOND.key()}={first + 1}")),
                    )
                )
            for path, first, a, b in jobs:
                (code_a, err_a), (code_b, err_b) = a.get(60), b.get(60)
                document = load_report(path)
                for code, err, ref, value in ((code_a, err_a, FIRST, first), (code_b, err_b, SECOND, first + 1)):
                    if code == 2 and "正在被其他程序修改" in err:
                        busy += 1  # told, not lost
                    elif code != 0 or document.value(ref) != value:
                        lost.append((path.name, ref.key(), code, err))
                assert not lock_path(path).exists()
    assert lost == []
    assert busy == 0  # the lock waits briefly: both edits land
    assert time.monotonic() - started < 60


def test_busy_report_is_told_not_lost(tmp_path):
    from cli.app import run

    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    held = acquire(path)
    try:
        with pytest.raises(ReportBusy, match="正在被其他程序修改"):
            acquire(path, wait=0.2)
        import model.report_lock as report_lock

        original = report_lock.WAIT_SECONDS
        report_lock.WAIT_SECONDS = 0.2
        try:
            started = time.monotonic()
            assert run(["set", str(path), "3/new/natural=5"]) == 2
            assert time.monotonic() - started < 2
        finally:
            report_lock.WAIT_SECONDS = original
    finally:
        release(held)
    assert load_report(path).value(FIRST) != 5
    assert run(["set", str(path), "3/new/natural=5"]) == 0
    assert load_report(path).value(FIRST) == 5


def test_stale_lock_of_a_dead_process_is_broken(tmp_path):
    import json
    import socket
    import subprocess
    import sys

    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True).stdout)
    lock_path(path).write_text(json.dumps({"pid": dead, "host": socket.gethostname(), "time": time.time()}))
    from cli.app import run

    assert run(["set", str(path), "3/new/natural=6"]) == 0
    assert load_report(path).value(FIRST) == 6
    assert not lock_path(path).exists()


def test_old_lock_from_another_machine_is_broken(tmp_path):
    import json
    import os

    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    lock = lock_path(path)
    lock.write_text(json.dumps({"pid": 1, "host": "elsewhere", "time": 0}))
    os.utime(lock, (time.time() - 3600, time.time() - 3600))
    from cli.app import run

    assert run(["set", str(path), "3/new/natural=8"]) == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symbolic links")
@pytest.mark.parametrize("planted", ["fifo", "link-to-fifo", "link-to-file", "folder"])
def test_something_planted_at_the_lock_name_neither_hangs_nor_blocks(tmp_path, planted):
    """Only this program makes the lock, and always as a plain file: a FIFO would hang the reader, a
    link to a fresh file would look like a live lock for minutes. Both are moved out of the way."""

    from tests.reliability.bounded import run_cli

    report = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, report)
    lock = tmp_path / ".~r.nianbao.lock"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    if planted == "fifo":
        os.mkfifo(lock)
    elif planted == "link-to-fifo":
        os.mkfifo(tmp_path / "fifo")
        lock.symlink_to(tmp_path / "fifo")
    elif planted == "link-to-file":
        lock.symlink_to(victim)
    else:
        lock.mkdir()
    result = run_cli(["set", report, "--agency", "某某局"], seconds=10)
    assert result.returncode == 0, result.stderr
    assert "某某局" in report.read_text(encoding="utf-8")
    assert victim.read_text() == "keep me"
    assert not lock.exists() and not lock.is_symlink()
