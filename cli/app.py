"""``python main.py new|show|check|set|import|export|rollforward ...``.

Every failure the user can cause ends in one line on stderr and exit code 2; no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from model.errors import NianbaoError

EXIT_OK, EXIT_RULE_ERRORS, EXIT_BAD_INPUT = 0, 1, 2
COMMANDS = ("new", "show", "check", "set", "import", "export", "rollforward")


class CliError(Exception):
    """A usage problem found by the CLI itself (not by the model)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"nianbao: 参数错误：{_in_chinese(message)}（用法见 python main.py --help）\n")


_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"缺少参数 \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选 \3"),
    (r"argument (\S+): invalid int value: (.*)", r"参数 \1 应为整数，而不是 \2"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面缺少值"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数 \1"),
]


def _in_chinese(message: str) -> str:
    """argparse speaks English; the users of this tool read Chinese."""
    import re

    for pattern, replacement in _ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def cmd_new(args: argparse.Namespace) -> int:
    from model.document import Document
    from model.fileformat import save_report

    output = Path(args.output)
    document = Document.new(args.template, args.year, args.agency)
    if not document.template.covers_year(args.year):
        print(f"nianbao: 提示：{args.year}年度的报告一般不使用{document.template.name}", file=sys.stderr)
    save_report(document, output)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from model.fileformat import load_report

    document = load_report(args.file)
    if args.json:
        from export.json_report import report_json

        _print_json(report_json(document))
    else:
        from cli.terminal import render_report

        sys.stdout.write(render_report(document) + "\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from export.json_report import check_json
    from model.fileformat import load_report

    worst = EXIT_OK
    many = len(args.files) > 1
    for name in args.files:
        try:
            document = load_report(name)
        except NianbaoError as exc:
            print(f"nianbao: {name}: {exc}", file=sys.stderr)
            worst = EXIT_BAD_INPUT
            continue
        code = EXIT_RULE_ERRORS if document.errors() else EXIT_OK
        worst = max(worst, code)
        if args.json:
            data = check_json(document)
            _print_json({"file": name, **data} if many else data)
            continue
        if many:
            print(f"== {name}")
        for result in document.errors():
            print(f"错误 [{result.rule}] {result.message}")
        for result in document.warnings():
            print(f"提示 [{result.rule}] {result.message}")
        print(f"共 {len(document.errors())} 个错误，{len(document.warnings())} 个提示")
    return worst


def cmd_set(args: argparse.Namespace) -> int:
    from model.cellref import CellRef
    from model.edits import SetCell, SetMeta, SetReview
    from model.fileformat import load_report, save_report

    document = load_report(args.file)
    edits: list = []
    for assignment in args.assignments:
        key, sep, text = assignment.partition("=")
        if not sep:
            raise CliError(f"“{assignment}”应写作 表/行/列=数值，如 3/new/natural=12")
        try:
            ref = CellRef.from_key(key.strip())
        except ValueError:
            raise CliError(f"单元格地址“{key}”无效，应写作 表/行/列，如 3/new/natural") from None
        edits.append(SetCell(ref, document.parse(ref, text)))
    for item in args.text or []:
        section, sep, source = item.partition("=")
        if not sep:
            raise CliError(f"“{item}”应写作 部分=文本文件，如 s1=总体情况.txt")
        try:
            edits.extend(document.write_text(section, Path(source).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"无法读取正文文件“{source}”：{exc}") from exc
    for section in args.reviewed or []:
        edits.append(SetReview(section, False))
    if args.agency is not None or args.year is not None:
        edits.append(SetMeta(args.agency, args.year))
    if args.prior:
        from model.edits import SetPrior
        from model.rollforward import prior_of

        edits.append(SetPrior(prior_of(load_report(args.prior))))
    document.apply(edits)
    save_report(document, args.file)
    return EXIT_OK


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), function)(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告编辑器（命令行）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    new = sub.add_parser("new", help="新建空白报告")
    new.add_argument("--template", required=True, choices=["2019", "2021"], help="报告格式版本")
    new.add_argument("--year", required=True, type=int, help="报告年度")
    new.add_argument("--agency", required=True, help="机关名称")
    new.add_argument("-o", "--output", required=True, help="输出 .nianbao 文件")
    new.set_defaults(run=cmd_new)

    show = sub.add_parser("show", help="显示报告")
    show.add_argument("file")
    show.add_argument("--json", action="store_true", help="以JSON输出")
    show.set_defaults(run=cmd_show)

    check = sub.add_parser("check", help="检查勾稽关系与常见问题")
    check.add_argument("files", nargs="+")
    check.add_argument("--json", action="store_true", help="以JSON输出")
    check.set_defaults(run=cmd_check)

    setter = sub.add_parser("set", help="填写单元格或正文")
    setter.add_argument("file")
    setter.add_argument("assignments", nargs="*", help="表/行/列=数值，如 3/new/natural=12")
    setter.add_argument("--text", action="append", help="部分=文本文件，如 s1=总体情况.txt")
    setter.add_argument("--reviewed", action="append", help="确认沿用上年的某部分正文已审阅，如 s5")
    setter.add_argument("--agency")
    setter.add_argument("--year", type=int)
    setter.add_argument("--prior", help="关联上年报告（.nianbao），用于跨年度检查")
    setter.set_defaults(run=cmd_set)

    importer = sub.add_parser("import", help="导入Excel、Word、PDF、网页或文本格式的报告")
    importer.add_argument("file")
    importer.add_argument("-o", "--output", required=True)
    importer.add_argument("--agency")
    importer.add_argument("--year", type=int)
    importer.set_defaults(run=_lazy("cli.transfer", "cmd_import"))

    exporter = sub.add_parser("export", help="导出为Excel（.xlsx）、PDF、Word（.docx）或网页（.html）")
    exporter.add_argument("file")
    exporter.add_argument("-o", "--output", required=True)
    exporter.add_argument("--font", help="PDF使用的TrueType字体文件（.ttf/.ttc）")
    exporter.set_defaults(run=_lazy("cli.transfer", "cmd_export"))

    roll = sub.add_parser("rollforward", help="由上年报告生成本年报告")
    roll.add_argument("file")
    roll.add_argument("-o", "--output", required=True)
    roll.add_argument("--year", type=int)
    roll.set_defaults(run=_lazy("cli.transfer", "cmd_rollforward"))
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one CLI command; return the exit code."""
    args = build_parser().parse_args(list(argv))
    try:
        return int(args.run(args))
    except (NianbaoError, CliError) as exc:
        print(f"nianbao: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except (OSError, MemoryError, RecursionError) as exc:
        print(f"nianbao: 无法完成：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
