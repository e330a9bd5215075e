"""Interval arithmetic on printed figures (design.md §2).

A figure printed with *d* decimals stands for any value within ½·10⁻ᵈ of it (a printed zero is
exact). A rate computed from printed figures is the interval of every value the exact figures
could give; the printed rate is right when its own rounding interval meets that interval.
"""

from __future__ import annotations

from decimal import Decimal

from msgspec import Struct

from fa_tui.model import Amount
from fa_tui.model.decimals import half_unit

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class Interval(Struct, frozen=True):
    """A closed interval ``[lo, hi]`` of exact decimals."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        """The one-point interval."""
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: Decimal) -> Interval:
        """Multiplied by a non-negative ``factor``."""
        return Interval(self.lo * factor, self.hi * factor)

    def contains_zero(self) -> bool:
        """Whether 0 lies in the interval."""
        return self.lo <= 0 <= self.hi

    def meets(self, other: Interval) -> bool:
        """Whether the two intervals overlap."""
        return self.lo <= other.hi and other.lo <= self.hi

    def distance(self, value: Decimal) -> Decimal:
        """How far ``value`` lies outside the interval (0 inside)."""
        if value < self.lo:
            return self.lo - value
        if value > self.hi:
            return value - self.hi
        return ZERO


def of(amount: Amount, scale: Decimal = Decimal(1)) -> Interval:
    """The values a printed figure may stand for (a printed zero is exact)."""
    value = (amount.value or ZERO) * scale
    if amount.value is None or amount.value == 0:
        return Interval.exact(value)
    h = half_unit(amount.decimals) * scale
    return Interval(value - h, value + h)


def total(amounts: list[Amount]) -> Interval:
    """The interval of a sum of printed figures."""
    out = Interval.exact(ZERO)
    for amount in amounts:
        out = out + of(amount)
    return out


def ratio(num: Interval, den: Interval, factor: Decimal = HUNDRED) -> Interval | None:
    """``num / den × factor`` (``None`` when the denominator may be zero)."""
    if den.contains_zero():
        return None
    values = [a / b for a in (num.lo, num.hi) for b in (den.lo, den.hi)]
    return Interval(min(values) * factor, max(values) * factor)


def share_of_sum(part: Interval, rest: Interval, factor: Decimal = HUNDRED) -> Interval | None:
    """``part / (part + rest) × factor`` for non-negative figures, the whole being the part
    plus the rest: the share rises with the part and falls with the rest, so its bounds are
    taken at the ends (dividing the part's interval by the whole's would count the part's
    rounding twice). ``None`` when the whole may be zero."""
    low_whole, high_whole = part.lo + rest.hi, part.hi + rest.lo
    if low_whole <= 0 or high_whole <= 0 or part.lo < 0 or rest.lo < 0:
        return None
    return Interval(part.lo / low_whole * factor, part.hi / high_whole * factor)


def growth(change: Interval, current: Interval, up: bool) -> Interval | None:
    """The rate of a change of ``change`` that ends at ``current``, on last year's figure
    (``current − change`` for an increase, ``current + change`` for a decrease), in percent.

    The change is part of both the numerator and the base: the rate rises with the change and
    falls with the current figure, so its bounds are taken at the ends. ``None`` when last
    year's figure may be zero or negative."""
    if not up:
        return share_of_sum(change, current)
    if change.lo < 0 or current.lo - change.hi <= 0:
        return None
    low = change.lo / (current.hi - change.lo)
    high = change.hi / (current.lo - change.hi)
    return Interval(low * HUNDRED, high * HUNDRED)


def rate_matches(rate: Amount, computed: Interval) -> bool:
    """Whether the printed ``rate`` is what some exact inputs round to."""
    return of_rate(rate).meets(computed)


def of_rate(rate: Amount) -> Interval:
    """The rounding interval of a printed rate (zero included: ``0%`` may be a rounded 0.3%)."""
    value = rate.value or ZERO
    h = half_unit(rate.decimals)
    return Interval(value - h, value + h)


def rate_decimals(rate: Amount) -> int:
    """Decimals to print an expected rate with (at least two)."""
    return max(rate.decimals, 2)
