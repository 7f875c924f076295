"""The CLI commands that move reports in and out: import, export, rollforward."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.app import EXIT_OK, CliError, wrote


def cmd_export(args: argparse.Namespace) -> int:
    """Write the report in the format the output's suffix names."""
    from cli.outputs import check_output
    from export.writers import export_report, writer_for
    from model.fileformat import load_report

    writer_for(args.output)  # an unknown kind is refused before the report is read
    if args.font is not None and not args.font.strip():
        raise CliError("没有指定字体文件（--font 后应写字体文件的路径）")
    check_output(args.output, [args.file, args.font], report=False)
    if args.font and Path(args.output).suffix.lower() != ".pdf":
        print("nianbao: 提示：--font 只用于导出PDF，本次未使用", file=sys.stderr)
    export_report(load_report(args.file), args.output, font_path=args.font)  # a wrong --font: FontError
    wrote(f"已导出：{args.output}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Read a published or circulated report into a .nianbao file and say where each value came from."""
    from cli.outputs import check_output, previous_bytes, put_back
    from model.errors import MissingTitle, NianbaoError
    from model.fileformat import save_report
    from model.report_lock import locked
    from readers.dispatch import read_report

    output = check_output(args.output, [args.file], report=True)
    log = _check_log(args.log, (Path(args.file), output)) if args.log is not None else None
    try:
        result = read_report(Path(args.file), agency=args.agency, year=args.year)
    except MissingTitle as exc:
        raise CliError(f"{exc}（用 --agency 和 --year）") from exc
    from readers.import_log import Level, summary

    previous_log = previous_bytes(log) if log is not None else None
    if log is not None:
        _write_log(log, result.log)
    print(summary(result.values_read, result.log), file=sys.stderr)
    for entry in result.log:
        if args.verbose or entry.level is Level.WARNING:
            print(entry.text, file=sys.stderr)
    try:
        with locked(output):
            save_report(result.document, output)
    except NianbaoError:
        if log is not None:
            put_back(log, previous_log)  # exit 2 means nothing was written
        raise
    print(f"已导入：{result.document.title} → {output}", file=sys.stderr)
    return EXIT_OK


def _check_log(name: str, others: tuple[Path, ...]) -> Path:
    """Where the import log goes: never the file imported, the report written or any report, and a
    target that can be written, checked before the import's slow work."""
    from cli.outputs import REPORT_SUFFIX, check_output, same_file
    from model.atomic_file import resolve_target

    if not name.strip():
        raise CliError("没有指定导入记录文件（--log 后应写文件名，如 导入记录.txt）")
    if any(same_file(name, other) for other in others) or any(
        Path(name).resolve() == other.resolve() for other in others
    ):
        raise CliError(f"导入记录文件“{name}”不能与导入的文件或输出的报告相同")
    if resolve_target(name).name.lower().endswith(REPORT_SUFFIX):
        raise CliError(f"导入记录是文本文件，不能写入年报文件“{name}”；请用 .txt 等文件名")
    return check_output(name, [], report=False)


def _write_log(path: Path, log: list) -> None:
    """The full import log as UTF-8 text."""
    from model.atomic_file import write_file

    write_file(path, ("\n".join(entry.text for entry in log) + "\n").encode("utf-8"))


def cmd_rollforward(args: argparse.Namespace) -> int:
    """Start this year's report from last year's."""
    from cli.outputs import check_output
    from model.fileformat import load_report, save_report
    from model.report_lock import locked
    from model.rollforward import roll_forward

    output = check_output(args.output, [args.file], report=True)
    result = roll_forward(load_report(args.file), year=args.year)
    for note in result.notes:
        print(f"提示：{note}", file=sys.stderr)
    with locked(output):
        save_report(result.document, output)
    wrote(f"已生成：{result.document.title} → {output}")
    return EXIT_OK
