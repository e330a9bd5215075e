"""Figures in narrative text: amounts (``2844.76万元``), percentages (``55.16%``), counts (``7个``).

Works on the clean reading text of ``parse.sentences`` (no spaces, ASCII digits, ``%``); every
figure becomes an ``Amount`` whose span points at the original characters. One linear regex.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model import Amount
from fa_tui.parse.narrative.sentences import Paragraph

MONEY_UNITS = ("万元", "亿元", "元", "万")
COUNT_UNITS = ("批次", "人次", "个", "辆", "次", "人", "名", "家", "台", "项", "户", "团组")

# The pattern opens with a plain \d (the "not after a digit, dot or letter" check comes after it)
# so that the regex engine skips quickly to the next digit instead of trying every position.
_FIGURE = pattern_cache.compile(
    r"(?P<num>\d(?<![\d.,A-Za-z]\d)(?:\d{0,2}(?:,\d{3})+|\d{0,14}))(?:\.(?P<dec>\d{1,8}))?"
    r"(?![\d,])"
    r"(?:(?P<pct>%)|(?P<money>万元|亿元|元|万)(?![人次户家余亩个名吨件台套条项张份所辆/])"
    r"|(?P<count>批次|人次|个|辆|次|人|名|家|台|项|户))"
)
# an amount that is a threshold, not a quantity: 50万元以上, 100万元（含）以上
_THRESHOLD = pattern_cache.compile(r"(?:[（(]含[）)])?(?:以上|以下|及以上|及以下|左右|起)")
_THRESHOLD_FIRST = frozenset("（(以及左起")  # the characters ``_THRESHOLD`` can start with


class Figure(NamedTuple):
    """One figure found in a paragraph: ``kind`` is ``money``, ``percent`` or ``count``."""

    kind: str
    amount: Amount
    start: int  # clean index of the first digit
    end: int  # clean index after the unit
    unit: str


def _is_threshold(text: str, end: int) -> bool:
    """Whether the money figure ending at ``end`` is followed by ``以上``, ``（含）以下`` …"""
    return text[end : end + 1] in _THRESHOLD_FIRST and bool(
        _THRESHOLD.match(text, end, min(end + 8, len(text)))
    )


def _amount(
    paragraph: Paragraph, start: int, num: str, dec: str | None, unit: str, is_pct: bool
) -> Amount | None:
    """The figure whose digits ``num`` (and decimals ``dec``) start at clean index ``start``."""
    grouped = "," in num
    digits = num.replace(",", "") if grouped else num
    try:
        value = Decimal(f"{digits}.{dec}" if dec else digits)
    except InvalidOperation:
        return None
    num_end = start + len(num) + (len(dec) + 1 if dec else 0)
    return Amount(
        value=value,
        text=paragraph.text[start:num_end],
        decimals=len(dec) if dec else 0,
        unit=unit,
        is_percent=is_pct,
        span=paragraph.span(start, num_end),  # the digits only, not the unit
        repaired=grouped,
        repair_note="去除千位分隔符" if grouped else None,
    )


def scan_figures(paragraph: Paragraph, start: int = 0, end: int | None = None) -> list[Figure]:
    """The figures of ``paragraph.text[start:end]`` in order."""
    text = paragraph.text
    stop = len(text) if end is None else end
    out: list[Figure] = []
    for match in _FIGURE.finditer(text, start, stop):
        num, dec, pct, money, count = match.groups()
        if pct:
            kind, unit = "percent", "%"
        elif money:
            kind, unit = "money", money
            if _is_threshold(text, match.end()):
                continue
        else:
            kind, unit = "count", count
        figure_start = match.start()
        amount = _amount(paragraph, figure_start, num, dec, unit, kind == "percent")
        if amount is not None:
            out.append(Figure(kind, amount, figure_start, match.end(), unit))
    return out


def has_money(paragraph: Paragraph, start: int, end: int) -> bool:
    """Whether ``scan_figures(paragraph, start, end)`` would find a money figure.

    Builds no ``Amount``: the digits of a match always make a ``Decimal``.
    """
    text = paragraph.text
    for match in _FIGURE.finditer(text, start, end):
        if match.group("money") and not _is_threshold(text, match.end()):
            return True
    return False


_WAN_FACTOR = {
    "万元": Decimal(1),
    "万": Decimal(1),
    "亿元": Decimal(10000),
    "元": Decimal("0.0001"),
}


def in_wan(amount: Amount) -> Decimal | None:
    """The value of a money figure in 万元 (``None`` for blanks, percentages and counts)."""
    if amount.value is None or amount.is_percent:
        return None
    scale = _WAN_FACTOR.get(amount.unit or "")
    return None if scale is None else amount.value * scale
