"""FA412–FA415 text vs table: what the narrative says a figure is made of, or why it changed.

FA412/FA413: the items a ``主要包括`` list names for 人员经费 or 公用经费 (``公用经费45.19万元，
主要包括：办公费、水费、电费…``, read with or without amounts) must be non-zero rows of 表六 in
that group (人员经费 = 301 + 303, 公用经费 = 302 + 307 + 310 + 399, ``T06.side_classes``). An
item is matched to the table's own row names (``30213 维修（护）费`` ↔ ``维修费``, ``30239
其他交通费用`` ↔ ``其他交通费``), never to a list kept here; an item no row is named like is left
alone. 会议费 is never compared (domain guide: it may be project money).

FA414/FA415: a reason clause (``主要原因是…``, ``原因是…``, ``主要是…``) that explains a change by
money brought forward from earlier years (``上年度结转``, ``使用以前年度结转``) while 表四 (in a
财政拨款 section) or 表一 shows no 年初结转和结余, or by money carried forward (``结转下年``,
``年末结转增加``) while the table shows no 年末结转和结余.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from fa_tui import pattern_cache
from fa_tui.model import (
    Amount,
    Category,
    Finding,
    PartName,
    RelatedSpan,
    Row,
    Section,
    Severity,
    Span,
    Table,
    TableRole,
)
from fa_tui.model.decimals import show
from fa_tui.model.facts import AmountFact, NamedItem, PartItem, TotalFact
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.rules.table_access import data_table, find_named, norm, side_rows
from fa_tui.schema.national import PERSONNEL, PUBLIC, T01, T04, T06

T = Category.TEXT_TABLE

_GROUP_CODES = {"FA412": PERSONNEL, "FA413": PUBLIC}
_TOTAL_ROWS = {f"{PERSONNEL}合计": "FA412", f"{PUBLIC}合计": "FA413"}
_NEVER_COMPARED = ("会议费",)  # domain guide: 会议费 in the text ≠ 表六 is not flagged

_PAREN = pattern_cache.compile(r"[（(][^（()）]{0,6}[）)]")
_JOINERS = pattern_cache.compile(r"[和及与、“”\"*·]")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A row or item name reduced to what the ways of printing it share: no blanks, brackets
    (``维修（护）费``), joiners (``商品和服务``), trailing ``支出`` or the ``用`` of ``费用``."""
    text = _JOINERS.sub("", _PAREN.sub("", norm(name)))
    text = text.removesuffix("支出")
    if text.endswith("费用"):
        text = text[:-1]
    return text


@rule(
    RuleCode(
        "FA412",
        "personnel-items-in-t06",
        "文中人员经费所列项目在表六中有数",
        T,
        Severity.WARNING,
        explanation=(
            "检查一般公共预算财政拨款基本支出说明中“人员经费……主要包括：基本工资、津贴补贴、奖金……”"
            "所列的每一项，是否是表六（一般公共预算财政拨款基本支出决算表）人员经费部分"
            "（301 工资福利支出、303 对个人和家庭的补助）中有数的行。项目按表六自己的行名匹配"
            "（忽略括注、“和”“及”与“支出”“费用”的写法差异）；文中列出而表六为 0 或空白的，"
            "说明文字与表格不一致或照抄了往年的文字，报为警告。表六中找不到同名行的项目不作判断。"
        ),
    ),
    RuleCode(
        "FA413",
        "public-items-in-t06",
        "文中公用经费所列项目在表六中有数",
        T,
        Severity.WARNING,
        explanation=(
            "检查一般公共预算财政拨款基本支出说明中“公用经费……主要包括：办公费、水费、电费……”"
            "所列的每一项，是否是表六（一般公共预算财政拨款基本支出决算表）公用经费部分"
            "（302 商品和服务支出、307 债务利息及费用支出、310 资本性支出、399 其他支出）"
            "中有数的行。"
            "项目按表六自己的行名匹配（忽略括注、“和”“及”与“支出”“费用”的写法差异）；"
            "文中列出而表六为 0 或空白的报为警告。会议费不作比较（可能含项目支出），"
            "表六中找不到同名行的项目也不作判断。"
        ),
    ),
)
def listed_items(ctx: RuleContext) -> Iterator[Finding]:
    """Each item listed for 人员经费/公用经费 ↔ a non-zero row of its group in 表六."""
    table = data_table(ctx, TableRole.T06)
    if table is None:
        return
    totals = _group_totals(ctx)
    if not totals:
        return
    groups = {side: _group_rows(table, side) for side in (PERSONNEL, PUBLIC)}
    column = T06.columns[0]
    for fact, code in totals:
        rows = groups[_GROUP_CODES[code]]
        for label, span in _items(fact):
            key = name_key(label)
            if not key or any(word in label for word in _NEVER_COMPARED):
                continue
            matched = [r for r in rows if name_key(r.name) == key]
            if not matched or any(_nonzero(r.value(column)) for r in matched):
                continue
            row = max(matched, key=lambda r: len(r.code or ""))  # the most specific
            cell = row.value(column)
            shown = _shown(cell)
            where = f"表六“{row.code} {norm(row.name)}”"
            yield ctx.finding(
                code,
                f"文中{fact.label}主要包括“{label}”，但{where}{_is(shown)}",
                span,
                related=[RelatedSpan(span=_cell_span(row, cell), note=where)],
                expected=f"{where} > 0",
                actual=shown,
                computation=f"{where} = {shown}",
            )


