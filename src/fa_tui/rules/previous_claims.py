"""What a report says about last year's figures (FA9xx): each 上年 figure it quotes or implies.

A change measured against last year (``增加3156.43万元`` after this year's ``13836.63万元``)
implies last year's figure (current − change); ``比上年的900万元`` or ``上年决算数为…`` states
it. Each such figure is kept only with the quantity it is about: the table quantity of this
year's figure (``表一 总计`` …), or a topic the tables do not hold exactly (机关运行经费, read
from last year's narrative).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from msgspec.structs import replace

from fa_tui.model import Amount, Report, Span, TableRole
from fa_tui.model.facts import AmountFact, ChangeBasis, ChangeFact, Direction, Quantity
from fa_tui.parse.narrative.figures import in_wan

# The topics read from last year's narrative rather than its tables (FA409: 表六 公用经费合计
# is only close to 机关运行经费).
OFFICE_RUNNING = "机关运行经费"
_TOPICS = (OFFICE_RUNNING,)
# 表六 rows whose figure the text quotes exactly (the other economic items may hold project
# money, FA411, and are not compared).
_T06_TOTALS = ("人员经费合计", "公用经费合计")
_DECIMAL_SHIFT = {"元": 4, "亿元": -4}  # decimals gained (lost) reading a figure in 万元
_LOOSE = ("基本", "大致", "略", "大体")  # ``基本持平``: roughly equal, not a claim of equality


class Claim(NamedTuple):
    """One 上年 figure of this report: stated, or implied by this year's figure and a change."""

    label: str  # what it is about, as the text names it
    quantity: Quantity | None  # the table quantity (``None``: a topic only)
    topic: str | None  # a topic read from last year's narrative (``机关运行经费``)
    figure: Amount  # the figure the finding points at: the stated one, or the change, in 万元
    current: Amount | None  # this year's figure in 万元 (implied claims only)
    sign: int  # the change's sign: last year = current − sign × figure (implied claims)

    @property
    def stated(self) -> bool:
        """Whether the text states last year's figure (rather than implying it)."""
        return self.current is None

    @property
    def value(self) -> Decimal:
        """Last year's figure in 万元, as stated or implied."""
        assert self.figure.value is not None
        if self.current is None:
            return self.figure.value
        assert self.current.value is not None
        return self.current.value - self.sign * self.figure.value

    @property
    def span(self) -> Span:
        """Where the finding points: the stated figure, the change, or the word ``持平``."""
        return self.figure.span


def in_wan_amount(amount: Amount | None) -> Amount | None:
    """``amount`` read in 万元 (its decimals shifted with its unit), ``None`` if not money."""
    if amount is None:
        return None
    value = in_wan(amount)
    if value is None:
        return None
    decimals = max(amount.decimals + _DECIMAL_SHIFT.get(amount.unit or "", 0), 0)
    return replace(amount, value=value, decimals=decimals, unit="万元")


def topic_of(label: str) -> str | None:
    """The narrative topic a label names (``县医保局机关运行经费支出`` → ``机关运行经费``)."""
    return next((t for t in _TOPICS if t in label), None)


def comparable(quantity: Quantity | None) -> Quantity | None:
    """``quantity`` when last year's table holds exactly what the text quotes, else ``None``."""
    if quantity is None:
        return None
    if quantity.table is TableRole.T06 and quantity.row not in _T06_TOTALS:
        return None
    return quantity


def claims(report: Report) -> Iterator[Claim]:
    """Every 上年 figure of ``report`` whose quantity or topic is known, in document order."""
    if report.year is None:
        return
    amounts = [f for f in report.facts if isinstance(f, AmountFact)]
    this_year = {f.amount.span: f for f in amounts if f.role in ("plain", "outturn")}
    stated_in_changes: set[Span] = set()
    for fact in report.facts:
        if not isinstance(fact, ChangeFact) or fact.basis is not ChangeBasis.PREVIOUS_YEAR:
            continue
        if fact.compared_year not in (None, report.year - 1):
            continue  # FA603 reports a comparison with another year
        if fact.previous is not None:
            stated_in_changes.add(fact.previous.span)
        subject = this_year.get(fact.current.span) if fact.current is not None else None
        if subject is None:
            continue
        found = _change_claim(report, fact, subject)
        if found is not None:
            yield found
    yield from _stated_amounts(amounts, stated_in_changes)


def _about(subject: AmountFact) -> tuple[Quantity | None, str | None]:
    topic = topic_of(subject.label)
    return (None if topic else comparable(subject.quantity)), topic


def _change_claim(report: Report, fact: ChangeFact, subject: AmountFact) -> Claim | None:
    """The claim of one change against last year (``None``: nothing sure to compare)."""
    quantity, topic = _about(subject)
    if quantity is None and topic is None:
        return None
    label = subject.label
    stated = in_wan_amount(fact.previous)
    if stated is not None:
        return Claim(label, quantity, topic, stated, None, 0)
    current = in_wan_amount(fact.current)
    if current is None:
        return None
    direction = fact.direction or fact.rate_direction
    if direction is Direction.FLAT and fact.amount is None:
        return _flat_claim(report, fact, label, quantity, topic, current)
    change = in_wan_amount(fact.amount)
    if change is None or direction not in (Direction.UP, Direction.DOWN):
        return None
    sign = 1 if direction is Direction.UP else -1
    return Claim(label, quantity, topic, change, current, sign)


def _flat_claim(
    report: Report,
    fact: ChangeFact,
    label: str,
    quantity: Quantity | None,
    topic: str | None,
    current: Amount,
) -> Claim | None:
    """``与上年持平``: last year's figure is this year's (not for ``基本持平``)."""
    span = fact.direction_span
    if span is None:
        return None
    before = report.source.line(span.line)[max(span.column - 3, 0) : span.column - 1]
    if any(word in before for word in _LOOSE):
        return None
    zero = Amount(value=Decimal(0), text="持平", decimals=current.decimals, unit="万元", span=span)
    return Claim(label, quantity, topic, zero, current, 1)


def _stated_amounts(amounts: list[AmountFact], taken: set[Span]) -> Iterator[Claim]:
    """``上年决算数为…`` outside a change: about the figure stated before it in its sentence."""
    subject: AmountFact | None = None
    for fact in amounts:
        if fact.role in ("plain", "outturn"):
            subject = fact
            continue
        if fact.role != "previous" or fact.amount.span in taken or subject is None:
            continue
        if subject.sentence != fact.sentence or subject.label != fact.label:
            continue
        quantity, topic = _about(subject)
        stated = in_wan_amount(fact.amount)
        if stated is not None and (quantity is not None or topic is not None):
            yield Claim(fact.label, quantity, topic, stated, None, 0)
