"""Years and dates in the narrative: ``截至2023年12月底``, ``与2023年相比``, ``《2023年度…》``,
attachments (``自评表（2023年度）``), headings, sentences opening with a year, cover dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fa_tui import pattern_cache
from fa_tui.model import Report
from fa_tui.model.facts import YearFact, YearRole
from fa_tui.parse.narrative.figures import has_money
from fa_tui.parse.narrative.sentences import Paragraph, sentences

_AS_OF = pattern_cache.compile(
    r"(?:截至|截止到?|截至到)(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:\d{1,2}日|底|末)?)?"
)
_COMPARISON = pattern_cache.compile(r"(?:与|较|比|同)(?<!占.)(?P<year>\d{4})年度?")  # not after 占
_DOCUMENT = pattern_cache.compile(r"《(?P<title>[^《》\n]{1,120})》")
_YEAR_IN = pattern_cache.compile(r"(?P<year>\d{4})年度?")
_ATTACHMENT = pattern_cache.compile(
    r"(?P<year>\d{4})年度?[^。；，,《》]{0,30}?(?:自评表|自评报告|评价报告|决算公开报表|决算报表)"
    r"|(?:自评表|自评报告|评价报告|报表)[（(](?P<year2>\d{4})年度?[）)]"
)
_HEADING_YEAR = pattern_cache.compile(r"(?<![与较比同至止])(?P<year>\d{4})年度?")
_SUBJECT = pattern_cache.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．])?(?P<year>\d{4})年度?(?!\d|月)"
)
_DATE_LINE = pattern_cache.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?:\d{1,2}日)?$")
# Every pattern above yields a fact only around "dddd年": a paragraph without one has none.
_ANY_YEAR = pattern_cache.compile(r"\d{4}年")
# ``_ATTACHMENT`` needs one of these words (checking them first is much cheaper).
_ATTACHMENT_WORDS = ("自评", "评价报告", "报表")
_TITLE = pattern_cache.compile(
    r"(?P<year>\d{4})年度?.{0,20}决算|决算.{0,10}[（(](?P<year2>\d{4})年度?[）)]"
)


def _fact(
    paragraph: Paragraph, match: re.Match[str], group: str, role: YearRole, month: int | None = None
) -> YearFact:
    return YearFact(
        span=paragraph.span(match.start(group), match.end(group)),
        label=role.value,
        section=paragraph.section_title,
        paragraph=paragraph.index,
        year=int(match.group(group)),
        month=month,
        role=role,
        text=paragraph.text[match.start() : match.end()],
    )


def _in_paragraph(paragraph: Paragraph, before_body: bool, near_end: bool) -> Iterable[YearFact]:
    text = paragraph.text
    if _ANY_YEAR.search(text) is None:
        return
    seen: set[int] = set()
    for m in _AS_OF.finditer(text):
        month = int(m.group("month")) if m.group("month") else None
        seen.add(m.start("year"))
        yield _fact(paragraph, m, "year", YearRole.AS_OF, month)
    for m in _COMPARISON.finditer(text):
        seen.add(m.start("year"))
        yield _fact(paragraph, m, "year", YearRole.COMPARISON)
    for m in _DOCUMENT.finditer(text):
        y = _YEAR_IN.search(m.group("title"))
        if y is None:
            continue
        start = m.start("title") + y.start("year")
        seen.add(start)
        yield YearFact(
            span=paragraph.span(start, start + 4),
            label="《" + m.group("title") + "》",
            section=paragraph.section_title,
            paragraph=paragraph.index,
            year=int(y.group("year")),
            role=YearRole.DOCUMENT,
            text=m.group(),
        )
    attachments = any(word in text for word in _ATTACHMENT_WORDS)
    for m in _ATTACHMENT.finditer(text) if attachments else ():
        group = "year" if m.group("year") else "year2"
        if m.start(group) in seen:
            continue
        seen.add(m.start(group))
        yield _fact(paragraph, m, group, YearRole.ATTACHMENT)
    if paragraph.heading or (before_body and _TITLE.search(text)):
        for m in _HEADING_YEAR.finditer(text):
            if m.start("year") not in seen:
                seen.add(m.start("year"))
                yield _fact(paragraph, m, "year", YearRole.HEADING)
        return
    if (before_body or near_end) and (date := _DATE_LINE.match(text)):
        yield _fact(paragraph, date, "year", YearRole.COVER_DATE, int(date.group("month")))
        return
    for s_start, s_end in sentences(text):
        subject = _SUBJECT.match(text, s_start, s_end)
        if subject is None or subject.start("year") in seen:
            continue
        if has_money(paragraph, s_start, s_end):
            yield _fact(paragraph, subject, "year", YearRole.SUBJECT)


def year_facts(paragraphs: list[Paragraph], report: Report) -> list[YearFact]:
    """Year facts of every paragraph."""
    body_start = min(
        (p.heading.line for p in report.parts if p.present and p.heading is not None),
        default=0,
    )
    last = paragraphs[-1].first_line if paragraphs else 0
    out: list[YearFact] = []
    tail_from = max(0, len(paragraphs) - 4)
    for k, paragraph in enumerate(paragraphs):
        if "年" not in paragraph.text:
            continue  # no year (most paragraphs)
        before = paragraph.last_line < body_start
        out.extend(_in_paragraph(paragraph, before, k >= tail_from and last > 0))
    return out
