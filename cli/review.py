"""``nianbao review 输入... [-o 审核表.xlsx] [--json]``: check a whole folder of reports (审核)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.app import EXIT_OK, EXIT_RULE_ERRORS, CliError

if TYPE_CHECKING:
    from model.document import Document
    from model.review import Reviewed


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand (help in Chinese, like the others)."""
    parser = sub.add_parser(
        "review",
        help="批量审核报告（格式、年度可以不同）",
        description="逐份导入并检查报告，无法读取的文件列为“无法读取”，不影响其他报告。"
        "退出码：0 全部无错误；1 有报告有错误或无法读取；2 参数有误。",
    )
    parser.add_argument("inputs", nargs="+", metavar="输入", help="年报文件、可导入的文件或文件夹（含子文件夹）")
    parser.add_argument("-o", "--output", metavar="审核表.xlsx", help="输出审核表（.xlsx：审核结果、问题清单）")
    parser.add_argument("--json", action="store_true", help="以JSON输出每份报告的审核结果")
    parser.set_defaults(run=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    """Open and check every report given (files or folders), unreadable ones listed as such."""
    from model.review import ERRORS, UNREADABLE
    from readers.batch import find_reports, review_file

    output = Path(args.output) if args.output is not None else None
    if output is not None and output.suffix.lower() != ".xlsx":
        raise CliError(f"审核表应保存为 .xlsx 文件，而不是“{output.name}”")
    if output is not None:  # before any slow work: a unit's workbook is never overwritten
        from cli.outputs import check_batch_output

        check_batch_output(output, args.inputs, report=False)
    # A missing input is one bad input among many: listed as unreadable, the batch goes on.
    paths = find_reports(args.inputs, keep_missing=True)
    if output is not None and output.exists():
        from cli.outputs import same_file

        clash = next((p for p in paths if p.name.lower() == output.name.lower() and same_file(p, output)), None)
        if clash is not None:  # a review workbook written earlier is never found in a folder: this is a report
            raise CliError(f"审核表“{clash}”是输入中的一份报告，写入会覆盖它；请另选审核表的文件名")
    if not paths:
        raise CliError("输入中没有找到可审核的报告（.nianbao 或可导入的文件）")
    reports = []
    items: list[dict[str, Any]] = []
    for path in paths:
        reviewed, document = review_file(path)
        reports.append(reviewed)
        if args.json:
            items.append(_json(reviewed, document))
        else:
            _print(reviewed)
    if output is not None:
        from export.review_workbook import export_review

        export_review(output, reports)
    if args.json:
        from cli.app import print_json

        print_json({"reports": items})
    else:
        statuses = ("clean", "warnings", ERRORS, UNREADABLE)
        counts = {status: sum(r.status == status for r in reports) for status in statuses}
        print(
            f"共审核{len(reports)}份：无问题{counts['clean']}份，有提示{counts['warnings']}份，"
            f"有错误{counts[ERRORS]}份，无法读取{counts[UNREADABLE]}份" + (f"；审核表：{output}" if output else "")
        )
    bad = any(r.status in (ERRORS, UNREADABLE) for r in reports)
    return EXIT_RULE_ERRORS if bad else EXIT_OK


def _print(reviewed: Reviewed) -> None:
    unit = reviewed.unit
    if unit is None:
        print(f"== {reviewed.file}：无法读取：{reviewed.message}")
        return
    print(f"== {reviewed.file}：{unit.agency}，{unit.year}年度，{unit.template.name}：{reviewed.summary()}")
    for result in unit.errors:
        print(f"错误 [{result.rule}] {result.message}")
    for result in unit.warnings:
        print(f"提示 [{result.rule}] {result.message}")


def _json(reviewed: Reviewed, document: Document | None) -> dict[str, Any]:
    from export.json_report import check_json

    unit = reviewed.unit
    checked = check_json(document) if document is not None else {"errors": [], "warnings": []}
    return {
        "file": reviewed.file,
        "agency": unit.agency if unit else None,
        "year": unit.year if unit else None,
        "template": unit.template.id if unit else None,
        "status": reviewed.status,
        "errors": checked["errors"],
        "warnings": checked["warnings"],
        "message": reviewed.summary(),
    }
