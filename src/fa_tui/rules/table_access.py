"""Helpers for rules that read tables: find tables, rows and figures, compare them.

Rows are found by classification code or by name, never by 行次. The comparison helpers turn a
``SumCheck`` into a finding with the rounding verdict of design.md §2 (info within rounding,
error beyond), the computation, and the parts as related spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from msgspec.structs import replace

from fa_tui import pattern_cache
from fa_tui.model import (
    Amount,
    Finding,
    RelatedSpan,
    Row,
    RowKind,
    Severity,
    Table,
    TableStatus,
)
from fa_tui.model.decimals import half_unit, show
from fa_tui.rules.registry import RuleContext
from fa_tui.rules.tolerance import SumCheck, check_sum, computation, same_quantity, signed_sum
from fa_tui.schema.function_classes import FUNCTION_CLASSES

ZERO = Decimal(0)

_ORDINAL = pattern_cache.compile(r"^[（(]?[一二三四五六七八九十]+[）)、．.]|^[（(]?\d+[）)、．.]")
_SPACES = pattern_cache.compile(r"[\s\u3000]+")


@lru_cache(maxsize=8192)
def norm(name: str) -> str:
    """A row name without spaces, leading ordinal (``一、``) or ``其中：``."""
    text = _SPACES.sub("", name)
    text = _ORDINAL.sub("", text)
    return text.removeprefix("其中：").removeprefix("其中:")


def data_table(ctx: RuleContext, role: str) -> Table | None:
    """The standard table ``role`` if it was found with figures."""
    table = ctx.report.table(role)
    if table is None or table.status is not TableStatus.DATA:
        return None
    return table


def has_value(amount: Amount | None) -> bool:
    """Whether ``amount`` is a printed figure (not absent, not blank)."""
    return amount is not None and amount.value is not None


def value(amount: Amount | None) -> Decimal:
    """The figure's value, absent or blank counting as zero."""
    if amount is None or amount.value is None:
        return ZERO
    return amount.value


def side_rows(table: Table, side: str | None) -> list[Row]:
    """The rows of one side (all rows when ``side`` is ``None``), in document order."""
    return [r for r in table.rows if side is None or r.side == side]


def find_named(rows: Sequence[Row], *names: str) -> Row | None:
    """The first row whose normalised name equals one of ``names``, else one that starts with it."""
    for name in names:
        for row in rows:
            if norm(row.name) == name:
                return row
    for name in names:
        for row in rows:
            if norm(row.name).startswith(name):
                return row
    return None


def index_of(rows: Sequence[Row], row: Row | None) -> int:
    """Position of ``row`` in ``rows`` (-1 when absent)."""
    for i, r in enumerate(rows):
        if r is row:
            return i
    return -1


@lru_cache(maxsize=4096)
def class_code_of(name: str) -> str | None:
    """The 功能分类 类 code a 表一/表四 spending row name stands for (``卫生健康支出`` → 210)."""
    text = norm(name)
    for code, label in FUNCTION_CLASSES.items():
        if text in (label, label + "支出") or text.startswith(label + "支出"):
            return code
    return None


def total_row(table: Table) -> Row | None:
    """The 合计 row of a classified table (表二/三/五/七/八)."""
    for row in table.rows:
        if row.code is None and norm(row.name) in ("合计", "总计"):
            return row
    for row in table.rows:
        if row.kind is RowKind.TOTAL and row.code is None:
            return row
    return None


def coded_rows(table: Table) -> list[Row]:
    """Rows with a 功能分类 code (3, 5 or 7 digits)."""
    return [r for r in table.rows if r.code and r.code.isdigit() and len(r.code) in (3, 5, 7)]


def parent_of(row: Row, by_code: dict[str, Row]) -> Row | None:
    """The nearest printed ancestor by code prefix (项 → 款 → 类)."""
    code = row.code or ""
    for length in (5, 3):
        if length < len(code) and code[:length] in by_code:
            return by_code[code[:length]]
    return None


def children_map(rows: Sequence[Row]) -> tuple[dict[str, list[Row]], list[Row]]:
    """(code → direct printed children, top-level rows) of a classified table."""
    by_code = {r.code: r for r in rows if r.code}
    children: dict[str, list[Row]] = {}
    top: list[Row] = []
    for row in rows:
        parent = parent_of(row, by_code)
        if parent is None:
            top.append(row)
        else:
            children.setdefault(parent.code or "", []).append(row)
    return children, top


def class_parts(table: Table, class_code: str, rows: Sequence[Row] | None = None) -> list[Row]:
    """Rows that together make up 类 ``class_code``: the 类 row, else its top printed rows.

    ``rows``: the table's ``coded_rows``, when the caller has them already.
    """
    rows = coded_rows(table) if rows is None else rows
    exact = [r for r in rows if r.code == class_code]
    if exact:
        return exact
    inside = [r for r in rows if (r.code or "").startswith(class_code)]
    _children, top = children_map(inside)
    return top


def zero_like(amount: Amount) -> Amount:
    """A printed zero at ``amount``'s place (a blank total compared with non-blank parts)."""
    return replace(amount, value=ZERO)


def verdict(check: SumCheck) -> str:
    """The rounding verdict phrase of a non-exact comparison."""
    if check.within_rounding:
        return f"在舍位误差（±{check.tolerance.normalize():f}）以内，属尾数差异"
    if check.tolerance == 0:
        return "同一数额以相同精度列示应完全一致，不是尾数差异"
    return f"超出舍位误差（±{check.tolerance.normalize():f}），不是尾数差异"


