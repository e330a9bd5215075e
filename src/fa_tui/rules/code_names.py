"""FA311: one classification code, one name, in every table.

表一, 表三, 表五 (and the others) print the same 功能分类 科目 by code and name; a code named
differently in two tables is a copy slip or a code typed wrong. A name cut short by the table's
column (``财政对城乡居民基本医疗保险基金的``) is the same name.
"""

from __future__ import annotations

from collections.abc import Iterator

from fa_tui.model import Category, Finding, RelatedSpan, Row, Severity, Table, TableStatus
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.rules.table_access import norm
from fa_tui.schema import template_of


def _economic(code: str) -> bool:
    return code.startswith(("3", "5"))  # 经济分类 301…, 399…, 501…


def _coded(table: Table) -> Iterator[Row]:
    for row in table.rows:
        code = row.code
        if code and code.isdigit() and len(code) in (3, 5, 7) and row.name.strip():
            yield row


def _same_name(a: str, b: str) -> bool:
    return a == b or a.startswith(b) or b.startswith(a)


@rule(
    RuleCode(
        "FA311",
        "same-code-same-name",
        "同一科目编码在各表中名称一致",
        Category.CROSS_TABLE,
        Severity.WARNING,
        explanation=(
            "检查同一功能分类（或经济分类）科目编码在各张决算表中的名称是否一致：如表三的 2101101 "
            "为“行政单位医疗”，表五却为“事业单位医疗”，说明编码或名称有一处填错。名称因栏宽被截短"
            "（一方是另一方的开头）不算不一致。"
        ),
    ),
)
def code_name_rule(ctx: RuleContext) -> Iterator[Finding]:
    """A 功能分类/经济分类 code printed with different names in two tables (a name cut short
    by its column is the same name); reported at the later table, once per code and table."""
    first: dict[tuple[bool, str], tuple[str, Row, str]] = {}
    for spec in template_of(ctx.report).tables:
        table = ctx.report.table(spec.id)
        if table is None or table.status is not TableStatus.DATA:
            continue
        seen: set[str] = set()
        for row in _coded(table):
            assert row.code is not None
            key = (_economic(row.code), row.code)
            name = norm(row.name)
            if key not in first:
                first[key] = (spec.short, row, name)
                continue
            other_short, other_row, other_name = first[key]
            if other_short == spec.short or row.code in seen or _same_name(name, other_name):
                continue
            seen.add(row.code)
            yield ctx.finding(
                "FA311",
                f"科目 {row.code} 在{other_short}中为“{other_row.name.strip()}”，"
                f"在{spec.short}中为“{row.name.strip()}”",
                row.name_span or row.span,
                related=[RelatedSpan(span=other_row.name_span or other_row.span, note=other_short)],
                expected=other_row.name.strip(),
                actual=row.name.strip(),
            )
