"""FA6xx years and dates: every year the text names must fit the report year.

The report year comes from the title page or the part headings (``Report.year``); the years are
the ``YearFact`` of the narrative. All findings are warnings: a stale year is usually text copied
from last year's report, but a reviewer has to judge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from fa_tui import pattern_cache
from fa_tui.model import Category, Finding, RelatedSpan, Severity, Span
from fa_tui.model.facts import YearFact, YearRole
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule

Y = Category.YEARS


def _years(ctx: RuleContext, *roles: YearRole) -> Iterator[tuple[int, YearFact]]:
    """(report year, fact) for the year facts of ``roles``; none when the report year is unknown."""
    year = ctx.report.year
    if year is None:
        return
    for fact in ctx.report.facts:
        if isinstance(fact, YearFact) and fact.role in roles:
            yield year, fact


def _year_finding(
    ctx: RuleContext, code: str, fact: YearFact, message: str, *, expected: str
) -> Finding:
    """A finding on ``fact``'s year, pointing back at where the report year is stated."""
    span = ctx.report.year_span
    related = [RelatedSpan(span=span, note="报告年度")] if span is not None else []
    return ctx.finding(
        code, message, fact.span, related=related, expected=expected, actual=str(fact.year)
    )


@rule(
    RuleCode(
        "FA601",
        "report-year-consistent",
        "报告年度前后一致",
        Y,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查标题、各部分和章节标题中的年度，以及叙述全年数据的句首年度（如“2023年度一般公共预"
            "算财政拨款支出……”）是否都是报告年度。报告年度取自封面或各部分标题。"
            "年度不符多半是沿用上年报告的文字未改，需审核人判断，报为警告。"
        ),
    ),
)
def report_year(ctx: RuleContext) -> Iterator[Finding]:
    """The year in the title, the part and section headings, and the year a sentence opens with
    when it states the year's figures (``2023年度一般公共预算财政拨款支出…``) must all be the
    report year."""
    for year, fact in _years(ctx, YearRole.HEADING, YearRole.SUBJECT):
        if fact.year != year:
            where = "标题" if fact.role is YearRole.HEADING else "所述数据"
            message = f"{where}中的年度 {fact.year} 与报告年度 {year} 不一致"
            yield _year_finding(ctx, "FA601", fact, message, expected=str(year))


@rule(
    RuleCode(
        "FA602",
        "as-of-date-is-year-end",
        "截至日期为报告年度年末",
        Y,
        Severity.WARNING,
        explanation=(
            "检查“截至YYYY年12月31日”（或“12月底”）中的年份是否为报告年度：资产、"
            "车辆等年末数应以报告年度年末为时点。报告年度取自封面或各部分标题。"
            "年度不符多半是沿用上年报告的文字未改，需审核人判断，报为警告。"
        ),
    ),
)
def as_of(ctx: RuleContext) -> Iterator[Finding]:
    """``截至YYYY年12月31日`` (or ``12月底``) must name the report year: a balance at the end of
    another year is stale text."""
    for year, fact in _years(ctx, YearRole.AS_OF):
        if fact.year != year:
            message = f"“{fact.text}”与报告年度 {year} 不符，应为 {year} 年末"
            yield _year_finding(ctx, "FA602", fact, message, expected=str(year))


@rule(
    RuleCode(
        "FA603",
        "comparison-year-is-prior-year",
        "比较年度为上一年度",
        Y,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查“与YYYY年相比”“较YYYY年度”“比YYYY年”等比较年度是否为报告年度的上一年度。"
            "报告年度取自封面或各部分标题。年度不符多半是沿用上年报告的文字未改，需审核人判断，"
            "报为警告。"
        ),
    ),
)
def comparison(ctx: RuleContext) -> Iterator[Finding]:
    """``与YYYY年相比``, ``较YYYY年度``, ``比YYYY年`` compare with last year: YYYY must be the
    report year minus one."""
    for year, fact in _years(ctx, YearRole.COMPARISON):
        if fact.year != year - 1:
            message = f"“{fact.text}”的比较年度应为上一年度 {year - 1}，文中为 {fact.year}"
            yield _year_finding(ctx, "FA603", fact, message, expected=str(year - 1))


