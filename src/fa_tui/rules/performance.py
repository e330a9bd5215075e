"""绩效 (performance) information: the 自评表's arithmetic, 自评表 only referenced, 满意度.

FA210–FA214 read the 部门整体/项目支出绩效自评表 (an other table, its cells keyed by their
header text: ``parse.tables.generic``). Columns are found by their header words (年初预算数,
年中预算调整数, 调整后/全年预算数, 实际支出/全年执行数, 执行率, 分值, 得分), never by position.
Two blocks are read:

- the 资金 block: the rows carrying at least two of the money columns; its total (合计, 年度资金
  总额) and the sources listed under it (其中：一般公共预算拨款, 政府性基金 …, 其他资金);
- the 指标 block: every other row with both a 分值 and a 得分, and the total score (总分, or a
  ``自评得分(满分100分)`` label beside its figure).

A 指标 block is read only when its 分值 add up to the full marks (with the 预算执行 分值): a
merged cell printed as an extra or a missing column shifts a row's figures under the wrong
headers, and a table read that way says nothing rather than something wrong.

FA115 finds the 绩效自评表 that the text sends to an attachment but the report does not hold;
FA516 recomputes a 满意度 from the counts of the answers it is stated with.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from fa_tui import pattern_cache
from fa_tui.model import (
    Amount,
    Category,
    Finding,
    RelatedSpan,
    Row,
    Severity,
    SourceText,
    Span,
    Table,
    TableRole,
    TableStatus,
)
from fa_tui.model.decimals import show
from fa_tui.model.facts import CountFact
from fa_tui.rules.intervals import Interval, of, of_rate, rate_decimals, ratio
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule
from fa_tui.rules.table_access import not_above_finding, sum_finding, verdict
from fa_tui.rules.tolerance import check_sum, computation, rounding_of

ZERO = Decimal(0)
HUNDRED = Decimal(100)
T = Category.TABLE_INTERNAL

# --- reading the 自评表 --------------------------------------------------------------------------

_SELF_TABLE = pattern_cache.compile(r"绩效自评表|绩效自评结果表|绩效评价表|自评表")
_SCORE_LABEL = pattern_cache.compile(r"[(（]\s*(?:满分)?\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]$")
_TOTAL_ROW = pattern_cache.compile(r"^(?:合计|总计|资金总额|年度资金总额|项目资金总额|总额)$")
_SCORE_TOTAL = pattern_cache.compile(r"总分|自评得分|综合得分|合计|总计")
_BUDGET_SCORE = pattern_cache.compile(r"预算执行|资金执行|执行率")
_PREFIX = pattern_cache.compile(
    r"^(?:其中[：:]?|[0-9]+[.．、]|[（(][0-9一二三四五六七八九十]+[)）]|\s)+"
)

# The money columns of the 资金 block, and the scores.
INITIAL, ADJUSTMENT, ADJUSTED, OUTTURN, RATE, WEIGHT, SCORE = (
    "年初预算数",
    "预算调整数",
    "调整后预算数",
    "执行数",
    "执行率",
    "分值",
    "得分",
)
_MONEY = (INITIAL, ADJUSTMENT, ADJUSTED, OUTTURN)

# The source families a 资金 total is split into. A split is checked only when every part is
# one of them, 财政拨款 is not listed beside its own funds (nested), and 其他资金 closes the list.
_FISCAL_FUND = pattern_cache.compile(r"^(?:一般公共预算|政府性基金|国有资本经营|社会保险基金)")
_FISCAL = pattern_cache.compile(r"^(?:当年|本级|本年)?财政(?:拨款|资金|补助)")
_CARRIED = pattern_cache.compile(r"^上年(?:结转|结余)|^结转(?:结余)?资金")
_OTHER = pattern_cache.compile(r"^其他(?:资金|收入)?$")


def _role(key: str) -> str | None:
    """The column a header text names (``None``: not one the rules read)."""
    text = key.split("#")[0]
    if _SCORE_LABEL.search(text):
        return None  # a label beside its figure (``预算执行(10分)``): read by ``_labelled``
    if "执行率" in text:
        return RATE
    if any(w in text for w in ("调整后", "全年预算", "调整预算")) or text == "预算数":
        return ADJUSTED
    if "年初预算" in text:
        return INITIAL
    if "调整数" in text or "调整额" in text:
        return ADJUSTMENT
    if "实际支出" in text or "执行数" in text:
        return OUTTURN
    if "分值" in text or "权重" in text:
        return WEIGHT
    if text.endswith("得分") and "自评" not in text:
        return SCORE
    return None


def _cells(row: Row) -> dict[str, Amount]:
    """The row's figures by column role (the first of each)."""
    out: dict[str, Amount] = {}
    for key, amount in row.cells.items():
        role = _role(key)
        if role is not None and role not in out:
            out[role] = amount
    return out


