"""Counts and the averages over them: ``7个项目``, ``保有量为1辆``, ``接待5批次``,
``平均每辆0.31万元`` (the sentence's latest amount divided by its latest count).
"""

from __future__ import annotations

from fa_tui import pattern_cache
from fa_tui.model.facts import AverageFact, CountFact
from fa_tui.parse.narrative.labels import clean_label
from fa_tui.parse.narrative.state import Clause, SentenceState

_AVERAGE = pattern_cache.compile(r"平均每(?:辆|人|车|个|批次|次)?(?:为)?$")


def read_count(clause: Clause, sentence: SentenceState) -> CountFact:
    """The count figure of ``clause``, labelled by the words before it."""
    fact = CountFact(
        label=clean_label(clause.tail),
        label_span=clause.label_span(),
        count=clause.figure.amount,
        **clause.place,
    )
    sentence.last_count = fact
    sentence.prev_fact = fact
    return fact


def read_average(clause: Clause, sentence: SentenceState) -> AverageFact | None:
    """A money figure after ``平均每…`` (``None`` when the clause states no average)."""
    tail = clause.tail
    if "平均每" not in tail or not _AVERAGE.search(tail):
        return None
    last_plain, last_count = sentence.last_plain, sentence.last_count
    return AverageFact(
        label=clean_label(_AVERAGE.sub("", tail)) or (last_plain.label if last_plain else ""),
        label_span=clause.label_span(),
        average=clause.figure.amount,
        total=last_plain.amount if last_plain else None,
        count=last_count.count if last_count else None,
        **clause.place,
    )
