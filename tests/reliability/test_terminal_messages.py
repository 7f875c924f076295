"""Issue 15 item 11 for every message: a file name, a folder or an imported text echoed by any command
never reaches the terminal as an escape sequence (stdout and stderr, text and JSON)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.conftest import EXAMPLE, nianbao

HOSTILE = "\x1b[2J\x1b]52;c;aGk=\x07\x9b\u202e"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


@pytest.fixture
def files(tmp_path):
    good = tmp_path / f"r{HOSTILE}.nianbao"
    shutil.copy(EXAMPLE, good)
    bad = tmp_path / f"b{HOSTILE}.nianbao"
    bad.write_text("{bad", encoding="utf-8")
    folder = tmp_path / f"u{HOSTILE}"
    folder.mkdir()
    shutil.copy(bad, folder / bad.name)
    shutil.copy(EXAMPLE, folder / "good.nianbao")
    return good, bad, folder


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{bad}", "{good}"],
        ["check", "--json", "{bad}", "{good}"],
        ["export", "{good}", "-o", "{tmp}/o{hostile}.pdf"],
        ["rollforward", "{good}", "-o", "{tmp}/n{hostile}.nianbao"],
        ["aggregate", "{folder}/good.nianbao", "-o", "{tmp}/t{hostile}.nianbao"],
        ["review", "{folder}"],
        ["review", "--json", "{folder}"],
        ["new", "--template", "2021", "--year", "2025", "--agency", "局", "-o", "{tmp}/x{hostile}.nianbao"],
        ["import", "{tmp}/missing{hostile}.xlsx", "-o", "{tmp}/i.nianbao"],
    ],
)
def test_no_command_echoes_a_control_to_the_terminal(tmp_path, files, args):
    good, bad, folder = files
    filled = [a.format(good=good, bad=bad, folder=folder, tmp=tmp_path, hostile=HOSTILE) for a in args]
    result = nianbao(*filled)
    assert "Traceback" not in result.stderr
    assert not CONTROLS.search(result.stdout), repr(result.stdout[:300])
    assert not CONTROLS.search(result.stderr), repr(result.stderr[:300])
    if "--json" in args and args[0] == "check":
        names = [r["file"] for r in json.loads(result.stdout)["reports"]]
        assert names == [str(bad), str(good)]  # escaped in JSON, the same data when read back