def _labelled(row: Row) -> list[tuple[str, Decimal, Amount]]:
    """(label, full marks, figure) of the score labels beside their figures in ``row``."""
    out: list[tuple[str, Decimal, Amount]] = []
    for key, amount in row.cells.items():
        found = _SCORE_LABEL.search(key.split("#")[0])
        if found is not None and amount.value is not None:
            out.append((key.split("#")[0], Decimal(found.group(1)), amount))
    return out


def _label_span(source: SourceText, label: str, amount: Amount) -> Span:
    """Where ``label`` is printed on the line of ``amount``, left of it (else the figure)."""
    line = source.line(amount.span.line)
    at = line.rfind(label, 0, amount.span.column - 1)
    if at < 0:
        return amount.span
    return Span.at(amount.span.line, at + 1, at + 1 + len(label))


_CHUNKS = pattern_cache.compile(r"\t|\s{2,}")


def indicator_name(source: SourceText, row: Row, cells: dict[str, Amount]) -> str:
    """An indicator row's own name for messages: the first text before its 分值 that is not a
    一级/二级 label (those end in 指标), else the row's name."""
    weight = cells.get(WEIGHT)
    if weight is not None and weight.span.line == row.span.line:
        before = source.line(row.span.line)[: weight.span.column - 1]
        for chunk in _CHUNKS.split(before):
            text = chunk.strip()
            if text and not text.endswith("指标") and not text[0].isdigit():
                return _PREFIX.sub("", text)
    return _name(row) or row.name


def _name(row: Row) -> str:
    return _PREFIX.sub("", row.name.replace(" ", "").replace("\u3000", ""))


