"""FA7xx units and number format.

``figure_scale`` is shared with the text-vs-table rules (FA4xx): it tells how to read a table's
printed figures in the unit the table claims. A table is judged to be printed in 元 under a
``单位：万元`` label when its figures, read as 元 and converted to 万元, are the amounts the
narrative quotes in 万元 (and, read as 万元, are not), or when read as 万元 they are implausibly
large for one department.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from msgspec import Struct, field

from fa_tui import pattern_cache
from fa_tui.model import (
    Amount,
    Category,
    Finding,
    RelatedSpan,
    Report,
    Severity,
    Span,
    Table,
    TableRole,
    TableStatus,
)
from fa_tui.model.decimals import half_unit, show
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule
from fa_tui.rules.table_access import data_table, find_named, side_rows, total_row

if TYPE_CHECKING:
    from fa_tui.rules.report_index import ReportIndex

YUAN_PER_WAN = Decimal(10000)
TO_WAN = Decimal("0.0001")
# Read as 万元, a figure above this (1 万亿元) cannot be one department's money.
IMPLAUSIBLE_WAN = Decimal(100_000_000)

# An amount quoted in 万元 in the narrative: digits (maybe with separators) then 万元, not
# preceded by a digit or a dot. That is ``(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)…``, written to
# start with a digit (the lookbehind checks the character before it), which lets the regex
# engine skip to the digits of a line instead of trying every position.
_WAN = pattern_cache.compile(r"(\d(?<![\d.]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?:\.(\d+))?\s*万元")


class TextAmount(NamedTuple):
    """An amount quoted in the narrative in 万元 (line and 1-based columns, end exclusive)."""

    value: Decimal
    decimals: int
    line: int
    column: int
    end_column: int

    @property
    def span(self) -> Span:
        """Where it is printed (built on demand: a long report quotes thousands of amounts)."""
        return Span.at(self.line, self.column, self.end_column)


class UnitVerdict(Struct):
    """Which tables are in 元 under a 万元 label, and the evidence."""

    scaled: list[Table] = field(default_factory=list)
    evidence: list[tuple[Amount, TextAmount]] = field(default_factory=list)
    implausible: Amount | None = None


def scan_narrative_amounts(report: Report) -> list[TextAmount]:
    """Amounts in 万元 quoted on the non-table lines (``ReportIndex.narrative_amounts``)."""
    table_lines: set[int] = set()
    for table in report.tables:
        if table.span is not None:
            table_lines.update(range(table.span.line, table.span.end_line + 1))
    out: list[TextAmount] = []
    for number, line in enumerate(report.source.lines, start=1):
        if "万元" not in line or number in table_lines or "\t" in line:
            continue
        for match in _WAN.finditer(line):
            digits = match.group(1).replace(",", "")
            decimals = match.group(2) or ""
            value = Decimal(f"{digits}.{decimals}" if decimals else digits)
            if value == 0:
                continue
            end = match.end(2) + 1 if decimals else match.end(1) + 1
            out.append(TextAmount(value, len(decimals), number, match.start() + 1, end))
    return out


# The widest tolerance of a match: half a unit of a figure quoted without decimals.
_WIDEST = half_unit(0)


class QuotedIndex:
    """The narrative amounts sorted by value: matches in O(log n), not by scanning them all."""

    def __init__(self, quoted: Sequence[TextAmount]) -> None:
        order = sorted(range(len(quoted)), key=lambda k: quoted[k].value)
        self._quoted = quoted
        self._order = order
        self._values = [quoted[k].value for k in order]
        # (text index, value, tolerance) in value order: a figure matches a quote that lies
        # within half a unit of the quote's last place
        self._entries = [(k, quoted[k].value, half_unit(quoted[k].decimals)) for k in order]

    def first_match(self, figure: Decimal, scale: Decimal) -> TextAmount | None:
        """The earliest quoted amount (in text order) that ``figure × scale`` matches."""
        target = figure * scale
        lo = bisect_left(self._values, target - _WIDEST)
        hi = bisect_right(self._values, target + _WIDEST)
        best = -1
        for k, value, tolerance in self._entries[lo:hi]:
            if (best < 0 or k < best) and abs(target - value) <= tolerance:
                best = k
        return self._quoted[best] if best >= 0 else None


def _labelled_wan(report: Report, table: Table) -> bool:
    unit = table.unit or report.unit or ""
    return "万元" in unit


def _magnitude(amount: Amount) -> Decimal:
    """The size of a figure (0 when blank), to find a table's largest."""
    return abs(amount.value or Decimal(0))


