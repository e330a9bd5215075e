"""The share reader: part, whole, count shares and the groups of one sentence (real phrasing)."""

from __future__ import annotations

from decimal import Decimal

from helpers_narrative import of_kind, read, reading_at

from fa_tui.model.facts import ShareFact
from fa_tui.parse.narrative.readers.shares import read_share

LIUJIANG_409 = (
    "本年支出合计953.20万元，其中：基本支出525.83万元，占55.16%；项目支出 427.37万元，占44.84%。"
)
LIUJIANG_419 = "2022 年度财政拨款支出953.20万元，占本年支出合计的100%。"
# 2024-lipu line 186
LIPU_186 = (
    "经对照年初设定的绩效目标，7个项目评为一等，占项目总数比例58.34%；4个项目评为二等，"
    "占项目总数比例33.33%，1个项目评为三等占项目总数比例8.33%，"
)
# 2022-liujiang line 497, with the last share misprinted (100% → 50%)
LIUJIANG_497 = (
    "2022年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；"
    "公务用车购置及运行费支出决0万元，占0%；公务接待费支出决算0.09万元，占50%。"
)


def test_the_part_is_the_figure_before_and_the_whole_the_list_total() -> None:
    clause, sentence, memory = reading_at(LIUJIANG_409, 2)
    fact = read_share(clause, sentence, memory)
    assert fact is not None and sentence.shares == [fact]
    assert fact.label == "基本支出" and fact.share.value == Decimal("55.16")
    assert fact.part is not None and fact.part.value == Decimal("525.83")
    assert fact.whole_label is None
    assert fact.whole is not None and fact.whole.value == Decimal("953.20")


def test_no_share_without_zhan() -> None:
    clause, sentence, memory = reading_at("同比增加44.93万元，增长1.60%。", 1)
    assert read_share(clause, sentence, memory) is None


def test_the_whole_is_the_earlier_figure_with_its_label() -> None:
    clause, sentence, memory = reading_at(LIUJIANG_419, 1, "本年支出合计953.20万元。")
    fact = read_share(clause, sentence, memory)
    assert fact is not None and fact.whole_label == "支出合计"
    assert fact.whole is memory.amounts[0].amount  # not the part, which has the same value
    assert sentence.last_plain is not None and fact.part is sentence.last_plain.amount


def test_a_share_of_a_count_sums_its_group_lipu() -> None:
    shares = of_kind(read(LIPU_186), ShareFact)
    assert [(s.label, s.part.value if s.part else None) for s in shares] == [
        ("项目评为一等", 7),
        ("项目评为二等", 4),
        ("项目评为三等", 1),
    ]
    assert all(s.is_count and s.whole_label == "项目总数" for s in shares)
    assert all(s.whole is not None and s.whole.value == 12 and s.whole_is_sum for s in shares)
    assert len({s.group for s in shares}) == 1


def test_the_three_public_items_make_their_whole_whatever_their_shares() -> None:
    shares = of_kind(read(LIUJIANG_497), ShareFact)
    assert [s.share.value for s in shares] == [0, 0, 50]
    assert all(s.whole is not None and s.whole.value == Decimal("0.09") for s in shares)


def test_two_shares_far_from_100_get_no_summed_whole() -> None:
    two = LIUJIANG_497.split("公务用车")[0] + "公务接待费支出决算0.09万元，占50%。"
    shares = of_kind(read(two), ShareFact)
    assert len(shares) == 2 and all(s.whole is None for s in shares)
