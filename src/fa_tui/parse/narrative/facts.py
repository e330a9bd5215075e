"""Read the narrative into facts: amounts, shares, changes, completions, totals, counts, years.

The reading goes paragraph by paragraph (``parse.narrative.sentences``), sentence by sentence,
figure by figure. Each figure is read with the words just before it (its *tail*, see
``state.Clause``) by the reader of its kind of statement (``parse.narrative.readers``): ``占…`` a
share, ``完成年初预算的`` a completion rate, ``增加``/``增长`` a change, ``平均每`` an average,
anything else an amount (plain, budget or outturn) of the label the tail names. A paragraph
keeps a *subject* (its latest plain amount) that changes, rates and shares refer to; ``其中：``
opens a list of the parts of the amount before it (``readers.lists``); ``决算数大于预算数``
compares the paragraph's latest outturn and budget (``readers.comparisons``). Years are read apart
(``years``).

Never raises on odd text; linear in the input.
"""

from __future__ import annotations

from fa_tui import pattern_cache
from fa_tui.model import Report, SourceText
from fa_tui.model.facts import Fact
from fa_tui.parse.narrative.figures import Figure, scan_figures
from fa_tui.parse.narrative.readers.amounts import read_amount
from fa_tui.parse.narrative.readers.changes import (
    read_change,
    read_flat,
    read_flat_after,
    read_flat_before,
    read_rate,
)
from fa_tui.parse.narrative.readers.comparisons import read_comparisons
from fa_tui.parse.narrative.readers.completions import completion_word, read_completion
from fa_tui.parse.narrative.readers.counts import read_average, read_count
from fa_tui.parse.narrative.readers.lists import (
    ends_with_list,
    enumeration_style,
    named_list,
    open_list,
    opens_list,
    paragraph_totals,
    sentence_totals,
)
from fa_tui.parse.narrative.readers.shares import close_shares, read_share
from fa_tui.parse.narrative.sentences import Paragraph, read_paragraphs, sentences
from fa_tui.parse.narrative.state import (
    Clause,
    Memory,
    ParagraphInfo,
    Place,
    SentenceState,
)
from fa_tui.parse.narrative.years import year_facts

# A sentence is read for facts up to this many characters. The longest in real reports is about
# 300; a "sentence" of megabytes (a file with no full stops) would otherwise cost seconds and a
# gigabyte of facts. Figures beyond it are not read as facts.
MAX_SENTENCE = 5_000
_DIGIT = pattern_cache.compile(r"\d")


def parse_facts(source: SourceText, report: Report) -> list[Fact]:
    """Every fact of the narrative of ``source``, in document order."""
    memory = Memory.for_report(report)
    infos: list[ParagraphInfo] = []
    paragraphs: list[Paragraph] = []
    for paragraph in read_paragraphs(source, report):
        paragraphs.append(paragraph)
        infos.append(read_paragraph(paragraph, memory))
    facts = memory.facts
    facts.extend(paragraph_totals(infos, memory))
    facts.extend(year_facts(paragraphs, report))
    facts.sort(key=lambda f: f.span.sort_key())
    return facts


def read_paragraph(paragraph: Paragraph, memory: Memory) -> ParagraphInfo:
    """Read the facts of one paragraph into ``memory``; what later paragraphs need of it."""
    style = enumeration_style(paragraph.text)
    if style is not None or paragraph.heading:
        memory.item = None
    info = ParagraphInfo(paragraph, style)
    has_digit = _DIGIT.search(paragraph.text) is not None  # most paragraphs have no figure
    ends_with_parts = False
    for start, end in sentences(paragraph.text):
        end = min(end, start + MAX_SENTENCE)
        figures = scan_figures(paragraph, start, end) if has_digit else []
        if figures:
            sentence = start_sentence(info, start, end, memory)
            ends_with_parts = read_sentence(paragraph, figures, sentence, memory)
        else:
            _read_figureless(paragraph, start, end, info, memory)
        for comparison in read_comparisons(paragraph, start, end, info, memory):
            memory.add(comparison)
    if ends_with_parts:
        info.opens_list = True
    return info


def start_sentence(info: ParagraphInfo, start: int, end: int, memory: Memory) -> SentenceState:
    """The state of a new sentence ``[start, end)`` of ``info``'s paragraph (numbered)."""
    memory.sentence_no += 1
    return SentenceState(
        info=info,
        start=start,
        end=end,
        number=memory.sentence_no,
        section=info.paragraph.section_title,
        context=memory.context(info.paragraph),
        prev_end=start,
    )