def _key_figures(table: Table) -> list[Amount]:
    """The figures of a table worth comparing with the text (non-zero, not tiny)."""
    return [a for a in table.amounts() if a.value is not None and abs(a.value) >= 1]


def judge_units(index: ReportIndex) -> UnitVerdict:
    """Decide which 万元-labelled tables are really in 元 (``ReportIndex.unit_verdict``)."""
    verdict = UnitVerdict()
    report = index.report
    candidates = [
        t
        for t in report.tables
        if t.status is TableStatus.DATA and t.role != TableRole.OTHER and _labelled_wan(report, t)
    ]
    figures = {id(t): _key_figures(t) for t in candidates}
    # The narrative's amounts are only read when some table may be in 元.
    quoted = QuotedIndex(index.narrative_amounts if candidates else ())
    votes_yuan = votes_wan = 0
    per_table: dict[int, tuple[int, int]] = {}
    # Tables repeat their figures (a total in four tables): look each value up once.
    hits: dict[Decimal, tuple[TextAmount | None, bool]] = {}
    for table in candidates:
        as_yuan = as_wan = 0
        for figure in figures[id(table)]:
            value = figure.value or Decimal(0)
            found = hits.get(value)
            if found is None:
                found = hits[value] = (
                    quoted.first_match(value, TO_WAN),
                    quoted.first_match(value, Decimal(1)) is not None,
                )
            hit_yuan, hit_wan = found
            if hit_yuan is not None and not hit_wan:
                as_yuan += 1
                if len(verdict.evidence) < 3:
                    verdict.evidence.append((figure, hit_yuan))
            elif hit_wan and hit_yuan is None:
                as_wan += 1
        per_table[id(table)] = (as_yuan, as_wan)
        votes_yuan += as_yuan
        votes_wan += as_wan
    biggest = max(
        (a for t in candidates for a in figures[id(t)]),
        key=_magnitude,
        default=None,
    )
    implausible = biggest is not None and _magnitude(biggest) > IMPLAUSIBLE_WAN
    if implausible:
        verdict.implausible = biggest
    report_in_yuan = (votes_yuan > votes_wan and votes_yuan >= 2) or (
        implausible and votes_wan <= votes_yuan
    )
    if report_in_yuan:
        for table in candidates:
            as_yuan, as_wan = per_table[id(table)]
            if as_wan > as_yuan:
                continue  # this table agrees with the text as printed
            verdict.scaled.append(table)
    else:
        verdict.evidence.clear()
    return verdict


def figure_scale(ctx: RuleContext, table: Table) -> Decimal:
    """Factor that turns a printed figure of ``table`` into its labelled unit.

    1 normally; ``Decimal("0.0001")`` when the figures are evidently in 元 under a ``单位：万元``
    label (FA701), as ``ReportIndex.unit_verdict`` decides once per report.
    """
    verdict = ctx.index.unit_verdict
    return TO_WAN if any(t is table for t in verdict.scaled) else Decimal(1)


def _headline(table: Table) -> Amount | None:
    """表一 总计 (or the table's largest figure) to quote in the message."""
    if table.role == TableRole.T01:
        row = find_named(side_rows(table, "income"), "总计")
        if row is not None and row.value("金额") is not None:
            return row.value("金额")
    figures = _key_figures(table)
    return max(figures, key=_magnitude, default=None)


