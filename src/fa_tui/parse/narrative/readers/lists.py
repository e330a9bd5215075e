"""Totals and their listed parts: ``收入合计2844.76万元，其中：财政拨款收入…，事业收入…``.

A list marker (``其中：``, ``主要包括`` …) opens a list whose later amounts in the sentence are
the parts of the amount before it (a marker with a colon runs to the end of the sentence,
without one to the next ``；``). A paragraph ending with ``其中：`` takes its parts from the
enumerated paragraphs that follow (the first amount of each, all of one enumeration style).
Each part carries its change on last year when one was stated (``Memory.change_of``).

A list that names its items without amounts (``人员经费480.64万元，主要包括：基本工资、津贴补贴、
奖金。``) is read too (``named_list``): the marker opens a clause after the sentence's last
figure (or the sentence itself, the total then being the paragraph's subject), and each item
between ``、`` or ``，`` keeps its span.
"""

from __future__ import annotations

from decimal import Decimal

from fa_tui import pattern_cache
from fa_tui.model.facts import (
    AmountFact,
    ChangeFact,
    Direction,
    NamedItem,
    PartItem,
    TotalFact,
)
from fa_tui.parse.narrative.sentences import ENUMERATOR, Paragraph
from fa_tui.parse.narrative.state import (
    CLAUSE_BREAK,
    Memory,
    ParagraphInfo,
    PartsList,
    Place,
    SentenceState,
)

_PAREN_CN_ORDINAL = pattern_cache.compile(r"[（(][一二三四五六七八九十]")  # （一）, not （1）
_ENDS_WITH_COLON = pattern_cache.compile(r"[：:]$")
# A sentence ending with 其中 (colon or not) takes its parts from the paragraphs that follow.
_ENDS_WITH_QIZHONG = pattern_cache.compile(r"其中[：:]?$")
_SEMICOLON = pattern_cache.compile(r"[；;]")
_LIST = pattern_cache.compile(r"(?P<word>其中|主要包括|具体包括|主要用于以下方面|包括)[：:，,]?")
_OPENS_LIST = pattern_cache.compile(r"其中[：:]$")
_ITEMS_LOOKED_AT = 300  # how many paragraphs after ``其中：`` may be its items
_MAX_MARKER_LEAD = 12  # a marker this close to the sentence start lists the paragraph's subject
# A list of names without amounts: ``，主要包括：`` opening a clause (``，主要 包括`` as extracted).
_NAMED_MARKER = pattern_cache.compile(r"[，,；;]\s*(?:(?:主要|具体)\s*)?包\s*括\s*[：:]?\s*")
_NAMED_MARKER_AT_START = pattern_cache.compile(r"\s*(?:(?:主要|具体)\s*)?包\s*括\s*[：:]?\s*")
_NAMED_END = pattern_cache.compile(r"[；;。]")
_NAMED_SEPARATOR = pattern_cache.compile(r"[、，,]")
_ITEM_NOISE = pattern_cache.compile(r"^[\s*“”\"]+|[\s*“”\"]+$")
_ITEM_TAIL = pattern_cache.compile(r"等(?:方面|项目|内容|费用|支出)?$")
_MAX_ITEM = 30  # an item longer than this is a phrase, not a name


def enumeration_style(text: str) -> str | None:
    """The style of the enumerator opening ``text`` (``cn`` for ``一、`` …), ``None`` if none."""
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


def open_list(paragraph: Paragraph, lead: str, sentence: SentenceState) -> str:
    """Open a list when ``lead`` (the words since the previous figure) has a list marker;
    returns the words after the marker (``lead`` itself when it has none)."""
    if "其中" not in lead and "包括" not in lead and "主要用于以下方面" not in lead:
        return lead  # cheap pre-check: every marker has one of these words
    markers = list(_LIST.finditer(lead))
    if not markers:
        return lead
    marker = markers[-1]  # the last marker before the figure
    text, prev_end = paragraph.text, sentence.prev_end
    total = sentence.last_plain
    if total is None:
        before = text[sentence.start : prev_end + marker.start()]
        at_start = len(before) <= _MAX_MARKER_LEAD and not CLAUSE_BREAK.sub(
            "", ENUMERATOR.sub("", before)
        )
        total = sentence.info.subject if at_start else None
    start = prev_end + marker.end()
    parts = PartsList(total, marker.group("word") == "其中", start)
    if not _ENDS_WITH_COLON.search(marker.group()):
        semi = _SEMICOLON.search(text, start, sentence.end)
        parts.end = semi.start() if semi else None
    sentence.lists.append(parts)
    sentence.current_list = parts
    return lead[marker.end() :]


def sentence_totals(
    paragraph: Paragraph, sentence: SentenceState, memory: Memory
) -> list[TotalFact]:
    """The totals of the lists the sentence opened (those with a total and parts)."""
    totals: list[TotalFact] = []
    for parts in sentence.lists:
        if parts.total is None or not parts.part_facts:
            continue
        place: Place = {
            "span": paragraph.span(sentence.start, sentence.end),
            "section": sentence.section,
            "paragraph": paragraph.index,
            "sentence": sentence.number,
        }
        totals.append(total_fact(parts.total, parts.part_facts, place, parts.exhaustive, memory))
    return totals


