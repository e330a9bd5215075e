"""Read the narrative into facts: amounts, shares, changes, completions, totals, counts, years.

The reading goes paragraph by paragraph (``parse.sentences``), sentence by sentence. Each figure
is classified by the words just before it (its *tail*): ``占…`` is a share, ``完成年初预算的`` a
completion rate, ``增加``/``减少`` a change, ``年初预算为`` a budget, ``支出决算为`` an outturn,
anything else a plain amount of the label the tail names. A paragraph keeps a *subject* (its
latest plain amount) that changes, rates and shares refer to. ``其中：``/``主要包括：`` open a
list whose later amounts are the parts of the amount before it; a paragraph ending with
``其中：`` takes its parts from the enumerated paragraphs that follow.

Never raises on odd text; linear in the input.
"""

from __future__ import annotations

import re
from decimal import Decimal

from msgspec import Struct, field
from msgspec.structs import replace

from fa_tui.model import Amount, Report, Section, SourceText, Span, TableRole
from fa_tui.model.decimals import show
from fa_tui.model.facts import (
    AmountFact,
    AverageFact,
    ChangeBasis,
    ChangeFact,
    CompletionFact,
    CountFact,
    Direction,
    Fact,
    PartItem,
    Quantity,
    ShareFact,
    TotalFact,
)
from fa_tui.parse.gc_pause import gc_paused
from fa_tui.parse.narrative.figures import Figure, scan_figures
from fa_tui.parse.narrative.labels import (
    LabelContext,
    clean_label,
    labels_match,
    match_key,
    quantity_for,
    subject_label,
)
from fa_tui.parse.narrative.sentences import ENUMERATOR, Paragraph, read_paragraphs, sentences
from fa_tui.parse.narrative.years import year_facts

_PAREN_CN_ORDINAL = re.compile(r"[（(][一二三四五六七八九十]")  # （一）, not （1）
# A list marker with a colon runs to the end of its sentence; without one, to the next ；.
_ENDS_WITH_COLON = re.compile(r"[：:]$")
# A sentence ending with 其中 (colon or not) takes its parts from the paragraphs that follow.
_ENDS_WITH_QIZHONG = re.compile(r"其中[：:]?$")
_SHARE_TAIL_WORDS = re.compile(r"(?:的|比例|比重|比)+$")  # 占支出总额的比重 → 支出总额

# A sentence is read for facts up to this many characters. The longest in real reports is about
# 300; a "sentence" of megabytes (a file with no full stops) would otherwise cost seconds and a
# gigabyte of facts. Figures beyond it are not read as facts.
MAX_SENTENCE = 5_000
_DIGIT = re.compile(r"\d")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。]")
_SEMICOLON = re.compile(r"[；;]")
_UP = ("增加", "增长", "上升", "提高", "增")
_DOWN = ("减少", "下降", "降低", "减")
_TEMPLATE_DIRECTION = re.compile(r"(?:增加|增长)[（(](?:减少|下降)[）)]$")
_DIRECTION = re.compile(r"(?P<word>增加|减少|增长|下降|降低|上升|提高|减|增)(?:了|为)?$")
_RATE = re.compile(
    r"(?P<word>增长|下降|降低|减少|增加|上升|提高|增幅|降幅|下降幅度|增长幅度|减少幅度|增长率|"
    r"下降率)(?:了|为|达)?$"
)
_COMPLETION = re.compile(
    r"(?:完成(?P<word>(?:年初|全年|调整后?|全年调整)?预算(?:数)?)的?|(?:预算)?执行率(?:为|达)?|"
    r"预算完成率(?:为)?)$"
)
_BUDGET = re.compile(r"(?P<word>(?:年初|调整|全年|调整后)?预算(?:数|安排数?)?)(?:为|是|安排)?$")
_OUTTURN = re.compile(r"(?:支出)?决算(?:数)?(?:为|是)?$|执行数(?:为)?$|实际支出(?:数)?(?:为)?$")
_AVERAGE = re.compile(r"平均每(?:辆|人|车|个|批次|次)?(?:为)?$")
_LIST = re.compile(r"(?P<word>其中|主要包括|具体包括|主要用于以下方面|包括)[：:，,]?")
_OPENS_LIST = re.compile(r"其中[：:]$")
_BUDGET_BASIS = re.compile(r"(?:比|较)(?:年初|调整)?预算(?:数)?")
_PREVIOUS_WORDS = re.compile(r"同比|上年|上个年度|上一年|去年")
_YEAR_BASIS = re.compile(r"(?:与|较|比|同)(?P<year>\d{4})年度?")
_FLAT = re.compile(r"持平")
_WINDOW = 160  # how far back in a sentence a change looks for its basis (与2023年相比 …)
_COMPARE_WORDS = re.compile(
    r"同比|比上年度?(?:决算数?)?|较上(?:个)?年度?(?:决算数?)?|与上年度?相比|"
    r"(?:与|较|比)\d{4}年度?(?:决算数?)?(?:相比)?|比年初预算数?|较年初预算数?|各"
)


