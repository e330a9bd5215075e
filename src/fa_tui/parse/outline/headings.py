"""Recognise heading lines: part headings (第N部分) and numbered or known section headings."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.parse.noise import CleanLine
from fa_tui.parse.outline.ordinals import ordinal_value

_WHITESPACE = pattern_cache.compile(r"\s+")
_NON_ORDINAL_CHARS = pattern_cache.compile(r"[^一二三四五六七八九十0-9]")  # （一） → 一, 1. → 1

# Heading styles, from the outermost usual use to the innermost.
DOC = "doc"  # an untitled document inside an annex (…绩效自评报告)
CN = "cn"  # 一、
PAREN_CN = "paren_cn"  # （一）
NUM = "num"  # 1. 1、 1．
NUM_PAREN = "num_paren"  # 1） (1) （1）

_PART = pattern_cache.compile(
    r"^第\s*([一二三四五六七八九十0-9０-９]{1,3})\s*部分\s*[：:．.、]?\s*(.*)$"
)
_PAREN_CN_STYLE = (
    PAREN_CN,
    pattern_cache.compile(r"^([（(]\s*[一二三四五六七八九十]{1,3}\s*[)）])\s*[、．.]?\s*(\S.*)$"),
)
_NUM_PAREN_STYLE = (NUM_PAREN, pattern_cache.compile(r"^([（(]?\s*\d{1,2}\s*[)）])\s*(\S.*)$"))
_CN_STYLE = (CN, pattern_cache.compile(r"^([一二三四五六七八九十]{1,3}\s*[、，,．.])\s*(\S.*)$"))
_NUM_STYLE = (NUM, pattern_cache.compile(r"^(\d{1,2}\s*(?:[、．]|\.(?!\s*\d)))\s*(\S.*)$"))
# Numbered styles are tried in the order PAREN_CN, NUM_PAREN, CN, NUM; only those that can match
# a line's first character are: a bracket, a Chinese numeral, or a digit or a blank (``\d`` and
# ``\s`` are ``isdecimal`` and ``isspace``: ``_DIGIT_STYLES``).
_BRACKET_STYLES = (_PAREN_CN_STYLE, _NUM_PAREN_STYLE)
_DIGIT_STYLES = (_NUM_PAREN_STYLE, _NUM_STYLE)
_STYLES_BY_FIRST = {
    "（": _BRACKET_STYLES,
    "(": _BRACKET_STYLES,
    **dict.fromkeys("一二三四五六七八九十", (_CN_STYLE,)),
}
# Standard 情况说明 / 概况 headings that are sometimes printed without an ordinal.
_KNOWN_TITLE = pattern_cache.compile(
    r"^(?:关于)?(?:\d{4}年度?)?(?:部门|单位)?(?:"
    r"收入支出决算总体情况(?:说明)?|收入决算情况(?:说明)?|支出决算情况(?:说明)?"
    r"|财政拨款收入支出决算总体情况(?:说明)?"
    r"|(?:一般公共预算)?财政拨款(?:基本)?支出决算(?:总体|结构|具体)?情况(?:说明)?"
    r"|财政拨款[“\"]?三公[”\"]?经费支出决算情况(?:说明)?"
    r"|(?:政府性基金|国有资本经营)预算(?:财政拨款)?(?:收入)?支出决算情况(?:说明)?"
    r"|其他重要事项的?情况说明|机关运行经费支出(?:情况)?说明|政府采购支出(?:情况)?说明"
    r"|国有资产占(?:用|有使用)情况(?:说明)?|(?:主要|部门|单位)?职(?:能职)?责|机构设置"
    r"|(?:部门)?决算单位构成"
    r")[。.]?$"
)
# The last character of every ``_KNOWN_TITLE`` match before its optional full stop.
_KNOWN_TITLE_ENDS = frozenset("况明责置成")
_DOC_TITLE = pattern_cache.compile(
    r"^[^，。；：:]{0,40}绩效[^，。；：:]{0,30}(?:报告|自评表|评价表)"
)
_SENTENCE_END = pattern_cache.compile(r"[。！？；]")
_LONG_TITLE = 50
_CLAUSE = pattern_cache.compile(r"[，、,]")


class PartHeading(NamedTuple):
    """A ``第N部分`` heading; ``title`` may be empty when the title sits on the next line."""

    number: str
    title: str
    start: int  # cleaned index where the heading starts
    end: int


class Heading(NamedTuple):
    """A section heading: style, printed ordinal (or None), ordinal value, title and extent."""

    style: str
    number: str | None
    value: int | None
    title: str
    end: int  # cleaned index where the heading ends

    @property
    def is_long(self) -> bool:
        """A numbered paragraph rather than a heading.

        Long, or with sentences after the title, or a full sentence with clauses
        (``贯彻执行…，…。``) rather than a title (``机关运行经费支出情况说明。``).
        """
        body = self.title.rstrip("。.；; ")
        if len(self.title) > _LONG_TITLE or _SENTENCE_END.search(body):
            return True
        return self.title.endswith("。") and bool(_CLAUSE.search(body))


def match_part(clean: CleanLine) -> PartHeading | None:
    """A part heading on this line, if any."""
    if clean.text[:1] != "第":
        return None
    m = _PART.match(clean.text)
    if not m:
        return None
    return PartHeading(m.group(1), m.group(2).strip(), 0, len(clean.text))


def match_heading(clean: CleanLine, *, in_annex: bool = False) -> Heading | None:
    """A numbered or known section heading on this line, if any (never a table row)."""
    text = clean.text
    if not text or "\t" in text:
        return None
    first = text[0]
    styles = _STYLES_BY_FIRST.get(first)
    if styles is None:
        styles = _DIGIT_STYLES if first.isdecimal() or first.isspace() else ()
    for style, pattern in styles:
        m = pattern.match(text)
        if m:
            marker, value = _ordinal(m.group(1))
            return Heading(style, marker, value, m.group(2).strip(), len(text))
    if len(text) > 80:
        return None
    known = text.rstrip().rstrip("。.").rstrip()[-1:] in _KNOWN_TITLE_ENDS
    if not known and not (in_annex and "绩" in text):
        return None
    compact = _WHITESPACE.sub("", text)
    if known and _KNOWN_TITLE.match(compact):
        return Heading(CN, None, None, text, len(text))
    if in_annex and len(compact) <= 60 and _DOC_TITLE.match(compact):
        return Heading(DOC, None, None, text, len(text))
    return None


@lru_cache(maxsize=1024)
def _ordinal(printed: str) -> tuple[str, int | None]:
    """A heading's printed ordinal without blanks, and its value (few and repeated: cached)."""
    marker = _WHITESPACE.sub("", printed)
    return marker, ordinal_value(_NON_ORDINAL_CHARS.sub("", marker))
