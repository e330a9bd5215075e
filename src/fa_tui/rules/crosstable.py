"""FA3xx cross-table relations: the same quantity printed in two tables must agree.

Equalities of one quantity printed at the same precision have zero tolerance (one quantity rounds
to one figure); a class total built from several printed rows allows their rounding. "≤"
relations (a part of the money cannot exceed the whole) are warnings: they need judgement.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec.structs import replace

from fa_tui.model import Amount, Category, Finding, Row, Severity, Table, TableRole
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.rules.table_access import (
    class_code_of,
    class_parts,
    coded_rows,
    data_table,
    equal_finding,
    find_named,
    has_value,
    norm,
    not_above_finding,
    side_rows,
    sum_finding,
    total_row,
    value,
)

INCOME = "income"
SPENDING = "spending"
AMOUNT = "金额"


def _class_rows(table: Table, side: str, column: str) -> dict[str, Row]:
    """类 code → row of a two-sided table's spending side (表一/表四), by the row's name."""
    out: dict[str, Row] = {}
    for row in side_rows(table, side):
        code = class_code_of(row.name)
        if code and code not in out and row.value(column) is not None:
            out[code] = row
    return out


def _class_codes(coded: list[Row]) -> list[str]:
    """The 类 codes a classified table has figures for (3-digit prefixes of its coded rows)."""
    return list(dict.fromkeys((r.code or "")[:3] for r in coded))


def _compare_to_parts(
    ctx: RuleContext,
    code: str,
    what: str,
    single: Amount | None,
    parts: list[tuple[Amount | None, str]],
    other_note: str,
) -> Finding | None:
    """``single`` against one figure (exact) or against the sum of several printed rows."""
    if single is None:
        return None
    present = [(p, n) for p, n in parts if p is not None]
    if not present:
        return None
    if len(present) == 1:
        return equal_finding(ctx, code, what, single, present[0][0], other_note)
    return sum_finding(ctx, code, what, single, present, relation=other_note)


@rule(
    RuleCode(
        "FA301",
        "t02-income-matches-t01",
        "表二收入合计及各来源等于表一",
        Category.CROSS_TABLE,
        Severity.ERROR,
        explanation=(
            "检查表二（收入决算表）合计行与表一收入方是否一致：本年收入合计相等；按来源，"
            "表二“财政拨款收入”＝表一一般公共预算、政府性基金预算、"
            "国有资本经营预算三项财政拨款收入之和，上级补助收入、事业收入、经营收入、"
            "附属单位上缴收入、其他收入分别等于表一对应行。两表反映同一笔收入，"
            "不一致说明至少一张表有误。同一数额在两张表中以相同小数位数印出时应完全相等，"
            "任何差额都报为错误；小数位数不同时，允许两处各自末位半个单位的四舍五入误差（尾数差异，"
            "提示）。由多行合成的数与各行之和比较时，允许各行四舍五入误差之和。"
        ),
    ),
)
def t02_vs_t01(ctx: RuleContext) -> Iterator[Finding]:
    """表二 (收入决算表) 合计 本年收入合计 = 表一 本年收入合计; and by source: 表二 财政拨款收入 =
    表一 一般公共预算 + 政府性基金 + 国有资本经营财政拨款收入; 上级补助, 事业, 经营, 附属单位上缴,
    其他收入 each equal to 表一's row."""
    t01, t02 = data_table(ctx, TableRole.T01), data_table(ctx, TableRole.T02)
    if t01 is None or t02 is None:
        return
    total = total_row(t02)
    if total is None:
        return
    income = side_rows(t01, INCOME)
    pairs: list[tuple[str, list[str]]] = [
        ("本年收入合计", ["本年收入合计"]),
        (
            "财政拨款收入",
            [
                "一般公共预算财政拨款收入",
                "政府性基金预算财政拨款收入",
                "国有资本经营预算财政拨款收入",
            ],
        ),
        ("上级补助收入", ["上级补助收入"]),
        ("事业收入", ["事业收入"]),
        ("经营收入", ["经营收入"]),
        ("附属单位上缴收入", ["附属单位上缴收入"]),
        ("其他收入", ["其他收入"]),
    ]
    for column, names in pairs:
        rows = [find_named(income, n) for n in names]
        parts = [(r.value(AMOUNT), f"表一{norm(r.name)}") for r in rows if r is not None]
        found = _compare_to_parts(
            ctx, "FA301", f"表二合计{column}", total.value(column), parts, f"表一{names[0]}"
        )
        if found:
            yield found


