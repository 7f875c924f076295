"""Start the real app, edit, let autosave run, SIGKILL it, start again: the edit comes back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("crash_app.py")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_after_autosave_loses_nothing(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "NIANBAO_AUTOSAVE_SECONDS": "0.5",
    }
    child = subprocess.Popen([sys.executable, str(HELPER), "edit"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.startswith("EDITED"), line
        recovery = Path(line.split(maxsplit=1)[1].strip())
        deadline = time.monotonic() + 20
        while not (recovery.exists() and '"3/new/natural": 37' in recovery.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, "autosave did not happen"
            time.sleep(0.1)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    restored = subprocess.run(
        [sys.executable, str(HELPER), "restore"], env=env, capture_output=True, text=True, timeout=60
    )
    assert "ASKED" in restored.stdout, restored.stdout + restored.stderr
    assert "VALUE 37 DIRTY True" in restored.stdout
    # a clean quit of the restored window leaves no recovery file behind
    assert not list((tmp_path / "data").rglob("*.nianbao-recovery"))
