"""``nianbao set``: fill cells, text sections and report details of a saved report, in one locked step."""

from __future__ import annotations

import argparse
import sys

from cli.app import EXIT_OK, CliError, CliUsage, wrote


def cmd_set(args: argparse.Namespace) -> int:
    """Apply what the command line asks to the report and save it (the previous version kept as .bak)."""
    from cli.outputs import check_output
    from model.report_lock import locked

    check_output(args.file, [], report=True)
    with locked(args.file):  # read, change and write back as one step: a concurrent edit is not lost
        return _set(args)


def _set(args: argparse.Namespace) -> int:
    from cli.outputs import read_text_argument
    from model.cellref import CellRef
    from model.edits import SetCell, SetMeta, SetReview
    from model.fileformat import load_report, save_report

    wanted = (args.assignments, args.text, args.reviewed, args.prior, args.accept_totals, args.accept_total)
    if not any(wanted) and args.agency is None and args.year is None:
        raise CliUsage(
            "没有要修改的内容：请给出 表/行/列=数值、--text、--reviewed、--agency、--year、--prior 或 --accept-totals"
        )
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
            edits.extend(document.write_text(section, read_text_argument(source)))
        except OSError as exc:
            raise CliError(f"无法读取正文文件“{source}”：{exc}") from exc
    for section in args.reviewed or []:
        edits.append(SetReview(section, False))
    if args.accept_totals or args.accept_total:
        from cli.printed_totals import accept_edits

        accepted = accept_edits(document, args.accept_totals, args.accept_total or [])
        if not accepted and len(wanted_parts(args)) == 1:  # only --accept-totals, and nothing kept
            print(f"nianbao: 提示：“{args.file}”中没有保留印出的合计，未作修改", file=sys.stderr)
            return EXIT_OK
        edits.extend(accepted)
        args.accepted = len(accepted)
    if args.agency is not None or args.year is not None:
        edits.append(SetMeta(args.agency, args.year))
    if args.prior:
        from cli.prior_link import prior_edit

        edits.append(prior_edit(args, document))
    document.apply(edits)
    save_report(document, args.file)
    wrote(f"已保存：{args.file}（{_set_summary(args)}）")
    return EXIT_OK


def wanted_parts(args: argparse.Namespace) -> list[str]:
    """The kinds of change a ``set`` command asks for."""
    given = {
        "cells": args.assignments,
        "text": args.text,
        "reviewed": args.reviewed,
        "totals": args.accept_totals or args.accept_total,
        "meta": args.agency is not None or args.year is not None,
        "prior": args.prior,
    }
    return [name for name, value in given.items() if value]


def _set_summary(args: argparse.Namespace) -> str:
    """What ``set`` changed, in words: “填写2个单元格、1部分正文”."""
    parts = []
    if getattr(args, "accepted", 0):
        parts.append(f"{args.accepted}处合计改用计算值")
    if args.assignments:
        parts.append(f"填写{len(args.assignments)}个单元格")
    if args.text:
        parts.append(f"{len(args.text)}部分正文")
    if args.reviewed:
        parts.append(f"确认审阅{len(args.reviewed)}部分正文")
    if args.agency is not None or args.year is not None:
        parts.append("修改报告信息")
    if args.prior:
        parts.append(f"关联上年报告 {args.prior}")
    if args.accept_totals:
        parts.append("全部印出的合计改用计算值")
    elif args.accept_total:
        parts.append("采用计算的合计：" + "、".join(args.accept_total))
    return "、".join(parts)
