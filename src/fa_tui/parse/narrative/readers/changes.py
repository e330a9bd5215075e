"""Changes: ``同比增加44.93万元``, ``增长1.60%``, ``与上年持平``, against last year or the budget.

A change refers to the sentence's current amount (``SentenceState.current``) unless it names
its own label; a rate right after a change amount completes that change
(``增加44.93万元，增长1.60%``). The basis is the last one named nearest to the figure: the
clause, then the words since the previous figure, then the sentence up to ``_WINDOW`` back.
"""

from __future__ import annotations

from fa_tui import pattern_cache
from fa_tui.model import Amount, Span
from fa_tui.model.facts import AmountFact, ChangeBasis, ChangeFact, Direction
from fa_tui.parse.narrative.labels import clean_label, labels_match
from fa_tui.parse.narrative.sentences import Paragraph
from fa_tui.parse.narrative.state import Clause, Memory, SentenceState

_UP = ("增加", "增长", "上升", "提高", "增", "增幅", "增长幅度", "增长率")
_DOWN = ("减少", "下降", "降低", "减", "降幅", "下降幅度", "减少幅度", "下降率")
_TEMPLATE_DIRECTION = pattern_cache.compile(r"(?:增加|增长)[（(](?:减少|下降)[）)]$")
_DIRECTION = pattern_cache.compile(r"(?P<word>增加|减少|增长|下降|降低|上升|提高|减|增)(?:了|为)?$")
_RATE = pattern_cache.compile(
    r"(?P<word>增长|下降|降低|减少|增加|上升|提高|增幅|降幅|下降幅度|增长幅度|减少幅度|增长率|"
    r"下降率)(?:了|为|达)?$"
)
BUDGET_BASIS = pattern_cache.compile(r"(?:比|较)(?:年初|调整)?预算(?:数)?")
_PREVIOUS_WORDS = pattern_cache.compile(r"同比|上年|上个年度|上一年|去年")
_YEAR_BASIS = pattern_cache.compile(r"(?:与|较|比|同)(?P<year>\d{4})年度?")
_FLAT = pattern_cache.compile(r"持平")
_WINDOW = 160  # how far back in a sentence a change looks for its basis (与2023年相比 …)
_COMPARE_WORDS = pattern_cache.compile(
    r"同比|比上年度?(?:决算数?)?|较上(?:个)?年度?(?:决算数?)?|与上年度?相比|"
    r"(?:与|较|比)\d{4}年度?(?:决算数?)?(?:相比)?|比年初预算数?|较年初预算数?|各"
)


def read_change(clause: Clause, sentence: SentenceState, memory: Memory) -> ChangeFact | None:
    """A money figure after a change word (``增加44.93万元``), ``None`` when there is none."""
    tail = clause.tail
    m = _TEMPLATE_DIRECTION.search(tail)
    if m is not None:
        word, direction = m.group(), Direction.UNCLEAR
    else:
        m = _DIRECTION.search(tail)
        if m is None:
            return None
        word, direction = m.group("word"), _direction(m.group("word"))
    own = clean_label(_COMPARE_WORDS.sub("", tail[: m.start()]))
    current = sentence.current
    if own and current is not None and not labels_match(own, current.label):
        current = None
    paragraph, start = clause.paragraph, clause.figure.start
    window = paragraph.text[max(sentence.start, start - _WINDOW) : start]
    basis, year = _basis(tail, clause.lead, window)
    tail_start = clause.tail_start
    fact = ChangeFact(
        label=own or (current.label if current else ""),
        label_span=paragraph.span(tail_start, tail_start + m.start()) if m.start() else None,
        current=current.amount if current else None,
        current_label=current.label if current else None,
        direction=direction,
        direction_word=word,
        direction_span=paragraph.span(tail_start + m.start(), tail_start + m.end()),
        amount=clause.figure.amount,
        basis=basis,
        compared_year=year,
        previous=_take_previous(sentence, basis),
        **clause.place,
    )
    sentence.open_change = fact
    if current is not None and basis is ChangeBasis.PREVIOUS_YEAR:
        memory.remember_change(current, fact)
    return fact


