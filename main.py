"""Nianbao entry point: the editor by default, the command line for subcommands.

python main.py                 open the editor with the built-in example report
python main.py REPORT.nianbao  open the editor with a file
python main.py new|show|check|set|import|export|rollforward ...   headless (see --help)
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI (no Qt imported) or the GUI."""
    args = sys.argv[1:] if argv is None else argv
    from cli.app import COMMANDS

    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help")):
        from cli.app import run

        return run(args)
    from gui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
