"""Where the tables are printed: their title lines, and the rows that must never be headings.

A table row often reads like a numbered heading (``十、节能环保支出`` with its figures on the
same line or the next). The outline reads no table, but it must know which lines belong to one:
the lines printed as cells (two or more tabs), and inside a table block (from a title line to
the first line of running text or a part heading) every line with a cell break, with figures at
its end, or with a line of figures under it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model import TableRole
from fa_tui.parse.noise import CleanLine
from fa_tui.parse.outline.headings import match_part
from fa_tui.schema import TemplateSet, template_named

_PROSE_MIN = 24  # running text: at least this long, with sentence punctuation and no cells
_FIGURE = r"[-—－]?\d[\d,，]*(?:\.\d+)?%?"
_FIGURES_ONLY = pattern_cache.compile(rf"^{_FIGURE}(?:\s+{_FIGURE})*$")
_FIGURES_AT_END = pattern_cache.compile(rf"\S(?:\s{{2,}}|\t)(?:{_FIGURE}\s*)+$")


class TableTitle(NamedTuple):
    """A table title line: its 0-based line index and role (a table id or ``TableRole.OTHER``)."""

    line: int
    role: str


def table_titles(
    cleans: list[CleanLine],
    toc: set[int],
    lines: Iterable[int] | None = None,
    template: TemplateSet | None = None,
) -> list[TableTitle]:
    """The title lines of tables (standard and other) among ``lines`` (all), outside the 目录."""
    # The tables stage imports the outline's heading and TOC readers: import its title matcher
    # only when called, so that neither package needs the other to be loaded first.
    from fa_tui.parse.tables.titles import match_title

    template = template or template_named(None)
    found: list[TableTitle] = []
    for i in range(len(cleans)) if lines is None else lines:
        text = cleans[i].text
        if "表" not in text or i in toc:  # every title ends with 表: the cheap test first
            continue
        if "\t" in text:
            fields = [f for f in text.split("\t") if f.strip()]
            if len(fields) != 1:
                continue
            text = fields[0].strip()
        title = match_title(text, template)
        if title is not None:
            found.append(TableTitle(i, title.role))
    return found


def standard(titles: list[TableTitle]) -> list[int]:
    """The lines of the standard tables' titles."""
    return [t.line for t in titles if t.role != TableRole.OTHER]


class TableRows:
    """Which lines are table rows; asked only of the lines that read like headings.

    A row is printed as cells (two or more tabs), or lies in a table block (from a title line to
    the next title, running text or part heading) with a cell break, figures at its end or a
    line of figures under it.
    """

    def __init__(self, cleans: list[CleanLine], titles: list[TableTitle]) -> None:
        self._cleans = cleans
        self._blocks: list[tuple[int, int]] = []  # 0-based first and last line of each block
        starts = {t.line for t in titles}
        for title in titles:
            last = title.line
            for i in range(title.line + 1, len(cleans)):
                if i in starts or _ends_block(cleans[i]):
                    break
                last = i
            if last > title.line:
                self._blocks.append((title.line + 1, last))
        self._firsts = [first for first, _ in self._blocks]

    def __contains__(self, index: int) -> bool:
        if self._cleans[index].original.count("\t") >= 2:
            return True
        k = bisect_right(self._firsts, index) - 1
        return k >= 0 and index <= self._blocks[k][1] and _is_row(self._cleans, index)


def _ends_block(clean: CleanLine) -> bool:
    """Running text or a part heading: the table block is over."""
    text = clean.text
    if "\t" in clean.original:
        return False
    if len(text) >= _PROSE_MIN and ("。" in text or "，" in text) and "  " not in text:
        return True
    return match_part(clean) is not None


def _is_row(cleans: list[CleanLine], i: int) -> bool:
    """A line of a table block with a cell break, figures at its end or figures under it."""
    clean = cleans[i]
    if "\t" in clean.original or _FIGURES_AT_END.search(clean.text):
        return True
    below = next((c.text for c in cleans[i + 1 : i + 3] if c.text), "")
    return bool(_FIGURES_ONLY.match(below))
