"""FA5xx narrative arithmetic: the figures of the text checked against each other.

Works without tables. Rates are checked by interval arithmetic over the printed figures
(``rules.intervals``): a printed rate is right when some exact inputs that round to the printed
amounts give a value that rounds to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TypeVar

from msgspec.structs import replace

from fa_tui.model import Amount, Category, Finding, RelatedSpan, Severity, TableRole
from fa_tui.model.decimals import half_unit, show
from fa_tui.model.facts import (
    AmountFact,
    AverageFact,
    ChangeBasis,
    ChangeFact,
    CompletionFact,
    Direction,
    FactBase,
    PartItem,
    ShareFact,
    TotalFact,
)
from fa_tui.parse.narrative.figures import in_wan
from fa_tui.parse.narrative.labels import match_key
from fa_tui.rules.intervals import (
    Interval,
    growth,
    of,
    of_rate,
    rate_decimals,
    rate_matches,
    ratio,
    share_of_sum,
)
from fa_tui.rules.intervals import total as sum_interval
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule
from fa_tui.rules.tolerance import check_sum

N = Category.NARRATIVE


F = TypeVar("F", bound=FactBase)


def _facts(ctx: RuleContext, kind: type[F]) -> list[F]:
    """The facts of type ``kind`` in document order (grouped once per report)."""
    by_kind = ctx.index.facts_by_kind
    if not any(t is not kind and issubclass(t, kind) for t in by_kind):
        return [f for f in by_kind.get(kind, ()) if isinstance(f, kind)]
    return [f for f in ctx.report.facts if isinstance(f, kind)]


def _name(label: str | None) -> str:
    return f"“{label}”" if label else "该项"


def _money(amount: Amount | None) -> bool:
    return amount is not None and amount.value is not None and in_wan(amount) is not None


def _diff(actual: Decimal, expected: Decimal, decimals: int) -> str:
    return show(actual - expected, decimals, signed=True)


def _rate_finding(
    ctx: RuleContext,
    code: str,
    message: str,
    rate: Amount,
    expected: Decimal,
    formula: str,
    *,
    related: list[RelatedSpan],
    severity: Severity | None = None,
    differs: bool = True,
) -> Finding:
    """A finding on the printed rate ``rate`` (a percentage) that ``formula`` computes as
    ``expected``. The computation ends with the rounded value ``≠`` the printed one when
    ``differs``, else with the value computed."""
    assert rate.value is not None
    decimals = rate_decimals(rate)
    computation = f"{formula} × 100% = "
    if differs:
        computation += (
            f"{show(expected, decimals + 2)}% ≈ {show(expected, decimals)}% ≠ {rate.text}%"
        )
    else:
        computation += f"{show(expected, decimals)}%"
    return ctx.finding(
        code,
        message,
        rate.span,
        severity=severity,
        related=related,
        expected=show(expected, decimals) + "%",
        actual=rate.text + "%",
        difference=_diff(rate.value, expected, decimals),
        computation=computation,
    )


# --- FA501 shares --------------------------------------------------------------------------------


def _share_interval(share: ShareFact, counts: bool) -> Interval | None:
    """The shares the printed part and whole allow (counts are exact). A whole that is the sum
    of the parts listed with this one holds the part itself: its rounding counts once."""
    assert share.part is not None and share.whole is not None
    assert share.part.value is not None and share.whole.value is not None
    if counts:
        return ratio(Interval.exact(share.part.value), Interval.exact(share.whole.value))
    rest = [p for p in share.whole_parts if p.span != share.part.span]
    if share.whole_is_sum and len(rest) == len(share.whole_parts) - 1:
        return share_of_sum(of(share.part), sum_interval(rest))
    return ratio(of(share.part), of(share.whole))


def _share_findings(ctx: RuleContext, code: str, counts: bool) -> Iterator[Finding]:
    shares = [s for s in _facts(ctx, ShareFact) if s.is_count == counts]
    groups: dict[int, list[ShareFact]] = {}
    for share in shares:
        groups.setdefault(share.group, []).append(share)
    for share in shares:
        if share.part is None or share.whole is None or share.share.value is None:
            continue
        if share.whole.value in (None, 0) or share.part.value is None:
            continue
        if not counts and not (_money(share.part) and _money(share.whole)):
            continue
        computed = _share_interval(share, counts)
        if computed is None or rate_matches(share.share, computed):
            continue
        decimals = rate_decimals(share.share)
        expected = share.part.value / share.whole.value * 100
        same_whole = [g for g in groups.get(share.group, []) if g.whole == share.whole]
        printed_sum = sum((g.share.value or Decimal(0) for g in same_whole), Decimal(0))
        unit = Decimal(1).scaleb(-share.share.decimals)
        off = computed.distance(share.share.value)
        nudged = len(same_whole) >= 2 and printed_sum == 100 and off <= len(same_whole) * unit
        whole_name = share.whole_label or ("各项合计" if share.whole_is_sum else "合计")
        message = (
            f"{_name(share.label)}占{whole_name}的比例按 {share.part.text} ÷ {share.whole.text} "
            f"计算应为 {show(expected, decimals)}%，文中为 {share.share.text}%"
        )
        if nudged:
            message += "（各项比例之和为 100%，似为凑整调整）"
        related = [RelatedSpan(span=share.part.span, note="部分")]
        if share.whole_is_sum:
            related += [RelatedSpan(span=p.span, note="合计的组成项") for p in share.whole_parts]
        else:
            related.append(RelatedSpan(span=share.whole.span, note="整体"))
        yield _rate_finding(
            ctx,
            code,
            message,
            share.share,
            expected,
            f"{share.part.text} ÷ {share.whole.text}",
            related=related,
            severity=Severity.WARNING if nudged else None,
        )


@rule(
    RuleCode(
        "FA501",
        "share-equals-part-over-whole",
        "占比等于部分除以整体",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查文中“占X%”的比例是否等于部分除以整体：整体是“其中”之前的合计、“占……的”所指的数额，"
            "或一并列出的各项之和。按印出数字的四舍五入区间计算：各金额在其末位半个单位内取值，"
            "只要有一种取值算出的比例四舍五入后等于文中比例，即视为正确，否则报为错误。"
            "同一组比例相加恰为 100%、且本项偏差不超过每项末位一个单位的，"
            "多半是为凑成 100% 所作的调整，报为警告。"
        ),
    ),
)
def share_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A share ``占X%`` must equal the part divided by the whole it names (the total before
    ``其中``, a figure named in ``占…的``, or the sum of the parts listed together). Checked by
    interval arithmetic over the printed amounts; when the printed shares of a group add up to
    exactly 100% and this one is off by no more than a unit per share, it was probably nudged to
    make 100%: a warning, not an error."""
    yield from _share_findings(ctx, "FA501", counts=False)