@rule(
    RuleCode(
        "FA604",
        "cited-documents-year",
        "引用文件和附件的年度为报告年度",
        Y,
        Severity.WARNING,
        explanation=(
            "检查引用的文件（如《2023年度预算项目绩效自评表》）"
            "和所附附件（如“绩效自评表（2023年度）”）的年度是否为报告年度。"
            "报告年度取自封面或各部分标题。年度不符多半是沿用上年报告的文字未改，需审核人判断，"
            "报为警告。"
        ),
    ),
)
def documents(ctx: RuleContext) -> Iterator[Finding]:
    """Documents cited (``《2023年度预算项目绩效自评表》``) and attachments named
    (``绩效自评表（2023年度）``) must carry the report year."""
    for year, fact in _years(ctx, YearRole.DOCUMENT, YearRole.ATTACHMENT):
        if fact.year != year:
            what = "引用文件" if fact.role is YearRole.DOCUMENT else "附件"
            named = fact.text if fact.role is YearRole.DOCUMENT else f"“{fact.text}”"
            message = f"{what}{named}的年度 {fact.year} 与报告年度 {year} 不符"
            yield _year_finding(ctx, "FA604", fact, message, expected=str(year))


@rule(
    RuleCode(
        "FA605",
        "cover-date-after-year-end",
        "落款或封面日期在报告年度结束之后",
        Y,
        Severity.WARNING,
        explanation=(
            "检查封面或落款日期是否在报告年度结束之后：决算报告在年度结束后编制，"
            "日期不晚于报告年度年末的，多半是日期错误或沿用了旧文本。报告年度取自封面或各部分标题。"
            "年度不符多半是沿用上年报告的文字未改，需审核人判断，报为警告。"
        ),
    ),
)
def cover_date(ctx: RuleContext) -> Iterator[Finding]:
    """A final-accounts report is compiled after its year has ended: a cover or signature date
    (``2023 年 9 月``) must fall after the report year."""
    for year, fact in _years(ctx, YearRole.COVER_DATE):
        if fact.year <= year:
            message = f"日期“{fact.text}”不晚于报告年度 {year} 年末，决算报告应在年度结束后编制"
            yield _year_finding(ctx, "FA605", fact, message, expected=f"> {year}")


# --- FA606 timeliness --------------------------------------------------------------------------

_DATE = r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# ``经区财政局于2025年8月5日批复``, ``批复时间：2025年8月5日``
_APPROVAL = pattern_cache.compile(
    rf"{_DATE}[^。；\n]{{0,24}}?批复|批复(?:日期|时间)[：:]?\s*{_DATE}"
)
_FULL_DATE = pattern_cache.compile(_DATE)
_DAYS_TO_PUBLISH = 20  # 部门决算 are made public within 20 days of their 批复 (预算法 §14)


def _date(m: re.Match[str], offset: int = 0) -> date | None:
    groups = [g for g in m.groups() if g is not None][offset : offset + 3]
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    except (ValueError, IndexError):
        return None


@rule(
    RuleCode(
        "FA606",
        "published-in-time",
        "决算在批复后及时公开",
        Y,
        Severity.WARNING,
        explanation=(
            "检查报告落款或公开日期是否及时：文中写明了财政部门批复决算的日期时，公开日期应在批复后"
            f" {_DAYS_TO_PUBLISH} 日内（预算法第十四条）；没有批复日期时，落款日期晚于报告年度的"
            "次年年末的，也提示公开不及时。日期取自报告本身，需审核人判断，报为警告。"
        ),
    ),
)
def published_in_time(ctx: RuleContext) -> Iterator[Finding]:
    """The report's own date against the 批复 date it states (≤ 20 days after), else against the
    fiscal year (by the end of the next year)."""
    covers = [f for _, f in _years(ctx, YearRole.COVER_DATE)]
    if not covers or ctx.report.year is None:
        return
    cover = covers[-1]
    approval = None
    for number, line in enumerate(ctx.report.source.lines, start=1):
        if "批复" in line and (m := _APPROVAL.search(line)) is not None:
            approval = (number, m)
            break
    full = _FULL_DATE.search(cover.text)
    published = _date(full) if full is not None else None
    if approval is not None and published is not None:
        number, m = approval
        approved = _date(m)
        if approved is not None and (published - approved).days > _DAYS_TO_PUBLISH:
            days = (published - approved).days
            yield ctx.finding(
                "FA606",
                f"决算于 {approved:%Y年%-m月%-d日} 批复，报告日期“{cover.text}”在批复后 {days} 日，"
                f"超过 {_DAYS_TO_PUBLISH} 日",
                cover.span,
                related=[
                    RelatedSpan(span=Span.at(number, m.start() + 1, m.end() + 1), note="批复日期")
                ],
                expected=f"≤ {_DAYS_TO_PUBLISH} 日",
                actual=f"{days} 日",
            )
        return
    if cover.year > ctx.report.year + 1:
        yield _year_finding(
            ctx,
            "FA606",
            cover,
            f"报告日期“{cover.text}”晚于报告年度的次年（{ctx.report.year + 1} 年）年末，公开不及时",
            expected=f"≤ {ctx.report.year + 1}",
        )
