"""The change reader: amounts and rates of change, their basis, flat changes (real phrasing)."""

from __future__ import annotations

from decimal import Decimal

from helpers_narrative import of_kind, read, reading_at

from fa_tui.model.facts import ChangeBasis, ChangeFact, Direction
from fa_tui.parse.narrative.readers.changes import read_change, read_rate

# 2024-lipu line 76
LIPU_76 = (
    "1.财政拨款收入2844.74万元，为荔浦本级财政当年拨付的资金。同比增加44.93万元，增长1.60％，"
    "变动原因一是财政对基本医疗保险基金的补助标准提高。"
)
# 2024-lipu line 142
LIPU_142 = (
    "2024年度一般公共预算财政拨款“三公”经费支出决算总额为0.54万元，比年初预算减少3.22万元， "
    "下降85.64%，比上年决算减少0.15万元，下降21.74％，变动原因是加强了“三公”经费管理，其中： "
)
# 2022-liujiang line 473 (template text)
LIUJIANG_473 = (
    "政府性基金预算财政拨款支出0万元，较2021年度决算数增加（减少）0万元，增长（下降）0%。"
)


def test_a_change_amount_refers_to_the_current_amount() -> None:
    clause, sentence, memory = reading_at("本年收入合计953.20万元，同比减少898.98万元。", 1)
    fact = read_change(clause, sentence, memory)
    assert fact is not None and sentence.open_change is fact
    assert fact.direction is Direction.DOWN and fact.direction_word == "减少"
    assert fact.amount is not None and fact.amount.value == Decimal("898.98")
    assert fact.current is not None and fact.current.value == Decimal("953.20")
    assert fact.basis is ChangeBasis.PREVIOUS_YEAR and fact.signed_amount() == Decimal("-898.98")
    assert sentence.last_plain is not None
    assert memory.change_of[id(sentence.last_plain)] is fact


def test_a_rate_completes_the_change_just_stated() -> None:
    clause, sentence, _ = reading_at("本年收入合计953.20万元，同比减少898.98万元，下降48.54%。", 2)
    change = sentence.open_change
    assert read_rate(clause, sentence) is None  # nothing new: it completed ``change``
    assert change is not None and change.rate is not None and change.rate.value == Decimal("48.54")
    assert change.rate_direction is Direction.DOWN and change.rate_word == "下降"


def test_a_rate_alone_is_a_change_of_its_own() -> None:
    clause, sentence, _ = reading_at("本年收入合计953.20万元，较2021年下降48.54%。", 1)
    fact = read_rate(clause, sentence)
    assert fact is not None and fact.amount is None
    assert fact.rate is not None and fact.rate.value == Decimal("48.54")
    assert fact.compared_year == 2021 and fact.label == "收入合计"


def test_change_and_rate_across_sentences_lipu() -> None:
    (change,) = of_kind(read(LIPU_76), ChangeFact)
    assert change.direction is Direction.UP and change.rate_direction is Direction.UP
    assert change.amount is not None and change.amount.value == Decimal("44.93")
    assert change.rate is not None and change.rate.value == Decimal("1.60")
    assert change.current is not None and change.current.value == Decimal("2844.74")


def test_against_the_budget_then_last_year_lipu() -> None:
    changes = of_kind(read(LIPU_142), ChangeFact)
    assert [c.basis for c in changes] == [ChangeBasis.BUDGET, ChangeBasis.PREVIOUS_YEAR]
    assert [c.signed_amount() for c in changes] == [Decimal("-3.22"), Decimal("-0.15")]
    assert [c.rate.value if c.rate else None for c in changes] == [
        Decimal("85.64"),
        Decimal("21.74"),
    ]


def test_template_words_have_no_direction_liujiang() -> None:
    (change,) = of_kind(read(LIUJIANG_473), ChangeFact)
    assert change.direction is Direction.UNCLEAR and change.direction_word == "增加（减少）"
    assert change.rate_direction is Direction.UNCLEAR and change.compared_year == 2021
    assert change.signed_amount() is None


def test_flat_after_the_figure_and_in_a_sentence_of_its_own() -> None:
    (after,) = of_kind(read("2.事业收入0万元，与上年持平。"), ChangeFact)
    assert after.direction is Direction.FLAT and after.label == "事业收入"
    assert after.current is not None and after.current.value == 0
    yanbian_85 = "1.因公出国（境）经费支出0万元，完成预算0%。因公出国（境）支出决算与2022年持平。"
    (alone,) = of_kind(read(yanbian_85), ChangeFact)
    assert alone.direction is Direction.FLAT and alone.label == "因公出国（境）经费支出"


def test_flat_between_figures_is_read_once() -> None:
    facts = read("事业收入0万元，与上年持平，经营收入0万元，与上年持平。")
    flats = of_kind(facts, ChangeFact)
    assert [f.label for f in flats] == ["事业收入", "经营收入"]