@rule(
    RuleCode(
        "FA302",
        "t03-spending-matches-t01",
        "表三支出合计及各类支出等于表一",
        Category.CROSS_TABLE,
        Severity.ERROR,
        explanation=(
            "检查表三（支出决算表）合计行的本年支出合计是否等于表一本年支出合计，"
            "以及表三每个支出功能分类“类”（类行未印出时取其下款、项各行之和）是否等于表一该类支出；"
            "表一该类有金额而表三没有该类的，也报为错误。两表反映同一笔支出。"
            "同一数额在两张表中以相同小数位数印出时应完全相等，任何差额都报为错误；小数位数不同时，"
            "允许两处各自末位半个单位的四舍五入误差（尾数差异，提示）。"
            "由多行合成的数与各行之和比较时，允许各行四舍五入误差之和。"
        ),
    ),
)
def t03_vs_t01(ctx: RuleContext) -> Iterator[Finding]:
    """表三 (支出决算表) 合计 本年支出合计 = 表一 本年支出合计, and each 功能分类 类 of 表三 (its
    类 row, or the sum of its 款/项 rows when the 类 row is not printed) = 表一's row of that 类."""
    t01, t03 = data_table(ctx, TableRole.T01), data_table(ctx, TableRole.T03)
    if t01 is None or t03 is None:
        return
    spending = side_rows(t01, SPENDING)
    yield from _totals_and_classes(
        ctx, "FA302", t03, "表三", "本年支出合计", spending, AMOUNT, "表一"
    )


def _totals_and_classes(
    ctx: RuleContext,
    code: str,
    table: Table,
    name: str,
    column: str,
    other_rows: list[Row],
    other_column: str,
    other_name: str,
) -> Iterator[Finding]:
    total = total_row(table)
    other_total = find_named(other_rows, "本年支出合计")
    if total is not None and other_total is not None:
        found = equal_finding(
            ctx,
            code,
            f"{name}合计{column}",
            total.value(column),
            other_total.value(other_column),
            f"{other_name}本年支出合计",
        )
        if found:
            yield found
    classes: dict[str, Row] = {}
    for row in other_rows:
        cls = class_code_of(row.name)
        if cls and cls not in classes:
            classes[cls] = row
    coded = coded_rows(table)
    for cls in dict.fromkeys([*_class_codes(coded), *classes]):
        other = classes.get(cls)
        if other is None:
            continue
        parts = class_parts(table, cls, coded)
        other_amount = other.value(other_column)
        if not parts:
            # The class is not in this table: fine when the other table prints it as 0 or blank.
            if other_amount is not None and value(other_amount) != 0 and total is not None:
                yield ctx.finding(
                    code,
                    f"{other_name}“{norm(other.name)}”为 {other_amount.printed()}，"
                    f"但{name}没有该类（{cls}）的支出",
                    other_amount.span,
                    expected="0",
                    actual=other_amount.printed(),
                    difference=other_amount.printed(),
                )
            continue
        label = (
            f"{parts[0].code} {norm(parts[0].name)}"
            if len(parts) == 1
            else f"{cls} 类（由{len(parts)}行合成）"
        )
        if len(parts) == 1:
            found = equal_finding(
                ctx,
                code,
                f"{name}“{label}”{column}",
                parts[0].value(column),
                other_amount,
                f"{other_name}“{norm(other.name)}”",
            )
        else:
            found = sum_finding(
                ctx,
                code,
                f"{other_name}“{norm(other.name)}”",
                other_amount,
                [(p.value(column), f"{name} {p.code} {norm(p.name)}") for p in parts],
                relation=f"{name}该类各行之和",
            )
        if found:
            yield found


