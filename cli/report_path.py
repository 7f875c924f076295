"""The name a report file written by the CLI must have."""

from __future__ import annotations

from pathlib import Path

from cli.app import CliError

REPORT_SUFFIX = ".nianbao"


def report_output(name: str) -> Path:
    """``name`` as a path if it ends in .nianbao, else :class:`CliError` saying why (exit 2).

    A report saved as ``x.txt`` or ``x.xlsx`` would be taken for (and opened as) that kind of file;
    the export command is there for those kinds.
    """
    path = Path(name)
    if path.suffix.lower() != REPORT_SUFFIX:
        raise CliError(
            f"报告文件应以 {REPORT_SUFFIX} 结尾，而不是“{path.name}”；"
            "要导出为Excel、PDF、Word或网页，请用 nianbao export"
        )
    return path
