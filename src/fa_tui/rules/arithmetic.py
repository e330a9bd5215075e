"""FA2xx table-internal arithmetic: every total of a table equals the sum of its parts.

Each rule compares printed figures with the rounding tolerance of design.md §2 (``info`` within
rounding, ``error`` beyond). The engine merges the findings that one wrong figure causes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fa_tui.model import Category, Finding, Row, Severity, Table, TableRole
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.rules.table_access import (
    children_map,
    coded_rows,
    data_table,
    find_named,
    has_value,
    index_of,
    norm,
    settled,
    side_rows,
    sum_finding,
    total_row,
)
from fa_tui.schema import template_of
from fa_tui.schema.national import T04, T06

INCOME = "income"
SPENDING = "spending"
AMOUNT = "金额"


def _label(row: Row) -> str:
    return f"{row.code} {norm(row.name)}" if row.code else norm(row.name)


def _items_before(rows: Sequence[Row], stop: Row | None) -> list[Row]:
    """Item rows before ``stop`` (sub-rows printed as ``其中：`` left out)."""
    end = index_of(rows, stop)
    picked = rows[:end] if end >= 0 else []
    return [r for r in picked if not r.name.strip().startswith("其中")]


def _between(rows: Sequence[Row], start: Row | None, stop: Row | None) -> list[Row]:
    i, j = index_of(rows, start), index_of(rows, stop)
    if i < 0 or j < 0 or j <= i:
        return []
    return [r for r in rows[i + 1 : j] if not r.name.strip().startswith("其中")]


def _sum_rows(
    ctx: RuleContext,
    code: str,
    table_name: str,
    total: Row | None,
    parts: Sequence[Row],
    column: str,
    relation: str = "各项之和",
) -> Finding | None:
    if total is None or not parts:
        return None
    amounts = [p.value(column) for p in parts]
    if settled(total.value(column), amounts):  # the usual case: no names to build
        return None
    return sum_finding(
        ctx,
        code,
        f"{table_name}“{_label(total)}”{column}",
        total.value(column),
        [(a, _label(p)) for a, p in zip(amounts, parts, strict=True)],
        relation=relation,
    )


def _t01_side_total(ctx: RuleContext, code: str, side: str, total_name: str) -> Iterator[Finding]:
    """表一: the ``total_name`` row of ``side`` equals the sum of the item rows above it."""
    table = data_table(ctx, TableRole.T01)
    if table is None:
        return
    rows = side_rows(table, side)
    total = find_named(rows, total_name)
    found = _sum_rows(ctx, code, "表一", total, _items_before(rows, total), AMOUNT)
    if found:
        yield found


# Where rounding cannot explain a difference (``rules.tolerance``), said in every explanation.
_EXACT = (
    "只有一个非零加数且与合计同精度时，合计就是该数，须完全一致；"
    "以元为单位印到分的表（含标为万元、实为元的表）是精确数，没有舍位误差。"
)


@rule(
    RuleCode(
        "FA201",
        "t01-income-total-equals-items",
        "表一本年收入合计等于各收入项之和",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表一（收入支出决算总表）收入方“本年收入合计”"
            "是否等于其上各收入项之和（一般公共预算财政拨款收入、政府性基金预算财政拨款收入、"
            "国有资本经营预算财政拨款收入、上级补助收入、事业收入、经营收入、附属单位上缴收入、"
            "其他收入；“其中：”行不重复计入）。合计与分项不符说明表内数字有误。"
            "印出的每个数字最多带有末位半个单位的四舍五入误差：差额不超过合计数与各加数误差之和的，"
            "报为尾数差异（提示）；超过的报为错误。印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t01_income_total(ctx: RuleContext) -> Iterator[Finding]:
    """表一 (收入支出决算总表) 本年收入合计 must equal the sum of the income rows above it
    (一般公共预算财政拨款收入 … 其他收入). Differences within rounding are 尾数差异 (info)."""
    yield from _t01_side_total(ctx, "FA201", INCOME, "本年收入合计")


@rule(
    RuleCode(
        "FA202",
        "t01-spending-total-equals-classes",
        "表一本年支出合计等于各类支出之和",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表一（收入支出决算总表）支出方“本年支出合计”"
            "是否等于其上按支出功能分类列示的各类支出之和（一般公共服务支出、教育支出……；“其中：”"
            "行不重复计入）。印出的每个数字最多带有末位半个单位的四舍五入误差："
            "差额不超过合计数与各加数误差之和的，报为尾数差异（提示）；超过的报为错误。"
            "印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t01_spending_total(ctx: RuleContext) -> Iterator[Finding]:
    """表一 本年支出合计 must equal the sum of the 功能分类 类 rows above it (the 26 类)."""
    yield from _t01_side_total(ctx, "FA202", SPENDING, "本年支出合计")


def _grand_totals(
    ctx: RuleContext, code: str, table: Table, table_name: str, columns: dict[str, Sequence[str]]
) -> Iterator[Finding]:
    """总计 = 本年合计 + the 结余/结转 rows between them, per side and column;
    收入总计 = 支出总计."""
    grand: dict[str, Row | None] = {}
    for side, side_columns in columns.items():
        rows = side_rows(table, side)
        subtotal = find_named(rows, "本年收入合计" if side == INCOME else "本年支出合计")
        total = find_named(rows, "总计")
        grand[side] = total
        between = [r for r in _between(rows, subtotal, total) if r.cells]
        if subtotal is None or total is None:
            continue
        for column in side_columns:
            if table.role == TableRole.T04 and side == INCOME:
                # 年初财政拨款结转和结余 is printed with its split by fund below it: count it once.
                between = [r for r in between if "结转" in r.name or "结余" in r.name][:1]
            found = _sum_rows(ctx, code, table_name, total, [subtotal, *between], column)
            if found:
                yield found
    income_total, spending_total = grand.get(INCOME), grand.get(SPENDING)
    if income_total is not None and spending_total is not None:
        spending_column = columns[SPENDING][0]
        found = sum_finding(
            ctx,
            code,
            f"{table_name}支出总计",
            spending_total.value(spending_column),
            [(income_total.value(AMOUNT), f"{table_name}收入总计")],
            relation="收入总计",
        )
        if found:
            yield found


@rule(
    RuleCode(
        "FA203",
        "t01-grand-totals-balance",
        "表一总计等于本年合计加结转结余，收入总计等于支出总计",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表一（收入支出决算总表）两方的总计：收入方“总计”应等于“本年收入合计”"
            "加其下的使用非财政拨款结余、年初结转和结余等行；支出方“总计”应等于“本年支出合计”"
            "加其下的结余分配、年末结转和结余等行；收入总计应等于支出总计。决算总表收支必然平衡，"
            "不平衡说明结转结余漏列或错填。印出的每个数字最多带有末位半个单位的四舍五入误差："
            "差额不超过合计数与各加数误差之和的，报为尾数差异（提示）；超过的报为错误。"
            "印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t01_grand_totals(ctx: RuleContext) -> Iterator[Finding]:
    """表一: on each side 总计 = 本年收入(支出)合计 + the rows between them (使用非财政拨款结余,
    年初结转和结余 on the income side; 结余分配, 年末结转和结余 on the spending side); and the
    income 总计 equals the spending 总计 (a final account always balances)."""
    table = data_table(ctx, TableRole.T01)
    if table is None:
        return
    yield from _grand_totals(ctx, "FA203", table, "表一", {INCOME: (AMOUNT,), SPENDING: (AMOUNT,)})


@rule(
    RuleCode(
        "FA204",
        "row-total-equals-columns",
        "各行合计栏等于分栏之和",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表内每一行的合计栏是否等于各分栏之和：表二“本年收入合计”"
            "＝财政拨款收入＋上级补助收入＋事业收入＋经营收入＋附属单位上缴收入＋其他收入；"
            "表三“本年支出合计”＝基本支出＋项目支出＋上缴上级支出＋经营支出＋对附属单位补助支出；"
            "表五“小计”＝基本支出＋项目支出；表八“合计”＝基本支出＋项目支出。"
            "印出的每个数字最多带有末位半个单位的四舍五入误差：差额不超过合计数与各加数误差之和的，"
            "报为尾数差异（提示）；超过的报为错误。印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def row_identities(ctx: RuleContext) -> Iterator[Finding]:
    """On every row: 表二 本年收入合计 = 财政拨款收入 + 上级补助 + 事业 + 经营 + 附属单位上缴
    + 其他;
    表三 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助; 表五 小计 = 基本 + 项目;
    表八 合计 = 基本 + 项目."""
    for spec in template_of(ctx.report).tables:
        table = data_table(ctx, spec.id) if spec.column_sums else None
        if table is None:
            continue
        for identity in spec.column_sums:
            yield from _column_sum(ctx, table, spec.short, identity.total, identity.parts)


def _column_sum(
    ctx: RuleContext, table: Table, name: str, first: str, others: Sequence[str]
) -> Iterator[Finding]:
    """FA204 on every row of ``table``: column ``first`` = Σ ``others``."""
    for row in table.rows:
        if not has_value(row.value(first)) and not any(has_value(row.value(c)) for c in others):
            continue
        if settled(row.value(first), [row.value(c) for c in others]):
            continue
        found = sum_finding(
            ctx,
            "FA204",
            f"{name}“{_label(row)}”{first}",
            row.value(first),
            [(row.value(c), c) for c in others],
            relation="分栏之和",
        )
        if found:
            yield found


@rule(
    RuleCode(
        "FA205",
        "classification-levels-sum-up",
        "合计等于各类之和，类等于各款之和，款等于各项之和",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查按支出功能分类科目列示的表二、表三、表五、表七、表八，每一栏的层级关系："
            "合计＝各“类”之和，“类”＝其下各“款”之和，“款”＝其下各“项”之和（按科目编码判断上下级）。"
            "某一级未印出时（如只列到“项”），以最近的印出层级代替（合计＝各项之和）。"
            "印出的每个数字最多带有末位半个单位的四舍五入误差：差额不超过合计数与各加数误差之和的，"
            "报为尾数差异（提示）；超过的报为错误。印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def hierarchy(ctx: RuleContext) -> Iterator[Finding]:
    """In every column of 表二/三/五/七/八: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项. When a level is not
    printed (a table listing only 项 rows), the nearest printed level stands in (合计 = Σ 项)."""
    for spec in template_of(ctx.report).tables:
        table = data_table(ctx, spec.id) if spec.hierarchy else None
        if table is None:
            continue
        name = spec.short
        rows = coded_rows(table)
        children, top = children_map(rows)
        total = total_row(table)
        for column in spec.columns:
            if total is not None and top:
                found = _sum_rows(ctx, "FA205", name, total, top, column, "各类之和")
                if found:
                    yield found
            for row in rows:
                kids = children.get(row.code or "")
                if kids:
                    relation = "各款之和" if len(row.code or "") == 3 else "各项之和"
                    found = _sum_rows(ctx, "FA205", name, row, kids, column, relation)
                    if found:
                        yield found


_T04_SPENDING = T04.side_keys()[1]  # 合计, then the three funds


@rule(
    RuleCode(
        "FA206",
        "t04-internal-sums",
        "表四各栏与合计自洽，收入总计等于支出总计",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表四（财政拨款收入支出决算总表）的内部关系：支出方每一行“合计”"
            "＝一般公共预算财政拨款＋政府性基金预算财政拨款＋国有资本经营预算财政拨款；"
            "“本年收入合计”＝各项财政拨款收入之和；每一栏“本年支出合计”＝各类支出之和；"
            "“年初财政拨款结转和结余”＝按资金来源分列的各项之和；两方“总计”＝本年合计＋结转和结余；"
            "收入总计＝支出总计。印出的每个数字最多带有末位半个单位的四舍五入误差："
            "差额不超过合计数与各加数误差之和的，报为尾数差异（提示）；超过的报为错误。"
            "印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t04_arithmetic(ctx: RuleContext) -> Iterator[Finding]:
    """表四 (财政拨款收入支出决算总表): on each spending row 合计 = 一般公共预算 + 政府性基金 +
    国有资本经营; 本年收入合计 = Σ income by fund; 本年支出合计 = Σ 类 in every column;
    年初财政拨款结转和结余 = Σ its split by fund; 总计 = 本年合计 + 结转和结余 on both sides;
    收入总计 = 支出总计."""
    table = data_table(ctx, TableRole.T04)
    if table is None:
        return
    spending = side_rows(table, SPENDING)
    for row in spending:
        if settled(row.value("合计"), [row.value(c) for c in _T04_SPENDING[1:]]):
            continue
        found = sum_finding(
            ctx,
            "FA206",
            f"表四“{_label(row)}”合计",
            row.value("合计"),
            [(row.value(c), c) for c in _T04_SPENDING[1:]],
            relation="分栏之和",
        )
        if found:
            yield found
    income = side_rows(table, INCOME)
    income_total = find_named(income, "本年收入合计")
    found = _sum_rows(
        ctx, "FA206", "表四", income_total, _items_before(income, income_total), AMOUNT
    )
    if found:
        yield found
    spending_total = find_named(spending, "本年支出合计")
    for column in _T04_SPENDING:
        found = _sum_rows(
            ctx, "FA206", "表四", spending_total, _items_before(spending, spending_total), column
        )
        if found:
            yield found
    carry = find_named(income, "年初财政拨款结转和结余", "年初结转和结余")
    grand = find_named(income, "总计")
    split = _between(income, carry, grand)
    if carry is not None and split:
        found = _sum_rows(ctx, "FA206", "表四", carry, split, AMOUNT, "分资金来源之和")
        if found:
            yield found
    yield from _grand_totals(
        ctx, "FA206", table, "表四", {INCOME: (AMOUNT,), SPENDING: _T04_SPENDING}
    )


_T06_VALUE = T06.columns[0]


@rule(
    RuleCode(
        "FA207",
        "t06-internal-sums",
        "表六各类等于各款之和，人员经费、公用经费合计正确",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表六（一般公共预算财政拨款基本支出决算表）“决算数”：按支出经济分类，每个“类”"
            "（301 工资福利支出、302 商品和服务支出、303 对个人和家庭的补助、"
            "307 债务利息及费用支出、310 资本性支出、399 其他支出）等于其下各“款”之和；"
            "“人员经费合计”＝301＋303；“公用经费合计”＝302＋307＋310＋399。"
            "印出的每个数字最多带有末位半个单位的四舍五入误差：差额不超过合计数与各加数误差之和的，"
            "报为尾数差异（提示）；超过的报为错误。印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t06_arithmetic(ctx: RuleContext) -> Iterator[Finding]:
    """表六 (一般公共预算财政拨款基本支出决算表): each 经济分类 类 (301, 302, 303, 307, 310, 399)
    = Σ its 款; 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 307 + 310 + 399."""
    table = data_table(ctx, TableRole.T06)
    if table is None:
        return
    coded = [
        (r.code, r) for r in table.rows if r.code and r.code.isdigit() and len(r.code) in (3, 5)
    ]
    by_class = {c: r for c, r in coded if len(c) == 3}
    for code, parent in by_class.items():
        kids = [r for c, r in coded if len(c) == 5 and c.startswith(code)]
        found = _sum_rows(ctx, "FA207", "表六", parent, kids, _T06_VALUE, "各款之和")
        if found:
            yield found
    for declared in T06.side_classes:
        side, classes = declared.side, declared.classes
        total = next(
            (r for r in table.rows if r.code is None and norm(r.name) == f"{side}合计"), None
        )
        parts = [by_class[c] for c in classes if c in by_class]
        found = _sum_rows(ctx, "FA207", "表六", total, parts, _T06_VALUE, "各类之和")
        if found:
            yield found


@rule(
    RuleCode(
        "FA208",
        "t07-balances-roll-forward",
        "表七年末结转等于年初结转加收入减支出，支出小计等于基本加项目",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表七（政府性基金预算财政拨款收入支出决算表）每一行："
            "年末结转和结余＝年初结转和结余＋本年收入－本年支出小计；"
            "本年支出小计＝基本支出＋项目支出。印出的每个数字最多带有末位半个单位的四舍五入误差："
            "差额不超过合计数与各加数误差之和的，报为尾数差异（提示）；超过的报为错误。"
            "印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t07_arithmetic(ctx: RuleContext) -> Iterator[Finding]:
    """表七 (政府性基金预算财政拨款收入支出决算表), every row: 年末结转和结余 = 年初结转和结余 +
    本年收入 − 本年支出; 本年支出小计 = 基本支出 + 项目支出."""
    table = data_table(ctx, TableRole.T07)
    if table is None:
        return
    for row in table.rows:
        if not any(has_value(a) for a in row.cells.values()):
            continue
        found = sum_finding(
            ctx,
            "FA208",
            f"表七“{_label(row)}”年末结转和结余",
            row.value("年末结转和结余"),
            [
                (row.value("年初结转和结余"), "年初结转和结余"),
                (row.value("本年收入"), "本年收入"),
                (row.value("本年支出小计"), "本年支出小计"),
            ],
            signs=[1, 1, -1],
            relation="年初结转加收入减支出",
        )
        if found:
            yield found
        found = sum_finding(
            ctx,
            "FA208",
            f"表七“{_label(row)}”本年支出小计",
            row.value("本年支出小计"),
            [(row.value("基本支出"), "基本支出"), (row.value("项目支出"), "项目支出")],
            relation="基本支出与项目支出之和",
        )
        if found:
            yield found


_T09_IDENTITIES = (
    ("合计", ("因公出国（境）费", "公务用车购置及运行维护费小计", "公务接待费")),
    ("公务用车购置及运行维护费小计", ("公务用车购置费", "公务用车运行维护费")),
)


@rule(
    RuleCode(
        "FA209",
        "t09-three-public-sums",
        "表九三公经费合计与分项一致",
        Category.TABLE_INTERNAL,
        Severity.ERROR,
        explanation=(
            "检查表九（财政拨款“三公”经费支出决算表）的预算数和决算数：合计＝因公出国（境）"
            "费＋公务用车购置及运行维护费＋公务接待费；公务用车购置及运行维护费＝公务用车购置费＋公"
            "务用车运行维护费。印出的每个数字最多带有末位半个单位的四舍五入误差："
            "差额不超过合计数与各加数误差之和的，报为尾数差异（提示）；超过的报为错误。"
            "印出的 0 视为精确的 0，空白栏按 0 计。" + _EXACT
        ),
    ),
)
def t09_arithmetic(ctx: RuleContext) -> Iterator[Finding]:
    """表九 (财政拨款“三公”经费支出决算表), for 预算数 and 决算数 alike: 合计 = 因公出国（境）费 +
    公务用车购置及运行维护费 + 公务接待费; 公务用车购置及运行维护费 = 购置费 + 运行维护费."""
    table = data_table(ctx, TableRole.T09)
    if table is None:
        return
    for row in table.rows:
        for prefix in ("预算数", "决算数"):
            for total, parts in _T09_IDENTITIES:
                found = sum_finding(
                    ctx,
                    "FA209",
                    f"表九{prefix}{total}",
                    row.value(prefix + total),
                    [(row.value(prefix + p), p) for p in parts],
                )
                if found:
                    yield found
