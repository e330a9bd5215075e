"""Completions: budget against outturn, ``年初预算为41.23万元，支出决算为43.71万元，完成年初预算的
106.02%``, ``预算执行率为98.5%``.

The outturn is the sentence's latest outturn (else its current amount), the budget its latest
budget amount; a completion closes both (the next one states its own).
"""

from __future__ import annotations

import re

from fa_tui import pattern_cache
from fa_tui.model.facts import CompletionFact
from fa_tui.parse.narrative.labels import quantity_for
from fa_tui.parse.narrative.state import Clause, SentenceState

_COMPLETION = pattern_cache.compile(
    r"(?:完成(?P<word>(?:年初|全年|调整后?|全年调整)?预算(?:数)?)的?|(?:预算)?执行率(?:为|达)?|"
    r"预算完成率(?:为)?)$"
)


def completion_word(tail: str) -> re.Match[str] | None:
    """The completion words ending ``tail`` (``完成年初预算的``), if any.

    Every match has 预算 or 执行率: cheaper to look for first.
    """
    if "预算" not in tail and "执行率" not in tail:
        return None
    return _COMPLETION.search(tail)


def read_completion(clause: Clause, word: re.Match[str], sentence: SentenceState) -> CompletionFact:
    """The completion rate stated by the percentage of ``clause`` after ``word``."""
    out = sentence.outturn or sentence.current
    label = out.label if out is not None else ""
    budget = sentence.budget
    quantity = quantity_for(label, sentence.context) if label else None
    return CompletionFact(
        label=label,
        label_span=out.label_span if out is not None else None,
        rate=clause.figure.amount,
        budget=budget.amount if budget is not None else None,
        outturn=out.amount if out is not None else None,
        budget_word=word.group("word") or "预算",
        quantity=quantity,
        **clause.place,
    )