def read_rate(clause: Clause, sentence: SentenceState) -> ChangeFact | None:
    """A percentage after a rate word (``增长1.60%``): the rate of the change just stated, or
    a change of its own. ``None`` when there is no rate word or the rate completed a change."""
    tail = clause.tail
    template = _TEMPLATE_DIRECTION.search(tail)
    rate = _RATE.search(tail) or template
    if rate is None:
        return None
    word = rate.group("word") if "word" in rate.groupdict() else rate.group()
    tail_start = clause.tail_start
    word_span = clause.paragraph.span(tail_start + rate.start(), tail_start + rate.end())
    rate_direction = Direction.UNCLEAR if template else _direction(word)
    change = sentence.open_change
    if change is not None and change.rate is None:
        change.rate = clause.figure.amount
        change.rate_word = word
        change.rate_word_span = word_span
        change.rate_direction = rate_direction
        change.span = _join(change.span, clause.place["span"])
        return None
    current = sentence.current
    basis, year = _basis(tail, clause.lead)
    fact = ChangeFact(
        label=current.label if current else "",
        current=current.amount if current else None,
        current_label=current.label if current else None,
        rate=clause.figure.amount,
        rate_word=word,
        rate_word_span=word_span,
        rate_direction=rate_direction,
        basis=basis,
        compared_year=year,
        previous=_take_previous(sentence, basis),
        **clause.place,
    )
    sentence.open_change = fact
    return fact


def _take_previous(sentence: SentenceState, basis: ChangeBasis) -> Amount | None:
    """Last year's figure the sentence stated for this change (taken: a later change of the
    sentence measures from its own)."""
    previous, sentence.previous = sentence.previous, None
    if previous is None or basis is not ChangeBasis.PREVIOUS_YEAR:
        return None
    return previous.amount


def read_flat(
    paragraph: Paragraph, start: int, end: int, current: AmountFact, memory: Memory
) -> ChangeFact:
    """``持平`` in ``paragraph.text[start:end]``: ``current`` is unchanged on last year."""
    m = _FLAT.search(paragraph.text, start, end)
    assert m is not None
    fact = ChangeFact(
        span=paragraph.span(start, end),
        label=current.label,
        section=paragraph.section_title,
        paragraph=paragraph.index,
        sentence=memory.sentence_no,
        current=current.amount,
        current_label=current.label,
        direction=Direction.FLAT,
        direction_word="持平",
        direction_span=paragraph.span(m.start(), m.end()),
    )
    memory.remember_change(current, fact)
    return fact


def read_flat_before(clause: Clause, sentence: SentenceState, memory: Memory) -> ChangeFact | None:
    """``持平`` since the previous figure: the latest plain amount is unchanged (read once)."""
    current = sentence.last_plain
    if "持平" not in clause.lead or current is None or id(current) in sentence.flats_done:
        return None
    sentence.flats_done.add(id(current))
    return read_flat(clause.paragraph, sentence.prev_end, clause.figure.start, current, memory)


def read_flat_after(
    paragraph: Paragraph, sentence: SentenceState, memory: Memory
) -> ChangeFact | None:
    """``持平`` after the last figure of the sentence."""
    current = sentence.last_plain
    if current is None or id(current) in sentence.flats_done:
        return None
    if paragraph.text.find("持平", sentence.prev_end, sentence.end) < 0:
        return None
    return read_flat(paragraph, sentence.prev_end, sentence.end, current, memory)


def _direction(word: str) -> Direction:
    if word in _UP:
        return Direction.UP
    if word in _DOWN:
        return Direction.DOWN
    return Direction.UNCLEAR


def _join(a: Span, b: Span) -> Span:
    """A span covering spans ``a`` and ``b``."""
    first = a if a.sort_key() <= b.sort_key() else b
    end = max(a, b, key=lambda s: (s.end_line, s.end_column))
    return Span(
        line=first.line, column=first.column, end_line=end.end_line, end_column=end.end_column
    )


def _basis_of(text: str) -> tuple[ChangeBasis, int | None] | None:
    """The basis named in ``text`` (the last one wins), ``None`` when it names none."""
    found: list[tuple[int, ChangeBasis, int | None]] = []
    for m in BUDGET_BASIS.finditer(text):
        found.append((m.start(), ChangeBasis.BUDGET, None))
    for m in _YEAR_BASIS.finditer(text):
        found.append((m.start(), ChangeBasis.PREVIOUS_YEAR, int(m.group("year"))))
    for m in _PREVIOUS_WORDS.finditer(text):
        found.append((m.start(), ChangeBasis.PREVIOUS_YEAR, None))
    if not found:
        return None
    _, basis, year = max(found, key=lambda f: f[0])
    return basis, year


def _basis(*texts: str) -> tuple[ChangeBasis, int | None]:
    """The basis named by the first of ``texts`` that names one (nearest text first)."""
    for text in texts:
        found = _basis_of(text)
        if found is not None:
            return found
    return ChangeBasis.PREVIOUS_YEAR, None