def _is(shown: str) -> str:
    """``为 0.00`` (a blank before a figure), ``为空白（未填数）``."""
    return f"为 {shown}" if shown[:1].isdigit() or shown[:1] == "-" else f"为{shown}"


def _group_totals(ctx: RuleContext) -> list[tuple[TotalFact, str]]:
    """The lists of 人员经费/公用经费 (their total being 表六's 人员经费合计/公用经费合计)."""
    groups: dict[Span, str] = {}
    for fact in ctx.report.facts:
        if isinstance(fact, AmountFact) and fact.quantity is not None:
            q = fact.quantity
            if q.table is TableRole.T06 and q.row in _TOTAL_ROWS and "机关运行" not in fact.label:
                groups[fact.amount.span] = _TOTAL_ROWS[q.row]
    return [
        (fact, groups[fact.total.span])
        for fact in ctx.report.facts
        if isinstance(fact, TotalFact) and fact.total.span in groups
    ]


def _items(fact: TotalFact) -> Iterator[tuple[str, Span]]:
    """The listed items of ``fact``: the named ones, and the parts with a zero amount (a part
    with a non-zero amount is compared by FA411 when its label maps to 表六)."""
    item: NamedItem | PartItem
    for item in fact.named:
        yield item.label, item.span
    for item in fact.parts:
        if item.label and item.amount.value is not None and item.amount.value != 0:
            continue
        if item.label:
            yield item.label, item.label_span or item.amount.span


def _group_rows(table: Table, side: str) -> list[Row]:
    """The coded rows of 表六 under ``side`` (its classes by code, whatever side they sit on)."""
    classes = next((d.classes for d in T06.side_classes if d.side == side), ())
    return [r for r in table.rows if r.code and r.code[:3] in classes]


def _nonzero(amount: Amount | None) -> bool:
    return amount is not None and amount.value is not None and amount.value != 0


def _shown(cell: Amount | None) -> str:
    if cell is None or cell.value is None:
        return "空白（未填数）"
    return show(cell.value, cell.decimals)


def _cell_span(row: Row, cell: Amount | None) -> Span:
    if cell is not None and cell.value is not None:
        return cell.span
    return row.name_span or row.span


# A reason clause: its marker, and its text up to the end of the sentence.
_REASON = pattern_cache.compile(
    r"(?:主要|变动|差异|增加|减少|增长|下降|增减变化)?原因(?:主要)?(?:是|为|在于|系)[：:]?"
    r"|主要(?:是|系|由于)|原因[：:]"
)
_REASON_END = pattern_cache.compile(r"[。]")
_NEGATION = pattern_cache.compile(r"(?:无|没有|未|不|非)$")
# Money brought forward from earlier years.
_BROUGHT = pattern_cache.compile(
    r"(?:上一?年度?|以前年度|往年|历年)(?:的)?(?:财政拨款)?(?:资金)?结转(?:和结余|结余)?(?:资金)?"
    r"(?![^，,；;。]{0,4}(?:减少|下降|降低))"  # 上年结转减少: a decrease, maybe to 0
)
# Money carried forward to later years.
_CARRIED = pattern_cache.compile(
    r"年末结转(?:和结余|结余)?(?:资金)?(?:增加|增长|上升|较多|加大)"
    r"|结转(?:至|到|入)?(?:下一?年度?|以后年度)(?:使用)?"
)


