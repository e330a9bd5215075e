"""Rounding tolerance (design.md §2): which differences the printed precision explains.

A figure printed with *d* decimals carries up to ½·10⁻ᵈ of rounding. A total of *n* printed
addends may miss their printed sum by the sum of those half units (each addend's and the total's
own, i.e. (n+1)·½·10⁻ᵈ when all have *d* decimals) and still be right: such a difference is
``info`` (尾数差异); a larger one is ``error``.

A printed zero (``0.00``) is taken as an exact zero: a row with any money in it prints it, and
counting the many zero rows of 表一 would widen the tolerance until real errors slipped through.
Blank cells are not figures and carry nothing.

Exact where rounding cannot explain a difference: a total with a single non-zero addend printed
at its precision is that addend rounded the same way, and a figure in 元 to the 分 is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import repeat
from typing import NamedTuple

from fa_tui.model import Amount, Severity
from fa_tui.model.decimals import half_unit, show

ZERO = Decimal(0)
_FEN = 2  # decimals of a figure in 元 printed to the 分


def rounding_of(amount: Amount) -> Decimal:
    """The most rounding a printed figure can carry (0 for blanks and printed zeros, and for
    a figure in 元 to the 分: money has no smaller unit, so it is exact)."""
    if amount.value is None or amount.value == 0:
        return ZERO
    if amount.unit == "元" and amount.decimals >= _FEN:
        return ZERO
    return half_unit(amount.decimals)


class SumCheck(NamedTuple):
    """The comparison of a printed total with the sum of its printed parts."""

    expected: Decimal  # the sum of the parts
    actual: Decimal  # the printed total
    tolerance: Decimal
    decimals: int  # the precision to print the three numbers with

    @property
    def difference(self) -> Decimal:
        """Printed total minus the sum of the parts."""
        return self.actual - self.expected

    @property
    def exact(self) -> bool:
        """The total equals the sum of its parts."""
        return self.difference == 0

    @property
    def within_rounding(self) -> bool:
        """The difference is one that rounding explains (and is not zero)."""
        return not self.exact and abs(self.difference) <= self.tolerance

    @property
    def severity(self) -> Severity | None:
        """``None`` when exact, ``info`` within rounding, ``error`` beyond."""
        if self.exact:
            return None
        return Severity.INFO if self.within_rounding else Severity.ERROR

    def texts(self) -> tuple[str, str, str]:
        """(expected, actual, difference) printed at the figures' precision."""
        diff = show(self.difference, self.decimals, signed=True)
        return show(self.expected, self.decimals), show(self.actual, self.decimals), diff


def check_sum(
    total: Amount,
    parts: Sequence[Amount],
    signs: Sequence[int] | None = None,
    *,
    exact: bool = False,
) -> SumCheck | None:
    """Compare ``total`` with Σ ``parts`` (each part multiplied by its sign, default +1).

    ``None`` when the total is blank (nothing to compare). Blank parts count as zero.
    ``exact``: the figures carry no rounding (a table in 元 to the 分 under a 万元 label).
    """
    if total.value is None:
        return None
    expected = signed_sum(parts, signs)
    tolerance = rounding_of(total) + sum((rounding_of(p) for p in parts), ZERO)
    decimals = max([total.decimals, *(p.decimals for p in parts if p.value is not None)])
    money = [p for p in parts if p.value is not None and p.value != 0]
    if exact or (len(money) == 1 and money[0].decimals == total.decimals):
        tolerance = ZERO  # one addend: the total is that figure, rounded the same way
    return SumCheck(expected, total.value, tolerance, decimals)


def signed_sum(parts: Sequence[Amount], signs: Sequence[int] | None = None) -> Decimal:
    """Σ ``parts`` (each multiplied by its sign, default +1; blanks count as zero)."""
    total = ZERO
    for part, sign in zip(parts, signs or repeat(1, len(parts)), strict=True):
        total += (ZERO if part.value is None else part.value) * sign
    return total


def same_quantity(a: Amount, b: Amount) -> SumCheck | None:
    """Compare two printings of what should be one quantity (e.g. 表一 vs 表三 合计).

    The tolerance covers both printings' rounding when their precisions differ; printed at the
    same precision, one quantity rounds to one figure, so any difference is beyond rounding.
    """
    if a.value is None or b.value is None:
        return None
    tolerance = ZERO if a.decimals == b.decimals else rounding_of(a) + rounding_of(b)
    decimals = max(a.decimals, b.decimals)
    return SumCheck(a.value, b.value, tolerance, decimals)


def computation(
    check: SumCheck, parts: Sequence[Amount], signs: Sequence[int] | None = None
) -> str:
    """The arithmetic as a reviewer reads it: ``443.66 + 184.03 = 627.69 ≠ 627.68``."""
    signs = signs or [1] * len(parts)
    terms: list[str] = []
    for k, (part, sign) in enumerate(zip(parts, signs, strict=True)):
        text = part.printed() or "0"
        if k == 0:
            terms.append(text if sign > 0 else f"-{text}")
        else:
            terms.append(f"{'+' if sign > 0 else '-'} {text}")
    expected, actual, _ = check.texts()
    relation = "=" if check.exact else "≠"
    return f"{' '.join(terms)} = {expected} {relation} {actual}"
