"""``nianbao aggregate 输入... -o 汇总报告.nianbao [--agency 机关] [--detail 明细表.xlsx] [--json]
[--against 已发布报告]``: sum units' reports into one (汇总)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.app import EXIT_OK, EXIT_RULE_ERRORS, CliError

if TYPE_CHECKING:
    from model.aggregate import Difference
    from model.document import Document


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand (help in Chinese, like the others)."""
    parser = sub.add_parser(
        "aggregate",
        help="汇总多个单位的报告（同一格式、同一年度）",
        description="逐个单元格汇总各单位的报告。退出码：0 已生成且各单位无错误；1 已生成但有单位报告有错误"
        "（或 --against 核对出不同）；2 参数或输入有误，未生成任何文件。",
    )
    parser.add_argument("inputs", nargs="+", metavar="输入", help="年报文件、可导入的文件或文件夹（含子文件夹）")
    parser.add_argument("-o", "--output", required=True, metavar="汇总报告.nianbao", help="输出的汇总报告（.nianbao）")
    parser.add_argument("--agency", metavar="机关", help="汇总报告的机关名称（默认为“N个单位汇总”）")
    parser.add_argument("--detail", metavar="明细表.xlsx", help="同时生成明细表（单位明细、问题清单、汇总表）")
    parser.add_argument("--json", action="store_true", help="以JSON输出各单位的检查结果")
    parser.add_argument(
        "--against", metavar="已发布报告", help="与已发布的本地区报告核对，列出与各单位合计不同的单元格"
    )
    parser.set_defaults(run=cmd_aggregate)


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Sum the units' reports into one report (and the detail workbook, the check against a published one)."""
    from cli.outputs import check_batch_output, previous_bytes, put_back
    from model.aggregate import aggregate, compare
    from model.document import check_agency
    from model.errors import NianbaoError
    from model.fileformat import save_report
    from readers.batch import find_reports, load_units, open_report

    output = Path(args.output)
    if output.suffix.lower() != ".nianbao":
        raise CliError(f"汇总报告应保存为 .nianbao 文件，而不是“{output.name}”")
    detail = Path(args.detail) if args.detail is not None else None
    if detail is not None and detail.suffix.lower() != ".xlsx":
        raise CliError(f"明细表应保存为 .xlsx 文件，而不是“{detail.name}”")
    agency = check_agency(args.agency) if args.agency is not None else None
    against = Path(args.against) if args.against else None
    read = [*args.inputs, *([against] if against is not None else [])]
    for written in (output, detail):  # before any slow work: nothing read is ever overwritten
        if written is not None:
            check_batch_output(written, read, report=written is output)
    if detail is not None and _same_file(output, detail):
        raise CliError("汇总报告和明细表不能是同一个文件")
    found = find_reports(args.inputs, exclude=[against] if against is not None else [])
    earlier = _refuse_overwriting_an_input(found, output, detail)
    excluded = [p for p in (output, detail) if p is not None]  # an earlier total or detail there is output
    paths = [p for p in found if not any(_same_named_file(p, written) for written in excluded)]
    if not paths:
        raise CliError("输入中没有找到可汇总的报告（.nianbao 或可导入的文件）")
    units = []
    loaded = load_units(paths)
    for reviewed in loaded:
        if reviewed.unit is None:
            raise CliError(f"无法读取“{reviewed.file}”：{reviewed.message}；未生成汇总报告")
        units.append(reviewed.unit)
    if earlier is not None and not set(earlier) <= {unit.agency for unit in units}:
        # A total of other units (a county's, fed to the city's 汇总) is an input, not this run's output.
        raise CliError(f"输出文件“{output}”是输入中的一份汇总报告（其他单位的汇总），写入会覆盖它；请另选输出文件名")
    reported = None
    if against is not None:
        try:
            reported = open_report(against).document
        except NianbaoError as exc:
            raise CliError(f"无法读取用于核对的报告“{against}”：{exc}") from exc
    total = aggregate(units, agency=agency)
    differences = compare(total, reported) if reported is not None else []
    if detail is not None:
        from export.detail_workbook import detail_bytes
        from model.atomic_file import write_file

        data = detail_bytes(detail, units, total)  # built before the total is saved: all or nothing
        previous = previous_bytes(output)
        save_report(total, output)
        try:
            write_file(detail, data)
        except NianbaoError:
            put_back(output, previous)  # exit 2 means nothing was written
            raise
    else:
        save_report(total, output)
    for reviewed in loaded:
        for note in reviewed.notes:  # what an import doubted: the unit's figures may be incomplete
            print(f"nianbao: {reviewed.file}: 导入提示：{note}", file=sys.stderr)
    failing = [u for u in units if u.errors]
    for unit in failing:
        for result in unit.errors:
            print(f"nianbao: {unit.source}: 错误 [{result.rule}] {result.message}", file=sys.stderr)
    if args.json:
        from cli.app import print_json

        data = {
            "units": [
                {"file": u.source, "agency": u.agency, "errors": len(u.errors), "warnings": len(u.warnings)}
                for u in units
            ],
            "output": str(output),
        }
        if reported is not None:
            data["differences"] = [_difference_json(total, d) for d in differences]
        print_json(data)
    else:
        written = f"{output}，明细表 → {detail}" if detail is not None else f"{output}"
        print(f"已汇总{len(units)}个单位（{total.template.name}，{total.year}年度）→ {written}")
        if failing:
            print(f"其中{len(failing)}个单位的报告有错误，详见上方提示" + ("和明细表" if detail else ""))
        gaps = len(total.origin.gaps)
        if gaps:
            print(f"{gaps}个单元格有单位未填写，汇总数只含其余单位（nianbao check {output} 可查看是哪些单位）")
        if reported is not None:
            if differences:
                print(f"与“{against}”核对：{len(differences)}个单元格不同")
                for difference in differences:
                    print("  " + difference.describe(total))
            else:
                print(f"与“{against}”核对：全部一致")
    return EXIT_RULE_ERRORS if failing or differences else EXIT_OK


def _refuse_overwriting_an_input(found: list[Path], output: Path, detail: Path | None) -> tuple[str, ...] | None:
    """An output that is a unit's report found among the inputs (in a folder, say) would destroy it.

    Only a total this command wrote earlier may be replaced (a detail workbook it wrote is never
    found: folders skip them); its units are returned, for the caller to see they are this run's.
    """
    from model.errors import NianbaoError
    from model.fileformat import load_report

    for written in (output, detail):
        if written is None or not written.exists():
            continue
        clash = next((p for p in found if _same_named_file(p, written)), None)
        if clash is None:
            continue
        try:
            summed = load_report(written).origin.units if written.suffix.lower() == ".nianbao" else ()
        except NianbaoError:
            summed = ()
        if not summed:
            raise CliError(f"输出文件“{clash}”是输入中的一份报告，写入会覆盖它；请另选输出文件名，未生成任何文件")
        return summed
    return None


def _same_named_file(a: Path, b: Path) -> bool:
    """One file under one name (links aside): the name compared first, so thousands of units cost no disk look-ups."""
    return a.name.lower() == b.name.lower() and _same_file(a, b)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _difference_json(total: Document, difference: Difference) -> dict[str, Any]:
    from export.json_report import cell_paths, json_number

    row, column = cell_paths(total, difference.ref)
    return {
        "table": total.template.table(difference.ref.table).title,
        "row": row,
        "column": column,
        "sum": json_number(difference.summed),
        "report": json_number(difference.reported),
    }