@rule(
    RuleCode(
        "FA701",
        "table-unit-matches-magnitude",
        "表格数字量级与金额单位一致",
        Category.UNITS,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查标注“单位：万元”的表格是否真的以万元列示。"
            "表中数字按元换算为万元后恰与正文以万元引用的数额（收支总计、收入合计等）一致、"
            "而按万元读则不一致，或按万元读超过 1 万亿元（一个部门不可能有的规模）时，"
            "判定表格实际以元列示而误标万元，报为错误，涉及的表合并为一条。此后文表核对（FA4xx）"
            "按元换算比较。"
        ),
    ),
)
def unit_magnitude(ctx: RuleContext) -> Iterator[Finding]:
    """A table labelled ``单位：万元`` must print 万元. When its figures read as 元 are the
    amounts the narrative quotes in 万元 (收支总计, 收入合计 …), or read as 万元 they exceed what
    one department could spend (above 1 万亿元), the tables were published in 元 under a 万元
    label. Reported once for all the tables concerned; the text-vs-table rules then compare the
    figures scaled to 万元."""
    verdict = ctx.index.unit_verdict
    if not verdict.scaled:
        return
    first = verdict.scaled[0]
    headline = _headline(first)
    anchor = first.unit_span or first.title_span or first.span
    names = "、".join(t.id or t.title for t in verdict.scaled)
    reasons: list[str] = []
    related: list[RelatedSpan] = []
    if headline is not None and headline.value is not None:
        as_wan = headline.value
        reasons.append(
            f"{first.id}的 {headline.text.strip()} 若按万元计约为 "
            f"{show(as_wan / YUAN_PER_WAN, 0, grouped=True)} 亿元，按元计则为 "
            f"{show(as_wan * TO_WAN, 2)} 万元"
        )
        related.append(RelatedSpan(span=headline.span, note="按万元读不合理的数字"))
    for figure, quoted in verdict.evidence:
        assert figure.value is not None  # evidence is drawn from _key_figures
        reasons.append(
            f"{figure.text.strip()} 元即 {show(figure.value * TO_WAN, 2)} 万元，"
            f"与正文第 {quoted.line} 行的 {quoted.value} 万元一致"
        )
        related.append(RelatedSpan(span=figure.span, note="表中数字（实为元）"))
        related.append(RelatedSpan(span=quoted.span, note="正文以万元引用的同一数额"))
    for table in verdict.scaled[1:]:
        span = table.unit_span or table.title_span or table.span
        if span is not None:
            related.append(RelatedSpan(span=span, note=f"{table.id or table.title}同样标注万元"))
    yield ctx.finding(
        "FA701",
        f"{names}标注“单位：万元”，但数字实为元（相差一万倍）：" + "；".join(reasons),
        anchor,
        related=related,
        expected="万元",
        actual="元",
    )


@rule(
    RuleCode(
        "FA702",
        "repaired-extraction-damage",
        "修复的提取损坏数字",
        Category.UNITS,
        Severity.INFO,
        kinds=EVERY_REPORT,
        explanation=(
            "提示从 PDF、Word 提取文字时损坏、经 fa-tui 修复后读取的数字（如“137,500,26 5.00”"
            "“0. 00”）。修复后的值参与全部检查，审核人可对照原件确认。每张表一条提示，"
            "指向第一个修复的数字，其余列为相关位置。"
        ),
    ),
)
def repaired_numbers(ctx: RuleContext) -> Iterator[Finding]:
    """Numbers damaged by PDF/DOCX extraction (``137,500,26 5.00``, ``0. 00``) were read after
    repair; the reviewer may want to check them against the original. One finding per table,
    pointing at the first repaired figure, the others as related spans."""
    for table in ctx.report.tables:
        repaired = sorted(
            (a for a in table.amounts() if a.repaired), key=lambda a: a.span.sort_key()
        )
        if not repaired:
            continue
        first = repaired[0]
        note = first.repair_note or "已修复"
        if note.startswith("原文“") and "：" in note:  # the original is quoted already
            note = note.split("：", 1)[1]
        yield ctx.finding(
            "FA702",
            f"{table.id or table.title}中有 {len(repaired)} 个数字带有提取损坏（如"
            f"“{first.text}”读作 {first.printed()}，{note}），已按修复后的值检查",
            first.span,
            related=[
                RelatedSpan(span=a.span, note=f"“{a.text}”读作 {a.printed()}") for a in repaired[1:]
            ],
        )