class _List(Struct):
    total: AmountFact | None
    exhaustive: bool
    start: int  # clean index where the parts start
    end: int | None = None  # clean index where the list stops (``其中`` without a colon: at ；)
    part_facts: list[AmountFact] = field(default_factory=list)


class _ParagraphInfo(Struct):
    paragraph: Paragraph
    style: str | None
    first_amount: AmountFact | None = None
    first_change: ChangeFact | None = None
    flat: bool = False
    subject: AmountFact | None = None
    opens_list: bool = False
    item_text: str | None = None  # text of a figureless enumerated paragraph


def _style(text: str) -> str | None:
    m = ENUMERATOR.match(text)
    if not m:
        return None
    token = m.group()
    if token.startswith("第"):
        return "part"
    if token[0] in "（(":
        return "paren-cn" if _PAREN_CN_ORDINAL.match(token) else "paren-num"
    if token[0] in "一二三四五六七八九十":
        return "cn"
    if token[0].isdigit():
        return "num-paren" if token[-1] in "）)" else "num"
    return "circle"


def _tail(lead: str) -> tuple[str, str]:
    """(last clause of ``lead``, the clause before it)."""
    clauses = _CLAUSE_BREAK.split(lead)
    return clauses[-1], (clauses[-2] if len(clauses) > 1 else "")


def _completion(tail: str) -> re.Match[str] | None:
    """``_COMPLETION`` in ``tail`` (a match has 预算 or 执行率: cheaper to look for first)."""
    if "预算" not in tail and "执行率" not in tail:
        return None
    return _COMPLETION.search(tail)


def _role(tail: str) -> str:
    """What the words before an amount make of it: ``outturn``, ``budget`` or ``plain``.

    The words every match of ``_OUTTURN`` (``_BUDGET``) contains are looked for first.
    """
    if ("决算" in tail or "执行数" in tail or "实际支出" in tail) and _OUTTURN.search(tail):
        return "outturn"
    if "预算" in tail and _BUDGET.search(tail) and not _BUDGET_BASIS.search(tail):
        return "budget"
    return "plain"


def _last_list_marker(lead: str) -> re.Match[str] | None:
    """The last list marker (``其中：``, ``主要包括`` …) in ``lead``, if any."""
    if "其中" not in lead and "包括" not in lead and "主要用于以下方面" not in lead:
        return None
    markers = list(_LIST.finditer(lead))
    return markers[-1] if markers else None


def _label_span(paragraph: Paragraph, tail: str, end: int) -> Span | None:
    """The span of the label words ``tail`` that end at clean index ``end``."""
    return paragraph.span(end - len(tail), end) if tail else None


def _direction(word: str) -> Direction:
    if word in _UP or word in ("增幅", "增长幅度", "增长率"):
        return Direction.UP
    if word in _DOWN or word in ("降幅", "下降幅度", "减少幅度", "下降率"):
        return Direction.DOWN
    return Direction.UNCLEAR


