"""The number parser: exact Decimals, printed precision, repairs recorded, never raises."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fa_tui.parse.numbers import (
    display_amount,
    format_number,
    parse_cell,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value", "decimals", "repaired"),
    [
        ("627.68", "627.68", 2, False),
        ("0.00", "0.00", 2, False),
        ("138,307,276.56", "138307276.56", 2, False),
        ("137,500,26 5.00", "137500265.00", 2, True),
        ("138, 307, 276. 56", "138307276.56", 2, True),
        ("0. 00", "0.00", 2, True),
        ("**399.57**", "399.57", 2, False),
        ("１２３．４５", "123.45", 2, False),
        ("-1,637.905", "-1637.905", 3, False),
        ("－5.5", "-5.5", 1, False),
        ("3438.102", "3438.102", 3, False),
        ("157", "157", 0, False),
        ("1,2345", "12345", 0, True),
        ("  26.35\t", "26.35", 2, False),
    ],
)
def test_amounts(text: str, value: str, decimals: int, repaired: bool) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    assert str(parsed.value) == value  # exact digits, trailing zeros kept
    assert parsed.decimals == decimals
    assert parsed.repaired is repaired
    if repaired:
        assert parsed.note is not None and text.strip() in parsed.note


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [("52.78%", "52.78", 2), ("100 %", "100", 0), ("１２％", "12", 0), ("99.99％", "99.99", 2)],
)
def test_percentages(text: str, value: str, decimals: int) -> None:
    parsed = parse_number(text)
    assert parsed is not None and parsed.is_percent
    assert parsed.value == Decimal(value) and parsed.decimals == decimals


@pytest.mark.parametrize("text", ["abc", "科目代码", "5.", ".5", "1.2.3", "≥10次", "12月", "- -"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["", "   ", "-", "—", "——", "--", "/"])
def test_blank_and_dash_cells_have_no_value(text: str) -> None:
    amount = parse_cell(text, 7, 3)
    assert amount is not None
    assert amount.value is None  # no value, which is not zero
    assert amount.is_blank


def test_cell_span_covers_exactly_the_number() -> None:
    line = "合计\t\t**953.20**\t"
    amount = parse_cell("**953.20**", 12, line.index("*") + 1, unit="万元")
    assert amount is not None
    assert amount.value == Decimal("953.20") and amount.unit == "万元"
    assert line[amount.span.column - 1 : amount.span.end_column - 1] == "953.20"
    assert amount.text == "953.20"


def test_repaired_amount_keeps_the_original_text_and_span() -> None:
    line = "→9→→九、卫生健康支出→41→137,500,26 5.00→137,500,265.00"
    start = line.index("137,500,26 5.00")
    amount = parse_cell("137,500,26 5.00", 199, start + 1)
    assert amount is not None and amount.repaired
    assert amount.text == "137,500,26 5.00"
    assert line[amount.span.column - 1 : amount.span.end_column - 1] == "137,500,26 5.00"
    assert display_amount(amount) == "137,500,265.00"
    assert amount.repair_note and "137,500,26 5.00" in amount.repair_note


def test_forty_digit_number_is_exact() -> None:
    digits = "1234567890" * 4
    parsed = parse_number(digits + ".25")
    assert parsed is not None and parsed.value == Decimal(digits + ".25")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    parse_number(text)
    parse_cell(text, 1, 1)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
    st.booleans(),
)
def test_round_trips_every_formatted_amount(
    value: Decimal, decimals: int, grouped: bool, percent: bool
) -> None:
    exact = value.quantize(Decimal(1).scaleb(-decimals))
    text = format_number(exact, decimals, grouped=grouped, percent=percent)
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == exact
    assert parsed.decimals == decimals
    assert parsed.is_percent is percent
    assert not parsed.repaired
