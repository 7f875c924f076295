from decimal import Decimal

import pytest

from model.errors import InvalidValue
from model.values import CellKind, format_value, parse_value


def parse(text, kind=CellKind.COUNT):
    return parse_value(text, kind, count_max=999_999_999, amount_max=Decimal("9999999999.99"))


@pytest.mark.parametrize(
    "text,kind,expected",
    [
        ("12", CellKind.COUNT, 12),
        ("１２", CellKind.COUNT, 12),
        (" 1,234 ", CellKind.COUNT, 1234),
        ("１，２３４", CellKind.COUNT, 1234),
        ("+2", CellKind.SIGNED, 2),
        ("-16", CellKind.SIGNED, -16),
        ("－16", CellKind.SIGNED, -16),
        ("3829.46", CellKind.AMOUNT, Decimal("3829.46")),
        ("3829.46万元", CellKind.AMOUNT, Decimal("3829.46")),
        ("7", CellKind.AMOUNT, Decimal("7.00")),
        ("", CellKind.COUNT, None),
        ("   ", CellKind.COUNT, None),
    ],
)
def test_accepts_what_people_type(text, kind, expected):
    value = parse(text, kind)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text,kind",
    [
        ("abc", CellKind.COUNT),
        ("-1", CellKind.COUNT),
        ("+1", CellKind.COUNT),
        ("1.5", CellKind.COUNT),
        ("1.234", CellKind.AMOUNT),
        ("1000000000", CellKind.COUNT),
        ("9" * 60, CellKind.COUNT),
        ("12a", CellKind.SIGNED),
        ("1,23", CellKind.COUNT),
    ],
)
def test_refuses_the_rest(text, kind):
    with pytest.raises(InvalidValue):
        parse(text, kind)


def test_format_value():
    assert format_value(None, CellKind.COUNT) == ""
    assert format_value(0, CellKind.COUNT) == "0"
    assert format_value(2, CellKind.SIGNED) == "+2"
    assert format_value(-16, CellKind.SIGNED) == "-16"
    assert format_value(Decimal("12.5"), CellKind.AMOUNT) == "12.50"