@rule(
    RuleCode(
        "FA303",
        "t04-income-matches-t01",
        "表四各项财政拨款收入等于表一",
        Category.CROSS_TABLE,
        Severity.ERROR,
        explanation=(
            "检查表四（财政拨款收入支出决算总表）收入方的一般公共预算财政拨款、"
            "政府性基金预算财政拨款、国有资本经营预算财政拨款，"
            "是否分别等于表一收入方对应的财政拨款收入：两表反映本年收到的同一批财政拨款。"
            "同一数额在两张表中以相同小数位数印出时应完全相等，任何差额都报为错误；小数位数不同时，"
            "允许两处各自末位半个单位的四舍五入误差（尾数差异，提示）。"
        ),
    ),
)
def t04_income_vs_t01(ctx: RuleContext) -> Iterator[Finding]:
    """表四 income by fund (一般公共预算 / 政府性基金 / 国有资本经营预算财政拨款) = 表一's
    matching 财政拨款收入 rows: both tables report the same appropriations received this year."""
    t01, t04 = data_table(ctx, TableRole.T01), data_table(ctx, TableRole.T04)
    if t01 is None or t04 is None:
        return
    income01 = side_rows(t01, INCOME)
    income04 = side_rows(t04, INCOME)
    for fund in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"):
        row04 = find_named(income04, fund, fund + "收入")
        row01 = find_named(income01, fund + "收入", fund)
        if row04 is None or row01 is None:
            continue
        found = equal_finding(
            ctx,
            "FA303",
            f"表四收入“{fund}”",
            row04.value(AMOUNT),
            row01.value(AMOUNT),
            f"表一“{norm(row01.name)}”",
        )
        if found:
            yield found


@rule(
    RuleCode(
        "FA304",
        "t04-general-budget-matches-t05",
        "表四一般公共预算财政拨款支出等于表五",
        Category.CROSS_TABLE,
        Severity.ERROR,
        explanation=(
            "检查表四支出方“一般公共预算财政拨款”栏与表五（一般公共预算财政拨款支出决算表）“小计”"
            "栏：表四本年支出合计等于表五合计，表四每一类支出等于表五该类（类行未印出时取其下各行之"
            "和）；表四该类有金额而表五没有该类的，也报为错误。"
            "同一数额在两张表中以相同小数位数印出时应完全相等，任何差额都报为错误；小数位数不同时，"
            "允许两处各自末位半个单位的四舍五入误差（尾数差异，提示）。"
            "由多行合成的数与各行之和比较时，允许各行四舍五入误差之和。"
        ),
    ),
)
def t04_vs_t05(ctx: RuleContext) -> Iterator[Finding]:
    """表四 一般公共预算财政拨款 column = 表五 (一般公共预算财政拨款支出决算表) 小计:
    the 本年支出合计 row against 表五 合计, and each 类 against 表五's 类 (or the sum of its
    printed rows)."""
    t04, t05 = data_table(ctx, TableRole.T04), data_table(ctx, TableRole.T05)
    if t04 is None or t05 is None:
        return
    yield from _totals_and_classes(
        ctx, "FA304", t05, "表五", "小计", side_rows(t04, SPENDING), "一般公共预算财政拨款", "表四"
    )


def _all_income_is_general_budget(ctx: RuleContext) -> bool:
    """表一 shows every yuan of income and balance as 一般公共预算财政拨款 this year."""
    t01 = data_table(ctx, TableRole.T01)
    if t01 is None:
        return False
    income = side_rows(t01, INCOME)
    general = find_named(income, "一般公共预算财政拨款收入")
    total = find_named(income, "总计")
    if general is None or total is None or not has_value(total.value(AMOUNT)):
        return False
    return value(general.value(AMOUNT)) == value(total.value(AMOUNT))


_T05_T03 = (("小计", "本年支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出"))


