"""The completion reader: budget against outturn (real phrasing from the samples)."""

from __future__ import annotations

from decimal import Decimal

from helpers_narrative import of_kind, read, reading_at

from fa_tui.model.facts import CompletionFact
from fa_tui.parse.narrative.readers.completions import completion_word, read_completion

LIUJIANG_435 = "年初预算为 41.23 万元，支出决算为 43.71 万元，完成年初预算的 106.02%。"


def test_completion_words() -> None:
    m = completion_word("完成年初预算的")
    assert m is not None and m.group("word") == "年初预算"
    m = completion_word("预算执行率为")
    assert m is not None and m.group("word") is None
    assert completion_word("增长") is None
    assert completion_word("年初预算为") is None  # a budget, not a completion


def test_a_completion_compares_the_budget_and_outturn_stated_before_it() -> None:
    clause, sentence, _ = reading_at(LIUJIANG_435, 2)
    word = completion_word(clause.tail)
    assert word is not None
    fact = read_completion(clause, word, sentence)
    assert fact.budget is not None and fact.budget.value == Decimal("41.23")
    assert fact.outturn is not None and fact.outturn.value == Decimal("43.71")
    assert fact.rate is not None and fact.rate.value == Decimal("106.02")
    assert fact.budget_word == "年初预算"


def test_a_completion_closes_its_budget_and_outturn() -> None:
    """``年初预算为…，支出决算为…，完成…；年初预算为…，完成…``: the second has no outturn of the
    first but falls back on the sentence's current amount."""
    facts = read(
        "年初预算为 41.23 万元，支出决算为 43.71 万元，完成年初预算的 106.02%；"
        "年初预算为 20.62 万元，完成年初预算的 38.41%。"
    )
    first, second = of_kind(facts, CompletionFact)
    assert first.budget is not None and first.budget.value == Decimal("41.23")
    assert second.budget is not None and second.budget.value == Decimal("20.62")
    assert second.outturn is not None and second.outturn.value == Decimal("43.71")


def test_a_completion_without_a_budget_figure_yanbian() -> None:
    facts = read("2023年度“三公”经费财政拨款支出决算为0.05万元，完成预算100%，与上年持平。")
    (fact,) = of_kind(facts, CompletionFact)
    assert fact.budget is None and fact.budget_word == "预算"
    assert fact.outturn is not None and fact.outturn.value == Decimal("0.05")
    assert fact.quantity is not None and fact.quantity.name == "表九 决算数合计"