@rule(
    RuleCode(
        "FA703",
        "table-unit-stated",
        "表格未标明金额单位",
        Category.UNITS,
        Severity.INFO,
        kinds=EVERY_REPORT,
        explanation=(
            "提示有数据的决算表未标明金额单位（如“单位：万元”）：读者无法区分元与万元。"
            "fa-tui 此时按报告通用的单位读取。"
        ),
    ),
)
def missing_unit(ctx: RuleContext) -> Iterator[Finding]:
    """A table with figures should state its unit (``单位：万元``); without it a reader cannot tell
    元 from 万元. fa-tui then assumes the report's usual unit."""
    for table in ctx.report.tables:
        if table.status is not TableStatus.DATA or table.role == TableRole.OTHER or table.unit:
            continue
        span = table.title_span or table.span
        yield ctx.finding(
            "FA703",
            f"{table.id or table.title}（{table.title}）未标明金额单位",
            span,
        )


# One quantity printed in two tables: (table, row finder, column) pairs.
AmountGetter = Callable[[RuleContext], Amount | None]


def _t01(side: str, name: str) -> AmountGetter:
    def get(ctx: RuleContext) -> Amount | None:
        table = data_table(ctx, TableRole.T01)
        row = find_named(side_rows(table, side), name) if table else None
        return row.value("金额") if row else None

    return get


def _total(role: TableRole, column: str) -> AmountGetter:
    def get(ctx: RuleContext) -> Amount | None:
        table = data_table(ctx, role)
        row = total_row(table) if table else None
        return row.value(column) if row else None

    return get


_SAME_QUANTITY = (
    ("本年收入合计", _t01("income", "本年收入合计"), _total(TableRole.T02, "本年收入合计")),
    ("本年支出合计", _t01("spending", "本年支出合计"), _total(TableRole.T03, "本年支出合计")),
    ("基本支出", _total(TableRole.T03, "基本支出"), _total(TableRole.T05, "基本支出")),
)


@rule(
    RuleCode(
        "FA704",
        "same-figure-same-decimals",
        "同一数额在不同表中的小数位数不同",
        Category.UNITS,
        Severity.INFO,
        kinds=EVERY_REPORT,
        explanation=(
            "提示同一数额在两张表中印出的小数位数不同（如一处 953.2、另一处 953.20）："
            "比较表一与表二的本年收入合计、表一与表三的本年支出合计、表三与表五的基本支出。"
            "小数位数不同通常说明其中一处是手工录入或另行取整的，值得复核。"
        ),
    ),
)
def mixed_precision(ctx: RuleContext) -> Iterator[Finding]:
    """One quantity printed in two tables should be printed the same way; ``953.2`` in one table
    and ``953.20`` in another usually means one was typed by hand or rounded differently."""
    for label, first, second in _SAME_QUANTITY:
        a, b = first(ctx), second(ctx)
        if a is None or b is None or a.value is None or b.value is None:
            continue
        if a.decimals == b.decimals or a.value == 0:
            continue
        yield ctx.finding(
            "FA704",
            f"{label}在两张表中的小数位数不同：{a.text.strip()}（{a.decimals} 位）与 "
            f"{b.text.strip()}（{b.decimals} 位）",
            b.span,
            related=[RelatedSpan(span=a.span, note=f"另一处{label}")],
        )