@rule(
    RuleCode(
        "FA305",
        "t05-within-t03",
        "表五各行不超过表三（全部收入为一般公共预算拨款时应相等）",
        Category.CROSS_TABLE,
        Severity.WARNING,
        explanation=(
            "检查表五（一般公共预算财政拨款支出决算表）每一行的小计、基本支出、"
            "项目支出是否不超过表三（支出决算表，全部资金）同一科目的本年支出合计、基本支出、"
            "项目支出：一般公共预算财政拨款只是全部支出的一部分，"
            "表五大于表三报为警告（两处小数位数不同时先扣除四舍五入误差）。"
            "表一显示全部收入和结转结余都是一般公共预算财政拨款时，两表反映同一笔钱，应完全相等，"
            "此时的差额或表三缺少该科目报为错误。"
        ),
    ),
)
def t05_vs_t03(ctx: RuleContext) -> Iterator[Finding]:
    """表五 (一般公共预算财政拨款支出) is part of 表三 (all spending), row by row and column by
    column (小计/基本/项目), so it cannot exceed it: a larger 表五 figure is a warning. When 表一
    shows that all income and balances are 一般公共预算财政拨款 (no other source, no 结转), the two
    tables describe the same money and must be equal: a difference is then an error."""
    t03, t05 = data_table(ctx, TableRole.T03), data_table(ctx, TableRole.T05)
    if t03 is None or t05 is None:
        return
    strict = _all_income_is_general_budget(ctx)
    by_code03 = {r.code: r for r in coded_rows(t03)}
    pairs: list[tuple[Row, Row | None]] = []
    total05, total03 = total_row(t05), total_row(t03)
    if total05 is not None:
        pairs.append((total05, total03))
    pairs.extend((r, by_code03.get(r.code)) for r in coded_rows(t05))
    for row05, row03 in pairs:
        label = f"{row05.code} {norm(row05.name)}" if row05.code else "合计"
        for col05, col03 in _T05_T03:
            this = row05.value(col05)
            other = row03.value(col03) if row03 is not None else None
            if strict:
                if row03 is None:
                    found = (
                        ctx.finding(
                            "FA305",
                            f"表五“{label}”{col05}为 {this.printed()}，但表三没有该科目，"
                            "而全部收入均为一般公共预算财政拨款",
                            this.span,
                            severity=Severity.ERROR,
                        )
                        if this is not None and value(this) != 0
                        else None
                    )
                else:
                    found = equal_finding(
                        ctx,
                        "FA305",
                        f"表五“{label}”{col05}",
                        this,
                        other,
                        f"表三{col03}（全部收入均为一般公共预算财政拨款，两表应相等）",
                    )
            else:
                found = not_above_finding(
                    ctx, "FA305", f"表五“{label}”{col05}", this, other, f"表三{col03}"
                )
            if found:
                yield found


@rule(
    RuleCode(
        "FA306",
        "t06-matches-t05-basic-spending",
        "表六人员经费与公用经费之和等于表五基本支出",
        Category.CROSS_TABLE,
        Severity.ERROR,
        explanation=(
            "检查表六“人员经费合计”与“公用经费合计”之和是否等于表五合计行的“基本支出”。"
            "两者都是一般公共预算财政拨款基本支出，一个按经济分类、一个按功能分类列示，必须相等。"
            "印出的每个数字最多带有末位半个单位的四舍五入误差：差额不超过合计数与各加数误差之和的，"
            "报为尾数差异（提示）；超过的报为错误。印出的 0 视为精确的 0，空白栏按 0 计。"
        ),
    ),
)
def t06_vs_t05(ctx: RuleContext) -> Iterator[Finding]:
    """表六 人员经费合计 + 公用经费合计 = 表五 合计 基本支出: both are the 一般公共预算财政拨款
    基本支出, one by economic and one by functional classification."""
    t05, t06 = data_table(ctx, TableRole.T05), data_table(ctx, TableRole.T06)
    if t05 is None or t06 is None:
        return
    total05 = total_row(t05)
    personnel = next((r for r in t06.rows if norm(r.name) == "人员经费合计"), None)
    public = next((r for r in t06.rows if norm(r.name) == "公用经费合计"), None)
    if total05 is None or personnel is None or public is None:
        return
    found = sum_finding(
        ctx,
        "FA306",
        "表五合计基本支出",
        total05.value("基本支出"),
        [
            (personnel.value("决算数"), "表六人员经费合计"),
            (public.value("决算数"), "表六公用经费合计"),
        ],
        relation="表六人员经费合计与公用经费合计之和",
    )
    if found:
        yield found