class SelfTable:
    """What the rules read of one 自评表: its 资金 block and its 指标 block."""

    def __init__(self, table: Table, source: SourceText) -> None:
        self.table = table
        self.funds: list[tuple[Row, dict[str, Amount]]] = []  # the 资金 block, in order
        self.indicators: list[tuple[Row, dict[str, Amount]]] = []
        self.score_total: tuple[Amount, Decimal | None] | None = None  # (得分, 满分)
        self.budget_score: tuple[Amount, Decimal, Span] | None = None  # (得分, 分值, label)
        for row in table.rows:
            cells = _cells(row)
            labelled = _labelled(row)
            for label, marks, amount in labelled:
                if _BUDGET_SCORE.search(label) and self.budget_score is None:
                    self.budget_score = (amount, marks, _label_span(source, label, amount))
                elif _SCORE_TOTAL.search(label) and self.score_total is None:
                    self.score_total = (amount, marks)
            if labelled:
                continue
            if sum(1 for role in (*_MONEY, RATE) if role in cells) >= 2:
                if not self.indicators:  # the 资金 block comes before the 指标
                    self.funds.append((row, cells))
                continue
            if WEIGHT in cells and SCORE in cells:
                if _SCORE_TOTAL.search(_name(row)):
                    if self.score_total is None:
                        self.score_total = (cells[SCORE], cells[WEIGHT].value)
                else:
                    self.indicators.append((row, cells))

    @property
    def funds_total(self) -> tuple[Row, dict[str, Amount]] | None:
        """The 资金 block's total row (合计, 年度资金总额), when it opens the block."""
        if self.funds and _TOTAL_ROW.match(_name(self.funds[0][0])):
            return self.funds[0]
        return None

    def sources(self) -> list[tuple[Row, dict[str, Amount]]] | None:
        """The sources listed under the total, when they are the whole of it (see above)."""
        if self.funds_total is None:
            return None
        parts = self.funds[1:]
        if len(parts) < 2:
            return None
        names = [_name(row) for row, _ in parts]
        families = set()
        for name in names:
            if _FISCAL_FUND.match(name):
                families.add("fund")
            elif _FISCAL.match(name):
                families.add("fiscal")
            elif _CARRIED.match(name):
                families.add("carried")
            elif _OTHER.match(name):
                families.add("other")
            else:
                return None  # a source not known: maybe a breakdown of another
        if {"fund", "fiscal"} <= families or "other" not in families:
            return None
        return parts

    def budget(self) -> tuple[Amount, Decimal, Amount, Span, str] | None:
        """(得分, 分值, 执行率, where the 分值 is printed, what) of the 预算执行 score."""
        total = self.funds_total
        if total is None:
            return None
        _, cells = total
        rate = cells.get(RATE)
        if rate is None or rate.value is None:
            return None
        if SCORE in cells and WEIGHT in cells:
            weight = cells[WEIGHT]
            if weight.value is not None and cells[SCORE].value is not None:
                return cells[SCORE], weight.value, rate, weight.span, "分值"
        if self.budget_score is not None:
            score, marks, where = self.budget_score
            return score, marks, rate, where, "分值"
        return None

    def read_indicators(self) -> bool:
        """Whether the 指标 block's 分值 add up to the full marks (its reading holds)."""
        if not self.indicators or self.score_total is None:
            return False
        marks = self.score_total[1] if self.score_total[1] is not None else HUNDRED
        weights = ZERO
        for _, cells in self.indicators:
            weight = cells[WEIGHT].value
            if weight is None:
                return False
            weights += weight
        budget = self.budget()
        if budget is not None:
            weights += budget[1]  # the 预算执行 score stands beside the 指标
        return weights == marks


def self_tables(ctx: RuleContext) -> list[SelfTable]:
    """The report's 自评表 with figures."""
    return [
        SelfTable(t, ctx.report.source)
        for t in ctx.report.tables
        if t.role == TableRole.OTHER
        and t.status is TableStatus.DATA
        and _SELF_TABLE.search(t.title.replace(" ", ""))
    ]


def _what(table: SelfTable, row: Row, column: str) -> str:
    return f"{table.table.title}“{_name(row) or row.name}”行{column}"


# --- FA210 调整后预算数 ---------------------------------------------------------------------------


@rule(
    RuleCode(
        "FA210",
        "self-evaluation-adjusted-budget",
        "绩效自评表调整后预算数等于年初预算数加年中调整数",
        T,
        Severity.ERROR,
        explanation=(
            "检查绩效自评表资金部分每一行的调整后预算数是否等于年初预算数加年中预算调整数"
            "（调整数可为负）。按栏目表头文字找列，不按位置。差额在舍位误差（各数末位半个单位之和）"
            "以内的报为提示（尾数差异），超出的报为错误。"
        ),
    )
)
def adjusted_budget(ctx: RuleContext) -> Iterator[Finding]:
    """调整后预算数 = 年初预算数 + 年中预算调整数, on every row of the 资金 block."""
    for table in self_tables(ctx):
        for row, cells in table.funds:
            initial, change, adjusted = (cells.get(k) for k in (INITIAL, ADJUSTMENT, ADJUSTED))
            if initial is None or change is None or adjusted is None:
                continue
            if initial.value is None or adjusted.value is None:
                continue
            found = sum_finding(
                ctx,
                "FA210",
                _what(table, row, "调整后预算数"),
                adjusted,
                [(initial, "年初预算数"), (change, "年中预算调整数")],
                relation="年初预算数加年中预算调整数",
            )
            if found is not None:
                yield found


# --- FA211 预算执行率 -----------------------------------------------------------------------------


