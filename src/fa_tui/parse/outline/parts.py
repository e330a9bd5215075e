"""Outline: find the five canonical parts (by title, not by number) and their sections.

Handles a table of contents before the body, part number and title on separate or repeated
lines, a part title wrapped over two lines, a tables part printed without its ``第N部分``
heading, ``第3部分``, bookmark noise, headings without ordinals, numbering that restarts inside
绩效/附件, 名词解释 entries and table rows (never sections), numbered paragraphs that are list
items rather than headings, and 绩效 living inside 情况说明 or in an annex.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from msgspec import Struct, field

from fa_tui import pattern_cache
from fa_tui.model import PART_ORDER, Part, PartName, Report, Section, SourceText, Span
from fa_tui.parse.noise import CleanLine
from fa_tui.parse.outline.headings import DOC, Heading, match_heading, match_part
from fa_tui.parse.outline.identity import find_department, find_unit, find_year
from fa_tui.parse.outline.kind import find_kind
from fa_tui.parse.outline.ordinals import ordinal_value
from fa_tui.parse.outline.table_lines import TableRows, standard, table_titles
from fa_tui.parse.outline.toc import cleaned_lines

_WHITESPACE = pattern_cache.compile(r"\s+")

ANNEX = "附件"
OTHER = "其他"
_WITH_SECTIONS = (PartName.OVERVIEW, PartName.EXPLANATION, PartName.PERFORMANCE, ANNEX, OTHER)
_UNNUMBERED_PART = pattern_cache.compile(
    r"^(?:\d{4}年度?)?(?:部门|单位)?(?:决算情况说明|名词解释|决算(?:报)?表)$"
)
# A tables part headed by the department's name, not 第N部分 (``上海市XX局 2024年度部门决算表``).
_NAMED_TABLES_PART = pattern_cache.compile(
    r"^[^\d，。；：:、,;]{2,30}?(?:\d{4}年度?)?(?:部门|单位)决算(?:报)?表$"
)
# The ends of the parts' usual titles: a title wrapped over two lines is completed by its
# second line (``…部门决算情况`` / ``说明``).
_PART_TITLES = ("概况", "部门决算表", "部门决算报表", "部门决算情况说明", "名词解释", "附表")
_TITLE_LINE_MAX = 30
# Lines a part title's second line may lie below its first: a text layer laid out by blanks
# (``pdftotext -layout``) keeps the blank lines of a title page.
_TITLE_GAP = 4
# The year of a title set in another font, which a text layer prints on a line of its own
# (``第三部分…年度部门决算情况`` / ``2024`` / ``说明``).
_BARE_YEAR = pattern_cache.compile(r"\s*20\d{2}\s*")
_MAX_DEPTH = 8
_RUN_IN_MAX = 30  # a run-in heading ends with 。 within this many characters
_PERFORMANCE_WORD = "绩效"


class _Mark(Struct):
    """A part heading found in the body."""

    index: int  # 0-based line of the heading
    kind: str  # a PartName value, ANNEX or OTHER
    text: str
    number: str | None
    end: int = 0  # 0-based last line of the part (set later)
    title_end: int | None = None  # 0-based line a wrapped title ends on


class _Node(Struct):
    heading: Heading
    index: int
    children: list[_Node] = field(default_factory=list)


def parse_outline(source: SourceText) -> Report:
    """The outline of ``source`` as a ``Report`` (tables are added by a later stage)."""
    cleans, toc = cleaned_lines(source.lines)
    marks = _find_part_marks(cleans, toc)
    _set_ends(marks, len(cleans))
    if all(m.kind != PartName.TABLES for m in marks):
        titles = table_titles(cleans, toc)
        marks = _with_tables_run(cleans, marks, standard(titles))
        _set_ends(marks, len(cleans))
    else:  # a tables part has no sections: the titles inside it do not matter here
        titles = table_titles(cleans, toc, _outside(marks, PartName.TABLES, len(cleans)))
    rows = TableRows(cleans, titles)

    parts: dict[str, Part] = {}
    annex_sections: list[tuple[str, Section]] = []
    for mark in marks:
        sections: list[Section] = []
        if mark.kind in _WITH_SECTIONS:
            first = (mark.title_end or mark.index) + 1
            sections = _sections(cleans, first, mark.end, toc, rows, mark.kind == ANNEX)
        if mark.kind in (ANNEX, OTHER):
            annex_sections.extend((mark.kind, s) for s in sections)
            continue
        if mark.kind in parts:
            continue
        parts[mark.kind] = Part(
            name=PartName(mark.kind),
            present=True,
            heading_text=mark.text,
            span=Span(
                line=mark.index + 1,
                column=1,
                end_line=mark.end + 1,
                end_column=len(source.line(mark.end + 1)) + 1,
            ),
            heading=_heading_span(cleans, mark),
            sections=sections,
        )
    if PartName.PERFORMANCE not in parts:
        parts[PartName.PERFORMANCE] = _performance(parts.get(PartName.EXPLANATION), annex_sections)

    body_start = min([m.index for m in marks] + sorted(toc)[:1] or [len(cleans)])
    overview = parts.get(PartName.OVERVIEW)
    heading_lines = [m.index for m in marks]
    dept = find_department(
        cleans, body_start, overview.span.line - 1 if overview and overview.span else None
    )
    year = find_year(cleans, body_start, heading_lines)
    kind = find_kind(cleans, body_start)
    return Report(
        path=source.path,
        encoding=source.encoding,
        kind=kind.kind,
        kind_span=kind.span,
        department=dept.value if dept else None,
        department_span=dept.span if dept else None,
        year=int(year.value) if year else None,
        year_span=year.span if year else None,
        unit=find_unit(cleans),
        parts=[parts.get(name) or Part(name=name, present=False) for name in PART_ORDER],
        source=source,
    )


def _outside(marks: list[_Mark], kind: str, count: int) -> Iterator[int]:
    """The lines of no part of ``kind``."""
    start = 0
    for mark in marks:
        if mark.kind == kind:
            yield from range(start, mark.index)
            start = mark.end + 1
    yield from range(start, count)


def _set_ends(marks: list[_Mark], count: int) -> None:
    """Each part ends on the line before the next part heading, the last on the last line."""
    for k, mark in enumerate(marks):
        mark.end = (marks[k + 1].index - 1) if k + 1 < len(marks) else count - 1


def _classify(title: str) -> str:
    t = _WHITESPACE.sub("", title)
    if "名词解释" in t:
        return PartName.GLOSSARY
    if "情况说明" in t or ("决算" in t and "说明" in t):
        return PartName.EXPLANATION
    if "附表" in t or "决算表" in t or "报表" in t:
        return PartName.TABLES
    if "概况" in t:
        return PartName.OVERVIEW
    if _PERFORMANCE_WORD in t:
        return PartName.PERFORMANCE
    if "附件" in t:
        return ANNEX
    return OTHER


def _find_part_marks(cleans: list[CleanLine], toc: set[int]) -> list[_Mark]:
    marks: list[_Mark] = []
    consumed: set[int] = set()
    for i, clean in enumerate(cleans):
        if i in toc or i in consumed:
            continue
        part = match_part(clean)
        if part is not None:
            title, text = part.title, clean.text
            if not title:
                j = _next_title_line(cleans, i)
                if j is not None:
                    title = cleans[j].text
                    text = f"{clean.text} {title}"
                    consumed.add(j)
            kind = _classify(title) if title else OTHER
            wrapped = _continuation(cleans, i, title) if kind == OTHER and title else None
            if wrapped is not None:
                title += cleans[wrapped].text
                text += cleans[wrapped].text
                kind = _classify(title)
                consumed.add(wrapped)
            previous = marks[-1] if marks else None
            if previous and previous.kind == kind and _same_heading(previous, part.number, i):
                continue
            marks.append(_Mark(i, kind, text, part.number, title_end=wrapped))
            continue
        if "决" not in clean.text and "名" not in clean.text:  # cheap pre-check
            continue
        compact = _WHITESPACE.sub("", clean.text)
        if _UNNUMBERED_PART.match(compact) or _NAMED_TABLES_PART.match(compact):
            kind = _classify(compact)
            if all(m.kind != kind for m in marks):
                marks.append(_Mark(i, kind, clean.text, None))
    return marks


def _continuation(cleans: list[CleanLine], index: int, title: str) -> int | None:
    """The line that completes a part title wrapped after ``title``, if the next line does.

    The title alone ends with the beginning of a usual part title (or right before it), and
    the next line is exactly the rest of it (``…决算情况`` / ``说明``, ``…部门`` / ``决算表``);
    blank lines and a year on a line of its own may lie between.
    """
    j = next(
        (
            k
            for k in range(index + 1, min(index + 1 + _TITLE_GAP, len(cleans)))
            if cleans[k].text and not _BARE_YEAR.fullmatch(cleans[k].text)
        ),
        None,
    )
    if j is None:
        return None
    head, rest = _WHITESPACE.sub("", title), _WHITESPACE.sub("", cleans[j].text)
    for known in _PART_TITLES:
        cut = len(known) - len(rest)
        if cut >= 0 and known.endswith(rest) and rest and head.endswith(known[:cut]):
            return j
    return None


def _with_tables_run(cleans: list[CleanLine], marks: list[_Mark], titles: list[int]) -> list[_Mark]:
    """``marks`` with a tables part where a run of standard table titles starts without one.

    A run is two or more standard titles between the same two part headings; the part starts
    at the first of them.
    """
    bounds = [m.index for m in marks]
    for k, line in enumerate(titles[:-1]):
        place = bisect_right(bounds, line)
        if place == bisect_right(bounds, titles[k + 1]):
            run = _Mark(line, PartName.TABLES, cleans[line].text, None)
            return [*marks[:place], run, *marks[place:]]
    return marks


def _same_heading(previous: _Mark, number: str, index: int) -> bool:
    """A part heading repeated right after itself (第二部分 / 部门决算表 / 第二部分 部门决算表)."""
    same_number = ordinal_value(number) == ordinal_value(previous.number or "")
    return same_number and index - previous.index <= 8


def _next_title_line(cleans: list[CleanLine], index: int) -> int | None:
    for j in range(index + 1, min(index + 1 + _TITLE_GAP, len(cleans))):
        text = cleans[j].text
        if not text:
            continue
        if (
            len(text) <= _TITLE_LINE_MAX
            and not _sentence_or_cell_break().search(text)
            and match_part(cleans[j]) is None
            and match_heading(cleans[j]) is None
        ):
            return j
        return None
    return None


@cache
def _sentence_or_cell_break() -> re.Pattern[str]:
    """What a part title continued on the next line lacks: sentence punctuation, table cells.

    Compiled on first use: part numbers are usually printed with their titles.
    """
    return pattern_cache.compile(r"[，。；：:\t]")


def _heading_span(cleans: list[CleanLine], mark: _Mark) -> Span:
    """The heading's characters: its line, and the line its wrapped title ends on."""
    first = cleans[mark.index]
    if mark.title_end is None:
        return _clean_span(first, mark.index)
    last = cleans[mark.title_end]
    return Span(
        line=mark.index + 1,
        column=first.column(0),
        end_line=mark.title_end + 1,
        end_column=last.columns(0, len(last.text))[1],
    )