@rule(
    RuleCode(
        "FA307",
        "t04-funds-match-t07-t08",
        "表四政府性基金、国有资本经营支出等于表七、表八",
        Category.CROSS_TABLE,
        Severity.ERROR,
        explanation=(
            "检查表四支出方“本年支出合计”的政府性基金预算财政拨款栏是否等于表七合计行的“本年支出小"
            "计”，国有资本经营预算财政拨款栏是否等于表八合计行的“合计”。表七、表八为空表时按 0 计："
            "表四有金额而表七、表八没有数据的，报为错误。"
            "同一数额在两张表中以相同小数位数印出时应完全相等，任何差额都报为错误；小数位数不同时，"
            "允许两处各自末位半个单位的四舍五入误差（尾数差异，提示）。"
        ),
    ),
)
def t04_vs_t07_t08(ctx: RuleContext) -> Iterator[Finding]:
    """表四 本年支出合计 in the 政府性基金预算财政拨款 column = 表七 合计 本年支出小计, and in the
    国有资本经营预算财政拨款 column = 表八 合计. An empty 表七/表八 means 0."""
    t04 = data_table(ctx, TableRole.T04)
    if t04 is None:
        return
    total04 = find_named(side_rows(t04, SPENDING), "本年支出合计")
    if total04 is None:
        return
    for role, name, column04, column in (
        (TableRole.T07, "表七", "政府性基金预算财政拨款", "本年支出小计"),
        (TableRole.T08, "表八", "国有资本经营预算财政拨款", "合计"),
    ):
        amount04 = total04.value(column04)
        other = ctx.report.table(role)
        if other is None or amount04 is None:
            continue
        total = total_row(other) if other.status.value == "data" else None
        other_amount = total.value(column) if total is not None else None
        if other_amount is None or other_amount.value is None:
            if value(amount04) != 0:
                yield ctx.finding(
                    "FA307",
                    f"表四本年支出合计“{column04}”为 {amount04.printed()}，但{name}没有数据",
                    amount04.span,
                    expected="0",
                    actual=amount04.printed(),
                    difference=amount04.printed(),
                )
            continue
        found = equal_finding(
            ctx,
            "FA307",
            f"表四本年支出合计“{column04}”",
            amount04,
            other_amount,
            f"{name}合计{column}",
        )
        if found:
            yield found


_T06_T09 = (
    ("30212", "决算数因公出国（境）费"),
    ("30217", "决算数公务接待费"),
    ("30231", "决算数公务用车运行维护费"),
    ("31013", "决算数公务用车购置费"),
)


@rule(
    RuleCode(
        "FA308",
        "t06-three-public-within-t09",
        "表六三公相关科目不超过表九决算数",
        Category.CROSS_TABLE,
        Severity.WARNING,
        explanation=(
            "检查表六中与“三公”经费相关的科目（30212 因公出国（境）费用、30217 公务接待费、"
            "30231 公务用车运行维护费、31013 公务用车购置）是否不超过表九对应项目的决算数。"
            "表六只含一般公共预算财政拨款的基本支出，表九还包括项目支出等，"
            "表六大于表九通常说明有一张表填错；因可能存在口径差异，"
            "报为警告（两处小数位数不同时先扣除四舍五入误差）。表九没有数据时按 0 计。"
        ),
    ),
)
def t06_vs_t09(ctx: RuleContext) -> Iterator[Finding]:
    """表六 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费 and 31013 公务用车
    购置 are 一般公共预算 基本支出 parts of the 三公经费, so each is at most the matching 决算数 of
    表九 (which also counts project money and other 财政拨款)."""
    t06, t09 = data_table(ctx, TableRole.T06), ctx.report.table(TableRole.T09)
    if t06 is None or t09 is None:
        return
    row09 = next((r for r in t09.rows if r.cells), None) if t09.status.value == "data" else None
    by_code = {r.code: r for r in t06.rows if r.code}
    for code, column in _T06_T09:
        row06 = by_code.get(code)
        if row06 is None:
            continue
        amount = row06.value("决算数")
        whole = row09.value(column) if row09 is not None else None
        label = column.removeprefix("决算数")
        found = not_above_finding(
            ctx,
            "FA308",
            f"表六 {code} {norm(row06.name)}",
            amount,
            whole,
            f"表九{label}决算数"
            if whole is not None
            else f"表九{label}决算数（表九无数据，按 0 计）",
        )
        if found:
            yield found