def _read_figureless(
    paragraph: Paragraph, start: int, end: int, info: ParagraphInfo, memory: Memory
) -> None:
    """A sentence without figures: an item heading, ``持平`` of the subject, or ``其中：``."""
    text = paragraph.text
    if info.style is not None and start == 0 and info.first_amount is None:
        memory.item = text[start:end]
    if info.subject is not None and text.find("持平", start, end) >= 0:
        memory.add(read_flat(paragraph, start, end, info.subject, memory))
    if opens_list(text, start, end):
        info.opens_list = info.subject is not None
    if info.subject is not None and text.find("括", start, end) >= 0:
        place: Place = {
            "span": paragraph.span(start, end),
            "section": paragraph.section_title,
            "paragraph": paragraph.index,
            "sentence": memory.sentence_no,
        }
        named = named_list(paragraph, start, end, info.subject, place, at_start=True)
        if named is not None:
            memory.facts.append(named)


def read_sentence(
    paragraph: Paragraph, figures: list[Figure], sentence: SentenceState, memory: Memory
) -> bool:
    """Read the ``figures`` of one sentence into ``memory``; whether the sentence ends with
    ``其中`` (its parts are the paragraphs that follow)."""
    carried = sentence.info.open_budget
    if carried is not None and sentence.budget is None and sentence.outturn is None:
        # ``年初预算为1.30万元，支出决算为1.30万元。完成全年预算的100%。``: the completion
        # sentence compares the budget and outturn the sentence before stated.
        sentence.budget, sentence.outturn = carried
    for figure in figures:
        read_clause(next_clause(figure, sentence), sentence, memory)
    # A budget and outturn no completion compared are open for the paragraph's next sentence.
    if sentence.budget is not None and sentence.outturn is not None:
        sentence.info.open_budget = (sentence.budget, sentence.outturn)
    else:
        sentence.info.open_budget = None
    flat = read_flat_after(paragraph, sentence, memory)
    if flat is not None:
        memory.add(flat)
    if sentence.shares:
        memory.group_no += 1
        close_shares(sentence.shares, memory.group_no)
    memory.facts.extend(sentence_totals(paragraph, sentence, memory))
    named = named_list(
        paragraph, sentence.prev_end, sentence.end, sentence.last_plain, _place(sentence)
    )
    parts = sentence.current_list
    if named is None and parts is not None and parts.covers(sentence.prev_end):
        named = named_list(
            paragraph,
            sentence.prev_end,
            sentence.end,
            parts.total,
            _place(sentence),
            continued=True,
        )
    if named is not None:
        memory.facts.append(named)
    return ends_with_list(paragraph, sentence)


def _place(sentence: SentenceState) -> Place:
    """Where a fact of the whole sentence was read."""
    paragraph = sentence.info.paragraph
    return {
        "span": paragraph.span(sentence.start, sentence.end),
        "section": sentence.section,
        "paragraph": paragraph.index,
        "sentence": sentence.number,
    }


def next_clause(figure: Figure, sentence: SentenceState) -> Clause:
    """The clause of the next figure of ``sentence``; a list marker before it opens a list."""
    paragraph = sentence.info.paragraph
    lead = open_list(paragraph, paragraph.text[sentence.prev_end : figure.start], sentence)
    return sentence.clause(figure, lead)


def read_clause(clause: Clause, sentence: SentenceState, memory: Memory) -> None:
    """Read the fact of ``clause`` (and a ``持平`` before it) by the reader of its kind of
    statement into ``memory``; the sentence moves past its figure."""
    if "持平" in clause.lead:  # cheap pre-check: most clauses state no flat change
        flat = read_flat_before(clause, sentence, memory)
        if flat is not None:
            memory.add(flat)
    figure = clause.figure
    fact: Fact | None
    if figure.kind == "percent":
        fact = _read_percent(clause, sentence, memory)
    elif figure.kind == "count":
        fact = read_count(clause, sentence)
    else:
        fact = _read_money(clause, sentence, memory)
    if fact is not None:
        memory.add(fact)
    sentence.prev_end = figure.end
    sentence.prev_figure = figure


def _read_money(clause: Clause, sentence: SentenceState, memory: Memory) -> Fact:
    """A money figure: a change (``增加…``), an average (``平均每…``) or an amount."""
    sentence.prev_fact = None
    change = read_change(clause, sentence, memory)
    if change is not None:
        return change
    average = read_average(clause, sentence)
    if average is not None:
        return average
    return read_amount(clause, sentence, memory)


def _read_percent(clause: Clause, sentence: SentenceState, memory: Memory) -> Fact | None:
    """A percentage: a share (``占``), a completion rate or a rate of change."""
    completion = completion_word(clause.tail)
    fact: Fact | None
    if "占" in clause.tail:
        fact = read_share(clause, sentence, memory)
    elif completion is not None:
        fact = read_completion(clause, completion, sentence)
    else:
        fact = read_rate(clause, sentence)
    if completion is not None:  # a completion closes the budget and outturn it compares
        sentence.budget = sentence.outturn = None
    sentence.prev_fact = None
    return fact
