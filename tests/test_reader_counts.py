"""The count and average readers (real phrasing from the samples)."""

from __future__ import annotations

from decimal import Decimal

from helpers_narrative import of_kind, read, reading_at

from fa_tui.model.facts import AverageFact, CountFact
from fa_tui.parse.narrative.readers.counts import read_average, read_count

# 2024-lipu line 156
LIPU_156 = (
    "2024年，我单位（含所属单位）公务用车保有量为1辆，全年财政拨款开支的运行费0.31万元，"
    "平均每辆0.31万元。"
)


def test_a_count_with_its_label() -> None:
    clause, sentence, _ = reading_at(LIPU_156, 0)
    fact = read_count(clause, sentence)
    assert (fact.label, fact.count.value, fact.count.unit) == (
        "（含所属单位）公务用车保有量",
        Decimal(1),
        "辆",
    )
    assert sentence.last_count is fact and sentence.prev_fact is fact


def test_an_average_divides_the_latest_amount_by_the_latest_count() -> None:
    clause, sentence, _ = reading_at(LIPU_156, 2)
    fact = read_average(clause, sentence)
    assert fact is not None
    assert fact.average.value == Decimal("0.31")
    assert fact.total is not None and fact.total.value == Decimal("0.31")
    assert fact.count is not None and fact.count.value == 1
    assert fact.label == "财政拨款开支的运行费"  # ``平均每辆`` names nothing: the amount's label


def test_no_average_without_its_words() -> None:
    clause, sentence, _ = reading_at(LIPU_156, 1)
    assert read_average(clause, sentence) is None


def test_counts_of_trips_and_people() -> None:
    facts = read("全年安排因公出国（境）团组0次，出国（境）0人。")
    assert [(f.label, f.count.unit) for f in of_kind(facts, CountFact)] == [
        ("安排因公出国（境）团组", "次"),
        ("出国（境）", "人"),
    ]
    assert not of_kind(facts, AverageFact)