def _rate_fits(rate: Amount, computed: Interval) -> bool:
    """Whether the printed rate is the computed one (in percent; a bare figure also as a
    fraction, ``0.53`` for 53%)."""
    if of_rate(rate).meets(computed):
        return True
    return not rate.is_percent and of_rate(rate).meets(computed.scale(Decimal("0.01")))


@rule(
    RuleCode(
        "FA211",
        "self-evaluation-execution-rate",
        "绩效自评表预算执行率等于实际支出数除以调整后预算数",
        T,
        Severity.ERROR,
        explanation=(
            "检查绩效自评表资金部分每一行的预算执行率是否等于实际支出数（全年执行数）除以"
            "调整后预算数（或全年预算数；表中只有年初预算数时除以年初预算数）。按印出数字的"
            "四舍五入区间判断（各数末位半个单位）：区间内能得到表中比例即视为正确（尾数差异不报），"
            "否则报为错误；预算数为 0 的行不查。"
        ),
    )
)
def execution_rate(ctx: RuleContext) -> Iterator[Finding]:
    """执行率 = 实际支出数 ÷ 调整后预算数 (÷ 年初预算数 when it is the only budget column)."""
    for table in self_tables(ctx):
        for row, cells in table.funds:
            rate, outturn = cells.get(RATE), cells.get(OUTTURN)
            base_key = ADJUSTED if ADJUSTED in cells else None
            if base_key is None and ADJUSTMENT not in cells and INITIAL in cells:
                base_key = INITIAL
            base = cells.get(base_key) if base_key else None
            if rate is None or outturn is None or base is None:
                continue
            if rate.value is None or outturn.value is None or not base.value:
                continue
            computed = ratio(of(outturn), of(base))
            if computed is None or _rate_fits(rate, computed):
                continue
            decimals = rate_decimals(rate)
            expected = outturn.value / base.value * HUNDRED
            formula = f"{outturn.printed()} ÷ {base.printed()}"
            base_name = "调整后预算数" if base_key == ADJUSTED else "年初预算数"
            printed = rate.text if rate.text.endswith(("%", "％")) else rate.text + "%"
            yield ctx.finding(
                "FA211",
                f"{_what(table, row, '预算执行率')}应为 {formula} = "
                f"{show(expected, decimals)}%，表中为 {printed}",
                rate.span,
                related=[
                    RelatedSpan(span=outturn.span, note="实际支出数"),
                    RelatedSpan(span=base.span, note=base_name),
                ],
                expected=show(expected, decimals) + "%",
                actual=printed,
                difference=show(rate.value - expected, decimals, signed=True),
                computation=(
                    f"{formula} × 100% = {show(expected, decimals + 2)}% ≈ "
                    f"{show(expected, decimals)}% ≠ {printed}"
                ),
            )


# --- FA212 合计 = Σ 资金来源 ----------------------------------------------------------------------


@rule(
    RuleCode(
        "FA212",
        "self-evaluation-funds-total",
        "绩效自评表资金合计等于各资金来源之和",
        T,
        Severity.ERROR,
        explanation=(
            "检查绩效自评表资金部分的合计（年度资金总额）在年初预算数、调整数、调整后预算数、"
            "实际支出数各栏是否等于其下所列各资金来源（一般公共预算拨款、政府性基金、国有资本"
            "经营预算、上年结转、其他资金等）之和。只在所列来源完整（列有其他资金、没有把财政拨款"
            "与其中的一般公共预算同时列出）时检查；差额在舍位误差（各数末位半个单位之和）以内报为"
            "提示（尾数差异），超出报为错误。"
        ),
    )
)
def funds_total(ctx: RuleContext) -> Iterator[Finding]:
    """合计 = Σ the sources listed under it, in every money column."""
    for table in self_tables(ctx):
        total, parts = table.funds_total, table.sources()
        if total is None or parts is None:
            continue
        row, cells = total
        for column in _MONEY:
            amount = cells.get(column)
            if amount is None or amount.value is None:
                continue
            found = sum_finding(
                ctx,
                "FA212",
                _what(table, row, column),
                amount,
                [(c.get(column), _name(r) or r.name) for r, c in parts],
                relation="各资金来源之和",
            )
            if found is not None:
                yield found