# --- FA502 / FA503 changes -----------------------------------------------------------------------


def _base_word(change: ChangeFact) -> str:
    return "年初预算数" if change.basis is ChangeBasis.BUDGET else "上年数"


def _growth_related(change: ChangeFact) -> list[RelatedSpan]:
    assert change.amount is not None and change.current is not None
    return [
        RelatedSpan(span=change.amount.span, note="增减额"),
        RelatedSpan(span=change.current.span, note="本年数"),
    ]


@rule(
    RuleCode(
        "FA502",
        "growth-rate-on-prior-year",
        "增减幅度以上年数（或预算数）为基数",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查“增加（减少）A万元，增长（下降）B%”中的增减幅度是否以上年数为基数："
            "B＝A÷（本年数－A），减少时为 A÷（本年数＋A）；与年初预算比较时以预算数为基数。"
            "常见错误是以本年数为基数，此时结论会注明。按印出数字的四舍五入区间判断，"
            "区间内能得到文中比例即视为正确，否则报为错误；"
            "只有在极端取值下才成立时（如文中比例恰为以本年数为基数的结果，或要把某个数当作约数），"
            "报为警告，请核实。"
        ),
    ),
)
def growth_rule(ctx: RuleContext) -> Iterator[Finding]:
    """``增加A万元，增长B%`` means B = A ÷ (current − A): the base is last year's figure (or the
    budget, for ``比年初预算``), which is the current figure minus the increase (plus the
    decrease). The usual slip is dividing by the current figure: the finding says so when that
    is what the printed rate matches."""
    for change in _facts(ctx, ChangeFact):
        if change.current is None or change.amount is None or change.rate is None:
            continue
        if change.direction not in (Direction.UP, Direction.DOWN):
            continue
        if not (_money(change.current) and _money(change.amount)):
            continue
        amt_v = change.amount.value
        if amt_v is None or amt_v == 0 or change.rate.value is None:
            continue
        up = change.direction is Direction.UP
        cur, amt = of(change.current), of(change.amount)
        computed = growth(amt, cur, up)
        if computed is None:
            continue
        cur_v = change.current.value or Decimal(0)
        base_v = cur_v - amt_v if up else cur_v + amt_v
        if base_v <= 0:
            continue
        decimals = rate_decimals(change.rate)
        expected = amt_v / base_v * 100
        sign = "-" if up else "+"
        formula = f"{change.amount.text} ÷ ({change.current.text} {sign} {change.amount.text})"
        on_current = ratio(amt, cur)
        if rate_matches(change.rate, computed):
            # right within rounding; still suspicious when only extreme rounding allows it and
            # the printed rate is exactly the increase over the current figure
            point = Interval.exact(expected)
            if (
                not of_rate(change.rate).meets(point)
                and cur_v != 0
                and of_rate(change.rate).meets(Interval.exact(amt_v / cur_v * 100))
            ):
                yield _rate_finding(
                    ctx,
                    "FA502",
                    f"{_name(change.label)}的增减幅度按印出数字计算应为 "
                    f"{show(expected, decimals)}%（{change.amount.text} ÷ {show(base_v, 2)}），"
                    f"文中 {change.rate.text}% 恰为以本年数为基数的结果，请核实",
                    change.rate,
                    expected,
                    formula,
                    related=_growth_related(change),
                    severity=Severity.WARNING,
                    differs=False,
                )
            elif not _matches_with_dropped_zeros(change):
                short = min((change.current, change.amount), key=lambda a: a.decimals)
                yield _rate_finding(
                    ctx,
                    "FA502",
                    f"{_name(change.label)}的增减幅度按印出数字计算应为 "
                    f"{show(expected, decimals)}%，文中 {change.rate.text}% 只有在 "
                    f"{short.text} 是约数（而非省略了末尾的 0）时才可能成立，请核实",
                    change.rate,
                    expected,
                    formula,
                    related=_growth_related(change),
                    severity=Severity.WARNING,
                )
            continue
        message = (
            f"{_name(change.label)}的增减幅度应以{_base_word(change)} {show(base_v, 2)} 为基数，"
            f"{change.amount.text} ÷ {show(base_v, 2)} = {show(expected, decimals)}%，"
            f"文中为 {change.rate.text}%"
        )
        if on_current is not None and rate_matches(change.rate, on_current):
            message += f"（文中比例是以本年数 {change.current.text} 为基数计算的）"
        yield _rate_finding(
            ctx, "FA502", message, change.rate, expected, formula, related=_growth_related(change)
        )


