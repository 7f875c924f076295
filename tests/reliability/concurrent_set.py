"""A ``set`` command run in a forked worker (cheap enough to run two hundred of them in a test)."""

from __future__ import annotations

import contextlib
import io


def run_set(path: str, assignment: str) -> tuple[int, str]:
    """Run ``nianbao set PATH ASSIGNMENT``; return the exit code and what it wrote to stderr."""
    from cli.app import run

    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        code = run(["set", path, assignment])
    return code, errors.getvalue()