# --- FA213 自评得分 = Σ 指标得分 -----------------------------------------------------------------


@rule(
    RuleCode(
        "FA213",
        "self-evaluation-total-score",
        "绩效自评表自评得分等于各项指标得分之和",
        T,
        Severity.ERROR,
        explanation=(
            "检查绩效自评表的自评得分（总分）是否等于各项绩效指标得分之和，另列预算执行得分的"
            "加上该得分。只在各指标分值（连同预算执行分值）之和等于满分时检查：分值对不上满分"
            "说明表格未能可靠读出（合并单元格错位），此时不作判断。差额在舍位误差（各得分末位半个"
            "单位之和）以内报为提示（尾数差异），超出报为错误。"
        ),
    )
)
def total_score(ctx: RuleContext) -> Iterator[Finding]:
    """自评得分 = Σ 指标得分 (+ the 预算执行 score), when the 分值 add up to the full marks."""
    source = ctx.report.source
    for table in self_tables(ctx):
        if not table.read_indicators() or table.score_total is None:
            continue
        total = table.score_total[0]
        parts: list[tuple[Amount | None, str]] = [
            (cells[SCORE], f"{indicator_name(source, row, cells)} 得分")
            for row, cells in table.indicators
        ]
        budget = table.budget()
        if budget is not None:
            parts.append((budget[0], "预算执行得分"))
        found = _score_sum(ctx, f"{table.table.title}自评得分", total, parts)
        if found is not None:
            yield found


def _score_sum(
    ctx: RuleContext, what: str, total: Amount, parts: list[tuple[Amount | None, str]]
) -> Finding | None:
    """``total`` = Σ ``parts`` for scores: a score printed without decimals is exact (scores
    are given in whole points, not rounded from finer ones); one with decimals carries half a
    unit of its last place."""
    if total.value is None:
        return None
    kept = [(p, note) for p, note in parts if p is not None and p.value is not None]
    amounts = [p for p, _ in kept]
    check = check_sum(total, amounts)
    if check is None or check.exact:
        return None
    tolerance = sum((rounding_of(a) for a in (total, *amounts) if a.decimals > 0), ZERO)
    check = check._replace(tolerance=tolerance)
    expected, actual, diff = check.texts()
    return ctx.finding(
        "FA213",
        f"{what}为 {actual}，各项得分之和为 {expected}，相差 {diff}，{verdict(check)}",
        total.span,
        severity=check.severity,
        related=[RelatedSpan(span=p.span, note=note) for p, note in kept if p.value],
        expected=expected,
        actual=actual,
        difference=diff,
        computation=computation(check, amounts),
    )


# --- FA214 得分 ≤ 分值, 预算执行得分 = 分值 × 执行率 --------------------------------------------


