"""FA9xx against last year's report: the 上年 figures this report quotes, in last year's report.

Runs only with last year's report (``fa-tui check --previous``, ``stages(previous=…)``). Each
上年 figure the text states or implies (``rules.previous_claims``) is looked up in last year's
report: its table cell for a table quantity (表一、表四、表五、表九 …), or last year's own text
for 机关运行经费 (and for a quantity whose table last year's report lacks). A figure is
compared only when that lookup is certain (one cell, or one value however often last year's
text repeats it) and this year's figure agrees with this year's table (else FA4xx reports
it, and the 上年 figure would only repeat that). A last year's report of another year or
department, or not a 决算, gives one warning and no comparisons.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import NamedTuple

from fa_tui.model import Amount, Category, Finding, PartName, RelatedSpan, Report, ReportKind
from fa_tui.model import Severity as S
from fa_tui.model.decimals import show
from fa_tui.model.facts import AmountFact
from fa_tui.rules.previous_claims import Claim, claims, in_wan_amount, topic_of
from fa_tui.rules.registry import RuleCode, RuleContext, rule
from fa_tui.rules.text_table import TableFigure, cited, read_quantity
from fa_tui.rules.tolerance import SumCheck, check_sum, same_quantity

P = Category.PREVIOUS_YEAR


class LastYear(NamedTuple):
    """A figure of last year's report in 万元, with its span there and its name."""

    amount: Amount
    name: str  # ``表一“总计”`` or ``文中“机关运行经费支出”``
    printed: str  # how it reads there (``138,366,269.56 × 0.0001``)


@rule(
    RuleCode(
        "FA901",
        "previous-year-figures-match-last-report",
        "文中上年数与上年决算报告一致",
        P,
        S.ERROR,
        explanation=(
            "检查本报告引用的上年数是否与上年的决算报告（用 --previous 给出）一致："
            "文中直接写出的上年数（“上年决算数为……”“比上年的……”），以及由本年数和增减额推算的"
            "上年数（“收入总计13836.63万元，比上年增加3156.43万元”推出上年为 10680.20 万元；"
            "“与上年持平”即上年等于本年），与上年报告的同一项目比较：收、支总计和本年收入、支出合计"
            "（表一、表二、表三）、财政拨款收支总计（表四）、一般公共预算财政拨款支出及其基本、项目"
            "支出和各类（表五）、人员经费和公用经费（表六）、政府性基金和国有资本经营支出（表七、"
            "表八）、“三公”经费各项（表九）；机关运行经费（以及上年报告缺表的项目）与上年报告文中的"
            "同一项目比较。只比较能确定对应的项目：本年数与本年表格不一致的（由 FA4xx 报告）、"
            "上年报告中找不到、由多行相加或文中有多个不同数值的，不作比较。差额在各数字印刷精度的"
            "舍入范围内（各数末位半个单位之和）的不报；超出的报为错误，位置在本报告的增减额（或"
            "上年数），并注明上年报告中该数所在的行。"
        ),
    ),
    RuleCode(
        "FA902",
        "previous-report-is-last-year-of-same-department",
        "上年报告应为同一部门上一年度的决算",
        P,
        S.WARNING,
        explanation=(
            "检查用 --previous 给出的上年报告是否为同一部门上一年度的部门决算：其年度应为本报告"
            "年度减一，部门名称应与本报告相同（可省去开头的地区名），且应是决算而不是预算。"
            "不符的给出一条警告，并且不核对任何上年数（与其他年度或其他部门的数字比较没有意义）。"
        ),
        part=PartName.OVERVIEW,
    ),
)
def previous_year(ctx: RuleContext) -> Iterator[Finding]:
    """The 上年 figures quoted in the text against last year's report (FA901), after checking
    that it is last year's report of the same department (FA902)."""
    previous = ctx.index.previous
    if previous is None:
        return
    mismatch = _mismatch(ctx.report, previous)
    if mismatch is not None:
        yield ctx.finding("FA902", mismatch, None)
        return
    last = RuleContext(previous)
    for claim in claims(ctx.report):
        if not _agrees_this_year(ctx, claim):
            continue
        found = _last_year(last, claim)
        if found is None:
            continue
        check = _compare(claim, found.amount)
        if check is None or abs(check.difference) <= check.tolerance:
            continue
        yield _finding(ctx, claim, found, previous)


# --- FA902 the right report ----------------------------------------------------------------------


def _mismatch(report: Report, previous: Report) -> str | None:
    """Why ``previous`` is not last year's 决算 of ``report``'s department (``None``: it is)."""
    name = f"上年报告 {previous.path.name}"
    problems: list[str] = []
    if previous.kind is not ReportKind.FINAL_ACCOUNTS:
        problems.append("是部门预算而不是决算")
    if report.year is None or previous.year is None:
        problems.append("年度无法确定")
    elif previous.year != report.year - 1:
        expected = report.year - 1
        problems.append(
            f"是 {previous.year} 年度的报告，本报告为 {report.year} 年度，应为 {expected} 年度"
        )
    if (
        report.department
        and previous.department
        and not _same_department(report.department, previous.department)
    ):
        problems.append(f"的部门“{previous.department}”与本报告的“{report.department}”不同")
    if not problems:
        return None
    return f"{name}{'，且'.join(problems)}：未与上年报告核对上年数"