def settled(
    total: Amount | None, parts: Sequence[Amount | None], signs: Sequence[int] | None = None
) -> bool:
    """Whether ``sum_finding`` of these figures finds nothing: no total or no parts, a blank total
    with zero parts, or a total that is exactly the sum. Cheap: callers test it before they
    build the notes and names of a finding.
    """
    if total is None:
        return True
    kept_signs: list[int] | None = None
    if signs:
        kept = [(p, s) for p, s in zip(parts, signs, strict=True) if p is not None]
        amounts = [p for p, _ in kept]
        kept_signs = [s for _, s in kept]
    else:
        amounts = [p for p in parts if p is not None]
    if not amounts:
        return True
    if total.value is None:
        if all(value(p) == 0 for p in amounts):
            return True
        actual = ZERO  # compared as a printed zero (``zero_like``)
    else:
        actual = total.value
    return actual - signed_sum(amounts, kept_signs) == 0  # ``SumCheck.exact``


def in_yuan(ctx: RuleContext, amount: Amount) -> bool:
    """Whether ``amount`` is money to the 分 in 元 (printed so, or in a table that a 万元
    label misnames, ``ReportIndex.unit_verdict``): an exact figure, no rounding in it."""
    if amount.decimals < 2:
        return False
    if amount.unit == "元":
        return True
    line = amount.span.line
    return any(
        t.span is not None and t.span.line <= line <= t.span.end_line
        for t in ctx.index.unit_verdict.scaled
    )


def sum_finding(
    ctx: RuleContext,
    code: str,
    what: str,
    total: Amount | None,
    parts: Sequence[tuple[Amount | None, str]],
    *,
    signs: Sequence[int] | None = None,
    relation: str = "各项之和",
) -> Finding | None:
    """Compare a printed total with Σ parts; a finding when they differ.

    ``what`` names the total (``表三 210 卫生健康支出 本年支出合计``); ``parts`` pair each figure
    with its note (absent figures are skipped). A blank total with non-zero parts is compared as 0.
    """
    if total is None or settled(total, [p for p, _ in parts], signs):
        return None
    kept = [
        (p, note, s)
        for (p, note), s in zip(parts, signs or [1] * len(parts), strict=True)
        if p is not None
    ]
    amounts = [p for p, _, _ in kept]
    sgn = [s for _, _, s in kept]
    if total.value is None:
        total = zero_like(total)
    check = check_sum(total, amounts, sgn, exact=in_yuan(ctx, total))
    assert check is not None
    expected, actual, diff = check.texts()
    shown = [(p, s) for p, s in zip(amounts, sgn, strict=True) if value(p) != 0] or [
        (amounts[0], sgn[0])
    ]
    message = f"{what}为 {actual}，{relation}为 {expected}，相差 {diff}，{verdict(check)}"
    return ctx.finding(
        code,
        message,
        total.span,
        severity=check.severity,
        related=[RelatedSpan(span=p.span, note=note) for p, note, _ in kept if value(p) != 0],
        expected=expected,
        actual=actual,
        difference=diff,
        computation=computation(check, [p for p, _ in shown], [s for _, s in shown]),
    )


def equal_finding(
    ctx: RuleContext,
    code: str,
    what: str,
    this: Amount | None,
    other: Amount | None,
    other_note: str,
) -> Finding | None:
    """Compare two printings of one quantity (zero tolerance at the same precision).

    ``this`` is the primary figure; ``other`` is where it should be repeated.
    """
    if this is None or other is None:
        return None
    if this.value is None and other.value is None:
        return None
    a = this if this.value is not None else zero_like(this)
    b = other if other.value is not None else zero_like(other)
    check = same_quantity(b, a)
    if check is None or check.exact:
        return None
    expected, actual, diff = check.texts()
    return ctx.finding(
        code,
        f"{what}为 {actual}，而{other_note}为 {expected}，相差 {diff}，{verdict(check)}",
        a.span,
        severity=check.severity,
        related=[RelatedSpan(span=b.span, note=other_note)],
        expected=expected,
        actual=actual,
        difference=diff,
        computation=f"{expected} {'=' if check.exact else '≠'} {actual}",
    )


def not_above_finding(
    ctx: RuleContext,
    code: str,
    what: str,
    part: Amount | None,
    whole: Amount | None,
    whole_note: str,
    *,
    severity: Severity | None = None,
) -> Finding | None:
    """``part ≤ whole`` (beyond rounding); a finding when ``part`` is larger."""
    if part is None or part.value is None:
        return None
    whole_value = value(whole)
    tolerance = ZERO
    if whole is not None and whole.value is not None and whole.decimals != part.decimals:
        tolerance = half_unit(part.decimals) + half_unit(whole.decimals)
    if part.value <= whole_value + tolerance:
        return None
    decimals = max(part.decimals, whole.decimals if whole is not None else 0)
    diff = part.value - whole_value
    shown_whole = show(whole_value, decimals)
    shown_part = show(part.value, decimals)
    related = [RelatedSpan(span=whole.span, note=whole_note)] if whole is not None else []
    return ctx.finding(
        code,
        f"{what}为 {shown_part}，大于{whole_note} {shown_whole}（多出 {show(diff, decimals)}）",
        part.span,
        severity=severity,
        related=related,
        expected=f"≤ {shown_whole}",
        actual=shown_part,
        difference=f"+{show(diff, decimals)}",
        computation=f"{shown_part} > {shown_whole}",
    )