@rule(
    RuleCode(
        "FA214",
        "self-evaluation-score-within-weight",
        "绩效自评表各项得分不超过分值，预算执行得分等于分值乘执行率",
        T,
        Severity.ERROR,
        explanation=(
            "检查绩效自评表每项指标的得分不超过其分值（分值之和等于满分时才逐项检查），"
            "以及预算执行得分是否等于预算执行分值乘以预算执行率（执行率超过 100% 的按分值计）。"
            "得分按印出执行率与得分末位半个单位的四舍五入区间判断，区间内的尾数差异不报，不符的报为错误。"
        ),
    )
)
def score_within_weight(ctx: RuleContext) -> Iterator[Finding]:
    """Each 得分 ≤ its 分值; the 预算执行 score = 分值 × 执行率 (capped at the 分值)."""
    source = ctx.report.source
    for table in self_tables(ctx):
        if table.read_indicators():
            for row, cells in table.indicators:
                found = not_above_finding(
                    ctx,
                    "FA214",
                    f"{table.table.title}“{indicator_name(source, row, cells)}”得分",
                    cells[SCORE],
                    cells[WEIGHT],
                    "分值",
                )
                if found is not None:
                    yield found
        budget = table.budget()
        if budget is None:
            continue
        score, weight, rate, where, _ = budget
        assert rate.value is not None and score.value is not None
        low, high = (
            of_rate(rate).scale(weight / HUNDRED).lo,
            of_rate(rate).scale(weight / HUNDRED).hi,
        )
        computed = Interval(min(low, weight), min(high, weight))
        if of(score).meets(computed):
            continue
        expected = min(rate.value * weight / HUNDRED, weight)
        decimals = max(score.decimals, 2)
        printed_rate = rate.text if rate.text.endswith(("%", "％")) else rate.text + "%"
        formula = f"{show(weight, 0 if weight == weight.to_integral() else 2)} × {printed_rate}"
        yield ctx.finding(
            "FA214",
            f"{table.table.title}预算执行得分应为 {formula} = {show(expected, decimals)}，"
            f"表中为 {score.text}",
            score.span,
            related=[
                RelatedSpan(span=rate.span, note="预算执行率"),
                RelatedSpan(span=where, note="预算执行分值"),
            ],
            expected=show(expected, decimals),
            actual=score.text,
            difference=show((score.value or ZERO) - expected, decimals, signed=True),
            computation=f"{formula} = {show(expected, decimals)} ≠ {score.text}",
        )


# --- FA115 绩效自评表 only referenced -------------------------------------------------------------

_REFERENCED = pattern_cache.compile(
    r"[^\s《》〈〉：:\[\]“”\"'，,。；;、（）()]*?(?:绩效自评表|绩效自评结果表|绩效评价表|自评表)"
)
_ATTACHED = pattern_cache.compile(r"附件|附表|详见|见附|另附")
_TOC_LINE = pattern_cache.compile(r"^\s*[-•·]|PAGEREF|[.…·]{4,}\s*\d*\s*$")
# Words of a 自评表's first lines: a title followed by them is the table itself, printed (a text
# layer laid out with blanks is not read as a table, yet the table is there).
_TABLE_BODY = pattern_cache.compile(
    r"项目名称|主管部门|实施单位|部门名称|资金来源|年初预算数|全年预算数|一级指标|二级指标|"
    r"三级指标|分值|得分|预算执行率|年度总体目标"
)
_BODY_LINES = 4  # non-blank lines after a title looked at for them


def _printed_below(source: SourceText, number: int) -> bool:
    """Whether the lines after ``number`` open a 自评表 (its 项目名称, 年初预算数, 分值 …)."""
    seen = 0
    for below in range(number + 1, min(number + 12, source.line_count) + 1):
        text = source.line(below).strip()
        if not text:
            continue
        if _TABLE_BODY.search(text):
            return True
        seen += 1
        if seen >= _BODY_LINES:
            break
    return False


def _kind(name: str) -> str | None:
    if "整体" in name:
        return "整体"
    if "项目" in name:
        return "项目"
    return None


