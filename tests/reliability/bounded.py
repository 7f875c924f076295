"""Run a command in a child process that cannot take the machine down: memory and CPU time capped."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _limits(memory_mb: int, seconds: int, drop_root_reading: bool):  # type: ignore[no-untyped-def]
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        if drop_root_reading:
            _drop_permission_override()

    return apply


def _drop_permission_override() -> None:
    """Root reads any file: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the capability bounding
    set, so the program run next obeys file permissions like any user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def can_drop_permission_override() -> bool:
    """Whether :func:`run_cli` with ``obey_permissions`` works here (Linux, allowed to drop capabilities)."""
    if sys.platform != "linux":
        return False
    result = subprocess.run(
        [sys.executable, "-c", "pass"], preexec_fn=_drop_permission_override, capture_output=True, check=False
    )
    return result.returncode == 0


def run_cli(
    args: Sequence[object],
    *,
    memory_mb: int = 1024,
    seconds: int = 30,
    obey_permissions: bool = False,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGS`` under an address-space and a CPU-time limit (and a wall-clock timeout);
    with ``obey_permissions`` even root is refused files it has no permission for."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=seconds * 3,
        preexec_fn=_limits(memory_mb, seconds, obey_permissions) if sys.platform != "win32" else None,
        cwd=cwd,
    )
