"""The ``.nianbao`` file: UTF-8 JSON, versioned, totals never stored as truth, saved atomically.

Layout::

    {"format": "nianbao", "format_version": 1, "template": "2021", "agency": "...", "year": 2025,
     "values": {"3/new/natural": 12, "2_8/fees/fee_amount": "12.50", ...},
     "texts": {"s1": "...", ...}, "review": ["s1"],
     "prior": {"template": "2019", "year": 2020, "agency": "...", "values": {...}} | null,
     "printed": {"4/cases/rc_total": 0}}

``printed`` (optional, written only when not empty) keeps totals as an imported source printed them
while they disagree with the sum of their parts and the user has not accepted the computed total;
readers that predate it ignore it and lose nothing else.

Amounts are written as strings so no reader turns them into binary floats.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from model.atomic_file import write_file
from model.cellref import CellRef
from model.document import Document, check_agency, check_year
from model.errors import InvalidValue, NianbaoError, ReportFileError
from model.input_file import read_input
from model.origin import Origin
from model.prior import PriorYear
from model.template import Template, load_template
from model.values import CellKind, Value, check_value

FORMAT_NAME = "nianbao"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024


def _encode_value(value: Value) -> int | str | None:
    return f"{value:.2f}" if isinstance(value, Decimal) else value


class _Unconverted(str):
    """A JSON number kept as its text: a float, a constant (NaN, Infinity) or an integer too long to be
    a count. Converting ``1e999999999`` or a 100,000-digit integer could take minutes; none is valid."""


def _json_int(text: str) -> int | _Unconverted:
    return int(text) if len(text) <= 18 else _Unconverted(text)


# What a saved amount looks like (at most two decimals, within any template's limit).
_AMOUNT_TEXT = re.compile(r"-?\d{1,15}(\.\d{0,2})?")


def _decode_value(raw: object, key: str = "") -> Value:
    where = f"单元格{key}的" if key else "单元格的"
    if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
        return raw  # type: ignore[return-value]
    if isinstance(raw, str) and not isinstance(raw, _Unconverted):
        if not _AMOUNT_TEXT.fullmatch(raw.strip()):
            raise InvalidValue(f"{where}金额“{raw[:20]}”无效")
        return Decimal(raw.strip())
    raise InvalidValue(f"{where}值“{str(raw)[:20]}”无效（应为整数或金额）")


def _check_limits(values: dict[CellRef, Value], template: Template) -> None:
    """Every number within the template's limits, the cell named in the message."""
    for ref, value in values.items():
        if value is None:
            continue
        kind = template.kind_of(ref) if template.has_cell(ref) else CellKind.SIGNED
        if kind is CellKind.NA or (not template.has_cell(ref) and isinstance(value, Decimal)):
            kind = CellKind.AMOUNT if isinstance(value, Decimal) else CellKind.SIGNED
        try:
            check_value(value, kind, count_max=template.count_max, amount_max=template.amount_max)
        except InvalidValue as exc:
            raise InvalidValue(f"单元格{ref.key()}：{exc}") from None


def _encode_values(values: dict[CellRef, Value]) -> dict[str, int | str | None]:
    return {ref.key(): _encode_value(v) for ref, v in sorted(values.items())}


def _decode_values(raw: object) -> dict[CellRef, Value]:
    if not isinstance(raw, dict):
        raise InvalidValue("“values”应为对象")
    decoded: dict[CellRef, Value] = {}
    for key, value in raw.items():
        try:
            ref = CellRef.from_key(key)
        except ValueError as exc:
            raise InvalidValue(f"单元格地址“{key[:40]}”无效") from exc
        decoded[ref] = _decode_value(value, str(key)[:40])
    return decoded


