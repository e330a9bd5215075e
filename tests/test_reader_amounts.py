"""The amount reader: labels, budget/outturn roles, the item heading, list parts (real phrasing)."""

from __future__ import annotations

from decimal import Decimal

from helpers_narrative import of_kind, read, reading_at

from fa_tui.model import TableRole
from fa_tui.model.facts import AmountFact
from fa_tui.parse.narrative.readers.amounts import amount_role, read_amount

LIUJIANG_409 = (
    "本年支出合计953.20万元，其中：基本支出525.83万元，占55.16%；项目支出 427.37万元，占44.84%。"
)
# 2022-liujiang line 435: an item heading, then its budget, outturn and completion
LIUJIANG_435 = (
    "3、社会保障和就业支出（类）行政事业养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
    "年初预算为 41.23 万元，支出决算为 43.71 万元，完成年初预算的 106.02%。"
)


def test_roles_of_the_words_before_an_amount() -> None:
    assert amount_role("支出决算为") == "outturn"
    assert amount_role("执行数为") == "outturn"
    assert amount_role("年初预算为") == "budget"
    assert amount_role("预算安排") == "budget"
    assert amount_role("比年初预算数") == "plain"  # a basis of comparison, not a budget
    assert amount_role("基本支出") == "plain"


def test_an_amount_in_a_list_is_its_part_and_the_current_amount() -> None:
    clause, sentence, memory = reading_at(LIUJIANG_409, 1)
    fact = read_amount(clause, sentence, memory)
    assert (fact.label, fact.amount.value, fact.role) == ("基本支出", Decimal("525.83"), "plain")
    assert fact.quantity is not None and fact.quantity.name == "表三 合计 基本支出"
    assert sentence.last_plain is fact and sentence.info.subject is fact
    assert sentence.current_list is not None
    assert sentence.current_list.total is not None
    assert sentence.current_list.total.amount.value == Decimal("953.20")
    assert sentence.current_list.part_facts == [fact]


def test_a_budget_is_not_the_current_amount() -> None:
    clause, sentence, memory = reading_at("年初预算为 41.23 万元，支出决算为 43.71 万元。", 0)
    fact = read_amount(clause, sentence, memory)
    assert fact.role == "budget" and fact.amount.value == Decimal("41.23")
    assert sentence.budget is fact and sentence.last_plain is None


def test_budget_and_outturn_take_the_label_of_their_item() -> None:
    budget, outturn = of_kind(read(LIUJIANG_435), AmountFact)
    item = "社会保障和就业支出（类）行政事业养老支出（款）机关事业单位基本养老保险缴费支出（项）"
    assert (budget.role, budget.label, budget.amount.value) == ("budget", item, Decimal("41.23"))
    assert (outturn.role, outturn.label, outturn.amount.value) == (
        "outturn",
        item,
        Decimal("43.71"),
    )
    assert budget.quantity is None  # budgets only exist in 表九
    assert outturn.quantity is not None and outturn.quantity.table is TableRole.T05
    assert outturn.quantity.row == "机关事业单位基本养老保险缴费支出"


def test_a_three_public_budget_names_the_budget_column() -> None:
    facts = read("2024年“三公”经费财政拨款年初预算为3.76万元，支出决算为0.54万元。")
    budget, outturn = of_kind(facts, AmountFact)
    assert budget.quantity is not None and budget.quantity.name == "表九 预算数合计"
    assert outturn.quantity is not None and outturn.quantity.name == "表九 决算数合计"
