"""Only 0-9 and their full-width forms are digits: ٣, ३, ², ①, Ⅲ are refused, not read as numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.errors import InvalidValue
from model.values import CellKind, parse_value


def parse(text: str, kind: CellKind = CellKind.COUNT):
    return parse_value(text, kind, count_max=10**9, amount_max=Decimal(10**9))


@pytest.mark.parametrize("text", ["٣", "۳", "3٣", "३", "১", "²", "①", "Ⅲ", "𝟑", "1٬٠٠٠", "٣.٥"])
def test_other_digits_are_refused_with_the_digit_named(text):
    with pytest.raises(InvalidValue, match="只能用半角或全角的0—9"):
        parse(text, CellKind.AMOUNT if "." in text else CellKind.COUNT)


@pytest.mark.parametrize(("text", "value"), [("３", 3), ("１，２０５", 1205), (" 42 ", 42), ("1,205", 1205)])
def test_ascii_and_full_width_digits_are_numbers(text, value):
    assert parse(text) == value


def test_a_long_or_control_character_text_is_quoted_short_and_visible():
    with pytest.raises(InvalidValue) as caught:
        parse('"' + "x" * 200_000)
    assert len(str(caught.value)) < 60
    with pytest.raises(InvalidValue) as caught:
        parse("1\x00")
    assert "\x00" not in str(caught.value)


def test_a_control_character_is_named_not_shown_as_a_box():
    with pytest.raises(InvalidValue, match="控制字符（U\\+0007）"):
        parse("1\x07")


def test_a_foreign_digit_is_named_once():
    with pytest.raises(InvalidValue) as caught:
        parse("٣")
    assert str(caught.value) == "“٣”不是0—9的数字（只能用半角或全角的0—9）"
    with pytest.raises(InvalidValue) as caught:
        parse("1٣")
    assert str(caught.value) == "“1٣”中的“٣”不是0—9的数字（只能用半角或全角的0—9）"
