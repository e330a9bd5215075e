"""Find table blocks: title line, label, unit, department, table lines and the closing notes.

A block starts at a title line (not in the table of contents) and runs to the next title, the
next part heading or the end of the text. Inside it, meta lines (``公开 01 表``, ``单位：万元``
or ``金额单位：`` with ``万元`` on a later line, ``部门：…``) come first, then the table lines, then
``注：``/``说明：`` notes. Blank lines, page marks and the lines of figures the PDF reader could
place in no cell (``SourceText.unplaced``: reported, never read as a row) are skipped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from msgspec import Struct, field

from fa_tui.model.span import Span
from fa_tui.model.tables import TableRole
from fa_tui.parse.noise import CleanLine
from fa_tui.parse.outline.headings import match_part
from fa_tui.parse.outline.toc import cleaned_lines
from fa_tui.parse.tables.titles import (
    DEPARTMENT,
    LABEL,
    NOTE_START,
    UNIT,
    UNIT_ALONE,
    TitleMatch,
    label_text,
    match_title,
    page_mark_pattern,
)
from fa_tui.parse.tables.unruled import is_unruled
from fa_tui.schema import TemplateSet

_PROSE_MIN = 24
# The first characters a page mark and ``NOTE_START`` accept: cheap tests before the regexes.
_PAGE_MARK_FIRST = frozenset("—-－")
_NOTE_FIRST = frozenset("注说备")
_NOTE_CONTINUATION_MAX = 6
# Lines a running header and footer may put between a table and its continuation.
_GAP_LINES_MAX = 3


class Block(Struct):
    """A table block as found in the text (not yet read into rows)."""

    role: str  # a table id of the template, or ``TableRole.OTHER``
    title: str
    title_span: Span
    label: str | None = None
    label_span: Span | None = None
    unit: str | None = None
    unit_span: Span | None = None
    department: str | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)
    note_lines: list[int] = field(default_factory=list)
    end_line: int = 0
    # The line before which the next title or part heading starts: the block's lines and
    # notes are among the lines up to it.
    limit: int = 0
    unruled: bool = False  # cells separated by single blanks, empty ones left out (is_unruled)

    @property
    def has_meta(self) -> bool:
        """Whether a label or unit was printed with the title."""
        return self.label is not None or self.unit is not None


class _Title(NamedTuple):
    line: int  # 1-based
    match: TitleMatch
    clean: CleanLine


def _title_on(clean: CleanLine, template: TemplateSet) -> TitleMatch | None:
    """A title on a cleaned line; a tab line counts only when its other fields are empty."""
    text = clean.text
    if "表" not in text:  # every title ends with 表: the cheap test first
        return None
    if "\t" in text:
        fields = [f for f in text.split("\t") if f.strip()]
        if len(fields) != 1:
            return None
        offset = text.index(fields[0])
        found = match_title(fields[0].strip(), template)
        if found is None:
            return None
        lead = len(fields[0]) - len(fields[0].lstrip())
        return TitleMatch(
            found.role, found.title, found.start + offset + lead, found.end + offset + lead
        )
    return match_title(text, template)


def choose_template(lines: Sequence[str], templates: Sequence[TemplateSet]) -> TemplateSet:
    """The set whose tables the text prints the most titles of, outside the table of contents
    (the first of ``templates`` wins a tie: list the national set first)."""
    if len(templates) == 1:
        return templates[0]
    cleaned, toc = cleaned_lines(lines)
    candidates = [clean for i, clean in enumerate(cleaned) if "表" in clean.text and i not in toc]
    best, most = templates[0], -1
    for template in templates:
        found = {m.role for c in candidates if (m := _title_on(c, template)) is not None}
        count = len(found - {TableRole.OTHER})
        if count > most:
            best, most = template, count
    return best


def find_titles(
    lines: Sequence[str], template: TemplateSet
) -> tuple[list[_Title], set[int], list[CleanLine]]:
    """Title lines (standard and other) outside the table of contents, and part heading lines."""
    cleaned, toc = cleaned_lines(lines)
    titles: list[_Title] = []
    parts: set[int] = set()
    for i, clean in enumerate(cleaned):
        text = clean.text
        # Cheap tests first: a part heading starts with 第, every title holds 表.
        if (text[:1] != "第" and "表" not in text) or i in toc:
            continue
        if match_part(clean) is not None:
            parts.add(i + 1)
            continue
        found = _title_on(clean, template)
        if found is not None:
            titles.append(_Title(i + 1, found, clean))
    return titles, parts, cleaned


def find_blocks(
    lines: Sequence[str], template: TemplateSet, skip: frozenset[int] = frozenset()
) -> list[Block]:
    """Every table block of the text, in order; the lines numbered in ``skip`` are no rows."""
    titles, parts, cleaned = find_titles(lines, template)
    stops = sorted({t.line for t in titles} | parts | {len(lines) + 1})
    blocks: list[Block] = []
    for title in titles:
        end = stops[bisect_right(stops, title.line)]
        block = _read_block(title, end, lines, cleaned, skip)
        if blocks and _continues(blocks[-1], block, cleaned):
            _append(blocks[-1], block)
        else:
            blocks.append(block)
    return blocks


def _continues(previous: Block, block: Block, cleaned: list[CleanLine]) -> bool:
    """Whether ``block`` is ``previous`` continued on the next page: the same standard table,
    its title printed again (often with ``（续）``), and between them nothing but blank lines,
    page marks and a few short lines (a running header or footer)."""
    if block.role != previous.role or block.role == TableRole.OTHER or previous.note_lines:
        return False
    between = [cleaned[n - 1].text for n in range(previous.end_line + 1, block.title_span.line)]
    short = [t for t in between if t and not page_mark_pattern().match(t)]
    return len(short) <= _GAP_LINES_MAX and not any(len(t) > _PROSE_MIN or "。" in t for t in short)


def _append(block: Block, continued: Block) -> None:
    """Add the rows and notes of ``continued`` (the same table on the next page) to ``block``."""
    block.lines.extend(continued.lines)
    block.note_lines.extend(continued.note_lines)
    block.end_line = max(block.end_line, continued.end_line)
    block.limit = max(block.limit, continued.limit)
    block.unruled = block.unruled or continued.unruled


def _span(clean: CleanLine, line: int, start: int, end: int) -> Span:
    column, end_column = clean.columns(start, end)
    return Span.at(line, column, end_column)


def _read_meta(block: Block, clean: CleanLine, line: int) -> bool:
    """Record label, unit and department found on ``clean``; whether it was a meta line."""
    text = clean.text
    if "\t" in text and len([f for f in text.split("\t") if f.strip()]) > 1:
        return False
    found = False
    label = LABEL.search(text)
    if label and block.label is None:
        block.label = label_text(label.group(1))
        block.label_span = _span(clean, line, label.start(), label.end())
        found = True
    unit = UNIT.search(text)
    if unit:
        found = True
        if unit.group(1) and block.unit is None:
            block.unit = unit.group(1)
            block.unit_span = _span(clean, line, unit.start(1), unit.end(1))
    alone = UNIT_ALONE.match(text)
    if alone and block.unit is None:
        block.unit = alone.group(1)
        block.unit_span = _span(clean, line, 0, len(text))
        found = True
    department = DEPARTMENT.search(text)
    if department:
        found = True
        if block.department is None:
            block.department = department.group(1).strip() or None
    return found


def _is_prose(clean: CleanLine, tabbed: bool) -> bool:
    """A line of running text that cannot belong to a table."""
    text = clean.text
    if "\t" in text:
        return False
    if tabbed and len(text) >= _PROSE_MIN:
        return True
    return len(text) >= _PROSE_MIN and ("。" in text or "，" in text) and "  " not in text


def _read_block(
    title: _Title,
    end: int,
    lines: Sequence[str],
    cleaned: list[CleanLine],
    skip: frozenset[int] = frozenset(),
) -> Block:
    """Read the lines of the block that starts at ``title`` and stops before line ``end``."""
    block = Block(
        role=title.match.role,
        title=title.match.title,
        title_span=_span(title.clean, title.line, title.match.start, title.match.end),
    )
    _read_meta(block, title.clean, title.line)  # 公开01表 or 单位 printed beside the title
    block.limit = end
    tabbed = any("\t" in lines[n - 1] for n in range(title.line + 1, end))
    block.unruled = not tabbed and is_unruled([lines[n - 1] for n in range(title.line + 1, end)])
    last = title.line
    state = "meta"
    continuation = 0
    for n in range(title.line + 1, end):
        clean = cleaned[n - 1]
        text = clean.text
        raw = lines[n - 1]
        first = text[:1]
        if not text or (first in _PAGE_MARK_FIRST and page_mark_pattern().match(text)):
            continue
        if n in skip:
            continue
        if first in _NOTE_FIRST and NOTE_START.match(text) and "\t" not in text:
            state = "note"
            block.note_lines.append(n)
            last = n
            continuation = 0
            continue
        if state == "note":
            if "\t" not in text and continuation < _NOTE_CONTINUATION_MAX and _continues_note(text):
                block.note_lines.append(n)
                last = n
                continuation += 1
                continue
            break
        if state == "meta" and _read_meta(block, clean, n):
            last = n
            continue
        if "\t" not in raw and _is_prose(clean, tabbed):
            break
        if (
            not block.lines
            and "\t" not in raw
            and not block.unruled
            and not _may_start_table(clean, tabbed)
            and not (block.role != TableRole.OTHER and not tabbed and _header_like(clean))
        ):
            break
        state = "rows"
        block.lines.append((n, lines[n - 1]))
        last = n
    block.end_line = last
    return block


def _continues_note(text: str) -> bool:
    """A line that continues a table note: a numbered item or another note."""
    return bool(text[:1].isdigit() or NOTE_START.match(text))


def _header_like(clean: CleanLine) -> bool:
    """A short line of a standard table's header laid out by position (``项目``, a wrapped
    header word): the table goes on below it."""
    return len(clean.text) < _PROSE_MIN and "。" not in clean.text and "，" not in clean.text


def _may_start_table(clean: CleanLine, tabbed: bool) -> bool:
    """Whether the first non-meta line of a block can be a table line."""
    if "\t" in clean.text:
        return True
    if tabbed:
        return False
    return "  " in clean.text.strip()