def _matches_with_dropped_zeros(change: ChangeFact) -> bool:
    """Whether the rate still matches when the less precise of the current figure and the
    change is read at the other's precision: reports often drop trailing zeros (``0.2万元``
    beside ``0.49万元`` is 0.20), and a rate that only rounding ``0.2`` as far as 0.25 explains
    is suspicious."""
    assert change.current is not None and change.amount is not None and change.rate is not None
    decimals = max(change.current.decimals, change.amount.decimals)
    if change.current.decimals == change.amount.decimals:
        return True
    cur = of(replace(change.current, decimals=decimals))
    amt = of(replace(change.amount, decimals=decimals))
    computed = growth(amt, cur, change.direction is Direction.UP)
    return computed is None or rate_matches(change.rate, computed)


_WORDS = {Direction.UP: "增加", Direction.DOWN: "减少", Direction.FLAT: "持平"}


@rule(
    RuleCode(
        "FA503",
        "change-direction-consistent",
        "增减方向用词一致",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查同一项增减的用词是否一致：“减少……万元，增长……%”前后矛盾；称“持平”时增减额应为 0；"
            "增减额为 0 时不应有非零的增减幅度。方向自相矛盾的报为错误。"
        ),
    ),
)
def direction_rule(ctx: RuleContext) -> Iterator[Finding]:
    """The direction words of one change must agree: ``减少…万元，增长…%`` is a contradiction.
    ``持平`` goes with a zero change, and a zero change is not an increase of a non-zero rate."""
    for change in _facts(ctx, ChangeFact):
        d, r = change.direction, change.rate_direction
        known = (Direction.UP, Direction.DOWN)
        if d in known and r in known and d is not r and change.rate_word_span is not None:
            related = []
            if change.direction_span is not None:
                related.append(
                    RelatedSpan(span=change.direction_span, note=change.direction_word or "")
                )
            yield ctx.finding(
                "FA503",
                f"{_name(change.label)}先说“{change.direction_word}”，后说“{change.rate_word}”，"
                "增减方向自相矛盾",
                change.rate_word_span,
                related=related,
                expected=_WORDS[d],
                actual=change.rate_word,
            )
            continue
        if d is Direction.FLAT and change.amount is not None and change.amount.value:
            yield ctx.finding(
                "FA503",
                f"{_name(change.label)}称“持平”，但增减额为 {change.amount.text}",
                change.amount.span,
                expected="0",
                actual=change.amount.text,
            )
            continue
        if (
            d in known
            and change.amount is not None
            and change.amount.value == 0
            and change.rate is not None
            and change.rate.value
        ):
            yield ctx.finding(
                "FA503",
                f"{_name(change.label)}增减额为 0，增减幅度却为 {change.rate.text}%",
                change.rate.span,
                related=[RelatedSpan(span=change.amount.span, note="增减额")],
                expected="0%",
                actual=change.rate.text + "%",
            )


# --- FA504 completion ----------------------------------------------------------------------------


