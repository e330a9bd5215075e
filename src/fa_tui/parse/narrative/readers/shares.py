"""Shares: ``基本支出525.83万元，占55.16%``, ``占支出总额的比重为40%``, ``7个，占58.33%``.

The part is the figure just before ``占`` (an amount or a count) when the words before ``占``
name nothing else; the whole is the nearest earlier figure with the label after ``占``, else
the total of the list the share is in. The shares of one sentence form a group; when their
whole is unresolved it is the sum of their parts if their shares add up to about 100 %.
"""

from __future__ import annotations

from decimal import Decimal

from fa_tui import pattern_cache
from fa_tui.model import Amount
from fa_tui.model.decimals import show
from fa_tui.model.facts import CountFact, ShareFact
from fa_tui.parse.narrative.labels import clean_label, labels_match, match_key
from fa_tui.parse.narrative.state import CLAUSE_BREAK, Clause, Memory, SentenceState

_SHARE_TAIL_WORDS = pattern_cache.compile(r"(?:的|比例|比重|比)+$")  # 占支出总额的比重 → 支出总额
_THREE_PUBLIC_ITEMS = ("出国", "公务用车", "接待")


def read_share(clause: Clause, sentence: SentenceState, memory: Memory) -> ShareFact | None:
    """A percentage after ``占`` (``None`` when the clause has no ``占``)."""
    tail = clause.tail
    at = tail.rfind("占")
    if at < 0:
        return None
    part_text = clean_label(tail[:at])
    whole_label = clean_label(_SHARE_TAIL_WORDS.sub("", tail[at + 1 :])) or None
    part, label, is_count = _part(clause, sentence, at, part_text)
    whole: Amount | None = None
    if whole_label:
        whole = resolve_whole(memory, whole_label, clause.paragraph.index, part, is_count)
    elif part is not None:
        whole = _list_total(sentence)
    fact = ShareFact(
        label=label,
        label_span=clause.label_span(),
        share=clause.figure.amount,
        part=part,
        whole_label=whole_label,
        whole=whole,
        is_count=is_count,
        **clause.place,
    )
    sentence.shares.append(fact)
    return fact


def _part(
    clause: Clause, sentence: SentenceState, at: int, part_text: str
) -> tuple[Amount | None, str, bool]:
    """(the part, its label, whether it is a count) of the share whose ``占`` is at ``at``.

    The previous figure is the part when the words before ``占`` name none, or when no clause
    break separates that figure from ``占``.
    """
    prev_figure, prev_fact = sentence.prev_figure, sentence.prev_fact
    if prev_figure is None or prev_fact is None:
        return None, part_text, False
    text, share_at = clause.paragraph.text, clause.tail_start + at
    if part_text and CLAUSE_BREAK.search(text, prev_figure.end, share_at):
        return None, part_text, False
    if isinstance(prev_fact, CountFact):
        after = text[prev_figure.end : share_at]
        return prev_fact.count, clean_label(CLAUSE_BREAK.split(after)[0]) or prev_fact.label, True
    if prev_fact.role not in ("budget", "previous"):
        return prev_fact.amount, prev_fact.label, False
    return None, part_text, False


def _list_total(sentence: SentenceState) -> Amount | None:
    """The total of the list the sentence is in, if any."""
    parts = sentence.current_list
    if parts is None or parts.total is None:
        return None
    return parts.total.amount


def resolve_whole(
    memory: Memory, label: str, paragraph: int, part: Amount | None, counts: bool
) -> Amount | None:
    """The nearest earlier figure (count or amount) whose label names ``label`` (same key
    first), other than ``part``: amounts from at most 60 paragraphs back, never budgets."""
    if counts:
        pool: list[tuple[str, Amount]] = [(f.label, f.count) for f in memory.counts[-200:]]
    else:
        pool = [
            (fact.label, fact.amount)
            for fact in memory.amounts[-400:]
            if paragraph - fact.paragraph <= 60 and fact.role not in ("budget", "previous")
        ]
    pool = [(lab, amount) for lab, amount in pool if amount is not part]
    key = match_key(label)
    for lab, amount in reversed(pool):
        if match_key(lab) == key:
            return amount
    for lab, amount in reversed(pool):
        if labels_match(lab, label) and min(len(match_key(lab)), len(key)) >= _MIN_CONTAINED:
            return amount
    return None


# A label found inside the whole's label must say more than ``支出`` or ``收入``: ``货物支出金额``
# is not the ``支出`` of an earlier paragraph.
_MIN_CONTAINED = 4


def close_shares(shares: list[ShareFact], group: int) -> None:
    """Number the shares of one sentence ``group``; an unresolved whole shared by two or more
    of them is the sum of their parts when their shares make about 100 % (or they are the
    three 三公 items)."""
    fills: dict[str | None, tuple[Amount, list[Amount]]] = {}
    for key in {s.whole_label for s in shares if s.whole is None}:
        unresolved = [s for s in shares if s.whole is None and s.whole_label == key]
        if len(unresolved) < 2 or any(s.part is None for s in unresolved):
            continue
        total_share = sum((s.share.value or Decimal(0) for s in unresolved), Decimal(0))
        if abs(total_share - 100) > 10 and not _all_three_public_items(unresolved):
            continue
        parts = [s.part for s in unresolved if s.part is not None]
        fills[key] = (_sum_amount(parts), parts)
    for s in shares:
        s.group = group
        if s.whole is None and s.whole_label in fills:
            s.whole, s.whole_parts = fills[s.whole_label]
            s.whole_is_sum = True


def _all_three_public_items(shares: list[ShareFact]) -> bool:
    """The shares are those of the three 三公 items, one each: together they make the 三公 total,
    whatever the printed shares add up to (a wrong share must not hide the whole)."""
    labels = [s.label for s in shares]
    return len(labels) == 3 and all(
        sum(item in label for label in labels) == 1 for item in _THREE_PUBLIC_ITEMS
    )


def _sum_amount(parts: list[Amount]) -> Amount:
    """The sum of ``parts`` as one figure (precision of the most precise part)."""
    value = sum((p.value or Decimal(0) for p in parts), Decimal(0))
    decimals = max(p.decimals for p in parts)
    return Amount(
        value=value,
        text=show(value, decimals),
        decimals=decimals,
        unit=parts[0].unit,
        is_percent=False,
        span=parts[0].span,
    )
