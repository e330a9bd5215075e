"""FA513, FA514, FA517: what the text says of its own figures — comparison words against the
figures they compare, one quantity stated twice, and a change against both years' figures.

FA513: ``决算数大于年初预算数`` after ``年初预算为41.23万元，支出决算为43.71万元`` holds;
after ``年初预算为20.62万元，支出决算为7.92万元`` it does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from fa_tui.model import Amount, Category, Finding, RelatedSpan, Severity
from fa_tui.model.decimals import show
from fa_tui.model.facts import ChangeFact, ComparisonFact, Direction, Relation
from fa_tui.parse.narrative.figures import in_wan
from fa_tui.parse.narrative.labels import labels_match
from fa_tui.rules.intervals import HUNDRED, Interval, of, of_rate, rate_decimals
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule

_STATED = {Relation.GREATER: "大于", Relation.LESS: "小于", Relation.EQUAL: "等于"}


def in_wan_interval(amount: Amount) -> Interval | None:
    """The values a printed money figure may stand for, in 万元 (``None``: not money)."""
    value = in_wan(amount)
    if value is None or amount.value is None:
        return None
    scale = value / amount.value if amount.value else Decimal(1)
    return of(amount, scale)


def _actual(outturn: Interval, budget: Interval) -> Relation | None:
    """The relation the printed figures make certain (``None`` when rounding allows two)."""
    if outturn.lo > budget.hi:
        return Relation.GREATER
    if outturn.hi < budget.lo:
        return Relation.LESS
    if outturn.lo == outturn.hi == budget.lo == budget.hi:
        return Relation.EQUAL
    return None


def _contradicts(stated: Relation, outturn: Interval, budget: Interval) -> bool:
    if stated is Relation.GREATER:
        return outturn.hi <= budget.lo
    if stated is Relation.LESS:
        return outturn.lo >= budget.hi
    return not outturn.meets(budget)


@rule(
    RuleCode(
        "FA513",
        "comparison-words-match-figures",
        "决算数与预算数的比较用词与数字相符",
        Category.NARRATIVE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查“决算数大于（小于、等于）年初预算数”“决算数与预算数持平”等说法是否与同一段"
            "前面给出的预算数和决算数相符：如年初预算为 20.62 万元、支出决算为 7.92 万元，"
            "却称“决算数大于预算数”。按印出数字的四舍五入区间判断，数字不可能满足所述关系的报为错误。"
        ),
    ),
)
def comparison_rule(ctx: RuleContext) -> Iterator[Finding]:
    """``决算数大于预算数`` (and 小于, 等于, 持平) must hold for the budget and outturn the
    paragraph stated before it."""
    for fact in ctx.report.facts:
        if not isinstance(fact, ComparisonFact) or fact.budget is None or fact.outturn is None:
            continue
        budget, outturn = in_wan_interval(fact.budget), in_wan_interval(fact.outturn)
        if budget is None or outturn is None or not _contradicts(fact.relation, outturn, budget):
            continue
        actual = _actual(outturn, budget)
        truth = _STATED[actual] if actual is not None else "约等于"
        name = f"“{fact.label}”" if fact.label else "该项"
        yield ctx.finding(
            "FA513",
            f"{name}文中称决算数{fact.word}预算数，但决算数 {fact.outturn.text} "
            f"{truth}预算数 {fact.budget.text}",
            fact.word_span,
            related=[
                RelatedSpan(span=fact.budget.span, note="预算数"),
                RelatedSpan(span=fact.outturn.span, note="决算数"),
            ],
            expected=truth,
            actual=fact.word,
            computation=f"{fact.outturn.text} {truth} {fact.budget.text}",
        )


_ROLE = {"plain": "", "budget": "预算数", "outturn": "决算数"}


@rule(
    RuleCode(
        "FA514",
        "figure-stated-twice-agrees",
        "同一数额在文中多处出现时前后一致",
        Category.NARRATIVE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查同一数额（如机关运行经费、“三公”经费合计、某一功能分类科目的决算数）在情况说明"
            "中多处给出时是否一致：文中各处名称相同、对应同一表格单元（同一张表的同一行、同一栏）且同为"
            "决算数或同为预算数的金额，在四舍五入后不能相互印证的，报为错误，并指出两处位置。"
            "名称不同的（如机关运行经费与公用经费）口径可能不同，不作比较。"
        ),
    ),
)
def stated_twice_rule(ctx: RuleContext) -> Iterator[Finding]:
    """Two amounts of the text that stand for the same table cell (and the same role: budget
    or outturn) under the same name must agree within their rounding; the later is reported,
    pointing at the first. Different names for one cell (机关运行经费 and 公用经费, which the
    text may count differently) are not compared."""
    from fa_tui.model.facts import AmountFact

    first: dict[tuple[object, str], tuple[AmountFact, Interval]] = {}
    for fact in ctx.report.facts:
        if not isinstance(fact, AmountFact) or fact.quantity is None:
            continue
        interval = in_wan_interval(fact.amount)
        if interval is None:
            continue
        key = (fact.quantity, fact.role)
        if key not in first:
            first[key] = (fact, interval)
            continue
        earlier, earlier_interval = first[key]
        if earlier_interval.meets(interval) or not labels_match(earlier.label, fact.label):
            continue  # agrees, or another quantity the same cell only stands in for
        what = f"{fact.quantity.name}{_ROLE[fact.role]}"
        yield ctx.finding(
            "FA514",
            f"“{fact.label}”（{what}）在文中第 {earlier.span.line} 行为 {earlier.amount.text}"
            f"{earlier.amount.unit or ''}，此处为 {fact.amount.text}{fact.amount.unit or ''}，"
            "前后不一致",
            fact.amount.span,
            related=[RelatedSpan(span=earlier.amount.span, note="前文所述")],
            expected=earlier.amount.text,
            actual=fact.amount.text,
        )


_WORDS = {Direction.UP: "增加", Direction.DOWN: "减少", Direction.FLAT: "持平"}


def _direction_contradicts(direction: Direction, change: Interval) -> bool:
    """Whether the printed figures rule out the stated direction of their change."""
    if direction is Direction.UP:
        return change.hi <= 0
    if direction is Direction.DOWN:
        return change.lo >= 0
    if direction is Direction.FLAT:
        return not change.contains_zero()
    return False


def _actual_word(change: Interval) -> str:
    if change.lo > 0:
        return "增加"
    if change.hi < 0:
        return "减少"
    return "持平"


def _growth_on(current: Interval, previous: Interval) -> Interval | None:
    """``(current − previous) ÷ previous × 100``: rises with the current figure and falls with
    last year's (both positive), so its bounds are taken at the ends."""
    if previous.lo <= 0 or current.lo < 0:
        return None
    return Interval(
        (current.lo / previous.hi - 1) * HUNDRED, (current.hi / previous.lo - 1) * HUNDRED
    )


