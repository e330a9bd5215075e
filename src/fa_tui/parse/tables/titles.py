"""Recognise table titles (the template's standard tables by their titles) and table meta lines."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model.tables import TableRole
from fa_tui.schema import TemplateSet

_IGNORED = pattern_cache.compile(r"[\s“”\"‘’'「」『』]")
# A table's number before its title, as templates print it: ``表一：``, ``表1``, ``附表1``,
# ``附表1-2``, ``一、``, ``（一）``, ``1.``, ``部门决算表（一）``, ``财决01表``, ``公开01表``.
_NUMBER = r"[0-9０-９一二三四五六七八九十]{1,3}"
_PREFIX = pattern_cache.compile(
    rf"^(?:附表\s*(?:{_NUMBER}(?:\s*[-－—]\s*[0-9]{{1,2}})?)?|表\s*{_NUMBER}(?:\s*[-－—]\s*[0-9]{{1,2}})?"
    rf"|(?:部门|单位)?决算表\s*[（(]\s*{_NUMBER}\s*[)）]"
    r"|(?:公开|财决)\s*[0-9０-９]{1,2}\s*表"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]"
    r"|[0-9]{1,2}\s*[、.．](?!\d))\s*[:：]?\s*"
)
_SUFFIX = pattern_cache.compile(
    r"(?:[（(][^（）()]{0,20}[)）]|(?:公开|财决)\s*[0-9０-９]{1,2}\s*表)+$"
)
# Words that may not precede an alias: they belong to a longer, different table title.
_FORBIDDEN_BEFORE = (
    "财政拨款",
    "预算",
    "项目",
    "基本",
    "资本",
    "基金",
    "收入",
    "支出",
    "明细",
    "见",
)
_SENTENCE = pattern_cache.compile(r"[，。；！？,;]")
_MAX_TITLE = 60

LABEL = pattern_cache.compile(r"公开\s*([0-9０-９]{1,2})\s*表")
UNIT = pattern_cache.compile(r"(?:金额)?单位\s*[:：]\s*(万元|千元|亿元|元)?")
UNIT_ALONE = pattern_cache.compile(r"^(万元|千元|亿元|元)$")
DEPARTMENT = pattern_cache.compile(
    r"(?:部门|单位名称|部门名称)\s*[:：]\s*([^\t]*?)\s*(?=(?:金额)?单位\s*[:：]|公开\s*\d|$)"
)
NOTE_START = pattern_cache.compile(r"^(?:注|说明|备注)\s*\d?\s*[:：]")


# Rarely needed (a page number line, tables said to be in an attachment): compiled on first use.
@cache
def attachment_pattern() -> re.Pattern[str]:
    """A line saying the tables are in an attachment (``单位决算公开报表…见附件1``)."""
    return pattern_cache.compile(
        r"(?:决算|公开)[^，。；]{0,20}(?:报表|表)[^，。；]{0,20}见附件|报表[^，。；]{0,10}见附件"
    )


@cache
def page_mark_pattern() -> re.Pattern[str]:
    """A page number line (``— 3 —``)."""
    return pattern_cache.compile(r"^[—\-－]+\s*\d+\s*[—\-－]+$")


class TitleMatch(NamedTuple):
    """A title line: the role (``OTHER`` for a non-standard table), the title text and its extent.

    ``start``/``end`` index the title in the text given.
    """

    role: str
    title: str
    start: int
    end: int


def normalise_title(text: str) -> str:
    """``text`` without blanks and quotes (for comparing titles)."""
    return _IGNORED.sub("", text)


def _strip_affixes(text: str) -> tuple[str, int, int]:
    """The title part of ``text`` without list prefixes and label/year suffixes, and its extent."""
    start, end = 0, len(text)
    prefix = _PREFIX.match(text)
    if prefix:
        start = prefix.end()
    suffix = _SUFFIX.search(text, start)
    if suffix and suffix.start() > start:
        end = suffix.start()
    while end > start and text[end - 1] in " \t\u3000":
        end -= 1
    return text[start:end], start, end


def match_title(text: str, template: TemplateSet) -> TitleMatch | None:
    """The table title on a line (noise already removed), or ``None``.

    A standard title (one of ``template``'s) is matched by its titles at the end of the line,
    after an optional list prefix (``表一：``, ``一、``) and an optional department/year prefix.
    """
    if not text or len(text) > _MAX_TITLE or "表" not in text or text.startswith(("-", "•", "·")):
        return None
    if LABEL.fullmatch(text.strip()) or NOTE_START.match(text):
        return None
    core, start, end = _strip_affixes(text)
    if not core or _SENTENCE.search(core):
        return None
    plain = normalise_title(core)
    for alias, spec in template.by_title_length:
        if plain.endswith(alias):
            before = plain[: -len(alias)]
            if len(before) > 30 or any(w in before for w in _FORBIDDEN_BEFORE):
                continue
            return TitleMatch(spec.id, core, start, end)
    if plain.endswith("表") and len(plain) >= 4 and "见" not in plain:
        return TitleMatch(TableRole.OTHER, core, start, end)
    return None


def label_text(number: str) -> str:
    """The canonical ``公开NN表`` for a printed label number (full-width digits allowed)."""
    digits = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return f"公开{int(digits):02d}表"