@rule(
    RuleCode(
        "FA504",
        "completion-rate-equals-outturn-over-budget",
        "完成预算比例等于决算数除以预算数",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查“完成（年初）预算的X%”是否等于决算数除以预算数（两者在同一句中给出，"
            "或决算数在其前；“三公”各项未写预算数的，取表九的预算数）。"
            "按印出数字的四舍五入区间判断：区间内能得到文中比例即视为正确，"
            "否则报为错误。预算数为 0 时没有完成比例：文中仍写出比例（0% 除外）的报为错误；"
            "决算数为 0 时（不论预算数是否写出）完成比例只能是 0%。"
        ),
    ),
)
def completion_rule(ctx: RuleContext) -> Iterator[Finding]:
    """``完成（年初）预算的X%`` must equal the outturn divided by the budget, when both are
    stated (in the sentence, or the outturn just before it). A zero budget has no rate: one
    stated anyway (other than 0%) is an error."""
    for stated in _facts(ctx, CompletionFact):
        fact = _with_table_budget(ctx, stated) if stated.budget is None else stated
        if fact.rate is None or fact.outturn is None:
            continue
        if fact.budget is None:
            if fact.outturn.value == 0 and fact.rate.value and _money(fact.outturn):
                yield ctx.finding(  # 支出0万元，完成预算5%: nothing spent is 0% of any budget
                    "FA504",
                    f"{_name(fact.label)}决算数为 {fact.outturn.text}，"
                    f"完成预算比例应为 0%，文中为 {fact.rate.text}%",
                    fact.rate.span,
                    related=[RelatedSpan(span=fact.outturn.span, note="决算数")],
                    expected="0%",
                    actual=fact.rate.text + "%",
                )
            continue
        if not (_money(fact.budget) and _money(fact.outturn)):
            continue
        if fact.rate.value is None or fact.outturn.value is None:
            continue
        if not fact.budget.value:
            if fact.rate.value:  # 完成年初预算的96.50% of a budget of 0: no such rate
                yield ctx.finding(
                    "FA504",
                    f"{_name(fact.label)}年初预算为 {fact.budget.text}，"
                    f"无法计算完成预算比例，文中为 {fact.rate.text}%",
                    fact.rate.span,
                    related=[
                        RelatedSpan(span=fact.budget.span, note="预算数"),
                        RelatedSpan(span=fact.outturn.span, note="决算数"),
                    ],
                )
            continue
        computed = ratio(of(fact.outturn), of(fact.budget))
        if computed is None or rate_matches(fact.rate, computed):
            continue
        decimals = rate_decimals(fact.rate)
        expected = fact.outturn.value / fact.budget.value * 100
        formula = f"{fact.outturn.text} ÷ {fact.budget.text}"
        yield _rate_finding(
            ctx,
            "FA504",
            f"{_name(fact.label)}完成预算比例应为 {formula} = "
            f"{show(expected, decimals)}%，文中为 {fact.rate.text}%",
            fact.rate,
            expected,
            formula,
            related=[
                RelatedSpan(span=fact.outturn.span, note="决算数"),
                RelatedSpan(span=fact.budget.span, note="预算数"),
            ],
        )


def _with_table_budget(ctx: RuleContext, fact: CompletionFact) -> CompletionFact:
    """``fact`` with the budget of 表九 when the text states none: the budgets of the 三公 items
    (``公务接待费支出0.49万元，完成预算100%``) are printed only there, beside the outturn."""
    from fa_tui.rules.text_table import read_quantity

    q = fact.quantity
    if fact.outturn is None or not fact.outturn.value:
        return fact
    if q is None or q.table is not TableRole.T09 or not q.column.startswith("决算数"):
        return fact
    budget_q = replace(q, column="预算数" + q.column.removeprefix("决算数"))
    found = read_quantity(ctx, budget_q)
    if found is None or len(found.cells) != 1:
        return fact
    cell = found.cells[0]
    budget = replace(cell, value=found.value, decimals=found.decimals, unit="万元")
    return replace(fact, budget=budget, budget_word="预算（表九）")