def document_to_dict(document: Document) -> dict[str, Any]:
    """The JSON-ready form of a document (inputs only; totals are recomputed on load)."""
    prior = document.prior
    origin = {"origin": document.origin.to_dict()} if document.origin else {}
    printed = document.printed_totals()
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "template": document.template.id,
        "agency": document.agency,
        "year": document.year,
        "values": _encode_values(document.inputs()),
        "texts": document.texts(),
        "review": sorted(document.review_pending),
        "prior": None
        if prior is None
        else {
            "template": prior.template_id,
            "year": prior.year,
            "agency": prior.agency,
            "values": _encode_values(prior.values),
        },
        **origin,
    }
    if printed:
        data["printed"] = _encode_values(printed)
    return data


def document_from_dict(data: object) -> Document:
    """Rebuild a document from its JSON form; raise :class:`ReportFileError` if it does not fit."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ReportFileError("不是年报文件（.nianbao）")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReportFileError("年报文件缺少格式版本号")
    if version > FORMAT_VERSION:
        raise ReportFileError(f"此文件由较新版本的年报编辑器保存（格式版本{version}），请升级后再打开")
    try:
        template = load_template(str(data.get("template")))
        texts = data.get("texts", {})
        if not isinstance(texts, dict):
            raise InvalidValue("“texts”应为对象")
        prior_data = data.get("prior")
        prior = None
        if prior_data is not None:
            if not isinstance(prior_data, dict):
                raise InvalidValue("“prior”应为对象")
            try:
                prior_values = _decode_values(prior_data.get("values", {}))
                try:
                    prior_template = load_template(str(prior_data.get("template")))
                except NianbaoError:
                    prior_template = template
                _check_limits(prior_values, prior_template)
            except InvalidValue as exc:
                raise InvalidValue(f"关联的上年报告中{exc}") from None
            prior = PriorYear(
                prior_template.id,  # an unknown or hostile id is not kept (nor shown, nor saved again)
                check_year(prior_data.get("year")),
                check_agency(_agency(prior_data.get("agency"))) if prior_data.get("agency") else "",
                prior_values,
            )
        review = data.get("review", [])
        if not isinstance(review, list):
            raise InvalidValue("“review”应为列表")
        values = {
            ref: v for ref, v in _decode_values(data.get("values", {})).items() if not template.is_total(ref)
        }  # totals are never trusted from a file: they are recomputed
        _check_limits({ref: v for ref, v in values.items() if template.has_cell(ref)}, template)
        # a printed total is kept beside the computed one, for a cell that is a total of this template
        printed = {ref: v for ref, v in _decode_values(data.get("printed", {})).items() if template.is_total(ref)}
        return Document(
            template,
            _agency(data.get("agency")),
            data.get("year"),  # type: ignore[arg-type]
            values,
            texts,
            prior,
            [str(s) for s in review],
            Origin.from_dict(data["origin"]) if "origin" in data else None,
            printed,
        )
    except NianbaoError as exc:
        raise ReportFileError(f"文件内容有误：{exc}") from exc
    except (TypeError, ValueError) as exc:
        raise ReportFileError("文件内容有误，无法读取") from exc


def _agency(raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidValue("机关名称应为文字")
    return raw


def dumps(document: Document) -> str:
    """The report as the text of a .nianbao file."""
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=1)


def loads(text: str) -> Document:
    """A report from the text of a .nianbao file; a typed error in Chinese when it is not one."""
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_Unconverted, parse_constant=_Unconverted)
    except (ValueError, RecursionError) as exc:
        raise ReportFileError("文件已损坏（不是有效的JSON）") from exc
    return document_from_dict(data)


def load_report(path: str | os.PathLike[str]) -> Document:
    """Read a ``.nianbao`` file; any problem is a :class:`ReportFileError` with a Chinese message."""
    path = Path(path)
    raw = read_input(path, max_bytes=MAX_FILE_BYTES, what="年报文件")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"“{path.name}”已损坏或不是年报文件（编码无效）") from None
    return loads(text)


def save_report(document: Document, path: str | os.PathLike[str], *, replace_read_only: bool = False) -> None:
    """Save so that a crash leaves either the old or the new file, never half (see :mod:`model.atomic_file`),
    keeping the previous version as ``FILE.bak``."""
    write_file(path, dumps(document).encode("utf-8"), keep_backup=True, replace_read_only=replace_read_only)
