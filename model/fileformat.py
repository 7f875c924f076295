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
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from model.cellref import CellRef
from model.document import Document, check_year
from model.errors import InvalidValue, NianbaoError, ReportFileError
from model.prior import PriorYear
from model.template import load_template
from model.values import Value

FORMAT_NAME = "nianbao"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024


def _encode_value(value: Value) -> int | str | None:
    return f"{value:.2f}" if isinstance(value, Decimal) else value


def _decode_value(raw: object) -> Value:
    if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
        return raw  # type: ignore[return-value]
    if isinstance(raw, str):
        try:
            return Decimal(raw)
        except ArithmeticError as exc:
            raise InvalidValue(f"金额“{raw[:20]}”无效") from exc
    raise InvalidValue(f"单元格的值“{str(raw)[:20]}”无效")


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
        decoded[ref] = _decode_value(value)
    return decoded


def document_to_dict(document: Document) -> dict[str, Any]:
    """The JSON-ready form of a document (inputs only; totals are recomputed on load)."""
    prior = document.prior
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
            prior = PriorYear(
                str(prior_data.get("template")),
                check_year(prior_data.get("year")),
                str(prior_data.get("agency", "")),
                _decode_values(prior_data.get("values", {})),
            )
        review = data.get("review", [])
        if not isinstance(review, list):
            raise InvalidValue("“review”应为列表")
        values = {
            ref: v for ref, v in _decode_values(data.get("values", {})).items() if not template.is_total(ref)
        }  # totals are never trusted from a file: they are recomputed
        # a printed total is kept beside the computed one, for a cell that is a total of this template
        printed = {ref: v for ref, v in _decode_values(data.get("printed", {})).items() if template.is_total(ref)}
        return Document(
            template,
            data.get("agency", ""),
            data.get("year"),  # type: ignore[arg-type]
            values,
            texts,
            prior,
            [str(s) for s in review],
            printed,
        )
    except NianbaoError as exc:
        raise ReportFileError(f"文件内容有误：{exc}") from exc
    except (TypeError, ValueError) as exc:
        raise ReportFileError("文件内容有误，无法读取") from exc


def dumps(document: Document) -> str:
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=1)


def loads(text: str) -> Document:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReportFileError("文件已损坏（不是有效的JSON）") from exc
    return document_from_dict(data)


def load_report(path: str | os.PathLike[str]) -> Document:
    """Read a ``.nianbao`` file; any problem is a :class:`ReportFileError` with a Chinese message."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReportFileError(f"“{path.name}”过大，不像是年报文件")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportFileError(f"找不到文件“{path}”") from None
    except IsADirectoryError:
        raise ReportFileError(f"“{path}”是文件夹，不是年报文件") from None
    except PermissionError:
        raise ReportFileError(f"没有权限读取“{path}”") from None
    except OSError as exc:
        raise ReportFileError(f"无法读取“{path}”：{exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"“{path.name}”已损坏或不是年报文件（编码无效）") from None
    return loads(text)


def write_atomically(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file, never half.

    Writes a temporary file in the same folder, flushes and fsyncs it, keeps the previous version as
    ``FILE.bak`` and renames the temporary file over the target.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportFileError(f"无法在“{folder}”中保存：{_reason(exc)}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_backup and target.exists():
            backup = target.with_name(target.name + ".bak")
            _copy_bytes(target, backup)
        os.replace(temp_name, target)
        _fsync_folder(folder)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise ReportFileError(f"保存“{target.name}”失败：{_reason(exc)}，原文件未改动") from exc


def _reason(exc: OSError) -> str:
    import errno

    reasons = {
        "ENOSPC": "磁盘空间不足",
        "EACCES": "没有写入权限或文件被其他程序占用",
        "EPERM": "没有写入权限或文件被其他程序占用",
        "ENOENT": "文件夹不存在",
        "ENOTDIR": "路径中有一部分不是文件夹",
        "EROFS": "该位置是只读的（如光盘或写保护的U盘）",
        "EDQUOT": "磁盘配额已用完",
        "ENAMETOOLONG": "文件名或路径过长",
    }
    name = errno.errorcode.get(exc.errno or 0, "")
    # The operating system's own words (often English) only for what is not listed here.
    return reasons.get(name) or exc.strerror or str(exc)


def _copy_bytes(source: Path, backup: Path) -> None:
    data = source.read_bytes()
    handle, temp_name = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=backup.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, backup)
    except OSError:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; the rename is durable enough there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_report(document: Document, path: str | os.PathLike[str]) -> None:
    """Save atomically, keeping the previous version as ``FILE.bak``."""
    write_atomically(path, dumps(document).encode("utf-8"))