def named_list(
    paragraph: Paragraph,
    start: int,
    end: int,
    total: AmountFact | None,
    place: Place,
    *,
    at_start: bool = False,
    continued: bool = False,
) -> TotalFact | None:
    """The items ``text[start:end]`` (figureless: the sentence after its last figure, or, with
    ``at_start``, a sentence without figures that opens with the marker) lists by name after
    ``主要包括``, as a ``TotalFact`` of ``total`` with ``named`` items and no parts; ``None``
    when it lists none (or there is no total).

    ``continued``: ``text[start:end]`` follows the last part of an open list and goes on with
    ``、`` (``主要包括：办公费7.43万元、水费、电费。``): the names up to the next clause break
    are items of that list.
    """
    text = paragraph.text
    if total is None:
        return None
    if continued:
        if not text.startswith("、", start):
            return None
        stop = CLAUSE_BREAK.search(text, start, end)
        begin, limit = start + 1, stop.start() if stop else end
    else:
        if text.find("括", start, end) < 0:  # cheap pre-check
            return None
        if at_start:
            marker = _NAMED_MARKER_AT_START.match(text, start, end)
        else:
            marker = _NAMED_MARKER.search(text, start, end)
        if marker is None:
            return None
        stop = _NAMED_END.search(text, marker.end(), end)
        begin, limit = marker.end(), stop.start() if stop else end
    items: list[NamedItem] = []
    while begin < limit:
        sep = _NAMED_SEPARATOR.search(text, begin, limit)
        finish = sep.start() if sep else limit
        item = _named_item(paragraph, begin, finish)
        if item is not None:
            items.append(item)
        begin = finish + 1
    if not items:
        return None
    return TotalFact(
        label=total.label,
        label_span=total.label_span,
        total=total.amount,
        exhaustive=False,
        topic=_topic(total.label),
        named=items,
        **place,
    )


def _named_item(paragraph: Paragraph, start: int, end: int) -> NamedItem | None:
    """The item named in ``text[start:end]`` with its span (``None`` when it is no name)."""
    raw = paragraph.text[start:end]
    lead = len(raw) - len(raw.lstrip(' \t\u3000*“”"'))
    name = _ITEM_NOISE.sub("", raw)
    name = _ITEM_TAIL.sub("", name)
    name = _ITEM_NOISE.sub("", name)
    if not name or len(name) > _MAX_ITEM:
        return None
    first = start + lead
    label = "".join(name.split())
    return NamedItem(label=label, span=paragraph.span(first, first + len(name)))


def ends_with_list(paragraph: Paragraph, sentence: SentenceState) -> bool:
    """Whether the sentence ends with ``其中`` after its last figure (the parts follow)."""
    rest = paragraph.text[sentence.prev_end : sentence.end]
    return "其中" in rest and bool(_ENDS_WITH_QIZHONG.search(rest.rstrip("。 ")))


def opens_list(text: str, start: int, end: int) -> bool:
    """Whether the figureless sentence ``text[start:end]`` ends with ``其中：``."""
    return text.find("其中", start, end) >= 0 and bool(_OPENS_LIST.search(text[start:end].rstrip()))


def paragraph_totals(infos: list[ParagraphInfo], memory: Memory) -> list[TotalFact]:
    """Totals whose paragraph ends with ``其中：`` and whose parts are the next items."""
    totals: list[TotalFact] = []
    for k, info in enumerate(infos):
        if not info.opens_list or info.subject is None:
            continue
        items = _items(infos[k + 1 : k + _ITEMS_LOOKED_AT], info.paragraph.part)
        part_facts = [i.first_amount for i in items if i.first_amount is not None]
        if len(items) < 2 or len(part_facts) < len(items):
            continue
        paragraph, total = info.paragraph, info.subject
        place: Place = {
            "span": paragraph.span(0, len(paragraph.text)),
            "section": paragraph.section_title,
            "paragraph": paragraph.index,
            "sentence": total.sentence,
        }
        totals.append(total_fact(total, part_facts, place, True, memory))
    return totals


def _items(following: list[ParagraphInfo], part: str | None) -> list[ParagraphInfo]:
    """The enumerated paragraphs (of one style, in ``part``) that open ``following``.

    An item with no amount of its own takes the first amount of the plain paragraphs under it.
    """
    style: str | None = None
    item: ParagraphInfo | None = None
    items: list[ParagraphInfo] = []
    for nxt in following:
        if nxt.paragraph.part != part:
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
    return items


def total_fact(
    total: AmountFact, part_facts: list[AmountFact], place: Place, exhaustive: bool, memory: Memory
) -> TotalFact:
    """``total`` and its listed parts, each with its change on last year when one is stated."""
    change = memory.change_of.get(id(total))
    return TotalFact(
        label=total.label,
        label_span=total.label_span,
        total=total.amount,
        total_change=_signed(change),
        total_change_amount=change.amount if change else None,
        parts=[_part_item(fact, memory.change_of.get(id(fact))) for fact in part_facts],
        exhaustive=exhaustive,
        topic=_topic(total.label),
        **place,
    )


def _part_item(fact: AmountFact, change: ChangeFact | None) -> PartItem:
    return PartItem(
        label=fact.label,
        label_span=fact.label_span,
        amount=fact.amount,
        change=_signed(change),
        change_amount=change.amount if change else None,
    )


def _signed(change: ChangeFact | None) -> Decimal | None:
    if change is None:
        return None
    if change.direction is Direction.FLAT and change.amount is None:
        return Decimal(0)
    return change.signed_amount()


def _topic(label: str) -> str | None:
    if "三公" in label:
        return "三公"
    if "政府采购" in label:
        return "政府采购"
    return None