def _clean_span(clean: CleanLine, index: int, start: int = 0, end: int | None = None) -> Span:
    column, end_column = clean.columns(start, len(clean.text) if end is None else end)
    return Span.at(index + 1, column, end_column)


def _sections(
    cleans: list[CleanLine],
    first: int,
    last: int,
    toc: set[int],
    rows: TableRows,
    in_annex: bool,
) -> list[Section]:
    roots: list[_Node] = []
    stack: list[_Node] = []
    for i in range(first, last + 1):
        if i in toc:
            continue
        heading = match_heading(cleans[i], in_annex=in_annex)
        if heading is None or i in rows:
            continue
        node = _Node(heading, i)
        same = next(
            (k for k in range(len(stack) - 1, -1, -1) if stack[k].heading.style == heading.style),
            None,
        )
        nested = same is not None and _restarts(stack[same].heading, heading)
        if same is not None and (not nested or len(stack) >= _MAX_DEPTH):
            del stack[same:]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    roots = _prune_list_items(roots)
    flat: list[tuple[int, _Node]] = []
    _flatten(roots, 1, flat)
    ends = _section_ends(flat, last)
    return [_to_section(cleans, node, 1, ends) for node in roots]


def _section_ends(flat: list[tuple[int, _Node]], last: int) -> dict[int, int]:
    """For each node (by id), the line before the next node of the same or a higher level."""
    ends: dict[int, int] = {}
    open_nodes: list[tuple[int, _Node]] = []
    for level, node in flat:
        while open_nodes and open_nodes[-1][0] >= level:
            ends[id(open_nodes.pop()[1])] = node.index - 1
        open_nodes.append((level, node))
    for _, node in open_nodes:
        ends[id(node)] = last
    return ends


