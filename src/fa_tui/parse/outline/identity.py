"""Who and when: the department name, the report year and the unit a report states."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model import Span
from fa_tui.parse.noise import CleanLine

_PART_PREFIX = pattern_cache.compile(r"^第\S+部分[：:\s]*")  # 第一部分：… before an 概况 heading

_TITLE = pattern_cache.compile(
    r"^(?P<dept>.*?)\s*(?:(?P<year>\d{4})\s*)?(?:年度|年)?\s*(?:[省市区县]级)?"
    r"(?:部门|单位)(?:决算|预算)(?:公开)?(?:报告)?$"
)
# A labelled name on a title page: ``预算主管部门：上海市普陀区司法局``, ``单位名称：…``.
_LABELLED = pattern_cache.compile(
    r"^(?:预算主管部门|主管部门|部门名称|单位名称|编制单位|报送单位)\s*[:：]\s*"
    r"(?P<dept>[\u4e00-\u9fff（）()]{4,40})\s*$"
)
# A name that is only a region (``上海市普陀区`` before ``2026年区级部门预算``): not a department.
_REGION = r"[\u4e00-\u9fff]{1,5}?(?:省|自治区|市|州|盟|区|县|旗)"
_REGION_ONLY = pattern_cache.compile(rf"^(?:{_REGION})+$")
_NAME_LINE = pattern_cache.compile(
    r"^[\u4e00-\u9fff（）()]{4,40}$"
)  # a title-page line that may be a name
_YEAR_ONLY = pattern_cache.compile(r"^(?P<year>20\d{2})\s*年度$")
# A year printed on a line of its own next to a title without one (``年度部门决算`` / ``2024``:
# a text layer puts a title's figures, set in another font, on their own line).
_BARE_YEAR = pattern_cache.compile(r"^\s*(?P<year>20\d{2})\s*$")
_BARE_YEAR_REACH = 2  # non-blank lines above or below the title
_OVERVIEW = pattern_cache.compile(r"^(?P<dept>\S{4,30}?)概况$")
_ORG_SUFFIXES = (
    "局",
    "委员会",
    "办公室",
    "厅",
    "中心",
    "院",
    "所",
    "站",
    "馆",
    "处",
    "队",
)  # what every ``_org()`` match ends with
_HEADING_YEAR = pattern_cache.compile(r"(20\d{2})\s*年度?")
_UNIT_LABEL = pattern_cache.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
_TEXT_UNIT = pattern_cache.compile(r"\d\s*(万元|亿元)")
_GENERIC = ("部门", "单位", "本部门", "本单位")
_TITLE_MAX = 80  # a title line is short; longer lines are body text
_SCAN_MAX = 4000  # names are searched in the first characters of a line only


# The alias and organisation patterns serve only when the title page does not name the
# department; their CJK ranges take milliseconds to compile, so they are compiled on first use.
@cache
def _alias() -> re.Pattern[str]:
    return pattern_cache.compile(r"(?P<dept>[\u4e00-\u9fff]{4,30}?)（(?:以下)?简称")


@cache
def _org() -> re.Pattern[str]:
    return pattern_cache.compile(
        r"(?:[\u4e00-\u9fff]{2,5}?(?:省|自治区|市|州|盟|县|区|旗))"
        r"(?:[\u4e00-\u9fff]{2,4}?(?:市|县|区|旗))?"
        r"[\u4e00-\u9fff]{2,10}?(?:局|委员会|办公室|厅|中心|院|所|站|馆|处|队)"
    )


# What may stand before an organisation's name where the name starts: the start of the line,
# or a character that is not a Chinese one (punctuation, a space, a digit, a bracket).
_BOUNDARY = pattern_cache.compile(r"[^\u4e00-\u9fff]")


class Found(NamedTuple):
    """A value found in the text and where."""

    value: str
    span: Span


def _span(line_no: int, clean: CleanLine, start: int, end: int) -> Span:
    column, end_column = clean.columns(start, end)
    return Span.at(line_no, column, end_column)


def find_department(
    lines: list[CleanLine], body_start: int, overview_line: int | None
) -> Found | None:
    """The department: named on the title page (a labelled name, the title itself, or the line
    above a title without one), by the 概况 heading, an alias sentence, or else the organisation
    named most often where a name can start. ``None`` rather than a guess."""
    title_page = range(min(body_start, len(lines)))
    for i in title_page:
        m = _LABELLED.match(lines[i].text.strip())
        if m:
            return _found(i, lines[i], m.start("dept"), m.end("dept"))
    for i in title_page:
        m = _TITLE.match(lines[i].text) if len(lines[i].text) <= _TITLE_MAX else None
        if m is None:
            continue
        dept = m.group("dept").strip()
        if dept and dept not in _GENERIC and not _REGION_ONLY.fullmatch(dept):
            start = lines[i].text.find(dept)
            return _found(i, lines[i], start, start + len(dept))
        above = _line_above(lines, i)
        if not dept and above is not None:
            return above
    if overview_line is not None:
        for i in range(overview_line, min(overview_line + 3, len(lines))):
            m = _OVERVIEW.search(_PART_PREFIX.sub("", lines[i].text))
            if m and m.group("dept") not in _GENERIC:
                dept = m.group("dept")
                start = lines[i].text.find(dept)
                return _found(i, lines[i], start, start + len(dept))
    for i, clean in enumerate(lines):
        if "简称" not in clean.text:  # cheap pre-check: ``_alias()`` needs it
            continue
        m = _alias().search(clean.text[:_SCAN_MAX])
        if m and _org().fullmatch(m.group("dept")) and _starts_name(clean.text, m.start("dept")):
            return _found(i, clean, m.start("dept"), m.end("dept"))
    return _most_frequent_org(lines)


def _found(index: int, clean: CleanLine, start: int, end: int) -> Found:
    return Found(clean.text[start:end], _span(index + 1, clean, start, end))


def _line_above(lines: list[CleanLine], index: int) -> Found | None:
    """The name printed on its own line above a title that names none (``…检察院`` /
    ``2023年度部门决算``)."""
    for k in range(index - 1, max(index - 3, -1), -1):
        text = lines[k].text.strip()
        if not text:
            continue
        if _NAME_LINE.fullmatch(text) and text not in _GENERIC and not _REGION_ONLY.fullmatch(text):
            start = lines[k].text.find(text)
            return _found(k, lines[k], start, start + len(text))
        return None
    return None


def _starts_name(text: str, start: int) -> bool:
    """Whether a name may start at ``start`` of ``text`` (line start or after a non-Chinese
    character): a match further inside a run of Chinese may have lost its first words."""
    return start == 0 or _BOUNDARY.match(text, start - 1) is not None


def _most_frequent_org(lines: list[CleanLine]) -> Found | None:
    """The organisation name met most often among names seen at least once where a name can
    start (so ``道社区公共服务中心`` never stands for ``万里街道社区公共服务中心``); on a tie the
    longer name. ``None`` when no name is ever seen at such a place."""
    org = _org()
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    bounded: set[str] = set()
    for i, clean in enumerate(lines):
        if not _may_name_org(clean.text):
            continue
        text = clean.text[:_SCAN_MAX]
        for m in org.finditer(text):
            name = m.group(0)
            for k in range(len(name) - 1):
                suffix = name[k:]
                if org.fullmatch(suffix):
                    counts[suffix] += 1
                    start = m.start() + k
                    first.setdefault(suffix, _span(i + 1, clean, start, m.end()))
                    if _starts_name(text, start):
                        bounded.add(suffix)
    candidates = [n for n in counts if n in bounded]
    if not candidates:
        return None
    name = min(candidates, key=lambda n: (-counts[n], -len(n)))
    return Found(name, first[name])


def _may_name_org(text: str) -> bool:
    """Whether ``text`` holds an ``_org()`` suffix (cheaper than searching it for names)."""
    return any(suffix in text for suffix in _ORG_SUFFIXES)


def find_year(lines: list[CleanLine], body_start: int, heading_lines: list[int]) -> Found | None:
    """The report year, from the title page or else from the part headings."""
    for i in range(min(body_start, len(lines))):
        text = lines[i].text
        if len(text) > _TITLE_MAX:
            continue
        m = _TITLE.match(text) or _YEAR_ONLY.match(text)
        if m and m.group("year"):
            return Found(m.group("year"), _span(i + 1, lines[i], m.start("year"), m.end("year")))
        beside = _bare_year_beside(lines, i) if m else None
        if beside is not None:
            return beside
    for i in heading_lines:
        m = _HEADING_YEAR.search(lines[i].text[:_TITLE_MAX])
        if m:
            return Found(m.group(1), _span(i + 1, lines[i], m.start(1), m.end(1)))
    return None


def _bare_year_beside(lines: list[CleanLine], index: int) -> Found | None:
    """A year alone on a line just below or above the title at ``index``."""
    for step in (1, -1):
        seen, k = 0, index + step
        while 0 <= k < len(lines) and seen < _BARE_YEAR_REACH:
            if lines[k].text.strip():
                seen += 1
                m = _BARE_YEAR.match(lines[k].text)
                if m:
                    return Found(m.group("year"), _span(k + 1, lines[k], *m.span("year")))
            k += step
    return None


def find_unit(lines: list[CleanLine]) -> str | None:
    """The money unit: the most frequent table unit label, else the unit of narrative figures."""
    labels = Counter(
        m.group(1)
        for c in lines
        if "单位" in c.text  # cheap pre-check: ``_UNIT_LABEL`` needs it
        for m in _UNIT_LABEL.finditer(c.text[:_SCAN_MAX])
    )
    if not labels:
        amount_lines = [c for c in lines if "万元" in c.text or "亿元" in c.text]
        labels = Counter(
            m.group(1) for c in amount_lines for m in _TEXT_UNIT.finditer(c.text[:_SCAN_MAX])
        )
    return labels.most_common(1)[0][0] if labels else None
