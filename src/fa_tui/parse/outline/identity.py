"""Who and when: the department name, the report year and the unit a report states."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from fa_tui.model import Span
from fa_tui.parse.noise import CleanLine

_PART_PREFIX = re.compile(r"^第\S+部分[：:\s]*")  # 第一部分：… before an 概况 heading

_TITLE = re.compile(
    r"^(?P<dept>.*?)\s*(?:(?P<year>\d{4})\s*年度?)?\s*(?:部门|单位)决算(?:公开)?(?:报告)?$"
)
_YEAR_ONLY = re.compile(r"^(?P<year>20\d{2})\s*年度$")
_OVERVIEW = re.compile(r"^(?P<dept>\S{4,30}?)概况$")
_ORG_SUFFIXES = ("局", "委员会", "办公室", "厅", "中心")  # what every ``_org()`` match ends with
_HEADING_YEAR = re.compile(r"(20\d{2})\s*年度?")
_UNIT_LABEL = re.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
_TEXT_UNIT = re.compile(r"\d\s*(万元|亿元)")
_GENERIC = ("部门", "单位", "本部门", "本单位")
_TITLE_MAX = 80  # a title line is short; longer lines are body text
_SCAN_MAX = 4000  # names are searched in the first characters of a line only


# The alias and organisation patterns serve only when the title page does not name the
# department; their CJK ranges take milliseconds to compile, so they are compiled on first use.
@cache
def _alias() -> re.Pattern[str]:
    return re.compile(r"(?P<dept>[\u4e00-\u9fff]{4,30}?)（(?:以下)?简称")


@cache
def _org() -> re.Pattern[str]:
    return re.compile(
        r"(?:[\u4e00-\u9fff]{2,5}?(?:省|自治区|市|州|盟|县|区|旗))"
        r"(?:[\u4e00-\u9fff]{2,4}?(?:市|县|区|旗))?"
        r"[\u4e00-\u9fff]{2,10}?(?:局|委员会|办公室|厅|中心)"
    )


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
    """The department, from the title page, the 概况 heading, an alias sentence, or frequency."""
    for i in range(min(body_start, len(lines))):
        m = _TITLE.match(lines[i].text) if len(lines[i].text) <= _TITLE_MAX else None
        if m and m.group("dept") and m.group("dept") not in _GENERIC:
            return Found(m.group("dept"), _span(i + 1, lines[i], m.start("dept"), m.end("dept")))
    if overview_line is not None:
        for i in range(overview_line, min(overview_line + 3, len(lines))):
            m = _OVERVIEW.search(_PART_PREFIX.sub("", lines[i].text))
            if m and m.group("dept") not in _GENERIC:
                dept = m.group("dept")
                start = lines[i].text.find(dept)
                return Found(dept, _span(i + 1, lines[i], start, start + len(dept)))
    for i, clean in enumerate(lines):
        if "简称" not in clean.text:  # cheap pre-check: ``_alias()`` needs it
            continue
        m = _alias().search(clean.text[:_SCAN_MAX])
        if m and _org().fullmatch(m.group("dept")):
            return Found(m.group("dept"), _span(i + 1, clean, m.start("dept"), m.end("dept")))
    return _most_frequent_org(lines)


def _most_frequent_org(lines: list[CleanLine]) -> Found | None:
    """The organisation name met most often (a match may carry leading words: count suffixes)."""
    org = _org()
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    for i, clean in enumerate(lines):
        if not _may_name_org(clean.text):
            continue
        for m in org.finditer(clean.text[:_SCAN_MAX]):
            name = m.group(0)
            for k in range(len(name) - 1):
                suffix = name[k:]
                if org.fullmatch(suffix):
                    counts[suffix] += 1
                    start = m.start() + k
                    first.setdefault(suffix, _span(i + 1, clean, start, m.end()))
    if not counts:
        return None
    name = min(counts, key=lambda n: (-counts[n], len(n)))
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
    for i in heading_lines:
        m = _HEADING_YEAR.search(lines[i].text[:_TITLE_MAX])
        if m:
            return Found(m.group(1), _span(i + 1, lines[i], m.start(1), m.end(1)))
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
