"""The CLI commands that move reports in and out: import, export, rollforward."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.app import EXIT_OK, CliError, wrote
from cli.report_path import report_output


def cmd_export(args: argparse.Namespace) -> int:
    from export.writers import export_report, writer_for
    from model.fileformat import load_report

    writer_for(args.output)  # an unknown kind is refused before the report is read
    font = None
    if args.font:
        if Path(args.output).suffix.lower() == ".pdf":
            from export.fonts import check_font

            font = check_font(args.font)  # a wrong font is refused before anything is written
        else:
            print("nianbao: 提示：--font 只用于导出PDF，本次未使用", file=sys.stderr)
    document = load_report(args.file)
    export_report(document, args.output, font_path=font.source if font else None)
    wrote(f"已导出：{document.title} → {args.output}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from model.errors import MissingTitle
    from model.fileformat import save_report
    from readers.dispatch import read_report

    output = report_output(args.output)
    try:
        result = read_report(Path(args.file), agency=args.agency, year=args.year)
    except MissingTitle as exc:
        raise CliError(f"{exc}（用 --agency 和 --year）") from exc
    for entry in result.log:
        print(entry.text, file=sys.stderr)
    save_report(result.document, output)
    print(f"已导入：{result.document.title} → {output}", file=sys.stderr)
    return EXIT_OK


def cmd_rollforward(args: argparse.Namespace) -> int:
    from model.fileformat import load_report, save_report
    from model.rollforward import roll_forward

    output = report_output(args.output)
    result = roll_forward(load_report(args.file), year=args.year)
    for note in result.notes:
        print(f"提示：{note}", file=sys.stderr)
    save_report(result.document, output)
    wrote(f"已生成：{result.document.title} → {output}")
    return EXIT_OK
