"""Stated amounts and their labels: ``基本支出525.83万元``, ``年初预算为41.23万元`` (a budget),
``支出决算为43.71万元`` (an outturn), ``比上年的900万元`` (last year's figure, ``previous``).

The label is the words just before the figure; a budget or outturn whose words name nothing
but the role (``决算数为``) takes the clause before it, the sentence's budget or latest amount,
and a figure with no words at all the heading of the current item (``（一）…（项）``). A plain or
outturn amount becomes the sentence's (and the paragraph's) current amount and, inside a
``其中：`` list, one of its parts; last year's figure is the base of the sentence's next change
and is never the current amount.
"""

from __future__ import annotations

from typing import Literal

from msgspec.structs import replace

from fa_tui import pattern_cache
from fa_tui.model import TableRole
from fa_tui.model.facts import AmountFact, Quantity
from fa_tui.parse.narrative.labels import LabelContext, clean_label, quantity_for, subject_label
from fa_tui.parse.narrative.readers.changes import BUDGET_BASIS
from fa_tui.parse.narrative.state import Clause, Memory, SentenceState

Role = Literal["plain", "budget", "outturn", "previous"]

_BUDGET = pattern_cache.compile(
    r"(?P<word>(?:年初|调整|全年|调整后)?预算(?:数|安排数?)?"
    # 调整预算收入, 全年预算资金 (绩效): the budget of a project; a bare 预算收入 may be a fund's
    # name (一般公共预算收入) and is not one
    r"|(?:年初|调整后?|全年)预算后?(?:收入|资金|总额|金额))(?:为|是|安排)?$"
)
_OUTTURN = pattern_cache.compile(
    r"(?:支出)?决算(?:数)?(?:为|是)?$|执行数(?:为)?$|实际支出(?:数)?(?:为)?$"
)
# last year's figure: ``比上年的``, ``较2023年度决算数``, ``上年决算数为``, ``去年同期``
_PREVIOUS = pattern_cache.compile(
    r"(?:(?:比|较|与|同)(?:上年度?|上一年度?|去年|\d{4}年度?)|上年度?|上一年度?|去年)"
    r"(?:同期)?(?:(?:支出|收入)?决算数?|支出|收入)?(?:的|为|是)?$"
)
_NO_LABEL = ("", "支出")  # labels that name nothing but the role


def read_amount(clause: Clause, sentence: SentenceState, memory: Memory) -> AmountFact:
    """The money figure of ``clause`` as an amount of the label its words name."""
    role = amount_role(clause.tail)
    if role == "previous":
        label = sentence.last_plain.label if sentence.last_plain else ""
    else:
        label = _label(clause, role, sentence, memory.item)
    fact = AmountFact(
        label=label,
        label_span=clause.label_span(),
        amount=clause.figure.amount,
        role=role,
        quantity=_quantity(label, sentence.context, role) if role != "previous" else None,
        **clause.place,
    )
    _remember(fact, clause.figure.start, sentence)
    return fact


def amount_role(tail: str) -> Role:
    """What the words before an amount make of it: ``previous``, ``outturn``, ``budget`` or
    ``plain``.

    The words every match of ``_OUTTURN`` (``_BUDGET``) contains are looked for first.
    """
    if ("上" in tail or "去年" in tail or "年" in tail) and _PREVIOUS.search(tail):
        return "previous"
    if ("决算" in tail or "执行数" in tail or "实际支出" in tail) and _OUTTURN.search(tail):
        return "outturn"
    if "预算" in tail and _BUDGET.search(tail) and not BUDGET_BASIS.search(tail):
        return "budget"
    return "plain"


def _label(clause: Clause, role: Role, sentence: SentenceState, item: str | None) -> str:
    """The label of an amount of ``role``, from its words or, when they name none, around it."""
    tail = clause.tail
    label = subject_label(tail) if role != "budget" else clean_label(_BUDGET.sub("", tail))
    if label in _NO_LABEL and clause.previous_clause and role != "plain":
        label = clean_label(clause.previous_clause) or label
    if label in _NO_LABEL and role == "outturn" and sentence.budget is not None:
        label = sentence.budget.label
    if label in _NO_LABEL and role != "plain" and sentence.last_plain is not None:
        label = sentence.last_plain.label
    if not label and item:
        label = clean_label(item)
    return label


def _remember(fact: AmountFact, start: int, sentence: SentenceState) -> None:
    """Make ``fact`` (whose figure starts at clean index ``start``) what the sentence states."""
    sentence.prev_fact = fact
    if fact.role == "previous":
        sentence.previous = fact
        return
    if fact.role == "budget":
        sentence.budget = sentence.info.last_budget = fact
        return
    if fact.role == "outturn":
        sentence.info.last_outturn = fact
    sentence.outturn = fact if fact.role == "outturn" else None
    sentence.last_plain = fact
    sentence.open_change = None
    info = sentence.info
    info.subject = fact
    if info.first_amount is None:
        info.first_amount = fact
    parts = sentence.current_list
    if parts is not None and parts.covers(start):
        parts.part_facts.append(fact)


def _quantity(label: str, context: LabelContext, role: Role) -> Quantity | None:
    """The table quantity of an amount: budgets only exist in 表九 (预算数)."""
    quantity = quantity_for(label, context)
    if quantity is None or role != "budget":
        return quantity
    if quantity.table is not TableRole.T09:
        return None
    column = quantity.column.replace("决算数", "预算数")
    return replace(quantity, column=column, name=quantity.name.replace("决算数", "预算数"))
