"""Issue 15, writes: every writer goes through one atomic path and respects what is at the target."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from model.atomic_file import TEMP_PREFIX, NotRegularTarget, ReadOnlyTarget, temp_name, write_file
from model.cellref import CellRef
from model.errors import ReportFileError
from model.fileformat import load_report
from tests.conftest import EXAMPLE, ROOT, nianbao

EXPORTS = [".xlsx", ".pdf", ".docx", ".html"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(".tmp"))


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "r.nianbao"
    shutil.copy(EXAMPLE, path)
    return path


# --- 1. temporary files -------------------------------------------------------------------------


def test_empty_output_name_is_a_message_and_leaves_nothing(tmp_path, report):
    for args in (
        ["export", report, "-o", ""],
        ["new", "--template", "2021", "--year", "2025", "--agency", "局", "-o", ""],
    ):
        result = nianbao(*args, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert leftovers(tmp_path) == []
    with pytest.raises(ReportFileError):
        write_file("", b"x")


@pytest.mark.parametrize("suffix", EXPORTS)
def test_no_predictable_temp_name_is_followed(tmp_path, report, suffix):
    """A file or symlink planted at the old fixed temp name is neither deleted nor written through."""
    out = tmp_path / f"out{suffix}"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    planted = tmp_path / f".{out.name}.writing.xlsx"
    planted.symlink_to(victim)
    assert nianbao("export", report, "-o", out).returncode == 0
    assert victim.read_text() == "keep me" and planted.is_symlink()
    assert leftovers(tmp_path) == [planted.name]


def test_temp_names_are_unpredictable():
    assert len({temp_name() for _ in range(50)}) == 50


def test_failed_write_leaves_no_temp(tmp_path):
    def boom(stream):
        stream.write(b"half")
        raise OSError(28, "No space left on device")

    (tmp_path / "t.html").write_text("old")
    with pytest.raises(ReportFileError, match="磁盘空间不足"):
        write_file(tmp_path / "t.html", boom)
    assert (tmp_path / "t.html").read_text() == "old"
    assert leftovers(tmp_path) == []


def test_killed_save_leftovers_are_cleaned_on_next_save(tmp_path, report):
    """A temp file of a killed save (its process is gone) is removed by the next save to that folder."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / temp_name().replace(f"-{os.getpid()}-", f"-{pid}-")
    stale.write_bytes(b"x" * 1000)
    foreign = tmp_path / f"{TEMP_PREFIX}someone-else.tmp"  # not ours by its shape, recent: kept
    foreign.write_bytes(b"y")
    user_file = tmp_path / ".r.nianbao.12345.tmp"  # a user's file, not ours
    user_file.write_bytes(b"z")
    assert nianbao("set", report, "3/new/natural=4").returncode == 0
    assert not stale.exists()
    assert foreign.exists() and user_file.exists()


def test_killed_saves_leave_at_most_one_temp(tmp_path, report):
    """kill -9 in the middle of saves: the next save cleans up what the killed ones left."""
    script = (
        "import sys, os; sys.path.insert(0, sys.argv[1]);"
        "from model.atomic_file import write_file;"
        "write_file(sys.argv[2], lambda s: (s.write(b'x' * 100000), s.flush(), os.kill(os.getpid(), 9)))"
    )
    for _ in range(5):
        subprocess.run([sys.executable, "-c", script, str(ROOT), str(tmp_path / "out.html")])
    assert len([p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]) == 1
    write_file(tmp_path / "out.html", b"<html></html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


def test_concurrent_excel_exports_publish_complete_workbooks(tmp_path, report):
    import zipfile

    out = tmp_path / "same.xlsx"
    runs = [
        subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(report), "-o", str(out)])
        for _ in range(4)
    ]
    assert [r.wait(60) for r in runs] == [0] * 4
    with zipfile.ZipFile(out) as book:
        assert book.testzip() is None
    assert leftovers(tmp_path) == []