@rule(
    RuleCode(
        "FA309",
        "t04-classes-within-t01",
        "表四各类财政拨款支出不超过表一",
        Category.CROSS_TABLE,
        Severity.WARNING,
        explanation=(
            "检查表四每个支出功能分类“类”的合计（财政拨款支出）"
            "是否不超过表一该类支出（全部资金支出），以及表四本年支出合计是否不超过表一本年支出合计"
            "：财政拨款支出是全部支出的一部分。超出的报为警告（两处小数位数不同时先扣除四舍五入误差"
            "）。"
        ),
    ),
)
def t04_vs_t01_classes(ctx: RuleContext) -> Iterator[Finding]:
    """表四 合计 per 功能分类 类 (财政拨款 spending) cannot exceed 表一's row of that 类 (all
    spending), nor can 表四 本年支出合计 exceed 表一 本年支出合计."""
    t01, t04 = data_table(ctx, TableRole.T01), data_table(ctx, TableRole.T04)
    if t01 is None or t04 is None:
        return
    rows01 = _class_rows(t01, SPENDING, AMOUNT)
    spending04 = side_rows(t04, SPENDING)
    for cls, row04 in _class_rows(t04, SPENDING, "合计").items():
        row01 = rows01.get(cls)
        found = not_above_finding(
            ctx,
            "FA309",
            f"表四“{norm(row04.name)}”合计",
            row04.value("合计"),
            row01.value(AMOUNT) if row01 is not None else None,
            f"表一“{norm(row01.name)}”" if row01 is not None else "表一该类支出（未列出）",
        )
        if found:
            yield found
    total04 = find_named(spending04, "本年支出合计")
    total01 = find_named(side_rows(t01, SPENDING), "本年支出合计")
    if total04 is not None and total01 is not None:
        found = not_above_finding(
            ctx,
            "FA309",
            "表四本年支出合计",
            total04.value("合计"),
            total01.value(AMOUNT),
            "表一本年支出合计",
        )
        if found:
            yield found


_PAIRS = (
    ("30108", "2080505", "机关事业单位基本养老保险缴费"),
    ("30109", "2080506", "职业年金缴费"),
    ("30111", "2101103", "公务员医疗补助"),
    ("30113", "2210201", "住房公积金"),
)


@rule(
    RuleCode(
        "FA310",
        "economic-matches-functional",
        "经济分类与功能分类对应科目相等",
        Category.CROSS_TABLE,
        Severity.WARNING,
        explanation=(
            "检查几个有专属功能分类科目的经济分类科目，两种分类下的金额是否相等："
            "表六 30108 机关事业单位基本养老保险缴费＝表五 2080505 的基本支出，"
            "30109 职业年金缴费＝2080506，30111 公务员医疗补助缴费＝2101103，"
            "30113 住房公积金＝2210201；表六有金额而表五没有对应科目的也提示。"
            "单位可能有合理的口径差异，报为警告，但多数情况下说明其中一张表填错。"
            "两处小数位数相同时应完全相等。"
        ),
    ),
)
def economic_vs_functional(ctx: RuleContext) -> Iterator[Finding]:
    """Some 经济分类 items of 表六 have one 功能分类 项 of their own, so the two must agree:
    30108 基本养老保险缴费 = 2080505, 30109 职业年金缴费 = 2080506, 30111 公务员医疗补助缴费 =
    2101103, 30113 住房公积金 = 2210201 (表五 基本支出). A warning: a unit may legitimately book
    part of it elsewhere, but it usually means one of the tables is wrong."""
    t05, t06 = data_table(ctx, TableRole.T05), data_table(ctx, TableRole.T06)
    if t05 is None or t06 is None:
        return
    rows05 = {r.code: r for r in coded_rows(t05)}
    rows06 = {r.code: r for r in t06.rows if r.code}
    for economic, functional, label in _PAIRS:
        row06, row05 = rows06.get(economic), rows05.get(functional)
        if row06 is None:
            continue
        amount06 = row06.value("决算数")
        amount05 = row05.value("基本支出") if row05 is not None else None
        if value(amount06) == 0 and value(amount05) == 0:
            continue
        if row05 is None:
            assert amount06 is not None  # not zero: amount05 is absent, so amount06 is printed
            yield ctx.finding(
                "FA310",
                f"表六“{economic} {label}”为 {amount06.printed()}，"
                f"但表五没有对应的功能分类科目 {functional}",
                amount06.span,
                expected="0",
                actual=amount06.printed(),
            )
            continue
        found = equal_finding(
            ctx,
            "FA310",
            f"表六“{economic} {label}”",
            amount06,
            amount05,
            f"表五“{functional} {norm(row05.name)}”基本支出",
        )
        if found:
            yield replace(found, severity=Severity.WARNING)
