"""What the reading of the narrative remembers, from the whole report down to one figure.

``Memory`` lives for one report (the facts read, the amounts and counts a share's whole is looked
up in, the change stated for each amount); ``ParagraphInfo`` for one paragraph (its subject, its
first amount, whether it opens a list); ``SentenceState`` for one sentence (its latest amount,
budget, outturn, open change, lists and shares); a ``Clause`` is one figure with the words before
it, what every reader of ``parse.narrative.readers`` reads.
"""

from __future__ import annotations

from typing import TypedDict

from msgspec import Struct, field

from fa_tui import pattern_cache
from fa_tui.model import Report, Section, Span
from fa_tui.model.facts import AmountFact, ChangeFact, CountFact, Fact, ShareFact
from fa_tui.parse.narrative.figures import Figure
from fa_tui.parse.narrative.labels import LabelContext
from fa_tui.parse.narrative.sentences import Paragraph

CLAUSE_BREAK = pattern_cache.compile(r"[，,；;：:。]")


class Place(TypedDict):
    """Where a fact was read: the fields every fact has besides its label (``FactBase``)."""

    span: Span
    section: str | None
    paragraph: int
    sentence: int


class Clause(Struct, frozen=True):
    """One figure of a sentence and the words before it (since the previous figure)."""

    paragraph: Paragraph
    figure: Figure
    lead: str  # the words since the previous figure (after a list marker, if any)
    tail: str  # the last clause of ``lead``: the words that say what the figure is
    tail_start: int  # clean index where ``tail`` starts
    previous_clause: str  # the clause before ``tail`` ("" when none)
    place: Place

    def label_span(self) -> Span | None:
        """The span of the label words (``tail``), ``None`` when there are none."""
        return self.paragraph.span(self.tail_start, self.figure.start) if self.tail else None


class PartsList(Struct):
    """A list opened by ``其中：``/``主要包括`` in a sentence: the parts of ``total``."""

    total: AmountFact | None
    exhaustive: bool  # false for ``主要包括`` (the parts may not cover the total)
    start: int  # clean index where the parts start
    end: int | None = None  # clean index where the list stops (``其中`` without a colon: at ；)
    part_facts: list[AmountFact] = field(default_factory=list)

    def covers(self, index: int) -> bool:
        """Whether a figure at clean index ``index`` lies inside the list."""
        return index >= self.start and (self.end is None or index < self.end)


class ParagraphInfo(Struct):
    """What a paragraph states that later paragraphs refer to."""

    paragraph: Paragraph
    style: str | None  # the style of its enumerator (``cn``, ``paren-num`` …), if any
    first_amount: AmountFact | None = None
    subject: AmountFact | None = None  # its latest plain amount
    opens_list: bool = False  # it ends with ``其中：`` (its parts are the items that follow)
    # (budget, outturn) its latest sentence stated and no completion compared
    open_budget: tuple[AmountFact, AmountFact] | None = None
    # its latest budget and outturn amounts, compared or not (``决算数大于预算数`` refers to them)
    last_budget: AmountFact | None = None
    last_outturn: AmountFact | None = None


class SentenceState(Struct):
    """What one sentence has stated so far, as its figures are read in order."""

    info: ParagraphInfo
    start: int  # clean index of the sentence in its paragraph
    end: int
    number: int  # global index of the sentence
    section: str | None  # the title of the innermost section it lies in
    context: LabelContext
    prev_end: int  # clean index after the previous figure
    prev_figure: Figure | None = None
    prev_fact: AmountFact | CountFact | None = None  # the fact of the previous figure
    last_plain: AmountFact | None = None  # the latest plain or outturn amount
    previous: AmountFact | None = None  # last year's figure, until a change takes it
    last_count: CountFact | None = None
    open_change: ChangeFact | None = None  # a change that a rate may still complete
    budget: AmountFact | None = None
    outturn: AmountFact | None = None
    current_list: PartsList | None = None
    lists: list[PartsList] = field(default_factory=list)
    shares: list[ShareFact] = field(default_factory=list)
    flats_done: set[int] = field(default_factory=set)  # id() of amounts already read as flat

    def clause(self, figure: Figure, lead: str) -> Clause:
        """The clause of ``figure`` whose words since the previous figure are ``lead``."""
        paragraph = self.info.paragraph
        clauses = CLAUSE_BREAK.split(lead)
        tail = clauses[-1]
        tail_start = figure.start - len(tail)
        place: Place = {
            "span": paragraph.span(tail_start, figure.end),
            "section": self.section,
            "paragraph": paragraph.index,
            "sentence": self.number,
        }
        previous = clauses[-2] if len(clauses) > 1 else ""
        return Clause(paragraph, figure, lead, tail, tail_start, previous, place)

    @property
    def current(self) -> AmountFact | None:
        """The amount a change, rate or completion refers to by default."""
        return self.last_plain or self.info.subject


class Memory(Struct):
    """What the reading of one report has found so far."""

    paths: dict[int, tuple[str, ...]]  # id(section) → its titles, outer to inner
    facts: list[Fact] = field(default_factory=list)
    amounts: list[AmountFact] = field(default_factory=list)
    counts: list[CountFact] = field(default_factory=list)
    sentence_no: int = 0
    group_no: int = 0  # the latest group of shares
    item: str | None = None  # text of the latest figureless enumerated paragraph
    change_of: dict[int, ChangeFact] = field(default_factory=dict)  # id(amount) → its change
    contexts: dict[tuple[int, str | None], LabelContext] = field(default_factory=dict)

    @classmethod
    def for_report(cls, report: Report) -> Memory:
        """An empty memory for reading ``report``."""
        return cls(paths=_section_paths(report))

    def context(self, paragraph: Paragraph) -> LabelContext:
        """The label context of ``paragraph`` (its section titles and the current item)."""
        key = (id(paragraph.section), self.item)
        context = self.contexts.get(key)
        if context is None:
            titles: tuple[str, ...] = ()
            if paragraph.section is not None:
                titles = self.paths.get(id(paragraph.section), (paragraph.section.title,))
            context = self.contexts[key] = LabelContext(sections=titles, item=self.item)
        return context

    def add(self, fact: Fact) -> None:
        """Record ``fact`` (amounts and counts are also kept for the shares that follow)."""
        self.facts.append(fact)
        if type(fact) is AmountFact:
            self.amounts.append(fact)
        elif type(fact) is CountFact:
            self.counts.append(fact)

    def remember_change(self, current: AmountFact, change: ChangeFact) -> None:
        """``change`` is the change of ``current`` on last year (the first one stated wins)."""
        self.change_of.setdefault(id(current), change)


def _section_paths(report: Report) -> dict[int, tuple[str, ...]]:
    paths: dict[int, tuple[str, ...]] = {}

    def walk(section: Section, prefix: tuple[str, ...]) -> None:
        path = (*prefix, section.title)
        paths[id(section)] = path
        for child in section.children:
            walk(child, path)

    for part in report.parts:
        prefix = (part.heading_text,) if part.heading_text else ()
        for top in part.sections:
            walk(top, prefix)
    return paths
