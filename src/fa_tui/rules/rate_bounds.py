"""FA511–FA512: rates that no figures can give — out of their range, or on a base of zero.

FA511: a share is a part of a whole, so it lies between 0 and 100 %, and the shares of one whole
stated together add up to no more than 100 % (beyond their rounding). FA512: a rate needs a base;
``增长100%`` over a last year of 0, ``占…的 5%`` of a whole of 0 have none.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from fa_tui.model import Category, Finding, RelatedSpan, Severity, Span
from fa_tui.model.decimals import half_unit, show
from fa_tui.model.facts import ChangeFact, Direction, ShareFact
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule

HUNDRED = Decimal(100)
# Procurement shares nest by the size of the enterprise (中小企业 holds 小微企业, which holds
# 微型企业): shares of such a list are not parts of one partition.
_NESTED_LIST = "企业"


def _beyond_hundred(rate_value: Decimal, decimals: int) -> bool:
    return rate_value - half_unit(decimals) > HUNDRED


def _label(share: ShareFact) -> str:
    return f"“{share.label}”" if share.label else "该项"


def _whole_key(share: ShareFact) -> tuple[int, bool, str | None, Span | None]:
    whole_span = share.whole.span if share.whole is not None and not share.whole_is_sum else None
    return share.group, share.is_count, share.whole_label, whole_span


@rule(
    RuleCode(
        "FA511",
        "share-within-range",
        "占比不超过100%，同一整体的各项占比之和不超过100%",
        Category.NARRATIVE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查“占X%”：部分占整体的比例只能在 0 到 100% 之间；同一句中同一整体的各项占比相加，"
            "扣除各项末位的四舍五入后也不能超过 100%。超出的报为错误。"
            "按企业规模列示的政府采购份额（中小企业含小微企业）彼此包含，不相加。"
        ),
    ),
)
def share_range_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A share over 100 %, or shares of one whole stated together that add up to more than
    100 % beyond their rounding."""
    shares = [f for f in ctx.report.facts if isinstance(f, ShareFact) and f.share.value is not None]
    for share in shares:
        assert share.share.value is not None
        if _beyond_hundred(share.share.value, share.share.decimals):
            whole = f"{share.whole_label}的" if share.whole_label else ""
            yield ctx.finding(
                "FA511",
                f"{_label(share)}占{whole}比例为 {share.share.text}%，"
                "部分占整体的比例不能超过 100%",
                share.share.span,
                expected="≤ 100%",
                actual=share.share.text + "%",
            )
    groups: dict[tuple[int, bool, str | None, Span | None], list[ShareFact]] = {}
    for share in shares:
        groups.setdefault(_whole_key(share), []).append(share)
    for group in groups.values():
        if len(group) < 2 or any(_NESTED_LIST in s.label for s in group):
            continue
        if any(_beyond_hundred(s.share.value or Decimal(0), s.share.decimals) for s in group):
            continue  # reported above
        printed = sum((s.share.value or Decimal(0) for s in group), Decimal(0))
        rounding = sum((half_unit(s.share.decimals) for s in group), Decimal(0))
        if printed - rounding <= HUNDRED:
            continue
        decimals = max(s.share.decimals for s in group)
        terms = " + ".join(f"{s.share.text}%" for s in group)
        last = group[-1]
        yield ctx.finding(
            "FA511",
            f"同一整体的各项占比之和为 {show(printed, decimals)}%，超过 100%",
            last.share.span,
            related=[RelatedSpan(span=s.share.span, note=s.label or "占比") for s in group[:-1]],
            expected="≤ 100%",
            actual=show(printed, decimals) + "%",
            computation=f"{terms} = {show(printed, decimals)}%",
        )


def _zero(amount_value: Decimal | None) -> bool:
    return amount_value is not None and amount_value == 0


def _prior_is_zero(change: ChangeFact) -> bool:
    """Last year's figure (or the budget) by the printed figures is exactly 0: nothing this
    year and no change, or an increase as large as this year's figure."""
    if change.current is None or change.amount is None:
        return False
    current, amount = change.current.value, change.amount.value
    if current is None or amount is None or change.current.unit != change.amount.unit:
        return False
    if current == 0 and amount == 0:
        return True
    up = change.direction is Direction.UP or change.rate_direction is Direction.UP
    return (
        up
        and current != 0
        and current == amount
        and change.current.decimals == change.amount.decimals
    )


@rule(
    RuleCode(
        "FA512",
        "rate-on-zero-base",
        "比例的基数不能为0",
        Category.NARRATIVE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查比例的基数：上年数为 0（本年数与增加额相同，或本年数与增减额都为 0）时，"
            "增长幅度无从计算，“增长100%”之类的写法是错误的，应写明“上年无此项支出”；"
            "整体为 0 时，“占……的X%”也无从计算。文中仍写出非零比例的报为错误。"
        ),
    ),
)
def zero_base_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A non-zero rate of change over a last year of 0, or a non-zero share of a whole of 0."""
    for fact in ctx.report.facts:
        if isinstance(fact, ChangeFact):
            if fact.rate is None or not fact.rate.value or not _prior_is_zero(fact):
                continue
            assert fact.current is not None and fact.amount is not None
            base = "年初预算数" if fact.basis.value == "budget" else "上年数"
            yield ctx.finding(
                "FA512",
                f"{'“' + fact.label + '”' if fact.label else '该项'}本年 {fact.current.text}，"
                f"增减 {fact.amount.text}，{base}为 0，增减幅度无从计算，文中为 {fact.rate.text}%",
                fact.rate.span,
                related=[
                    RelatedSpan(span=fact.current.span, note="本年数"),
                    RelatedSpan(span=fact.amount.span, note="增减额"),
                ],
                expected="（无）",
                actual=fact.rate.text + "%",
                computation=f"{fact.current.text} − {fact.amount.text} = 0",
            )
        elif isinstance(fact, ShareFact):
            if not fact.share.value or fact.whole is None or not _zero(fact.whole.value):
                continue
            whole = fact.whole_label or "整体"
            yield ctx.finding(
                "FA512",
                f"{_label(fact)}所占的{whole}为 {fact.whole.text}，占比无从计算，"
                f"文中为 {fact.share.text}%",
                fact.share.span,
                related=[RelatedSpan(span=fact.whole.span, note="整体")],
                expected="（无）",
                actual=fact.share.text + "%",
            )
