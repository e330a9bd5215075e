"""FA7xx units and number format (being written: see issue 4).

``figure_scale`` is shared with the text-vs-table rules (FA4xx): it tells how to read a table's
printed figures in the unit the table claims.
"""

from __future__ import annotations

from decimal import Decimal

from fa_tui.model import Table
from fa_tui.rules.registry import RuleContext


def figure_scale(ctx: RuleContext, table: Table) -> Decimal:
    """Factor that turns a printed figure of ``table`` into its labelled unit.

    1 normally; ``Decimal("0.0001")`` when the figures are evidently in 元 under a ``单位：万元``
    label (FA701). Cached in ``ctx.cache``.
    """
    return Decimal(1)