@rule(
    RuleCode(
        "FA505",
        "completion-rate-uses-table-precision",
        "按表内更精确数值复算比例",
        N,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查完成预算比例是否按表内更精确的数字计算：文中比例与文中四舍五入后的决算数一致，"
            "但按表内小数位更多的决算数（如文中 13.8 万元，表五为 13.7518 万元）计算的比例不同，"
            "说明比例是用约数算的。文中自身一致但与账表不符，报为警告。"
        ),
    ),
)
def precise_rate_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A completion rate that matches the rounded figures of the text but not the more precise
    figure of the table (``13.8`` in the text, 13.7518 in 表五): the rate was computed from the
    rounded figure. A warning: the text is consistent with itself but not with the accounts."""
    from fa_tui.rules.text_table import table_figure

    for fact in _facts(ctx, CompletionFact):
        if fact.rate is None or fact.budget is None or fact.outturn is None:
            continue
        if fact.quantity is None or not fact.budget.value or fact.rate.value is None:
            continue
        if not (_money(fact.budget) and _money(fact.outturn)):
            continue
        printed = ratio(of(fact.outturn), of(fact.budget))
        if printed is None or not rate_matches(fact.rate, printed):
            continue  # FA504 reports it
        found = table_figure(ctx, fact.quantity)
        if found is None:
            continue
        value, table_amount, decimals_t = found
        if decimals_t <= fact.outturn.decimals:
            continue
        tol = half_unit(fact.outturn.decimals) + half_unit(decimals_t)
        if abs(value - (fact.outturn.value or Decimal(0))) > tol:
            continue  # a different figure: FA4xx reports it
        precise = ratio(
            Interval(value - half_unit(decimals_t), value + half_unit(decimals_t)), of(fact.budget)
        )
        if precise is None or rate_matches(fact.rate, precise):
            continue
        decimals = rate_decimals(fact.rate)
        expected = value / fact.budget.value * 100
        yield _rate_finding(
            ctx,
            "FA505",
            f"{_name(fact.label)}完成预算比例按表内数 {show(value, 4)} 计算为 "
            f"{show(expected, decimals)}%，文中 {fact.rate.text}% 系按四舍五入后的 "
            f"{fact.outturn.text} 计算",
            fact.rate,
            expected,
            f"{show(value, 4)} ÷ {fact.budget.text}",
            related=[
                RelatedSpan(span=table_amount.span, note=fact.quantity.name),
                RelatedSpan(span=fact.outturn.span, note="文中决算数"),
            ],
            differs=False,
        )


# --- FA506 totals --------------------------------------------------------------------------------


def _sum_finding(ctx: RuleContext, code: str, total: TotalFact, what: str) -> Iterator[Finding]:
    parts = [p.amount for p in total.parts]
    if not all(_money(a) for a in [total.total, *parts]):
        return
    check = check_sum(total.total, parts)
    if check is None or check.exact:
        return
    if not total.exhaustive and check.difference >= 0:
        return  # 主要包括: the listed parts may leave some out
    expected, actual, difference = check.texts()
    terms = " + ".join(a.text for a in parts)
    yield ctx.finding(
        code,
        f"{_name(total.label)}为 {total.total.text} 万元，与{what}之和 {expected} 万元不符"
        + ("（尾数误差）" if check.within_rounding else ""),
        total.total.span,
        severity=check.severity,
        related=[RelatedSpan(span=p.amount.span, note=p.label or "组成项") for p in total.parts],
        expected=expected,
        actual=actual,
        difference=difference,
        computation=f"{terms} = {expected} {'≈' if check.within_rounding else '≠'} {actual}",
    )


@rule(
    RuleCode(
        "FA506",
        "total-equals-listed-parts",
        "合计数等于所列各项之和",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查文中一个合计数与其后列出的组成项（句中“其中：……”，或以“其中：”"
            "结尾的段落之后编号列出的各项）之和是否相等，以及合计的增减额是否等于各项增减额之和。"
            "差额不超过各数字末位半个单位误差之和的报为尾数差异（提示），超过的报为错误。“主要包括”"
            "之后列出的可能不全，只在各项之和大于合计时提示；只列一项时，该项大于合计即报为错误。"
            "“三公”经费和政府采购的分项由 FA508、FA509 检查。"
        ),
    ),
)
def total_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A total followed by its parts (``其中：…`` in the sentence, or the numbered paragraphs
    after a paragraph ending with ``其中：``) must equal their sum, and the change of the total
    the sum of the parts' changes. Rounding differences are info. Parts listed after
    ``主要包括`` may leave items out: only a sum above the total is reported. 三公 and 政府采购
    breakdowns have their own rules (FA508, FA509)."""
    for total in _facts(ctx, TotalFact):
        if total.topic is not None:
            continue
        if len(total.parts) >= 2:
            yield from _sum_finding(ctx, "FA506", total, "所列各项")
        elif len(total.parts) == 1:
            part = total.parts[0].amount
            if _money(part) and _money(total.total):
                gap = (part.value or 0) - (total.total.value or 0)
                if gap > half_unit(part.decimals) + half_unit(total.total.decimals):
                    yield ctx.finding(
                        "FA506",
                        f"“{total.parts[0].label}”{part.text}万元大于其所属的"
                        f"{_name(total.label)}{total.total.text}万元",
                        part.span,
                        related=[RelatedSpan(span=total.total.span, note=total.label)],
                        expected=f"≤ {total.total.text}",
                        actual=part.text,
                    )
        yield from _change_sum(ctx, total)