@rule(
    RuleCode(
        "FA115",
        "self-evaluation-table-only-referenced",
        "绩效自评表只提及未公开",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "提示正文称绩效自评表见附件或作为附表（“附表：……绩效自评表”“《……绩效自评表》详见附件”），"
            "而报告中并没有这张表：读者无法核对自评结果与资金执行情况。报告中有相应的自评表"
            "（部门整体或项目支出）时不报。"
        ),
    )
)
def self_table_referenced(ctx: RuleContext) -> Iterator[Finding]:
    """A 绩效自评表 the text sends to an attachment, absent from the report."""
    present = [
        t.title.replace(" ", "")
        for t in ctx.report.tables
        if t.role == TableRole.OTHER and t.rows and _SELF_TABLE.search(t.title.replace(" ", ""))
    ]
    in_tables: set[int] = set()
    for table in ctx.report.tables:
        if table.span is not None and table.rows:
            in_tables.update(range(table.span.line, table.span.end_line + 1))
    found_refs: list[tuple[str, str | None, Span]] = []
    source = ctx.report.source
    for number in range(1, source.line_count + 1):
        line = source.line(number)
        if number in in_tables or "表" not in line or _TOC_LINE.search(line):
            continue
        found = _REFERENCED.search(line)
        if found is None or not found.group(0):
            continue
        if _printed_below(source, number):
            present.append(found.group(0))  # the title of the table, printed below it
        elif _ATTACHED.search(line):
            name = found.group(0)
            found_refs.append(
                (name, _kind(name), Span.at(number, found.start() + 1, found.end() + 1))
            )
    found_refs = [
        r
        for r in found_refs
        if not any(r[1] is None or _kind(title) in (None, r[1]) for title in present)
    ]
    # One finding per table missing (部门整体 / 项目); a reference naming neither joins the first.
    if not found_refs:
        return
    kinds: list[str | None] = list(dict.fromkeys(k for _, k, _ in found_refs if k is not None))
    kinds = kinds or [None]
    for k, kind in enumerate(kinds):
        refs = [r for r in found_refs if r[1] == kind or (k == 0 and r[1] is None)]
        (name, _, span), *others = refs
        yield ctx.finding(
            "FA115",
            f"正文称“{name}”见附件或附表，但报告中没有这张表",
            span,
            related=[RelatedSpan(span=s, note=f"又提及“{n}”") for n, _, s in others],
        )


# --- FA516 满意度 and its counts ----------------------------------------------------------------

_LEVEL = pattern_cache.compile(
    r"(非常不满意|不满意|非常满意|比较满意|基本满意|满意|一般)(?:的)?(?:人数|次数|人次|票|份)?$"
)
_SATISFIED = ("非常满意", "满意", "比较满意", "基本满意")  # best first
_SURVEY_TOTAL = pattern_cache.compile(r"评价|调查|问卷|测评|受访|参评|回收|样本")
_SATISFACTION = pattern_cache.compile(
    r"满意(?:度|率)\s*(?:为|达到|达|是|约)?\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]"
)


def _satisfaction_rate(ctx: RuleContext, after: Span, end: int | None = None) -> Amount | None:
    """The ``满意度X%`` printed after ``after`` on its line (before 0-based column ``end``)."""
    line = ctx.report.source.line(after.end_line)
    found = _SATISFACTION.search(line, after.end_column - 1, len(line) if end is None else end)
    if found is None:
        return None
    text = found.group(1)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Amount(
        value=Decimal(text),
        text=text,
        decimals=decimals,
        unit="%",
        is_percent=True,
        span=Span.at(after.end_line, found.start(1) + 1, found.end(1) + 1),
    )


_CELL_COUNT = pattern_cache.compile(
    r"([^0-9,，、；;:：。\s（）()]{1,12}?)\s*([0-9]+)\s*(人次|次|人|份|票|户|件)(?![0-9])"
)


def _cell_counts(ctx: RuleContext) -> Iterator[tuple[list[CountFact], int]]:
    """The counts of each text cell of a 自评表 that speaks of 满意 (the narrative reader does
    not read table lines), with the cell's end column: ``评价数15699次,非常满意15698次``."""
    source = ctx.report.source
    for table in ctx.report.tables:
        if table.role != TableRole.OTHER or table.span is None or not table.rows:
            continue
        if not _SELF_TABLE.search(table.title.replace(" ", "")):
            continue
        for number in range(table.span.line, table.span.end_line + 1):
            line = source.line(number)
            if "满意" not in line or "\t" not in line:
                continue
            start = 0
            for cell in line.split("\t"):
                end = start + len(cell)
                counts = [
                    CountFact(
                        span=Span.at(number, start + m.start() + 1, start + m.end() + 1),
                        label=m.group(1),
                        label_span=Span.at(number, start + m.start(1) + 1, start + m.end(1) + 1),
                        count=Amount(
                            value=Decimal(m.group(2)),
                            text=m.group(2),
                            unit=m.group(3),
                            span=Span.at(number, start + m.start(2) + 1, start + m.end(2) + 1),
                        ),
                    )
                    for m in _CELL_COUNT.finditer(cell)
                ]
                if len(counts) >= 2:
                    yield counts, end
                start = end + 1


