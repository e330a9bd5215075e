"""Decimal places: the one way to round (四舍五入, half up) and print a figure.

A reviewer checks a recomputed figure by hand, rounding half up; every message prints its
figures through ``show`` so that 0.125 reads 0.13 everywhere. ``half_unit`` is the rounding a
printed precision carries, ``places_in`` the precision a printed figure has.
"""

from __future__ import annotations

from decimal import MAX_PREC, ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache

# Wide enough that quantizing never runs out of digits (a hostile report may print 100 digits).
_HALF_UP = Context(prec=MAX_PREC, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=64)
def _unit(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@lru_cache(maxsize=256)
def half_unit(places: int) -> Decimal:
    """Half a unit in the last place of a figure printed with ``places`` decimals (cached)."""
    return Decimal(5).scaleb(-(places + 1))


def rounded(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half up (四舍五入) to ``places`` decimals (0.125 → 0.13)."""
    try:
        return value.quantize(_unit(places), context=_HALF_UP)
    except InvalidOperation:  # NaN or infinity: nothing to round
        return value


def show(value: Decimal, places: int, *, grouped: bool = False, signed: bool = False) -> str:
    """``value`` rounded half up and printed with ``places`` decimals (at least 0).

    ``grouped`` adds thousands separators; ``signed`` puts ``+`` before a positive value.
    """
    places = max(places, 0)
    fixed = rounded(value, places)
    text = f"{fixed:,.{places}f}" if grouped else f"{fixed:.{places}f}"
    return "+" + text if signed and value > 0 else text


def places_in(text: str) -> int:
    """The decimals printed in a plain figure such as ``1234.50`` (2)."""
    _, point, fraction = text.partition(".")
    return len(fraction) if point else 0