@rule(
    RuleCode(
        "FA517",
        "change-matches-both-years",
        "增减方向、增减额和增减率与所述本年数、上年数相符",
        Category.NARRATIVE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查同时给出本年数和上年数的增减说法（如“支出1000万元，比上年的900万元增加100万元，"
            "增长11.11%”）：所述增减方向（增加、减少、持平）与两数之差的正负是否一致，"
            "增减额是否等于两数之差，未给增减额时增减率是否等于两数之差除以上年数。"
            "按印出数字的四舍五入区间判断，数字不可能满足所述说法的报为错误。"
        ),
    ),
)
def both_years_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A change stated with this year's and last year's figures (``支出1000万元，比上年的900万元
    增加100万元``): its direction word, its amount and (without an amount) its rate must be what
    the two figures give."""
    for fact in ctx.report.facts:
        if not isinstance(fact, ChangeFact) or fact.previous is None or fact.current is None:
            continue
        current, previous = in_wan_interval(fact.current), in_wan_interval(fact.previous)
        if current is None or previous is None:
            continue
        finding = _both_years_finding(ctx, fact, (fact.current, current), (fact.previous, previous))
        if finding is not None:
            yield finding


def _both_years_finding(
    ctx: RuleContext,
    fact: ChangeFact,
    this_year: tuple[Amount, Interval],
    last_year: tuple[Amount, Interval],
) -> Finding | None:
    (current, now), (previous, before) = this_year, last_year
    change = now - before
    related = [
        RelatedSpan(span=current.span, note="本年数"),
        RelatedSpan(span=previous.span, note="上年数"),
    ]
    shown = f"本年数 {current.text} − 上年数 {previous.text}"
    direction = fact.direction or fact.rate_direction
    word = fact.direction_word or fact.rate_word or ""
    word_span = fact.direction_span or fact.rate_word_span
    name = f"“{fact.label}”" if fact.label else "该项"
    contradicted = direction is not None and _direction_contradicts(direction, change)
    if contradicted and word_span is not None:
        truth = _actual_word(change)
        return ctx.finding(
            "FA517",
            f"{name}本年数 {current.text} 与上年数 {previous.text} 相比应为{truth}，文中称“{word}”",
            word_span,
            related=related,
            expected=truth,
            actual=word,
            computation=f"{shown} {'>' if change.lo > 0 else '<' if change.hi < 0 else '≈'} 0",
        )
    if direction not in (Direction.UP, Direction.DOWN):
        return None
    up = direction is Direction.UP
    if fact.amount is not None:
        stated = in_wan_interval(fact.amount)
        if stated is None:
            return None
        signed = stated if up else Interval(-stated.hi, -stated.lo)
        if change.meets(signed):
            return None
        decimals = max(current.decimals, previous.decimals)
        mid = (change.lo + change.hi) / 2
        expected = show(abs(mid), decimals)
        return ctx.finding(
            "FA517",
            f"{name}本年数 {current.text} 与上年数 {previous.text} 之差为 {expected}，"
            f"文中称{word} {fact.amount.text}",
            fact.amount.span,
            related=related,
            expected=expected,
            actual=fact.amount.text,
            computation=f"{shown} = {'-' if mid < 0 else ''}{expected} ≠ "
            f"{'' if up else '-'}{fact.amount.text}",
        )
    if fact.rate is None:
        return None
    computed = _growth_on(now, before)
    if computed is None:
        return None
    rate = fact.rate
    signed_rate = of_rate(rate) if up else Interval(-of_rate(rate).hi, -of_rate(rate).lo)
    if signed_rate.meets(computed):
        return None
    decimals = rate_decimals(rate)
    expected = show(abs((computed.lo + computed.hi) / 2), decimals)
    return ctx.finding(
        "FA517",
        f"{name}按本年数 {current.text}、上年数 {previous.text} 计算{word}率应为 {expected}%，"
        f"文中为 {rate.text}%",
        rate.span,
        related=related,
        expected=f"{expected}%",
        actual=f"{rate.text}%",
        computation=f"({shown}) ÷ {previous.text} × 100% = {expected}%",
    )
