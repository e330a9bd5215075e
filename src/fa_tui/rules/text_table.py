"""FA4xx text vs table: a figure quoted in the narrative must equal its table cell.

Each narrative amount whose label maps to a table quantity (``parse.labels.quantity_for``) is
compared with the cell, read in 万元 (the table's unit label, times ``figure_scale`` when the
figures are evidently in 元 under a ``单位：万元`` label). A text figure with fewer decimals
matches a table value that rounds to it (``13.8`` ↔ 13.7518); anything else is an error
(warnings for 机关运行经费 and other economic items, which may legitimately differ).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from fa_tui.model import (
    Amount,
    Category,
    Finding,
    RelatedSpan,
    Row,
    Severity,
    Table,
    TableRole,
    TableStatus,
)
from fa_tui.model.decimals import half_unit, show
from fa_tui.model.facts import AmountFact, Quantity
from fa_tui.parse.narrative.figures import in_wan
from fa_tui.parse.narrative.labels import CLASS_NAMES, table_usable
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.rules.table_access import norm
from fa_tui.rules.units import figure_scale

T = Category.TEXT_TABLE


class TableFigure(NamedTuple):
    """A table quantity read in 万元: its value, precision and the cells it came from."""

    value: Decimal
    decimals: int
    cells: tuple[Amount, ...]
    printed: str  # how the cells read (``138,366,269.56 × 0.0001``)


def _unit_factor(ctx: RuleContext, table: Table) -> tuple[Decimal, int]:
    """Factor from printed figures to 万元, and the decimals it adds."""
    factor = figure_scale(ctx, table)
    unit = (table.unit or ctx.report.unit or "万元").replace(" ", "")
    if "万元" not in unit and unit.endswith("元"):
        factor *= Decimal("0.0001")
    if factor == 1:
        return factor, 0
    exponent = factor.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite factor
    return factor, max(0, -exponent)


def _rows(table: Table, q: Quantity) -> list[Row]:
    rows = [r for r in table.rows if q.side is None or r.side is None or r.side == q.side]
    if q.aggregate and q.code:
        exact = [r for r in rows if r.code == q.code]
        if exact:
            return exact[:1]
        children = [r for r in rows if r.code and r.code.startswith(q.code)]
        if children:
            depth = min(len(r.code or "") for r in children)
            return [r for r in children if len(r.code or "") == depth]
        name = CLASS_NAMES.get(q.code)
        if name:
            named = [r for r in rows if not r.code and name in norm(r.name)]
            return named[:1]
        return []
    is_item = q.name.startswith("表五") and "（项）" in q.name
    if q.row and (q.code is not None or is_item):
        key = norm(q.row or "").removesuffix("支出")
        candidates = [
            r
            for r in rows
            if r.code
            and len(r.code) == 7
            and (q.code is None or r.code.startswith(q.code))
            and key
            and (key in norm(r.name) or norm(r.name).removesuffix("支出") in key)
        ]
        return candidates if len(candidates) == 1 else []
    if q.row:
        key = norm(q.row)
        found = next((r for r in rows if norm(r.name) == key), None)
        if found is None:
            found = next((r for r in rows if key in norm(r.name)), None)
        return [] if found is None else [found]
    # a one-row table (表九): the row that has the column
    return [r for r in rows if r.value(q.column) is not None][:1]


def table_figure(ctx: RuleContext, q: Quantity) -> tuple[Decimal, Amount, int] | None:
    """(value in 万元, first cell, decimals) of quantity ``q``, or ``None``."""
    found = read_quantity(ctx, q)
    if found is None:
        return None
    return found.value, found.cells[0], found.decimals


def read_quantity(ctx: RuleContext, q: Quantity) -> TableFigure | None:
    """The figure of quantity ``q`` in its table, read in 万元 (``None`` when not found).

    Memoised in ``ReportIndex.table_figures``.
    """
    memo = ctx.index.table_figures
    if q in memo:
        return memo[q]
    found = memo[q] = _read_quantity(ctx, q)
    return found


def _read_quantity(ctx: RuleContext, q: Quantity) -> TableFigure | None:
    table = ctx.report.table(q.table)
    if not table_usable(table):
        return None
    assert table is not None
    rows = _rows(table, q)
    cells = [r.value(q.column) for r in rows]
    if not rows or any(c is None or c.value is None for c in cells):
        return None
    amounts = tuple(c for c in cells if c is not None)
    values = [a.value for a in amounts if a.value is not None]  # all of them, checked above
    factor, shift = _unit_factor(ctx, table)
    total = sum(values, Decimal(0))
    decimals = max(a.decimals for a in amounts) + shift
    printed = " + ".join(
        show(v, a.decimals, grouped=True) for a, v in zip(amounts, values, strict=True)
    )
    if factor != 1:
        printed = (
            f"({printed}) × {factor.normalize():f}"
            if len(amounts) > 1
            else (f"{printed} × {factor.normalize():f}")
        )
    return TableFigure(total * factor, decimals, amounts, printed)


def _code_for(fact: AmountFact) -> str | None:
    q = fact.quantity
    if q is None:
        return None
    label = fact.label
    if q.table is TableRole.T01:
        if q.row == "总计":
            return "FA401"
        return "FA403" if q.side == "spending" else "FA402"
    if q.table is TableRole.T02:
        return "FA402"
    if q.table is TableRole.T03:
        return "FA403"
    if q.table is TableRole.T04:
        return "FA404"
    if q.table is TableRole.T05:
        return "FA405" if q.row == "合计" else "FA406"
    if q.table is TableRole.T06:
        if "机关运行经费" in label:
            return "FA409"
        if q.row in ("人员经费合计", "公用经费合计"):
            return "FA407"
        return "FA411"
    if q.table is TableRole.T09:
        return "FA408"
    if q.table in (TableRole.T07, TableRole.T08):
        return "FA410"
    return None


# The FA4xx codes: one per group of quantities (``_code_for`` picks it), checked in one pass.
TEXT_TABLE_CODES = (
    RuleCode(
        "FA401",
        "text-grand-totals-match-t01",
        "文中收、支总计与表一总计一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的收入总计、支出总计（收、支总计）是否等于表一（收入支出决算总表）“总计”"
            "行。文中数字常比表内数字少印小数位：表内数字按文中的小数位数四舍五入后相等即视为一致（"
            "如文中 13.8 万元与表内 13.7518 万元）；两者小数位数相同时必须完全相等。"
            "表内数字按表格的金额单位换算为万元（FA701 判定误标万元、实为元的表按元换算）。"
            "不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA402",
        "text-income-matches-t01-t02",
        "文中本年收入及各项来源与表一、表二一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的本年收入合计、各项收入来源（财政拨款收入、事业收入、其他收入等）"
            "和年初结转和结余，是否等于表一、表二的对应数字。文中数字常比表内数字少印小数位："
            "表内数字按文中的小数位数四舍五入后相等即视为一致（如文中 13.8 万元与表内 13.7518 万元"
            "）；两者小数位数相同时必须完全相等。表内数字按表格的金额单位换算为万元（FA701 判定误标"
            "万元、实为元的表按元换算）。不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA403",
        "text-spending-matches-t01-t03",
        "文中本年支出合计、基本支出、项目支出与表三一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的本年支出合计、基本支出、项目支出是否等于表三（支出决算表）合计行，"
            "按功能分类列示的各类支出和年末结转和结余是否等于表一。文中数字常比表内数字少印小数位："
            "表内数字按文中的小数位数四舍五入后相等即视为一致（如文中 13.8 万元与表内 13.7518 万元"
            "）；两者小数位数相同时必须完全相等。表内数字按表格的金额单位换算为万元（FA701 判定误标"
            "万元、实为元的表按元换算）。不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA404",
        "text-appropriation-totals-match-t04",
        "文中财政拨款收支总计与表四一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的财政拨款收入总计、支出总计是否等于表四（财政拨款收入支出决算总表）"
            "“总计”行。文中数字常比表内数字少印小数位：表内数字按文中的小数位数四舍五入后相等即视为"
            "一致（如文中 13.8 万元与表内 13.7518 万元）；两者小数位数相同时必须完全相等。"
            "表内数字按表格的金额单位换算为万元（FA701 判定误标万元、实为元的表按元换算）。"
            "不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA405",
        "text-general-budget-total-matches-t05",
        "文中一般公共预算财政拨款支出与表五合计一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的一般公共预算财政拨款支出（及其中的基本支出、项目支出）"
            "是否等于表五（一般公共预算财政拨款支出决算表）合计行。文中数字常比表内数字少印小数位："
            "表内数字按文中的小数位数四舍五入后相等即视为一致（如文中 13.8 万元与表内 13.7518 万元"
            "）；两者小数位数相同时必须完全相等。表内数字按表格的金额单位换算为万元（FA701 判定误标"
            "万元、实为元的表按元换算）。不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA406",
        "text-general-budget-items-match-t05",
        "文中按类、项列示的支出与表五一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中按功能分类“类”列示的支出结构，以及按“项”"
            "列示的具体支出（“……支出决算为……万元”），是否等于表五的对应科目（按科目编码匹配；"
            "表五未列该“类”行时取其下各项之和）。文中数字常比表内数字少印小数位："
            "表内数字按文中的小数位数四舍五入后相等即视为一致（如文中 13.8 万元与表内 13.7518 万元"
            "）；两者小数位数相同时必须完全相等。表内数字按表格的金额单位换算为万元（FA701 判定误标"
            "万元、实为元的表按元换算）。不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA407",
        "text-personnel-public-match-t06",
        "文中人员经费、公用经费与表六一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的人员经费、公用经费是否等于表六（一般公共预算财政拨款基本支出决算表）"
            "“人员经费合计”“公用经费合计”。文中数字常比表内数字少印小数位："
            "表内数字按文中的小数位数四舍五入后相等即视为一致（如文中 13.8 万元与表内 13.7518 万元"
            "）；两者小数位数相同时必须完全相等。表内数字按表格的金额单位换算为万元（FA701 判定误标"
            "万元、实为元的表按元换算）。不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA408",
        "text-three-public-matches-t09",
        "文中三公经费与表九一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中“三公”经费的预算数和决算数（合计，以及因公出国（境）费、"
            "公务用车购置及运行维护费、公务接待费各项）是否等于表九。"
            "文中数字常比表内数字少印小数位：表内数字按文中的小数位数四舍五入后相等即视为一致（如文"
            "中 13.8 万元与表内 13.7518 万元）；两者小数位数相同时必须完全相等。"
            "表内数字按表格的金额单位换算为万元（FA701 判定误标万元、实为元的表按元换算）。"
            "不一致的报为错误。"
        ),
    ),
    RuleCode(
        "FA409",
        "text-office-running-matches-t06",
        "机关运行经费与表六公用经费合计一致",
        T,
        Severity.WARNING,
        explanation=(
            "检查情况说明中的机关运行经费是否等于表六（一般公共预算财政拨款基本支出决算表）"
            "“公用经费合计”。机关运行经费在实务中即一般公共预算财政拨款基本支出中的公用经费，"
            "但口径可能不同，差异需要说明，因此报为警告。文中数字常比表内数字少印小数位："
            "表内数字按文中的小数位数四舍五入后相等即视为一致（如文中 13.8 万元与表内 13.7518 万元"
            "）；两者小数位数相同时必须完全相等。表内数字按表格的金额单位换算为万元（FA701 判定误标"
            "万元、实为元的表按元换算）。"
        ),
    ),
    RuleCode(
        "FA410",
        "text-funds-match-t07-t08",
        "文中政府性基金、国有资本经营支出与表七、表八一致",
        T,
        Severity.ERROR,
        explanation=(
            "检查情况说明中的政府性基金预算、国有资本经营预算财政拨款支出是否等于表七、表八合计；"
            "表七、表八公开为空表而文中写有不为 0 的金额的，也报为错误。"
            "文中数字常比表内数字少印小数位：表内数字按文中的小数位数四舍五入后相等即视为一致（如文"
            "中 13.8 万元与表内 13.7518 万元）；两者小数位数相同时必须完全相等。"
            "表内数字按表格的金额单位换算为万元（FA701 判定误标万元、实为元的表按元换算）。"
        ),
    ),
    RuleCode(
        "FA411",
        "text-economic-items-match-t06",
        "文中其他经济分类科目与表六一致",
        T,
        Severity.WARNING,
        explanation=(
            "检查情况说明基本支出部分提到的其他经济分类科目（培训费、办公费、差旅费等）"
            "是否等于表六对应行。文中数字可能包含项目支出，因此报为警告；会议费不作比较。"
            "文中数字常比表内数字少印小数位：表内数字按文中的小数位数四舍五入后相等即视为一致（如文"
            "中 13.8 万元与表内 13.7518 万元）；两者小数位数相同时必须完全相等。"
            "表内数字按表格的金额单位换算为万元（FA701 判定误标万元、实为元的表按元换算）。"
        ),
    ),
)


@rule(*TEXT_TABLE_CODES)
def quoted_figures(ctx: RuleContext) -> Iterator[Finding]:
    """Each narrative amount mapped to a table quantity ↔ that table figure (one pass, FA401–411).

    ``_code_for`` picks the code from the quantity's table and row.
    """
    for fact in ctx.report.facts:
        if not isinstance(fact, AmountFact) or fact.quantity is None:
            continue
        if fact.role == "budget" and fact.quantity.table is not TableRole.T09:
            continue
        code = _code_for(fact)
        text_value = in_wan(fact.amount)
        if code is None or text_value is None:
            continue
        found = read_quantity(ctx, fact.quantity)
        if found is None:
            if code == "FA410" and text_value != 0:
                yield from _quoted_but_empty(ctx, fact, text_value)
            continue
        dt, dx = found.decimals, fact.amount.decimals
        if fact.amount.unit == "元":
            dx += 4
        tolerance = Decimal(0) if dt == dx else half_unit(min(dt, dx))
        difference = text_value - found.value
        if abs(difference) <= tolerance:
            continue
        decimals = max(dx, 2)
        expected = show(found.value, decimals)
        diff = show(difference, decimals, signed=True)
        name = cited(fact.quantity.name)
        yield ctx.finding(
            code,
            f"{_quoted(fact)}，与{name}的 {expected} 万元不一致",
            fact.amount.span,
            related=[RelatedSpan(span=cell.span, note=name) for cell in found.cells[:12]],
            expected=expected,
            actual=fact.amount.text,
            difference=diff,
            computation=f"{name}：{found.printed} = {expected} 万元 ≠ {fact.amount.text}",
        )


def _quoted_but_empty(ctx: RuleContext, fact: AmountFact, text_value: Decimal) -> Iterator[Finding]:
    """A non-zero 政府性基金/国有资本经营 figure in the text while 表七/表八 is empty."""
    assert fact.quantity is not None
    table = ctx.report.table(fact.quantity.table)
    if table is None or table.status is not TableStatus.EMPTY:
        return
    related = [
        RelatedSpan(span=span, note=note)
        for span, note in ((table.title_span, f"{table.id}为空表"), (table.note_span, "空表说明"))
        if span is not None
    ]
    yield ctx.finding(
        "FA410",
        f"{_quoted(fact)}，但{table.id}（{table.title}）是空表",
        fact.amount.span,
        related=related,
        expected="0",
        actual=fact.amount.text,
        difference=show(text_value, fact.amount.decimals),
        computation=f"{table.id} 无数据 = 0 万元 ≠ {fact.amount.text}",
    )


def _quoted(fact: AmountFact) -> str:
    """``文中“收、支总计”为 13830.7 万元`` (the figure as printed)."""
    if fact.label:
        return f"文中“{fact.label}”为 {fact.amount.text} 万元"
    return f"文中的 {fact.amount.text} 万元"


def cited(name: str) -> str:
    """A table quantity as a reviewer cites it: ``表一 总计`` → ``表一“总计”``,
    ``表三 合计 基本支出`` → ``表三“合计”基本支出``, ``表五 类 210`` → ``表五“210 类”``."""
    table, _, rest = name.partition(" ")
    if not rest:
        return name
    if rest.startswith("合计 "):
        return f"{table}“合计”{rest.removeprefix('合计 ')}"
    if rest.startswith("类 "):
        return f"{table}“{rest.removeprefix('类 ')} 类”"
    return f"{table}“{rest}”"
