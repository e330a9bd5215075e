"""Printed figures: exact amounts and percentages with their precision, unit and span."""

from __future__ import annotations

from decimal import Decimal

from msgspec import Struct

from fa_tui.model.decimals import show
from fa_tui.model.span import Span


class Amount(Struct, frozen=True, kw_only=True):
    """One figure exactly as printed in the report.

    ``value`` is ``None`` for a blank or dash cell (no value, which is not zero).
    ``decimals`` is the number of printed decimals (the basis of rounding tolerance).
    ``text`` is the original characters covered by ``span``. When extraction damage was
    repaired (``137,500,26 5.00``), ``repaired`` is true and ``repair_note`` says what was
    done. Figures are never rescaled.
    """

    value: Decimal | None
    text: str
    decimals: int = 0
    unit: str | None = None
    is_percent: bool = False
    span: Span
    repaired: bool = False
    repair_note: str | None = None

    @property
    def is_blank(self) -> bool:
        """True for a cell with no value."""
        return self.value is None

    def printed(self) -> str:
        """The value formatted with its printed precision (no thousands separators)."""
        if self.value is None:
            return ""
        return show(self.value, self.decimals)