def _plain_name(name: str) -> str:
    return re.sub(r"[\s\u3000]", "", name).replace("(", "（").replace(")", "）")


def _same_department(a: str, b: str) -> bool:
    """The same name, or one of them the other without its leading region."""
    a, b = _plain_name(a), _plain_name(b)
    return a == b or a.endswith(b) or b.endswith(a)


# --- FA901 the figures ---------------------------------------------------------------------------


def _agrees_this_year(ctx: RuleContext, claim: Claim) -> bool:
    """Whether this year's figure of an implied claim agrees with this year's table (or the
    table does not hold it): a wrong current figure is FA4xx's, not last year's."""
    if claim.current is None or claim.quantity is None:
        return True
    found = _single_cell(read_quantity(ctx, claim.quantity))
    if found is None:
        return True
    check = same_quantity(found, claim.current)
    return check is not None and abs(check.difference) <= check.tolerance


def _single_cell(figure: TableFigure | None) -> Amount | None:
    """A table figure of one cell as an amount in 万元 (sums of rows are not compared)."""
    if figure is None or len(figure.cells) != 1:
        return None
    cell = figure.cells[0]
    return Amount(
        value=figure.value,
        text=show(figure.value, figure.decimals),
        decimals=figure.decimals,
        unit="万元",
        span=cell.span,
    )


def _last_year(last: RuleContext, claim: Claim) -> LastYear | None:
    """The same quantity in last year's report, when it is certain."""
    if claim.quantity is not None:
        figure = read_quantity(last, claim.quantity)
        amount = _single_cell(figure)
        if amount is not None and figure is not None:
            return LastYear(amount, cited(claim.quantity.name), figure.printed)
        if figure is not None:
            return None  # a sum of rows: not one printed figure
        return _in_text(last.report, lambda f: f.quantity == claim.quantity)
    topic = claim.topic
    return _in_text(last.report, lambda f: topic_of(f.label) == topic)


def _in_text(report: Report, about: Callable[[AmountFact], bool]) -> LastYear | None:
    """Last year's text figure for which ``about(fact)`` holds, when all of them agree."""
    found: list[tuple[AmountFact, Amount]] = []
    for fact in report.facts:
        if not isinstance(fact, AmountFact) or fact.role not in ("plain", "outturn"):
            continue
        amount = in_wan_amount(fact.amount)
        if amount is not None and about(fact):
            found.append((fact, amount))
    values = {amount.value for _, amount in found}
    if len(values) != 1:
        return None
    best = max(found, key=lambda item: item[1].decimals)  # the most precise printing
    fact, amount = best
    return LastYear(amount, f"文中“{fact.label}”", fact.amount.text)


def _compare(claim: Claim, last: Amount) -> SumCheck | None:
    """Last year's figure against the claim: stated (one printing of one quantity) or implied
    (current − change, each printed figure with its rounding)."""
    if claim.current is None:
        return same_quantity(last, claim.figure)
    return check_sum(last, [claim.current, claim.figure], [1, -claim.sign])


def _where(report: Report, amount: Amount) -> str:
    """``上年报告第 12 行`` (with the page and line of a PDF, the paragraph of a DOCX)."""
    line = amount.span.line
    location = report.source.location(line, amount.span.column)
    described = location.describe() if location is not None else ""
    return f"上年报告第 {line} 行" + (f"（{described}）" if described else "")


def _finding(ctx: RuleContext, claim: Claim, found: LastYear, previous: Report) -> Finding:
    # at the text's precision (a table in 元 read in 万元 carries six decimals)
    printed = [claim.figure, *([claim.current] if claim.current is not None else [])]
    decimals = max(2, *(a.decimals for a in printed))
    implied, last_text, difference = (
        show(claim.value, decimals),
        show(found.amount.value or Decimal(0), decimals),
        show(claim.value - (found.amount.value or Decimal(0)), decimals, signed=True),
    )
    where = _where(previous, found.amount)
    label = f"“{claim.label}”" if claim.label else "该项"
    if claim.current is None:
        said = f"文中{label}的上年数为 {claim.figure.text} 万元"
        arithmetic = f"文中上年数 {claim.figure.text}"
    else:
        word = {1: "增加", -1: "减少"}[claim.sign]
        if claim.figure.text == "持平":
            said = f"文中{label}与上年持平，上年数即本年数 {claim.current.text} 万元"
            arithmetic = f"{claim.current.text}（持平）"
        else:
            said = (
                f"按文中{label}本年 {claim.current.text} 万元、比上年{word} "
                f"{claim.figure.text} 万元推算，上年数为 {implied} 万元"
            )
            op = "-" if claim.sign > 0 else "+"
            arithmetic = f"{claim.current.text} {op} {claim.figure.text}"
    related = [] if claim.current is None else [RelatedSpan(span=claim.current.span, note="本年数")]
    return ctx.finding(
        "FA901",
        f"{said}，与上年报告{found.name}的 {last_text} 万元（{where}）不一致",
        claim.span,
        related=related,
        expected=last_text,
        actual=implied,
        difference=difference,
        computation=(
            f"{arithmetic} = {implied} ≠ {last_text}"
            f"（上年报告{found.name}：{found.printed}，{where}）"
        ),
    )
