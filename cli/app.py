"""``nianbao new|show|check|set|import|export|rollforward ...``.

Every failure the user can cause ends in one line on stderr and exit code 2; no traceback. stdout
carries only what a command shows (``show``, ``check``); the one line saying what a command wrote
goes to stderr, so ``--json`` output stays pure JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from cli.help_format import ChineseParser
from model.errors import NianbaoError

EXIT_OK, EXIT_RULE_ERRORS, EXIT_BAD_INPUT = 0, 1, 2
COMMANDS = ("new", "show", "check", "set", "import", "export", "rollforward", "aggregate", "review")


class CliError(Exception):
    """A usage problem found by the CLI itself (not by the model)."""


class CliUsage(CliError):
    """A command given without what it needs (``set FILE`` with nothing to set)."""


def wrote(text: str) -> None:
    """The one line a successful command prints about what it wrote (stderr: stdout stays data)."""
    print(text.replace("\r", "\ufffd").replace("\n", "\ufffd"), file=sys.stderr)  # one line, whatever the names


def print_json(data: object) -> None:
    """Write ``data`` to stdout as one line of JSON (Chinese kept readable, terminal escapes neutralised)."""
    from cli.terminal import json_text

    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False)) + "\n")


def cmd_new(args: argparse.Namespace) -> int:
    """Write a blank report of the chosen template, year and agency."""
    from cli.outputs import check_output
    from model.document import Document
    from model.fileformat import save_report
    from model.report_lock import locked

    output = check_output(args.output, [], report=True)
    document = Document.new(args.template, args.year, args.agency)
    if not document.template.covers_year(args.year):
        print(f"nianbao: 提示：{args.year}年度的报告一般不使用{document.template.name}", file=sys.stderr)
    with locked(output):
        save_report(document, output)
    wrote(f"已新建：{document.title} → {output}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Print a report's tables and text, or every cell as JSON."""
    from model.fileformat import load_report

    document = load_report(args.file)
    if args.json:
        from export.json_report import report_json

        print_json(report_json(document))
    else:
        from cli.terminal import render_report

        sys.stdout.write(render_report(document) + "\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Check one or more reports; exit 1 when one has errors, 2 when one cannot be read."""
    from export.json_report import check_json
    from model.fileformat import load_report

    worst = EXIT_OK
    many = len(args.files) > 1
    reports: list[dict] = []  # several files with --json: one document, printed at the end
    for name in args.files:
        try:
            document = load_report(name)
        except NianbaoError as exc:
            print(f"nianbao: {name}: {exc}", file=sys.stderr)
            worst = EXIT_BAD_INPUT
            reports.append({"file": name, "errors": [], "warnings": [], "unreadable": str(exc)})
            continue
        code = EXIT_RULE_ERRORS if document.errors() else EXIT_OK
        worst = max(worst, code)
        if args.json:
            data = check_json(document)
            if many:
                reports.append({"file": name, **data})
            else:
                print_json(data)
            continue
        if many:
            print(f"== {name}")
        for result in document.errors():
            print(f"错误 [{result.rule}] {result.message}")
        for result in document.warnings():
            print(f"提示 [{result.rule}] {result.message}")
        print(f"共 {len(document.errors())} 个错误，{len(document.warnings())} 个提示")
    if args.json and many:
        print_json({"reports": reports})
    return worst


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), function)(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and option, described in Chinese."""
    from cli.version import VERSION

    parser = ChineseParser(
        prog="nianbao",
        description="政务公开年报编辑器：政府信息公开工作年度报告的填报、检查、导入和导出。\n"
        "不带命令运行 nianbao 打开编辑器；带命令则在命令行中完成，不打开窗口。",
        epilog="各命令的用法：nianbao 命令 --help，如 nianbao set --help\n"
        "退出码：0 成功；1 报告有错误（check、aggregate、review）；2 参数或文件有问题。",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {VERSION}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ChineseParser, title="命令", metavar="命令")

    def command(name: str, summary: str, description: str = "") -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=description or summary)

    new = command(
        "new",
        "新建空白报告",
        "新建一份空白报告（.nianbao 文件）。\n"
        "例：nianbao new --template 2021 --year 2025 --agency 某某局 -o 2025.nianbao",
    )
    new.add_argument(
        "--template",
        required=True,
        choices=["2019", "2021"],
        help="报告格式：2021（2021年起的新格式）或 2019（旧格式）",
    )
    new.add_argument("--year", required=True, type=int, metavar="年度", help="报告年度，如 2025")
    new.add_argument("--agency", required=True, metavar="机关", help="机关名称，如 某某市某某局")
    new.add_argument(
        "-o", "--output", required=True, metavar="报告.nianbao", help="要写入的报告文件（以 .nianbao 结尾）"
    )
    new.set_defaults(run=cmd_new)

    show = command(
        "show", "显示报告的表格和正文", "在终端显示报告；--json 输出全部单元格（含 表/行/列 编号，供 set 使用）。"
    )
    show.add_argument("file", metavar="报告.nianbao", help="要显示的报告")
    show.add_argument("--json", action="store_true", help="以JSON输出，每个表、行、列都带编号")
    show.set_defaults(run=cmd_show)

    check = command(
        "check", "检查勾稽关系与常见问题", "检查一份或多份报告。退出码：0 没有错误；1 有错误；2 文件无法读取。"
    )
    check.add_argument("files", nargs="+", metavar="报告.nianbao", help="要检查的报告，可以给出多份")
    check.add_argument("--json", action="store_true", help='以JSON输出；多份报告时输出一个 {"reports": [...]}')
    check.set_defaults(run=cmd_check)

    setter = command(
        "set",
        "填写单元格、正文或报告信息",
        "修改报告并保存（原文件保留为 .bak）。单元格地址为 表/行/列 编号，用 nianbao show --json 查看。\n"
        "例：nianbao set 2025.nianbao 3/new/natural=12 --text s1=总体情况.txt --prior 2024.nianbao",
    )
    setter.add_argument("file", metavar="报告.nianbao", help="要修改的报告")
    setter.add_argument(
        "assignments", nargs="*", metavar="表/行/列=数值", help="要填写的单元格，如 3/new/natural=12；数值留空则清空"
    )
    setter.add_argument(
        "--text",
        action="append",
        metavar="部分=文本文件",
        help="用文本文件（UTF-8、GBK等）填写正文，如 s1=总体情况.txt（可重复）",
    )
    setter.add_argument(
        "--reviewed", action="append", metavar="部分", help="确认沿用上年的某部分正文已审阅，如 s5（可重复）"
    )
    setter.add_argument("--agency", metavar="机关", help="修改机关名称")
    setter.add_argument("--year", type=int, metavar="年度", help="修改报告年度")
    setter.add_argument(
        "--prior", metavar="上年报告.nianbao", help="关联上一年度的报告，用于跨年度检查（须为上一年度）"
    )
    setter.add_argument(
        "--accept-totals", action="store_true", help="导入时保留的印出合计（与分项之和不符）全部改用计算值"
    )
    setter.add_argument(
        "--accept-total",
        action="append",
        metavar="表/行/列",
        help="某个印出合计改用计算值，如 4/cases/rc_total（可重复）",
    )
    setter.set_defaults(run=_lazy("cli.set_command", "cmd_set"))

    importer = command(
        "import",
        "导入Excel、Word、PDF、网页或文本格式的报告",
        "把已有的报告文件（.xlsx/.xlsm/.xls、.docx/.doc/.wps、.pdf、.html、.txt）读成 .nianbao 报告，"
        "并说明每个数值的来源。",
    )
    importer.add_argument("file", metavar="文件", help="要导入的文件")
    importer.add_argument(
        "-o", "--output", required=True, metavar="报告.nianbao", help="要写入的报告文件（以 .nianbao 结尾）"
    )
    importer.add_argument("--agency", metavar="机关", help="机关名称（文件中找不到标题时需要）")
    importer.add_argument("--year", type=int, metavar="年度", help="报告年度（文件中找不到标题时需要）")
    importer.add_argument("--log", metavar="记录文件", help="把完整的导入记录（每个数值的来源）写入文本文件")
    importer.add_argument("--verbose", "-v", action="store_true", help="显示完整的导入记录，而不只是摘要和警告")
    importer.set_defaults(run=_lazy("cli.transfer", "cmd_import"))

    exporter = command(
        "export",
        "导出为Excel、PDF、Word或网页",
        "按输出文件的扩展名导出：.xlsx、.pdf、.docx、.html（或 .htm）。\n例：nianbao export 2025.nianbao -o 2025.pdf",
    )
    exporter.add_argument("file", metavar="报告.nianbao", help="要导出的报告")
    exporter.add_argument("-o", "--output", required=True, metavar="输出文件", help="输出文件，扩展名决定格式")
    exporter.add_argument(
        "--font",
        metavar="字体文件",
        help="PDF使用的中文TrueType字体（.ttf/.ttc），如 C:\\Windows\\Fonts\\simfang.ttf；默认自动查找仿宋、宋体等",
    )
    exporter.set_defaults(run=_lazy("cli.transfer", "cmd_export"))

    roll = command(
        "rollforward",
        "由上年报告生成本年报告",
        "以上年报告为底稿新建本年报告：结转“上年结转”等数值，正文按上年生成草稿（年份顺延），并关联上年报告。",
    )
    roll.add_argument("file", metavar="上年报告.nianbao", help="上一年度的报告")
    roll.add_argument(
        "-o", "--output", required=True, metavar="报告.nianbao", help="要写入的本年报告（以 .nianbao 结尾）"
    )
    roll.add_argument("--year", type=int, metavar="年度", help="新报告的年度（默认为上年报告的下一年）")
    roll.set_defaults(run=_lazy("cli.transfer", "cmd_rollforward"))

    from cli import aggregate, review

    aggregate.add_parser(sub)
    review.add_parser(sub)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one CLI command; return the exit code."""
    from cli.terminal import safe_streams

    with safe_streams():
        return _run(argv)


def _run(argv: Sequence[str]) -> int:
    from cli.terminal import printable

    parser = build_parser()
    args, extra = parser.parse_known_args(list(argv))
    if extra:  # named against the command's own help, not the top-level one
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
        commands[args.command].error("无法识别的参数 " + " ".join(extra))
    try:
        return int(args.run(args))
    except CliUsage as exc:
        print(f"nianbao: 参数错误：{exc}（用法见 nianbao {args.command} --help）", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (NianbaoError, CliError) as exc:
        print(f"nianbao: {printable(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # one the commands did not foresee: still the user's words, one line
        from model.atomic_file import reason, short_name

        where = f"“{short_name(os.fsdecode(exc.filename))}”：" if exc.filename else ""
        print(f"nianbao: 无法完成：{printable(where)}{reason(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (MemoryError, RecursionError):
        print("nianbao: 无法完成：文件过大或过于复杂，超出了可以处理的范围", file=sys.stderr)
        return EXIT_BAD_INPUT
