"""Interval arithmetic on printed figures: a figure inside a rate and its base counts once."""

from __future__ import annotations

from decimal import Decimal

from fa_tui.rules.intervals import Interval, growth, ratio, share_of_sum


def iv(lo: str, hi: str) -> Interval:
    return Interval(Decimal(lo), Decimal(hi))


def test_decrease_rate_bounds_are_taken_at_the_ends() -> None:
    """0.54万元, 减少0.15万元: last year 0.69; the rate lies in 0.145 ÷ 0.69 … 0.155 ÷ 0.69."""
    rate = growth(iv("0.145", "0.155"), iv("0.535", "0.545"), up=False)
    assert rate == Interval(
        Decimal("0.145") / Decimal("0.69") * 100, Decimal("0.155") / Decimal("0.69") * 100
    )
    # dividing the change's interval by the base's counts the change's rounding twice
    naive = ratio(iv("0.145", "0.155"), iv("0.68", "0.70"))
    assert naive is not None and rate is not None and naive.hi > Decimal("22.7") > rate.hi


def test_increase_rate_and_an_unbounded_base() -> None:
    rate = growth(iv("4.5", "5.5"), iv("104.5", "105.5"), up=True)
    assert rate == Interval(
        Decimal("4.5") / Decimal("101") * 100, Decimal("5.5") / Decimal("99") * 100
    )
    # 增加0.02万元 to 0.02万元: last year's figure may be 0, the rate has no bound
    assert growth(iv("0.015", "0.025"), iv("0.015", "0.025"), up=True) is None


def test_share_of_a_sum_that_holds_the_part() -> None:
    """接待 0.09 of 出国 0 + 车 0 + 接待 0.09 is exactly 100%, whatever 0.09 rounds."""
    assert share_of_sum(iv("0.085", "0.095"), Interval.exact(Decimal(0))) == Interval.exact(
        Decimal(100)
    )
    assert share_of_sum(Interval.exact(Decimal(0)), Interval.exact(Decimal(0))) is None