def _change_sum(ctx: RuleContext, total: TotalFact) -> Iterator[Finding]:
    if total.total_change is None or total.total_change_amount is None or len(total.parts) < 2:
        return
    if not total.exhaustive or any(p.change is None for p in total.parts):
        return
    changes = [p.change for p in total.parts if p.change is not None]
    expected = sum(changes, Decimal(0))
    actual = total.total_change
    decimals = max(
        [total.total_change_amount.decimals]
        + [p.change_amount.decimals for p in total.parts if p.change_amount is not None]
    )
    tolerance = half_unit(total.total_change_amount.decimals) + sum(
        (
            half_unit(p.change_amount.decimals)
            for p in total.parts
            if p.change_amount is not None and p.change_amount.value
        ),
        Decimal(0),
    )
    diff = actual - expected
    if diff == 0:
        return
    within = abs(diff) <= tolerance
    terms = " ".join(
        (f"+ {show(c, decimals)}" if c >= 0 else f"- {show(-c, decimals)}") for c in changes
    ).removeprefix("+ ")
    yield ctx.finding(
        "FA506",
        f"{_name(total.label)}的增减额 {show(actual, decimals)} 万元与各项增减额之和 "
        f"{show(expected, decimals)} 万元不符" + ("（尾数误差）" if within else ""),
        total.total_change_amount.span,
        severity=Severity.INFO if within else Severity.ERROR,
        related=[
            RelatedSpan(span=p.change_amount.span, note=f"{p.label}增减额")
            for p in total.parts
            if p.change_amount is not None
        ],
        expected=show(expected, decimals),
        actual=show(actual, decimals),
        difference=_diff(actual, expected, decimals),
        computation=f"{terms} = {show(expected, decimals)} ≠ {show(actual, decimals)}",
    )


# --- FA507 income = spending ---------------------------------------------------------------------


def _first(ctx: RuleContext, *keys: str) -> AmountFact | None:
    """The first statement of one of ``keys`` outside the 政府性基金/国有资本经营 sections."""
    for fact in _facts(ctx, AmountFact):
        section = fact.section or ""
        if "政府性基金" in section or "国有资本" in section:
            continue
        if fact.role in ("budget", "previous"):
            continue
        if match_key(fact.label) in keys and _money(fact.amount):
            return fact
    return None


@rule(
    RuleCode(
        "FA507",
        "text-income-equals-spending",
        "收入总计等于支出总计",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查文中收入总计是否等于支出总计（财政拨款收入总计与财政拨款支出总计同理）："
            "决算的收支总计必然相等，任何差额都报为错误。文中同时给出年初结转和结余、本年收入合计、"
            "本年支出合计和年末结转和结余时，检查年末结转和结余＝年初结转和结余＋本年收入－本年支出"
            "，尾数差异以内报为提示，超过的报为错误。政府性基金、"
            "国有资本经营预算段落中的数字不参与比较。"
        ),
    ),
)
def balance_rule(ctx: RuleContext) -> Iterator[Finding]:
    """The 收入总计 stated in the text must equal the 支出总计 (and likewise for 财政拨款), and
    年末结转和结余 = 年初结转和结余 + 本年收入合计 − 本年支出合计 when all four are stated."""
    pairs = (
        (("收入总计",), ("支出总计",), "收入总计", "支出总计"),
        (("财政拨款收入总计",), ("财政拨款支出总计",), "财政拨款收入总计", "财政拨款支出总计"),
    )
    for income_keys, spending_keys, income_name, spending_name in pairs:
        income = _first(ctx, *income_keys)
        spending = _first(ctx, *spending_keys)
        if income is None or spending is None:
            continue
        a, b = income.amount, spending.amount
        if a.value == b.value:
            continue
        decimals = max(a.decimals, b.decimals)
        yield ctx.finding(
            "FA507",
            f"{income_name} {a.text} 万元与{spending_name} {b.text} 万元不相等",
            a.span,
            related=[RelatedSpan(span=b.span, note=spending_name)],
            expected=b.text,
            actual=a.text,
            difference=_diff(a.value or Decimal(0), b.value or Decimal(0), decimals),
            computation=f"{a.text} ≠ {b.text}",
        )
    opening = _first(ctx, "年初结转和结余", "上年结转和结余")
    closing = _first(ctx, "年末结转和结余")
    income_total = _first(ctx, "收入合计")
    spending_total = _first(ctx, "支出合计")
    if None in (opening, closing, income_total, spending_total):
        return
    assert opening and closing and income_total and spending_total
    paragraphs = [f.paragraph for f in (opening, closing, income_total, spending_total)]
    if max(paragraphs) - min(paragraphs) > 20:
        return  # statements too far apart to be one account
    parts = [opening.amount, income_total.amount, spending_total.amount]
    check = check_sum(closing.amount, parts, [1, 1, -1])
    if check is None or check.exact:
        return
    expected, actual, difference = check.texts()
    yield ctx.finding(
        "FA507",
        f"年末结转和结余 {actual} 万元不等于年初结转和结余 + 本年收入 − 本年支出 = {expected} 万元"
        + ("（尾数误差）" if check.within_rounding else ""),
        closing.amount.span,
        severity=check.severity,
        related=[
            RelatedSpan(span=opening.amount.span, note="年初结转和结余"),
            RelatedSpan(span=income_total.amount.span, note="本年收入合计"),
            RelatedSpan(span=spending_total.amount.span, note="本年支出合计"),
        ],
        expected=expected,
        actual=actual,
        difference=difference,
        computation=f"{opening.amount.text} + {income_total.amount.text} - "
        f"{spending_total.amount.text} = {expected}",
    )


