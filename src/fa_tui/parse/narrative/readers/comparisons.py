"""Comparisons of the outturn with the budget in words: ``决算数大于年初预算数``,
``支出决算与预算数持平``, ``预算数小于决算数``.

Read in every sentence (with figures or not), with the latest budget and outturn amounts the
paragraph stated before the words: the 情况说明 of each 项 gives ``年初预算为…，支出决算为…``
and then says which is larger (often in the next sentence, after a completion rate).
"""

from __future__ import annotations

from collections.abc import Iterator

from fa_tui import pattern_cache
from fa_tui.model.facts import AmountFact, ComparisonFact, Relation
from fa_tui.parse.narrative.sentences import Paragraph
from fa_tui.parse.narrative.state import Memory, ParagraphInfo

_BUDGET = r"(?:年初|全年|调整后?)?预算(?:数|安排数?)?"
_OUTTURN = r"(?:支出)?决算(?:数)?"
_ORDERED = "大于|小于|等于|高于|低于|超过|超出|多于|少于"
_SAME = r"(?P<same>持平|相等|一致|相同)"
_COMPARISON = pattern_cache.compile(
    rf"{_OUTTURN}(?P<word>{_ORDERED}){_BUDGET}"
    rf"|{_OUTTURN}与{_BUDGET}{_SAME}"
    rf"|{_BUDGET}(?P<flipped>{_ORDERED}){_OUTTURN}"
)
_RELATION = {
    "大于": Relation.GREATER,
    "高于": Relation.GREATER,
    "超过": Relation.GREATER,
    "超出": Relation.GREATER,
    "多于": Relation.GREATER,
    "小于": Relation.LESS,
    "低于": Relation.LESS,
    "少于": Relation.LESS,
    "等于": Relation.EQUAL,
}
_FLIPPED = {Relation.GREATER: Relation.LESS, Relation.LESS: Relation.GREATER}


def read_comparisons(
    paragraph: Paragraph, start: int, end: int, info: ParagraphInfo, memory: Memory
) -> Iterator[ComparisonFact]:
    """The comparisons of ``paragraph.text[start:end]`` (cheap when there are none)."""
    text = paragraph.text
    if "决算" not in text[start:end] or "预算" not in text[start:end]:
        return
    for m in _COMPARISON.finditer(text, start, end):
        if m.group("same"):
            word, relation = m.group("same"), Relation.EQUAL
            word_at = m.start("same")
        elif m.group("word"):
            word, word_at = m.group("word"), m.start("word")
            relation = _RELATION[word]
        else:
            word, word_at = m.group("flipped"), m.start("flipped")
            relation = _FLIPPED.get(_RELATION[word], _RELATION[word])
        word_span = paragraph.span(word_at, word_at + len(word))
        budget = _before(info.last_budget, word_span.sort_key())
        outturn = _before(info.last_outturn, word_span.sort_key())
        yield ComparisonFact(
            span=paragraph.span(m.start(), m.end()),
            label=outturn.label if outturn is not None else "",
            label_span=outturn.label_span if outturn is not None else None,
            section=paragraph.section_title,
            paragraph=paragraph.index,
            sentence=memory.sentence_no,
            relation=relation,
            word=word,
            word_span=word_span,
            budget=budget.amount if budget is not None else None,
            outturn=outturn.amount if outturn is not None else None,
        )


def _before(fact: AmountFact | None, key: tuple[int, ...]) -> AmountFact | None:
    return fact if fact is not None and fact.amount.span.sort_key() < key else None