class _Reader:
    """Reads paragraphs into facts (one instance per report)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.facts: list[Fact] = []
        self.amounts: list[tuple[int, AmountFact]] = []  # (paragraph index, fact)
        self.counts: list[CountFact] = []
        self.sentence_no = 0
        self.group_no = 0
        self.item: str | None = None
        self.paths = _section_paths(report)
        self.change_of: dict[int, ChangeFact] = {}  # id(amount fact) → its change on last year
        self.contexts: dict[tuple[int, str | None], LabelContext] = {}  # (id(section), item)

    # -- helpers -------------------------------------------------------------------------------

    def context(self, paragraph: Paragraph) -> LabelContext:
        key = (id(paragraph.section), self.item)
        context = self.contexts.get(key)
        if context is None:
            titles: tuple[str, ...] = ()
            if paragraph.section is not None:
                titles = self.paths.get(id(paragraph.section), (paragraph.section.title,))
            context = self.contexts[key] = LabelContext(sections=titles, item=self.item)
        return context

    def resolve_whole(
        self, label: str, paragraph: Paragraph, part: Amount | None, counts: bool
    ) -> Amount | None:
        """The nearest earlier figure whose label names ``label`` (same key first)."""
        if counts:
            pool: list[tuple[str, Amount]] = [(f.label, f.count) for f in self.counts[-200:]]
        else:
            pool = [
                (fact.label, fact.amount)
                for index, fact in self.amounts[-400:]
                if paragraph.index - index <= 60 and fact.role != "budget"
            ]
        pool = [(lab, amount) for lab, amount in pool if amount is not part]
        key = match_key(label)
        for lab, amount in reversed(pool):
            if match_key(lab) == key:
                return amount
        for lab, amount in reversed(pool):
            if labels_match(lab, label):
                return amount
        return None

    # -- one paragraph -------------------------------------------------------------------------

    def read(self, paragraph: Paragraph) -> _ParagraphInfo:
        style = _style(paragraph.text)
        if style is not None or paragraph.heading:
            self.item = None
        info = _ParagraphInfo(paragraph, style)
        text = paragraph.text
        pending_list: _List | None = None
        has_digit = _DIGIT.search(text) is not None  # most paragraphs have no figure at all
        for s_start, s_end in sentences(text):
            s_end = min(s_end, s_start + MAX_SENTENCE)
            figures = scan_figures(paragraph, s_start, s_end) if has_digit else []
            if not figures:
                if style is not None and s_start == 0 and info.first_amount is None:
                    info.item_text = text[s_start:s_end]
                    self.item = info.item_text
                if info.subject is not None and text.find("持平", s_start, s_end) >= 0:
                    self._flat(paragraph, info, info.subject, s_start, s_end)
                if text.find("其中", s_start, s_end) >= 0 and _OPENS_LIST.search(
                    text[s_start:s_end].rstrip()
                ):
                    info.opens_list = info.subject is not None
                continue
            pending_list = self.sentence(paragraph, info, figures, s_start, s_end)
        if pending_list is not None:
            info.opens_list = True
        return info

    def _flat(
        self, paragraph: Paragraph, info: _ParagraphInfo, current: AmountFact, start: int, end: int
    ) -> ChangeFact:
        m = _FLAT.search(paragraph.text, start, end)
        assert m is not None
        fact = ChangeFact(
            span=paragraph.span(start, end),
            label=current.label,
            section=paragraph.section_title,
            paragraph=paragraph.index,
            sentence=self.sentence_no,
            current=current.amount,
            current_label=current.label,
            direction=Direction.FLAT,
            direction_word="持平",
            direction_span=paragraph.span(m.start(), m.end()),
        )
        self.facts.append(fact)
        self.change_of.setdefault(id(current), fact)
        if current is info.first_amount and info.first_change is None:
            info.first_change = fact
            info.flat = True
        return fact

    def sentence(
        self,
        paragraph: Paragraph,
        info: _ParagraphInfo,
        figures: list[Figure],
        s_start: int,
        s_end: int,
    ) -> _List | None:
        """Read one sentence; returns an open list when the sentence ends with ``其中：``."""
        self.sentence_no += 1
        text = paragraph.text
        context = self.context(paragraph)
        section = paragraph.section_title
        prev_end = s_start
        prev_figure: Figure | None = None
        prev_fact: AmountFact | CountFact | None = None
        last_plain: AmountFact | None = None
        last_count: CountFact | None = None
        open_change: ChangeFact | None = None
        budget: AmountFact | None = None
        outturn: AmountFact | None = None
        current_list: _List | None = None
        lists: list[_List] = []
        shares: list[ShareFact] = []
        flats_done: set[int] = set()

        for figure in figures:
            lead = text[prev_end : figure.start]
            # a list marker (其中：…) before this figure opens a list
            marker = _last_list_marker(lead)
            if marker is not None:
                before = text[s_start : prev_end + marker.start()]
                total = last_plain
                at_start = len(before) <= 12 and not _CLAUSE_BREAK.sub(
                    "", ENUMERATOR.sub("", before)
                )
                if total is None and at_start:
                    total = info.subject
                start = prev_end + marker.end()
                current_list = _List(total, marker.group("word") == "其中", start)
                if not _ENDS_WITH_COLON.search(marker.group()):
                    semi = _SEMICOLON.search(text, start, s_end)
                    current_list.end = semi.start() if semi else None
                lists.append(current_list)
                lead = lead[marker.end() :]
            # 持平 in the lead: a flat change of the latest plain amount
            if "持平" in lead and last_plain is not None and id(last_plain) not in flats_done:
                flats_done.add(id(last_plain))
                change = self._flat(paragraph, info, last_plain, prev_end, figure.start)
                self._attach_change(current_list, last_plain, change)
            tail, previous_clause = _tail(lead)
            tail_start = figure.start - len(tail)
            amount = figure.amount
            common = {
                "span": paragraph.span(tail_start if tail else figure.start, figure.end),
                "section": section,
                "paragraph": paragraph.index,
                "sentence": self.sentence_no,
            }
            if figure.kind == "percent":
                completion = _completion(tail)
                open_change = self._percent(
                    paragraph,
                    info,
                    figure,
                    tail,
                    tail_start,
                    completion,
                    lead,
                    common,
                    prev_figure,
                    prev_fact,
                    last_plain,
                    open_change,
                    budget,
                    outturn,
                    current_list,
                    shares,
                )
                if completion:
                    budget = outturn = None
                prev_fact = None
            elif figure.kind == "count":
                fact = CountFact(
                    label=clean_label(tail),
                    label_span=_label_span(paragraph, tail, figure.start),
                    count=amount,
                    **common,
                )
                self.facts.append(fact)
                self.counts.append(fact)
                last_count = fact
                prev_fact = fact
            else:
                prev_fact = None
                direction = _DIRECTION.search(tail)
                template = _TEMPLATE_DIRECTION.search(tail)
                if direction or template:
                    open_change = self._change(
                        paragraph,
                        info,
                        figure,
                        tail,
                        tail_start,
                        lead,
                        text[max(s_start, figure.start - _WINDOW) : figure.start],
                        common,
                        last_plain,
                        current_list,
                        bool(template),
                    )
                elif _AVERAGE.search(tail):
                    self.facts.append(
                        AverageFact(
                            label=clean_label(_AVERAGE.sub("", tail))
                            or (last_plain.label if last_plain else ""),
                            label_span=_label_span(paragraph, tail, figure.start),
                            average=amount,
                            total=last_plain.amount if last_plain else None,
                            count=last_count.count if last_count else None,
                            **common,
                        )
                    )
                else:
                    role = _role(tail)
                    label = (
                        subject_label(tail)
                        if role != "budget"
                        else clean_label(_BUDGET.sub("", tail))
                    )
                    if label in ("", "支出") and previous_clause and role != "plain":
                        label = clean_label(previous_clause) or label
                    if label in ("", "支出") and role == "outturn" and budget is not None:
                        label = budget.label
                    if label in ("", "支出") and role != "plain" and last_plain is not None:
                        label = last_plain.label
                    if not label and self.item:
                        label = clean_label(self.item)
                    fact = AmountFact(
                        label=label,
                        label_span=_label_span(paragraph, tail, figure.start),
                        amount=amount,
                        role=role,  # type: ignore[arg-type]
                        quantity=_quantity(label, context, role),
                        **common,
                    )
                    self.facts.append(fact)
                    self.amounts.append((paragraph.index, fact))
                    prev_fact = fact
                    if role == "budget":
                        budget = fact
                    else:
                        outturn = fact if role == "outturn" else outturn
                        last_plain = fact
                        info.subject = fact
                        if info.first_amount is None:
                            info.first_amount = fact
                        open_change = None
                        if (
                            current_list is not None
                            and figure.start >= current_list.start
                            and (current_list.end is None or figure.start < current_list.end)
                        ) and fact is not current_list.total:
                            current_list.part_facts.append(fact)
                        if role == "plain" and outturn is not None and outturn is not fact:
                            outturn = None
            prev_end = figure.end
            prev_figure = figure

        # 持平 after the last figure
        rest = text[prev_end:s_end]
        if "持平" in rest and last_plain is not None and id(last_plain) not in flats_done:
            change = self._flat(paragraph, info, last_plain, prev_end, s_end)
            self._attach_change(current_list, last_plain, change)
        self._close_shares(shares)
        for lst in lists:
            self._emit_total(paragraph, lst, s_start, s_end)
        if "其中" in rest and _ENDS_WITH_QIZHONG.search(rest.rstrip("。 ")):
            return _List(last_plain or info.subject, True, s_end)
        return None

    def _percent(
        self,
        paragraph: Paragraph,
        info: _ParagraphInfo,
        figure: Figure,
        tail: str,
        tail_start: int,
        completion: re.Match[str] | None,
        lead: str,
        common: dict,
        prev_figure: Figure | None,
        prev_fact: AmountFact | CountFact | None,
        last_plain: AmountFact | None,
        open_change: ChangeFact | None,
        budget: AmountFact | None,
        outturn: AmountFact | None,
        current_list: _List | None,
        shares: list[ShareFact],
    ) -> ChangeFact | None:
        amount = figure.amount
        if "占" in tail:
            at = tail.rfind("占")
            part_text = clean_label(tail[:at])
            whole_text = _SHARE_TAIL_WORDS.sub("", tail[at + 1 :])
            whole_label = clean_label(whole_text) or None
            part: Amount | None = None
            is_count = False
            label = part_text
            adjacent = prev_figure is not None and not _CLAUSE_BREAK.search(
                paragraph.text, prev_figure.end, tail_start + at
            )
            if (not part_text or adjacent) and prev_figure is not None and prev_fact is not None:
                if isinstance(prev_fact, CountFact):
                    part, is_count = prev_fact.count, True
                    after = paragraph.text[prev_figure.end : tail_start + at]
                    label = clean_label(_CLAUSE_BREAK.split(after)[0]) or prev_fact.label
                elif prev_fact.role != "budget":
                    part, label = prev_fact.amount, prev_fact.label
            whole: Amount | None = None
            if whole_label:
                whole = self.resolve_whole(whole_label, paragraph, part, is_count)
            elif current_list is not None and current_list.total is not None and part is not None:
                whole = current_list.total.amount
            fact = ShareFact(
                label=label,
                label_span=_label_span(paragraph, tail, figure.start),
                share=amount,
                part=part,
                whole_label=whole_label,
                whole=whole,
                is_count=is_count,
                **common,
            )
            self.facts.append(fact)
            shares.append(fact)
            return open_change
        if completion:
            out = outturn or last_plain or info.subject
            label = out.label if out is not None else ""
            context = self.context(paragraph)
            self.facts.append(
                CompletionFact(
                    label=label,
                    label_span=out.label_span if out is not None else None,
                    rate=amount,
                    budget=budget.amount if budget is not None else None,
                    outturn=out.amount if out is not None else None,
                    budget_word=completion.group("word") or "预算",
                    quantity=quantity_for(label, context) if label else None,
                    **common,
                )
            )
            return open_change
        rate = _RATE.search(tail) or _TEMPLATE_DIRECTION.search(tail)
        if rate is None:
            return open_change
        word = rate.group("word") if "word" in rate.groupdict() else rate.group()
        word_span = paragraph.span(tail_start + rate.start(), tail_start + rate.end())
        rate_direction = Direction.UNCLEAR if _TEMPLATE_DIRECTION.search(tail) else _direction(word)
        if open_change is not None and open_change.rate is None:
            # the rate of the change just stated (增加44.93万元，增长1.60%)
            open_change.rate = amount
            open_change.rate_word = word
            open_change.rate_word_span = word_span
            open_change.rate_direction = rate_direction
            open_change.span = _join(open_change.span, common["span"])
            return open_change
        current = last_plain or info.subject
        basis, year = _basis(tail, lead)
        fact = ChangeFact(
            label=current.label if current else "",
            current=current.amount if current else None,
            current_label=current.label if current else None,
            rate=amount,
            rate_word=word,
            rate_word_span=word_span,
            rate_direction=rate_direction,
            basis=basis,
            compared_year=year,
            **common,
        )
        self.facts.append(fact)
        return fact

    def _change(
        self,
        paragraph: Paragraph,
        info: _ParagraphInfo,
        figure: Figure,
        tail: str,
        tail_start: int,
        lead: str,
        sentence_prefix: str,
        common: dict,
        last_plain: AmountFact | None,
        current_list: _List | None,
        template: bool,
    ) -> ChangeFact:
        if template:
            m = _TEMPLATE_DIRECTION.search(tail)
            assert m is not None
            word, direction = m.group(), Direction.UNCLEAR
        else:
            m = _DIRECTION.search(tail)
            assert m is not None
            word, direction = m.group("word"), _direction(m.group("word"))
        own = clean_label(_COMPARE_WORDS.sub("", tail[: m.start()]))
        current = last_plain or info.subject
        if own and current is not None and not labels_match(own, current.label):
            current = None
        basis, year = _basis(tail, lead, sentence_prefix)
        fact = ChangeFact(
            label=own or (current.label if current else ""),
            label_span=paragraph.span(tail_start, tail_start + m.start()) if m.start() else None,
            current=current.amount if current else None,
            current_label=current.label if current else None,
            direction=direction,
            direction_word=word,
            direction_span=paragraph.span(tail_start + m.start(), tail_start + m.end()),
            amount=figure.amount,
            basis=basis,
            compared_year=year,
            **common,
        )
        self.facts.append(fact)
        if current is not None and basis is ChangeBasis.PREVIOUS_YEAR:
            if current is info.first_amount and info.first_change is None:
                info.first_change = fact
            self.change_of.setdefault(id(current), fact)
        return fact

    def _attach_change(self, lst: _List | None, current: AmountFact, change: ChangeFact) -> None:
        """Changes are looked up by ``change_of`` when a total is emitted."""

    def _close_shares(self, shares: list[ShareFact]) -> None:
        """Give the shares of one sentence a group, and a whole from their sum when unresolved."""
        if not shares:
            return
        self.group_no += 1
        group = self.group_no
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

    def _emit_total(self, paragraph: Paragraph, lst: _List, s_start: int, s_end: int) -> None:
        if lst.total is None or not lst.part_facts:
            return
        span = paragraph.span(s_start, s_end)
        self.facts.append(
            self._total_fact(
                paragraph,
                lst.total,
                lst.part_facts,
                span,
                self.sentence_no,
                exhaustive=lst.exhaustive,
            )
        )

    def _total_fact(
        self,
        paragraph: Paragraph,
        total: AmountFact,
        part_facts: list[AmountFact],
        span: Span,
        sentence: int,
        *,
        exhaustive: bool,
    ) -> TotalFact:
        """``total`` and its listed parts, each with its change on last year when one is stated."""
        change = self.change_of.get(id(total))
        return TotalFact(
            span=span,
            label=total.label,
            label_span=total.label_span,
            section=paragraph.section_title,
            paragraph=paragraph.index,
            sentence=sentence,
            total=total.amount,
            total_change=_signed(change),
            total_change_amount=change.amount if change else None,
            parts=[self._part_item(fact) for fact in part_facts],
            exhaustive=exhaustive,
            topic=_topic(total.label),
        )

    def _part_item(self, fact: AmountFact) -> PartItem:
        change = self.change_of.get(id(fact))
        return PartItem(
            label=fact.label,
            label_span=fact.label_span,
            amount=fact.amount,
            change=_signed(change),
            change_amount=change.amount if change else None,
        )

    # -- lists across paragraphs ---------------------------------------------------------------

    def paragraph_lists(self, infos: list[_ParagraphInfo]) -> None:
        """Totals whose paragraph ends with ``其中：`` and whose parts are the next items."""
        for k, info in enumerate(infos):
            if not info.opens_list or info.subject is None:
                continue
            style: str | None = None
            item: _ParagraphInfo | None = None
            items: list[_ParagraphInfo] = []
            for nxt in infos[k + 1 : k + 300]:
                if nxt.paragraph.part != info.paragraph.part:
                    break
                if nxt.style is not None:
                    if style is None:
                        style = nxt.style
                    if nxt.style != style:
                        break
                    item = nxt
                    items.append(nxt)
                    continue
                if style is None:
                    break
                if item is not None and item.first_amount is None and nxt.first_amount:
                    item.first_amount = nxt.first_amount
                    item.first_change = item.first_change or nxt.first_change
            part_facts = [i.first_amount for i in items if i.first_amount is not None]
            if len(items) < 2 or len(part_facts) < len(items):
                continue
            paragraph, total = info.paragraph, info.subject
            span = paragraph.span(0, len(paragraph.text))
            self.facts.append(
                self._total_fact(
                    paragraph, total, part_facts, span, total.sentence, exhaustive=True
                )
            )


def _join(a, b):  # type: ignore[no-untyped-def]
    """A span covering spans ``a`` and ``b``."""
    first, _second = (a, b) if a.sort_key() <= b.sort_key() else (b, a)
    end = max(a, b, key=lambda s: (s.end_line, s.end_column))
    return Span(
        line=first.line, column=first.column, end_line=end.end_line, end_column=end.end_column
    )


def _quantity(label: str, context: LabelContext, role: str) -> Quantity | None:
    """The table quantity of an amount: budgets only exist in 表九 (预算数)."""
    quantity = quantity_for(label, context)
    if quantity is None or role != "budget":
        return quantity
    if quantity.table is not TableRole.T09:
        return None
    column = quantity.column.replace("决算数", "预算数")
    return replace(quantity, column=column, name=quantity.name.replace("决算数", "预算数"))


def _signed(change: ChangeFact | None) -> Decimal | None:
    if change is None:
        return None
    if change.direction is Direction.FLAT and change.amount is None:
        return Decimal(0)
    return change.signed_amount()


def _basis_of(text: str) -> tuple[ChangeBasis, int | None] | None:
    """The basis named in ``text`` (the last one wins), ``None`` when it names none."""
    found: list[tuple[int, ChangeBasis, int | None]] = []
    for m in _BUDGET_BASIS.finditer(text):
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


def _topic(label: str) -> str | None:
    if "三公" in label:
        return "三公"
    if "政府采购" in label:
        return "政府采购"
    return None


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


@gc_paused()
def parse_facts(source: SourceText, report: Report) -> list[Fact]:
    """Every fact of the narrative of ``source``, in document order."""
    reader = _Reader(report)
    infos: list[_ParagraphInfo] = []
    paragraphs: list[Paragraph] = []
    for paragraph in read_paragraphs(source, report):
        paragraphs.append(paragraph)
        infos.append(reader.read(paragraph))
    reader.paragraph_lists(infos)
    facts = reader.facts
    facts.extend(year_facts(paragraphs, report))
    facts.sort(key=lambda f: f.span.sort_key())
    return facts


_THREE_PUBLIC_ITEMS = ("出国", "公务用车", "接待")


def _all_three_public_items(shares: list[ShareFact]) -> bool:
    """The shares are those of the three 三公 items, one each: together they make the 三公 total,
    whatever the printed shares add up to (a wrong share must not hide the whole)."""
    labels = [s.label for s in shares]
    return len(labels) == 3 and all(
        sum(item in label for label in labels) == 1 for item in _THREE_PUBLIC_ITEMS
    )
