"""Figures in narrative text: amounts (``2844.76万元``), percentages (``55.16%``), counts (``7个``).

Works on the clean reading text of ``parse.sentences`` (no spaces, ASCII digits, ``%``); every
figure becomes an ``Amount`` whose span points at the original characters. One linear regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from fa_tui.model import Amount
from fa_tui.parse.sentences import Paragraph

MONEY_UNITS = ("万元", "亿元", "元", "万")
COUNT_UNITS = ("批次", "人次", "个", "辆", "次", "人", "名", "家", "台", "项", "户", "团组")

_FIGURE = re.compile(
    r"(?<![\d.,A-Za-z])(?P<num>\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.(?P<dec>\d{1,8}))?(?![\d,])"
    r"(?:(?P<pct>%)|(?P<money>万元|亿元|元|万)(?![人次户家余亩个名吨件台套条项张份所辆/])"
    r"|(?P<count>批次|人次|个|辆|次|人|名|家|台|项|户))"
)
# an amount that is a threshold, not a quantity: 50万元以上, 100万元（含）以上
_THRESHOLD = re.compile(r"^(?:[（(]含[）)])?(?:以上|以下|及以上|及以下|左右|起)")


@dataclass(frozen=True)
class Figure:
    """One figure found in a paragraph: ``kind`` is ``money``, ``percent`` or ``count``."""

    kind: str
    amount: Amount
    start: int  # clean index of the first digit
    end: int  # clean index after the unit
    unit: str


def _amount(paragraph: Paragraph, match: re.Match[str], unit: str, is_pct: bool) -> Amount | None:
    digits = match.group("num").replace(",", "")
    dec = match.group("dec")
    try:
        value = Decimal(f"{digits}.{dec}" if dec else digits)
    except InvalidOperation:
        return None
    num_end = match.end("dec") if dec else match.end("num")
    span = paragraph.span(match.start(), num_end)  # the digits only, not the unit
    grouped = "," in match.group("num")
    return Amount(
        value=value,
        text=paragraph.text[match.start() : num_end],
        decimals=len(dec) if dec else 0,
        unit=unit,
        is_percent=is_pct,
        span=span,
        repaired=grouped,
        repair_note="去除千位分隔符" if grouped else None,
    )


def scan_figures(paragraph: Paragraph, start: int = 0, end: int | None = None) -> list[Figure]:
    """The figures of ``paragraph.text[start:end]`` in order."""
    text = paragraph.text
    stop = len(text) if end is None else end
    out: list[Figure] = []
    for match in _FIGURE.finditer(text, start, stop):
        if match.group("pct"):
            kind, unit = "percent", "%"
        elif match.group("money"):
            kind, unit = "money", match.group("money")
            if _THRESHOLD.match(text, match.end(), min(match.end() + 8, len(text))):
                continue
        else:
            kind, unit = "count", match.group("count")
        amount = _amount(paragraph, match, unit, kind == "percent")
        if amount is None:
            continue
        out.append(Figure(kind, amount, match.start(), match.end(), unit))
    return out


def in_wan(amount: Amount) -> Decimal | None:
    """The value of a money figure in 万元 (``None`` for blanks, percentages and counts)."""
    if amount.value is None or amount.is_percent:
        return None
    factor = {"万元": Decimal(1), "万": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
    scale = factor.get(amount.unit or "")
    return None if scale is None else amount.value * scale