def _survey(counts: Sequence[CountFact]) -> tuple[CountFact, list[tuple[str, CountFact]]] | None:
    """The total count and the counts of the answers after it, in one sentence."""
    for k, fact in enumerate(counts):
        if _LEVEL.search(fact.label) or not _SURVEY_TOTAL.search(fact.label):
            continue
        levels: list[tuple[str, CountFact]] = []
        for later in counts[k + 1 :]:
            level = _LEVEL.search(later.label)
            if level is None:
                break
            levels.append((level.group(1), later))
        if levels and fact.count.value:
            return fact, levels
    return None


@rule(
    RuleCode(
        "FA516",
        "satisfaction-rate-from-counts",
        "满意度与评价次数相符",
        Category.NARRATIVE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查与评价（调查）总数和各档次数一并写出的满意度：满意度应等于满意的各档（非常满意、"
            "满意，以及比较满意、基本满意）次数之和除以评价总数，次数为准确数；文中满意度落在只计"
            "非常满意与计入全部满意档次之间的，视为可能按档次加权，不报。各档次数之和不应超过评价总数。"
        ),
    )
)
def satisfaction_rule(ctx: RuleContext) -> Iterator[Finding]:
    """满意度 = satisfied answers ÷ all answers; the answers never exceed the total."""
    by_sentence: dict[int, list[CountFact]] = {}
    for fact in ctx.report.facts:
        if isinstance(fact, CountFact):
            by_sentence.setdefault(fact.sentence, []).append(fact)
    groups: list[tuple[list[CountFact], int | None]] = [(c, None) for c in by_sentence.values()]
    groups.extend(_cell_counts(ctx))
    for counts, end in groups:
        survey = _survey(counts)
        if survey is None:
            continue
        total, levels = survey
        assert total.count.value is not None
        answers = sum((f.count.value or ZERO for _, f in levels), ZERO)
        related = [RelatedSpan(span=f.count.span, note=name) for name, f in levels]
        if answers > total.count.value:
            terms = " + ".join(f.count.text for _, f in levels)
            yield ctx.finding(
                "FA516",
                f"各档次数之和 {show(answers, 0)} 超过{total.label} {total.count.text}",
                total.count.span,
                related=related,
                expected=f"≥ {show(answers, 0)}",
                actual=total.count.text,
                difference=show(total.count.value - answers, 0, signed=True),
                computation=f"{terms} = {show(answers, 0)} > {total.count.text}",
            )
            continue
        rate = _satisfaction_rate(ctx, levels[-1][1].count.span, end)
        if rate is None or rate.value is None:
            continue
        by_level = {name: f for name, f in levels}
        satisfied = [by_level[name] for name in _SATISFIED if name in by_level]
        if not satisfied:
            continue
        whole = Interval.exact(total.count.value)
        low = ratio(Interval.exact(satisfied[0].count.value or ZERO), whole)
        all_satisfied = sum((f.count.value or ZERO for f in satisfied), ZERO)
        high = ratio(Interval.exact(all_satisfied), whole)
        assert low is not None and high is not None
        if of_rate(rate).meets(Interval(low.lo, high.hi)):
            continue
        decimals = rate_decimals(rate)
        expected = all_satisfied / total.count.value * HUNDRED
        terms = " + ".join(f.count.text for f in satisfied)
        formula = (
            f"({terms}) ÷ {total.count.text}"
            if len(satisfied) > 1
            else (f"{terms} ÷ {total.count.text}")
        )
        yield ctx.finding(
            "FA516",
            f"满意度应为 {formula} = {show(expected, decimals)}%，文中为 {rate.text}%",
            rate.span,
            related=[RelatedSpan(span=total.count.span, note=total.label or "评价总数"), *related],
            expected=show(expected, decimals) + "%",
            actual=rate.text + "%",
            difference=show(rate.value - expected, decimals, signed=True),
            computation=(
                f"{formula} × 100% = {show(expected, decimals + 2)}% ≈ "
                f"{show(expected, decimals)}% ≠ {rate.text}%"
            ),
        )
