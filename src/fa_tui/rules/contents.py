"""FA117: the 目录 (table of contents) lists the report's tables, under their numbers.

A reader finds a table through the 目录: a table printed but not listed, or listed under another
number (``六、…`` for 公开07表), sends them to the wrong page.
"""

from __future__ import annotations

from collections.abc import Iterator

from fa_tui import pattern_cache
from fa_tui.model import Category, Finding, PartName, RelatedSpan, Severity, Span, TableStatus
from fa_tui.parse.outline.ordinals import ordinal_value
from fa_tui.parse.outline.toc import cleaned_lines
from fa_tui.parse.tables.titles import match_title
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.schema import template_of

_BULLET = pattern_cache.compile(r"^[-•·]\s*")
_LEADER = pattern_cache.compile(r"[.…·．\s\d]*$")  # dotted leader and page number
_ORDINAL = pattern_cache.compile(
    r"^(?:表|附表|部门决算表)?[（(]?(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})[）)]?[、：:．.]?"
)
_LISTED_AT_LEAST = 3  # a 目录 that names fewer tables does not list them one by one


def _listed(ctx: RuleContext) -> dict[str, tuple[int, Span]]:
    """Standard table id → (printed ordinal or 0, span of the entry) for each 目录 entry."""
    template = template_of(ctx.report)
    cleans, toc = cleaned_lines(ctx.report.source.lines)
    out: dict[str, tuple[int, Span]] = {}
    for index in sorted(toc):
        text = cleans[index].text
        if "表" not in text:
            continue
        core = _LEADER.sub("", _BULLET.sub("", text))
        match = match_title(core, template)
        if match is None or match.role not in {s.id for s in template.tables}:
            continue
        ordinal = _ORDINAL.match(core)
        number = ordinal_value(ordinal.group("n")) if ordinal else None
        line = ctx.report.source.line(index + 1)
        at = line.find(core[:4]) if core[:4] else -1
        start = at + 1 if at >= 0 else 1
        span = Span.at(index + 1, start, start + len(core))
        out.setdefault(match.role, (number or 0, span))
    return out


@rule(
    RuleCode(
        "FA117",
        "contents-list-tables",
        "目录列出报告中的各张决算表",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查报告目录是否逐一列出了报告中印出的决算表，且序号与表在报告中的次序一致："
            "表格印出了但目录没有列出，或目录中的序号与表号不同，读者会找错表。"
            "目录只列“部门决算表”而不逐表列出时不检查。"
        ),
        part=PartName.TABLES,
    ),
)
def contents_rule(ctx: RuleContext) -> Iterator[Finding]:
    """Each printed standard table is listed in the 目录 (when it lists tables one by one), under
    the number the template prints it with."""
    listed = _listed(ctx)
    if len(listed) < _LISTED_AT_LEAST:
        return
    printed = _printed_numbers(ctx)
    for spec in template_of(ctx.report).tables:
        table = ctx.report.table(spec.id)
        if table is None or table.status is TableStatus.MISSING:
            continue
        where = table.title_span or table.span
        if spec.id not in listed:
            yield ctx.finding(
                "FA117", f"目录未列出{spec.short}（{table.title}）", where, actual="（未列出）"
            )
            continue
        number, span = listed[spec.id]
        expected = printed.get(spec.id)
        if number and expected is not None and number != expected:
            yield ctx.finding(
                "FA117",
                f"目录中{table.title}的序号为 {number}，而该表在报告中是第 {expected} 张",
                span,
                related=[RelatedSpan(span=where, note=spec.id)] if where else [],
                expected=str(expected),
                actual=str(number),
            )


def _printed_numbers(ctx: RuleContext) -> dict[str, int]:
    """Each standard table's place among the report's tables, when every table of the template
    is printed (regions order them differently: Shanghai puts 三公 seventh). A printed
    ``公开NN表`` label may itself be wrong (FA104), so it does not decide."""
    tables = [
        t for spec in template_of(ctx.report).tables if (t := ctx.report.table(spec.id)) is not None
    ]
    placed = [t for t in tables if t.status is not TableStatus.MISSING and t.title_span]
    if len(placed) != len(tables):
        return {}
    placed.sort(key=lambda t: t.title_span.sort_key() if t.title_span else (0,))
    return {t.id: rank for rank, t in enumerate(placed, start=1) if t.id is not None}