# --- FA508 三公 ----------------------------------------------------------------------------------


@rule(
    RuleCode(
        "FA508",
        "text-three-public-sums",
        "三公经费合计等于各项之和",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查情况说明“三公”经费部分的数字：合计＝因公出国（境）"
            "费＋公务用车购置及运行维护费＋公务接待费，公务用车购置及运行维护费＝购置费＋运行维护费"
            "，预算数和决算数分别检查（取合计之后各项的首次表述）。"
            "差额不超过各数字末位半个单位误差之和的报为尾数差异（提示），超过的报为错误。"
        ),
    ),
)
def three_public_rule(ctx: RuleContext) -> Iterator[Finding]:
    """三公经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and 公务用车 =
    购置 + 运行维护, for the budget and for the outturn, with the figures stated in the 三公
    section of the text (the first statement of each item after the total)."""
    for prefix in ("决算数", "预算数"):
        found: dict[str, AmountFact] = {}
        for fact in _facts(ctx, AmountFact):
            q = fact.quantity
            if q is None or not q.column.startswith(prefix) or not _money(fact.amount):
                continue
            item = q.column.removeprefix(prefix)
            if item == "合计" and "合计" in found:
                break  # a second 三公 total: stop at the first statement
            if item == "合计" or "合计" in found:
                found.setdefault(item, fact)
        if "合计" not in found:
            continue
        total = found["合计"]
        car = found.get("公务用车购置及运行维护费小计")
        buy, run = found.get("公务用车购置费"), found.get("公务用车运行维护费")
        if car is not None and buy is not None and run is not None:
            yield from _topic_sum(ctx, "FA508", car, [buy, run], "公务用车购置费与运行维护费")
        items = [found.get("因公出国（境）费"), car, found.get("公务接待费")]
        if car is None and buy is not None and run is not None:
            items = [found.get("因公出国（境）费"), buy, run, found.get("公务接待费")]
        if any(i is None for i in items):
            continue
        yield from _topic_sum(ctx, "FA508", total, [i for i in items if i], "三公经费各项")


def _topic_sum(
    ctx: RuleContext, code: str, total: AmountFact, parts: list[AmountFact], what: str
) -> Iterator[Finding]:
    fact = TotalFact(
        span=total.span,
        label=total.label,
        total=total.amount,
        parts=[PartItem(label=p.label, label_span=p.label_span, amount=p.amount) for p in parts],
    )
    yield from _sum_finding(ctx, code, fact, what)


# --- FA509 政府采购 ------------------------------------------------------------------------------