def _restarts(previous: Heading, current: Heading) -> bool:
    """Numbering that starts again at 1 below an open heading of the same style."""
    return (
        current.style != DOC
        and current.value == 1
        and previous.value is not None
        and previous.value > 1
    )


def _prune_list_items(nodes: list[_Node]) -> list[_Node]:
    """Drop runs of numbered paragraphs (mostly long, sentence-bearing items): not headings."""
    by_style: dict[str, list[_Node]] = {}
    for node in nodes:
        by_style.setdefault(node.heading.style, []).append(node)
    drop = {
        id(n)
        for group in by_style.values()
        if sum(n.heading.is_long for n in group) * 2 > len(group)
        for n in group
    }
    kept = [n for n in nodes if id(n) not in drop]
    for node in kept:
        node.children = _prune_list_items(node.children)
    return kept


def _flatten(nodes: list[_Node], level: int, out: list[tuple[int, _Node]]) -> None:
    for node in nodes:
        out.append((level, node))
        _flatten(node.children, level + 1, out)


def _to_section(cleans: list[CleanLine], node: _Node, level: int, ends: dict[int, int]) -> Section:
    end = ends[id(node)]
    while end > node.index and not cleans[end].original.strip():
        end -= 1
    clean = cleans[node.index]
    title = _run_in_title(node.heading.title)
    return Section(
        level=level,
        number=node.heading.number,
        title=title,
        span=Span(
            line=node.index + 1,
            column=1,
            end_line=end + 1,
            end_column=len(cleans[end].original) + 1,
        ),
        heading=_clean_span(clean, node.index, 0, clean.text.find(title) + len(title)),
        children=[_to_section(cleans, c, level + 1, ends) for c in node.children],
    )


def _run_in_title(title: str) -> str:
    """The heading of a run-in paragraph (``总体情况。经对照…``): up to its first 。."""
    end = title.find("。")
    if 0 < end < _RUN_IN_MAX and title[end + 1 :].strip():
        return title[: end + 1]
    return title


def _performance(explanation: Part | None, annex: list[tuple[str, Section]]) -> Part:
    """绩效 as a pointer to the outermost 绩效 sections of 情况说明 and of the annexes."""
    found: list[tuple[str, Section]] = []

    def collect(where: str, sections: list[Section]) -> None:
        for section in sections:
            if _PERFORMANCE_WORD in section.title[:40]:
                found.append((where, section))
            else:
                collect(where, section.children)

    if explanation is not None:
        collect(PartName.EXPLANATION.value, explanation.sections)
    for where, section in annex:
        collect(where, [section])
    if not found:
        return Part(name=PartName.PERFORMANCE, present=False)
    first = found[0][1]
    places = list(dict.fromkeys(where for where, _ in found))
    return Part(
        name=PartName.PERFORMANCE,
        present=True,
        heading_text=first.title,
        span=first.span,
        heading=first.heading,
        sections=[s for _, s in found],
        located_in="、".join(places),
    )
