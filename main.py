"""Nianbao entry point: the editor by default, the command line for subcommands.

nianbao                 open the editor with the built-in example report
nianbao REPORT.nianbao  open the editor with a file
nianbao new|show|check|set|import|export|rollforward ...   headless (see nianbao --help)

(``nianbao`` is the command ``pip install`` makes; ``python main.py`` runs the same from a checkout.)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI (no Qt imported) or the GUI."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--version"]:
        print(f"nianbao {version()}")
        return 0
    from cli.app import COMMANDS

    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        from cli.app import run

        return run(args)
    if args and not args[0].startswith("-") and not args[0].endswith(".nianbao") and not os.path.exists(args[0]):
        print(
            f"nianbao: 未知的命令“{args[0]}”（可用：{'、'.join(COMMANDS)}；用法见 nianbao --help）",
            file=sys.stderr,
        )
        return 2
    from gui.display import display_problem

    problem = display_problem(os.environ, sys.platform)
    if problem is not None:
        print(f"nianbao: {problem}", file=sys.stderr)
        return 2
    from gui.app import run_gui

    return run_gui(args)


def version() -> str:
    """The installed version; in a source checkout that is not installed, the one pyproject.toml names."""
    from importlib import metadata

    try:
        return metadata.version("nianbao")
    except metadata.PackageNotFoundError:
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent / "pyproject.toml"
        match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
        return match.group(1) if match else "?"


if __name__ == "__main__":
    sys.exit(main())
