"""Recognise heading lines: part headings (第N部分) and numbered or known section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fa_tui.parse.noise import CleanLine
from fa_tui.parse.ordinals import ordinal_value

_WHITESPACE = re.compile(r"\s+")
_NON_ORDINAL_CHARS = re.compile(r"[^一二三四五六七八九十0-9]")  # （一） → 一, 1. → 1

# Heading styles, from the outermost usual use to the innermost.
DOC = "doc"  # an untitled document inside an annex (…绩效自评报告)
CN = "cn"  # 一、
PAREN_CN = "paren_cn"  # （一）
NUM = "num"  # 1. 1、 1．
NUM_PAREN = "num_paren"  # 1） (1) （1）

_PART = re.compile(r"^第\s*([一二三四五六七八九十0-9０-９]{1,3})\s*部分\s*[：:．.、]?\s*(.*)$")
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PAREN_CN, re.compile(r"^([（(]\s*[一二三四五六七八九十]{1,3}\s*[)）])\s*[、．.]?\s*(\S.*)$")),
    (NUM_PAREN, re.compile(r"^([（(]?\s*\d{1,2}\s*[)）])\s*(\S.*)$")),
    (CN, re.compile(r"^([一二三四五六七八九十]{1,3}\s*[、，,．.])\s*(\S.*)$")),
    (NUM, re.compile(r"^(\d{1,2}\s*(?:[、．]|\.(?!\s*\d)))\s*(\S.*)$")),
)
# Standard 情况说明 / 概况 headings that are sometimes printed without an ordinal.
_KNOWN_TITLE = re.compile(
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
_DOC_TITLE = re.compile(r"^[^，。；：:]{0,40}绩效[^，。；：:]{0,30}(?:报告|自评表|评价表)")
_SENTENCE_END = re.compile(r"[。！？；]")
_LONG_TITLE = 50
_CLAUSE = re.compile(r"[，、,]")


@dataclass(frozen=True)
class PartHeading:
    """A ``第N部分`` heading; ``title`` may be empty when the title sits on the next line."""

    number: str
    title: str
    start: int  # cleaned index where the heading starts
    end: int


@dataclass(frozen=True)
class Heading:
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
    m = _PART.match(clean.text)
    if not m:
        return None
    return PartHeading(m.group(1), m.group(2).strip(), 0, len(clean.text))


def match_heading(clean: CleanLine, *, in_annex: bool = False) -> Heading | None:
    """A numbered or known section heading on this line, if any (never a table row)."""
    text = clean.text
    if not text or "\t" in text:
        return None
    for style, pattern in _STYLES:
        m = pattern.match(text)
        if m:
            marker = _WHITESPACE.sub("", m.group(1))
            digits = _NON_ORDINAL_CHARS.sub("", marker)
            return Heading(style, marker, ordinal_value(digits), m.group(2).strip(), len(text))
    if len(text) > 80:
        return None
    compact = _WHITESPACE.sub("", text)
    if _KNOWN_TITLE.match(compact):
        return Heading(CN, None, None, text, len(text))
    if in_annex and len(compact) <= 60 and _DOC_TITLE.match(compact):
        return Heading(DOC, None, None, text, len(text))
    return None
