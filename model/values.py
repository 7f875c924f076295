"""Cell kinds and the parsing of what people type or store into cell values.

Counts and signed counts are ``int``; amounts are ``Decimal`` with two decimals (万元), never float.
``None`` is a blank cell, which is not the same as 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum

from model.errors import InvalidValue

Value = int | Decimal | None


class CellKind(str, Enum):
    """What a data cell holds."""

    COUNT = "count"  # whole number >= 0
    SIGNED = "signed"  # whole number of either sign (本年增/减)
    AMOUNT = "amount"  # 万元, at most two decimals
    NA = "na"  # not applicable: never holds a value


_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
_PLAIN = re.compile(r"^[+-]?[0-9]+(\.[0-9]*)?$")
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_SHOWN_MAX = 24
_MINUS_SIGNS = {"−": "-", "－": "-", "—": "-", "﹣": "-"}
TWO_PLACES = Decimal("0.01")


def normalize_number_text(text: str) -> str:
    """Fold full-width digits and signs, drop spaces (also inner ones from copy-paste)."""
    folded = unicodedata.normalize("NFKC", text)
    for sign, ascii_sign in _MINUS_SIGNS.items():
        folded = folded.replace(sign, ascii_sign)
    return "".join(folded.split())


def _shown(text: str) -> str:
    """What a message quotes of the typed text: short, one line, control characters made visible."""
    text = "".join(c if c.isprintable() else "�" for c in text.strip())
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX] + "…"


def _foreign_digit(text: str) -> str | None:
    """The first digit-like character that is not 0-9 or its full-width form (٣, ३, ², ①, Ⅲ)."""
    for char in text:
        if unicodedata.category(char) in ("Nd", "No", "Nl") and not ("0" <= char <= "9" or char in _FULL_WIDTH_DIGITS):
            return char
    return None


def parse_value(text: str, kind: CellKind, *, count_max: int, amount_max: Decimal) -> Value:
    """Turn typed text into a cell value, or raise :class:`InvalidValue` with a Chinese message.

    Accepts full-width digits, thousands separators, surrounding spaces, a leading ``+`` on signed
    cells and a trailing 万元 on amounts. An empty text is a blank cell.
    """
    foreign = _foreign_digit(text)
    if foreign is not None:
        # NFKC would turn ² or ① into 2 or 1 and Python reads ٣ as 3: a number nobody typed on purpose.
        where = "" if text.strip() == foreign else f"“{_shown(text)}”中的"
        raise InvalidValue(f"{where}“{foreign}”不是0—9的数字（只能用半角或全角的0—9）")
    hidden = next((c for c in text if unicodedata.category(c) == "Cc" and not c.isspace()), None)
    if hidden is not None:
        raise InvalidValue(f"“{_shown(text)}”含有不可见的控制字符（U+{ord(hidden):04X}），不是数字")
    raw = normalize_number_text(text)
    if kind is CellKind.AMOUNT and raw.endswith("万元"):
        raw = raw[:-2]
    if raw == "":
        return None
    if kind is CellKind.NA:
        raise InvalidValue("此单元格不适用，不能填写数字")
    if not (_PLAIN.match(raw) or _GROUPED.match(raw)):
        raise InvalidValue(f"“{_shown(text)}”不是数字")
    raw = raw.replace(",", "")
    if len(raw) > 24:
        raise InvalidValue(f"“{_shown(text)}”：数字过大")
    if kind is CellKind.AMOUNT:
        return _amount(raw, text, amount_max)
    exact = Decimal(raw)
    if exact != exact.to_integral_value():
        raise InvalidValue(f"“{_shown(text)}”：此处应填整数")
    number = int(exact)
    if kind is CellKind.COUNT:
        if raw.startswith("-") and number != 0:
            raise InvalidValue(f"“{_shown(text)}”：件数不能为负数")
        if raw.startswith("+"):
            raise InvalidValue(f"“{_shown(text)}”：件数不带正负号")
    return check_value(number, kind, count_max=count_max, amount_max=amount_max)


def _amount(raw: str, text: str, amount_max: Decimal) -> Decimal:
    try:
        amount = Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - regexes let only digits through
        raise InvalidValue(f"“{_shown(text)}”不是金额") from exc
    if amount != amount.quantize(TWO_PLACES):
        raise InvalidValue(f"“{_shown(text)}”：金额最多保留两位小数（单位：万元）")
    result = check_value(amount.quantize(TWO_PLACES), CellKind.AMOUNT, count_max=0, amount_max=amount_max)
    assert isinstance(result, Decimal)
    return result


def check_value(value: Value, kind: CellKind, *, count_max: int, amount_max: Decimal) -> Value:
    """Validate a value that is already a number (from a file, an import or the API)."""
    if value is None:
        return None
    if kind is CellKind.NA:
        raise InvalidValue("此单元格不适用，不能填写数字")
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidValue(f"“{value}”不是有效的数值")
    if _too_large(value):  # before any arithmetic: 1E+999999999 as an int would take minutes
        raise InvalidValue(f"“{str(value)[:20] if isinstance(value, Decimal) else '…'}”：数字过大或无效")
    if kind is CellKind.AMOUNT:
        amount = Decimal(value)
        if not amount.is_finite() or amount != amount.quantize(TWO_PLACES):
            raise InvalidValue(f"“{value}”：金额最多保留两位小数（单位：万元）")
        if amount < 0:
            raise InvalidValue(f"“{value}”：金额不能为负数")
        if amount > amount_max:
            raise InvalidValue(f"“{value}”：金额超出允许范围（最大{amount_max}万元）")
        return amount.quantize(TWO_PLACES)
    if not isinstance(value, int):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        else:
            raise InvalidValue(f"“{value}”：此处应填整数")
    if kind is CellKind.COUNT and value < 0:
        raise InvalidValue(f"“{value}”：件数不能为负数")
    if abs(value) > count_max:
        raise InvalidValue(f"“{value}”：数字过大（最大{count_max}）")
    return value


def _too_large(value: int | Decimal) -> bool:
    if isinstance(value, Decimal):
        return not value.is_finite() or (not value.is_zero() and value.adjusted() > 30)
    return isinstance(value, int) and value.bit_length() > 100


def format_value(value: Value, kind: CellKind) -> str:
    """The text a cell shows: blank stays empty, signed values carry +, amounts two decimals."""
    if value is None:
        return ""
    if kind is CellKind.AMOUNT:
        return f"{Decimal(value):.2f}"
    if kind is CellKind.SIGNED and value > 0:
        return f"+{value}"
    return str(value)