@rule(
    RuleCode(
        "FA509",
        "procurement-amounts-consistent",
        "政府采购总额与中小企业合同金额关系",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查政府采购情况：政府采购支出总额＝货物＋工程＋服务支出（尾数差异以内为提示，"
            "超过为错误）；授予中小企业合同金额不应大于政府采购支出总额（错误）；"
            "小微企业属于中小企业，授予小微企业合同金额大于授予中小企业合同金额的报为警告（可能采用"
            "了其他口径）；授予中小企业的合同金额为 0 时，其占比不应大于 0（错误）。"
        ),
    ),
)
def procurement_rule(ctx: RuleContext) -> Iterator[Finding]:
    """政府采购支出总额 = 货物 + 工程 + 服务; 授予小微企业 ≤ 授予中小企业 ≤ 总额 (小微企业是
    中小企业的一部分: a larger 小微 figure is a warning, the split may follow another
    convention); a share of 中小企业 contracts above 0 needs an amount above 0."""
    for total in _facts(ctx, TotalFact):
        if total.topic == "政府采购" and len(total.parts) >= 2:
            yield from _sum_finding(ctx, "FA509", total, "货物、工程、服务支出")
    amounts = [f for f in _facts(ctx, AmountFact) if _money(f.amount) and f.role != "previous"]
    by_paragraph: dict[int, dict[str, AmountFact]] = {}
    for fact in amounts:
        key = _procurement_key(fact.label)
        if key is not None:
            by_paragraph.setdefault(fact.paragraph, {}).setdefault(key, fact)
    for paragraph, found in by_paragraph.items():
        overall, sme, micro = found.get("total"), found.get("sme"), found.get("micro")
        if sme is not None and micro is not None and _gt(micro.amount, sme.amount):
            yield ctx.finding(
                "FA509",
                f"授予小微企业合同金额 {micro.amount.text} 万元大于授予中小企业合同金额 "
                f"{sme.amount.text} 万元（小微企业属于中小企业）",
                micro.amount.span,
                severity=Severity.WARNING,
                related=[RelatedSpan(span=sme.amount.span, note="授予中小企业合同金额")],
                expected=f"≤ {sme.amount.text}",
                actual=micro.amount.text,
            )
        if overall is not None and sme is not None and _gt(sme.amount, overall.amount):
            yield ctx.finding(
                "FA509",
                f"授予中小企业合同金额 {sme.amount.text} 万元大于政府采购支出总额 "
                f"{overall.amount.text} 万元",
                sme.amount.span,
                related=[RelatedSpan(span=overall.amount.span, note="政府采购支出总额")],
                expected=f"≤ {overall.amount.text}",
                actual=sme.amount.text,
            )
        for share in _facts(ctx, ShareFact):
            if share.paragraph != paragraph or share.part is not None:
                continue
            if not share.share.value or "中小企业" not in share.label:
                continue
            category = next((c for c in ("货物", "工程", "服务") if c in share.label), None)
            zero = None
            if sme is not None and sme.amount.value == 0:
                zero = sme
            elif category is not None and (c := found.get(category)) and c.amount.value == 0:
                zero = c
            if zero is None:
                continue
            yield ctx.finding(
                "FA509",
                f"{zero.label}为 0，{share.label}的占比却为 {share.share.text}%",
                share.share.span,
                related=[RelatedSpan(span=zero.amount.span, note=zero.label)],
                expected="0%",
                actual=share.share.text + "%",
            )


def _procurement_key(label: str) -> str | None:
    if "政府采购" in label and "总额" in label:
        return "total"
    if "小微企业合同金额" in label or "微企业合同金额" in label:
        return "micro" if not label.startswith(("货物", "工程", "服务")) else None
    if "中小企业合同金额" in label and not label.startswith(("货物", "工程", "服务")):
        return "sme"
    for category in ("货物", "工程", "服务"):
        if f"政府采购{category}" in label:
            return category
    return None


def _gt(a: Amount, b: Amount) -> bool:
    return (a.value or 0) - (b.value or 0) > half_unit(a.decimals) + half_unit(b.decimals)


# --- FA510 counts and averages -------------------------------------------------------------------


@rule(
    RuleCode(
        "FA510",
        "count-shares-and-averages",
        "数量占比与平均数",
        N,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查数量的比例与平均数：“平均每辆X万元”应等于总额÷数量（按总额的四舍五入区间判断）；"
            "“N个项目……占X%”应等于 N 除以总数（所称的总数，或一并列出的各数量之和）。"
            "不符的报为错误；同一组比例相加恰为 100% 的微小偏差视为凑整调整，报为警告。"
        ),
    ),
)
def counts_rule(ctx: RuleContext) -> Iterator[Finding]:
    """``平均每辆X万元`` = total ÷ count; ``N个项目…占X%`` = N ÷ the total count (the count
    named, or the sum of the counts listed together). Shares nudged to 100% are warnings."""
    for fact in _facts(ctx, AverageFact):
        if fact.total is None or fact.count is None or not fact.count.value:
            continue
        if not (_money(fact.total) and _money(fact.average)) or fact.average.value is None:
            continue
        computed = ratio(of(fact.total), Interval.exact(fact.count.value), Decimal(1))
        if computed is None or rate_matches(fact.average, computed):
            continue
        decimals = max(fact.average.decimals, 2)
        expected = (fact.total.value or Decimal(0)) / fact.count.value
        yield ctx.finding(
            "FA510",
            f"平均数应为 {fact.total.text} ÷ {fact.count.text} = {show(expected, decimals)}，"
            f"文中为 {fact.average.text}",
            fact.average.span,
            related=[
                RelatedSpan(span=fact.total.span, note="总额"),
                RelatedSpan(span=fact.count.span, note="数量"),
            ],
            expected=show(expected, decimals),
            actual=fact.average.text,
            difference=_diff(fact.average.value, expected, decimals),
            computation=f"{fact.total.text} ÷ {fact.count.text} = {show(expected, decimals)}",
        )
    yield from _share_findings(ctx, "FA510", counts=True)