# --- 2. what is at the target ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".nianbao", *EXPORTS])
def test_read_only_target_is_not_replaced(tmp_path, report, suffix):
    """Refused by the permission bits, so also when root (who may write anything) runs the CLI."""
    out = tmp_path / f"ro{suffix}"
    out.write_bytes(b"precious")
    out.chmod(0o444)
    if suffix == ".nianbao":
        shutil.copy(report, out.with_name("src.nianbao"))
        out.chmod(0o644)
        out.write_bytes(report.read_bytes())
        out.chmod(0o444)
        result = nianbao("set", out, "3/new/natural=4")
    else:
        result = nianbao("export", report, "-o", out)
    assert result.returncode == 2
    assert "只读" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert out.read_bytes() in (b"precious", report.read_bytes())
    with pytest.raises(ReadOnlyTarget):
        write_file(out, b"x")
    write_file(out, b"asked first", replace_read_only=True)
    assert out.read_bytes() == b"asked first" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_new_file_gets_umask_mode_and_replaced_file_keeps_mode(tmp_path, report):
    old = os.umask(0o022)
    try:
        for suffix in EXPORTS:
            out = tmp_path / f"new{suffix}"
            assert nianbao("export", report, "-o", out).returncode == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o644, suffix
        assert (
            nianbao(
                "new", "--template", "2021", "--year", "2025", "--agency", "局", "-o", tmp_path / "n.nianbao"
            ).returncode
            == 0
        )
        assert stat.S_IMODE((tmp_path / "n.nianbao").stat().st_mode) == 0o644
        (tmp_path / "n.nianbao").chmod(0o640)
        assert nianbao("set", tmp_path / "n.nianbao", "3/new/natural=1").returncode == 0
        assert stat.S_IMODE((tmp_path / "n.nianbao").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_symlink_is_written_through(tmp_path, report):
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    for suffix in [".nianbao", *EXPORTS]:
        real = real_folder / f"target{suffix}"
        real.write_bytes(b"old")
        link = tmp_path / f"link{suffix}"
        link.symlink_to(real)
        if suffix == ".nianbao":
            real.write_bytes(report.read_bytes())
            assert nianbao("set", link, "3/new/natural=7").returncode == 0
        else:
            assert nianbao("export", report, "-o", link).returncode == 0
        assert link.is_symlink() and os.readlink(link) == str(real)
        assert real.read_bytes() != b"old", suffix


@pytest.mark.skipif(os.name != "posix", reason="device files and FIFOs are POSIX")
@pytest.mark.parametrize("target", ["/dev/null", "/dev/full", "fifo", "folder", "link-to-null"])
def test_special_targets_are_refused(tmp_path, report, target):
    if target == "fifo":
        path = tmp_path / "out.pdf"
        os.mkfifo(path)
    elif target == "folder":
        path = tmp_path / "dir.xlsx"
        path.mkdir()
    elif target == "link-to-null":
        path = tmp_path / "null.html"
        path.symlink_to("/dev/null")
    else:
        path = Path(target)
        if not path.exists():
            pytest.skip(f"no {target} on this system")
    before = path.lstat()
    with pytest.raises(NotRegularTarget):
        write_file(path, b"x")
    for args in (["export", report, "-o", path], ["rollforward", report, "-o", path]):
        result = nianbao(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    after = path.lstat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


# --- 3. output onto input -------------------------------------------------------------------------


def test_output_onto_input_is_refused(tmp_path, report):
    original = report.read_bytes()
    assert nianbao("export", report, "-o", tmp_path / "x.xlsx").returncode == 0
    book = (tmp_path / "x.xlsx").read_bytes()
    alias = tmp_path / "sub" / ".." / "r.nianbao"
    (tmp_path / "sub").mkdir()
    hard = tmp_path / "hard.nianbao"
    os.link(report, hard)
    for args in (
        ["rollforward", report, "-o", report],
        ["rollforward", report, "-o", alias],
        ["rollforward", report, "-o", hard],
        ["import", tmp_path / "x.xlsx", "-o", tmp_path / "x.xlsx"],
        ["export", report, "-o", report],
    ):
        result = nianbao(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1
    assert report.read_bytes() == original
    assert (tmp_path / "x.xlsx").read_bytes() == book


@pytest.mark.parametrize(
    "args",
    [
        ["new", "--template", "2021", "--year", "2025", "--agency", "局", "-o", "{tmp}/out.xlsx"],
        ["import", "{tmp}/x.xlsx", "-o", "{tmp}/out.docx"],
        ["rollforward", "{report}", "-o", "{tmp}/out.txt"],
    ],
)
def test_report_commands_write_only_nianbao_files(tmp_path, report, args):
    assert nianbao("export", report, "-o", tmp_path / "x.xlsx").returncode == 0
    (tmp_path / "out.xlsx").write_bytes(b"someone's workbook")
    filled = [a.format(tmp=tmp_path, report=report) for a in args]
    result = nianbao(*filled)
    assert result.returncode == 2 and ".nianbao" in result.stderr
    assert (tmp_path / "out.xlsx").read_bytes() == b"someone's workbook"
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "out.txt").exists()


def test_set_refuses_a_file_not_named_nianbao(tmp_path, report):
    other = tmp_path / "r.json"
    shutil.copy(report, other)
    assert nianbao("set", other, "3/new/natural=3").returncode == 2
    assert other.read_bytes() == report.read_bytes()


# --- 5. every writer's errors are messages ------------------------------------------------------


@pytest.mark.parametrize("suffix", EXPORTS)
def test_export_into_missing_or_read_only_folder_is_one_line(tmp_path, report, suffix):
    result = nianbao("export", report, "-o", tmp_path / "missing" / f"out{suffix}")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("suffix", EXPORTS)
def test_export_onto_full_disk_is_one_line(tmp_path, report, suffix, monkeypatch):
    import errno

    from cli.app import run
    from model import atomic_file

    real_fsync = os.fsync

    def full(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic_file.os, "fsync", full)
    assert run(["export", str(report), "-o", str(tmp_path / f"o{suffix}")]) == 2
    assert leftovers(tmp_path) == []


def test_backup_never_follows_a_planted_link(tmp_path, report):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    backup = tmp_path / "r.nianbao.bak"
    backup.symlink_to(victim)
    assert nianbao("set", report, "3/new/natural=4").returncode == 0
    assert victim.read_text() == "keep me"
    assert not backup.is_symlink() and load_report(backup).value(CellRef("3", "new", "natural")) != 4


def test_backup_in_the_way_does_not_block_the_save(tmp_path, report):
    (tmp_path / "r.nianbao.bak").mkdir()
    assert nianbao("set", report, "3/new/natural=4").returncode == 0
    assert load_report(report).value(CellRef("3", "new", "natural")) == 4


def test_report_link_to_another_kind_of_file_is_refused(tmp_path, report):
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"someone's workbook")
    link = tmp_path / "looks-like.nianbao"
    link.symlink_to(book)
    result = nianbao("rollforward", report, "-o", link)
    assert result.returncode == 2 and "book.xlsx" in result.stderr
    assert book.read_bytes() == b"someone's workbook"


@pytest.mark.parametrize("command", ["export", "new", "import", "show"])
def test_a_name_too_long_is_one_chinese_line(tmp_path, report, command):
    """ENAMETOOLONG from any command: the reason in Chinese and the name cut, never the OS's English."""
    long = str(tmp_path / ("长" * 120))
    args = {
        "export": ["export", report, "-o", long + ".pdf"],
        "new": ["new", "--template", "2021", "--year", "2025", "--agency", "局", "-o", long + ".nianbao"],
        "import": ["import", long + ".xlsx", "-o", tmp_path / "o.nianbao"],
        "show": ["show", long + ".nianbao"],
    }[command]
    result = nianbao(*args)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "过长" in result.stderr and "too long" not in result.stderr and len(result.stderr) < 300


def test_the_line_saying_what_was_written_stays_one_line(tmp_path, report):
    result = nianbao("export", report, "-o", tmp_path / "two\nlines.pdf")
    assert result.returncode == 0 and len(result.stderr.strip().splitlines()) == 1