@rule(
    RuleCode(
        "FA414",
        "reason-cites-carry-over-t01-t04",
        "以上年结转说明原因而表中无年初结转和结余",
        T,
        Severity.WARNING,
        explanation=(
            "检查情况说明中说明变动或预决算差异的原因（“主要原因是……”“原因是……”“主要是……”）"
            "若称“上年度结转”“使用以前年度结转资金”，表中是否确有年初结转和结余："
            "财政拨款部分的说明对照表四“年初财政拨款结转和结余”，其他说明对照表一“年初结转和结余”。"
            "表中为 0 或空白而文中以结转资金作解释的，原因与表格相矛盾，报为警告。"
        ),
    ),
    RuleCode(
        "FA415",
        "reason-cites-carry-forward-t01-t04",
        "以结转下年说明原因而表中无年末结转和结余",
        T,
        Severity.WARNING,
        explanation=(
            "检查情况说明中说明变动或预决算差异的原因（“主要原因是……”“原因是……”“主要是……”）"
            "若称资金“结转下年”“结转以后年度使用”或“年末结转增加”，表中是否确有年末结转和结余："
            "财政拨款部分的说明对照表四“年末财政拨款结转和结余”，其他说明对照表一“年末结转和结余”。"
            "表中为 0 或空白的，原因与表格相矛盾，报为警告。"
        ),
    ),
)
def reasons_against_balances(ctx: RuleContext) -> Iterator[Finding]:
    """A reason citing carried-over money ↔ 年初/年末结转和结余 of 表四 or 表一."""
    part = ctx.report.part(PartName.EXPLANATION)
    if part is None or part.span is None:
        return
    lines = ctx.report.source.lines
    sections = [s for top in part.sections for s in top.walk()]
    tables = [t.span for t in ctx.report.tables if t.span is not None]
    first, last = part.span.line, min(part.span.end_line, len(lines))
    seen: set[tuple[int, int]] = set()
    for number in range(first, last + 1):
        line = lines[number - 1]
        if "原因" not in line and "主要" not in line:
            continue
        if any(s.contains_line(number) for s in tables):
            continue
        for start, end in _reason_clauses(line):
            for code, pattern, wanted in (
                ("FA414", _BROUGHT, "opening"),
                ("FA415", _CARRIED, "closing"),
            ):
                for m in pattern.finditer(line, start, end):
                    if (number, m.start()) in seen:
                        break
                    if _NEGATION.search(line, max(start, m.start() - 2), m.start()):
                        continue
                    appropriation = _in_appropriation(sections, number)
                    found = _balance(ctx, wanted, appropriation)
                    if found is None:
                        continue
                    where, row, cell = found
                    if _nonzero(cell):
                        continue
                    seen.add((number, m.start()))
                    shown = _shown(cell)
                    said = m.group()
                    yield ctx.finding(
                        code,
                        f"原因说明称“{said}”，但{where}{_is(shown)}",
                        Span.at(number, m.start() + 1, m.end() + 1),
                        related=[RelatedSpan(span=_cell_span(row, cell), note=where)],
                        expected=f"{where} > 0",
                        actual=shown,
                        computation=f"{where} = {shown}",
                    )
                    break  # one finding per clause and kind


def _reason_clauses(line: str) -> Iterator[tuple[int, int]]:
    """``[start, end)`` of each reason clause of ``line``: after its marker, to the ``。``."""
    for m in _REASON.finditer(line):
        stop = _REASON_END.search(line, m.end())
        yield m.end(), stop.start() if stop else len(line)


def _in_appropriation(sections: list[Section], number: int) -> bool:
    """Whether line ``number`` lies in a section about 财政拨款 (表四's scope)."""
    return any("财政拨款" in s.title and s.span.contains_line(number) for s in sections)


def _balance(
    ctx: RuleContext, which: str, appropriation: bool
) -> tuple[str, Row, Amount | None] | None:
    """(name, row, cell) of the 年初 (``opening``) or 年末 (``closing``) 结转和结余: of 表四 in a
    财政拨款 section (表一 when 表四 is not usable: its zero is 表四's too), else of 表一."""
    side = "income" if which == "opening" else "spending"
    word = "年初" if which == "opening" else "年末"
    order = (TableRole.T04, TableRole.T01) if appropriation else (TableRole.T01,)
    for role in order:
        table = data_table(ctx, role)
        if table is None:
            continue
        spec, short = (T04, "表四") if role is TableRole.T04 else (T01, "表一")
        names = (f"{word}财政拨款结转和结余", f"{word}结转和结余")
        row = find_named(side_rows(table, side), *names)
        if row is None:
            continue
        if spec.sides is None:
            continue
        columns = spec.sides.income if side == "income" else spec.sides.spending
        if not columns:
            continue
        return f"{short}“{norm(row.name)}”", row, row.value(columns[0])
    return None
