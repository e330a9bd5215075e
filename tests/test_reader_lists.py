"""The list reader: totals and their parts, in a sentence or across paragraphs (real phrasing)."""

from __future__ import annotations

from decimal import Decimal

from helpers_narrative import of_kind, read, reading_at

from fa_tui.model.facts import TotalFact
from fa_tui.parse.narrative.readers.lists import enumeration_style, open_list, opens_list

LIUJIANG_409 = (
    "本年支出合计953.20万元，其中：基本支出525.83万元，占55.16%；项目支出 427.37万元，占44.84%。"
)
LIUJIANG_425 = (
    "2022年度财政拨款支出 953.20万元，主要用于以下方面：一般公共服务（类）支出 0.12万元，"
    "占0.01%；社会保障和就业（类）支出299.05万元，占31.37%；卫生健康支出627.68万元，占65.85%；"
    "住房保障（类）支出 26.35万元，占2.77%。"
)
LIUJIANG_517 = (
    "2022年本部门政府采购支出总额0万元，其中：政府采购货物支出0万元、政府采购工程支出0万元、"
    "政府采购服务支出0万元。"
)
# 2024-lipu lines 74-78: a total whose parts are the enumerated paragraphs that follow
LIPU_74 = (
    "（一）收入总计2844.76万元，其中：",
    "1.财政拨款收入2844.74万元，为荔浦本级财政当年拨付的资金。同比增加44.93万元，增长1.60％。",
    "2.事业收入0万元，与上年持平。",
    "3.经营收入0万，与上年持平。",
)


def test_enumeration_styles() -> None:
    styles = ["（一）", "（1）", "1.", "1）", "一、", "第三部分", "本年"]
    assert [enumeration_style(s + "收入") for s in styles] == [
        "paren-cn",
        "paren-num",
        "num",
        "num-paren",
        "cn",
        "part",
        None,
    ]


def test_a_marker_opens_a_list_of_the_amount_before_it() -> None:
    clause, sentence, _ = reading_at(LIUJIANG_409, 1)
    parts = sentence.current_list
    assert clause.lead == "基本支出" and parts is not None and parts.exhaustive
    assert parts.total is not None and parts.total.amount.value == Decimal("953.20")
    assert parts.end is None  # with a colon: to the end of the sentence


def test_a_marker_without_colon_runs_to_the_semicolon() -> None:
    text = "支出合计100万元，其中基本支出60万元，项目支出40万元；结余5万元。"
    _, sentence, _ = reading_at(text, 1)
    parts = sentence.current_list
    assert parts is not None and parts.end == text.index("；")
    (total,) = of_kind(read(text), TotalFact)
    assert [p.label for p in total.parts] == ["基本支出", "项目支出"]  # not 结余


def test_no_list_without_a_marker() -> None:
    clause, sentence, _ = reading_at("本年收入合计953.20万元，同比减少898.98万元。", 1)
    assert clause.lead == "，同比减少" and sentence.current_list is None and not sentence.lists
    assert open_list(clause.paragraph, "同比减少", sentence) == "同比减少"
    assert sentence.current_list is None


def test_total_of_a_sentence_liujiang() -> None:
    (total,) = of_kind(read(LIUJIANG_409), TotalFact)
    assert total.total.value == Decimal("953.20") and total.exhaustive
    assert [(p.label, p.amount.value) for p in total.parts] == [
        ("基本支出", Decimal("525.83")),
        ("项目支出", Decimal("427.37")),
    ]


def test_a_main_uses_list_is_not_exhaustive_liujiang() -> None:
    (total,) = of_kind(read(LIUJIANG_425), TotalFact)
    assert not total.exhaustive and len(total.parts) == 4
    assert sum(p.amount.value for p in total.parts) == Decimal("953.20")


def test_the_topic_of_a_procurement_breakdown_liujiang() -> None:
    (total,) = of_kind(read(LIUJIANG_517), TotalFact)
    assert total.topic == "政府采购" and len(total.parts) == 3


def test_parts_in_the_paragraphs_that_follow_with_their_changes_lipu() -> None:
    (total,) = of_kind(read(*LIPU_74), TotalFact)
    assert total.total.value == Decimal("2844.76") and total.paragraph == 0
    assert [(p.label, p.change) for p in total.parts] == [
        ("财政拨款收入", Decimal("44.93")),
        ("事业收入", Decimal(0)),
        ("经营收入", Decimal(0)),
    ]


def test_a_figureless_sentence_ending_with_qizhong_opens_a_list() -> None:
    text = "2024年度部门整体支出情况如下，其中："
    assert opens_list(text, 0, len(text))
    assert not opens_list("其中：基本支出", 0, 7)


def test_one_item_is_no_list() -> None:
    assert not of_kind(read(*LIPU_74[:2]), TotalFact)
