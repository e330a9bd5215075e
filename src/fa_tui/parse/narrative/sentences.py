"""Read the narrative as paragraphs of clean text that still map back to the original file.

Extraction noise is dropped for reading (``[bookmark: …]``, markdown ``**``, LaTeX ``$``/``\\geq``,
list bullets, every white space, full-width digits and ``％``), and lines broken in the middle of
a word (``公务员医`` / blank line / ``疗补助（项）``) are joined. Each paragraph keeps runs of
(line, column) so that any character of the clean text maps back to its exact original column.

Lines that belong to tables (tab-separated rows, or inside a parsed table's span) are not read.
The marker line that opens each page of a PDF (``— 5 —``) is not text: a paragraph read across
it goes on as if it were not there.
Linear time: one regex pass per line, bisection for mapping.
"""

from __future__ import annotations

import bisect
from bisect import bisect_right as _bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from msgspec import Struct, field

from fa_tui import pattern_cache
from fa_tui.model import Report, Section, SourceText, Span
from fa_tui.parse.narrative.displaced import Insert, displaced_figures

_BULLET_SPACE = " \t\u3000\xa0"  # around a list bullet (- • ·) at the start of a line
# A form feed is a page break of a text layer: blank, like the page markers of a PDF.
_SPACES = ("\\x20", "\\t", "\\u3000", "\\xa0", "\\ufeff", "\\u200b", "\\f")
# Every branch opens with a plain character (a run of white space is one branch per first
# character) so that the regex engine skips ahead to the next candidate.
_NOISE = pattern_cache.compile(
    r"\[bookmark:[^\]\n]{0,300}\]|\*\*|\$|\\(?:geq|leq|ge|le|%)"
    + "".join(f"|{space}[{''.join(_SPACES)}]*" for space in _SPACES)
)
_REPLACE = {"\\geq": "≥", "\\ge": "≥", "\\leq": "≤", "\\le": "≤", "\\%": "%"}
_FAST = pattern_cache.compile(r"[\[*$\\ \t\u3000\xa0\ufeff\u200b\f•·-]")
_WIDTH = str.maketrans({**{chr(0xFF10 + k): str(k) for k in range(10)}, "％": "%"})
_WIDE = pattern_cache.compile(r"[０-９％]")  # what ``_WIDTH`` changes
# a line with no character of ``_WIDE`` or ``_FAST`` (most lines) is read as it is
_PLAIN = pattern_cache.compile(r"[^０-９％\[*$\\ \t\u3000\xa0\ufeff\u200b\f•·-]*")

TERMINAL = frozenset("。！？；：:;!?")
ENUMERATOR = pattern_cache.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,2}(?:[、）)]|[.．](?!\d))|[①-⑳])"
)
_YEAR_START = pattern_cache.compile(r"^\d{4}年")
_CLASS_OPEN = pattern_cache.compile(r"[（(](?:类|款)[）)]")
_ITEM_CLOSE = pattern_cache.compile(r"^[^。，；：]{0,40}?[（(]项[）)]")
_MIN_BROKEN = 16  # shorter lines without punctuation are titles or dates, not broken sentences


Pos = tuple[int, int]  # (1-based line, 1-based column)


class Paragraph(Struct):
    """Clean text of consecutive source lines, with the map back to original columns."""

    index: int
    text: str
    run_starts: list[int] = field(default_factory=list)  # clean index where a run begins
    run_lines: list[int] = field(default_factory=list)  # its 1-based line
    run_cols: list[int] = field(default_factory=list)  # its 1-based original column
    first_line: int = 0
    last_line: int = 0
    heading: bool = False  # the paragraph is a heading line of the outline
    section: Section | None = None  # innermost section it lies in
    part: str | None = None  # canonical part name it lies in

    def position(self, index: int) -> tuple[int, int]:
        """(line, 1-based column) of clean character ``index``."""
        if not self.run_starts:
            return self.first_line, 1
        index = max(0, min(index, len(self.text) - 1))
        k = bisect.bisect_right(self.run_starts, index) - 1
        return self.run_lines[k], self.run_cols[k] + index - self.run_starts[k]

    def span(self, start: int, end: int) -> Span:
        """The original span of clean range ``[start, end)``."""
        starts = self.run_starts
        if not starts:
            return Span.at(self.first_line, 1, 2)
        last = len(self.text) - 1
        first = start if start < last else last
        if first < 0:
            first = 0
        final = end - 1 if end > start else start  # the last character covered
        if final > last:
            final = last
        if final < 0:
            final = 0
        lines, cols = self.run_lines, self.run_cols
        if len(starts) == 1:  # one run: most paragraphs
            line, col = lines[0], cols[0] - starts[0]
            return Span(line=line, column=col + first, end_line=line, end_column=col + final + 1)
        k = _bisect_right(starts, first) - 1
        if k + 1 < len(starts) and final < starts[k + 1]:
            j = k  # both ends in the same run (the common case)
        else:
            j = _bisect_right(starts, final, k if k > 0 else 0) - 1
        begin = (lines[k], cols[k] + first - starts[k])
        close = (lines[j], cols[j] + final - starts[j])
        if any(lines[r] != lines[k] for r in range(k + 1, j + 1)) and not _ordered(lines, k, j):
            begin, close = self._covering(first, final, k, j)
        return Span(line=begin[0], column=begin[1], end_line=close[0], end_column=close[1] + 1)

    def _covering(self, first: int, final: int, k: int, j: int) -> tuple[Pos, Pos]:
        """The first and last original position of clean range ``[first, final]`` over runs
        ``k`` .. ``j`` when they are not in line order (a figure read in a blank of the line
        above it): the span reaches from the earliest to the latest character covered."""
        starts, lines, cols = self.run_starts, self.run_lines, self.run_cols
        low: Pos | None = None
        high: Pos | None = None
        for r in range(k, j + 1):
            run_end = (starts[r + 1] if r + 1 < len(starts) else len(self.text)) - 1
            a, b = max(first, starts[r]), min(final, run_end)
            if a > b:
                continue
            here = ((lines[r], cols[r] + a - starts[r]), (lines[r], cols[r] + b - starts[r]))
            low = here[0] if low is None or here[0] < low else low
            high = here[1] if high is None or here[1] > high else high
        assert low is not None and high is not None
        return low, high

    @property
    def section_title(self) -> str | None:
        """Title of the innermost section, if any."""
        return None if self.section is None else self.section.title


def _ordered(lines: list[int], k: int, j: int) -> bool:
    """Whether runs ``k`` .. ``j`` lie on lines in reading order."""
    return all(lines[r] <= lines[r + 1] for r in range(k, j))


class _Clean(NamedTuple):
    text: str
    starts: list[int]
    cols: list[int]  # 1-based original column per run
    lines: list[int] | None = None  # 1-based line per run, when not all on the line read


def _clean_with_figures(source: SourceText, number: int, inserts: list[Insert]) -> _Clean:
    """Line ``number`` cleaned with the figures printed below it read in its blanks."""
    line = source.line(number)
    text: list[str] = []
    starts: list[int] = []
    cols: list[int] = []
    lines: list[int] = []
    length = 0

    def take(piece: str, at_line: int, offset: int) -> None:
        nonlocal length
        clean = clean_for_reading(piece)
        text.append(clean.text)
        starts.extend(length + s for s in clean.starts)
        cols.extend(offset + c for c in clean.cols)
        lines.extend([at_line] * len(clean.starts))
        length += len(clean.text)

    pos = 0
    for insert in inserts:
        take(line[pos : insert.column], number, pos)
        take(source.line(insert.line)[insert.start : insert.end], insert.line, insert.start)
        pos = insert.column
    take(line[pos:], number, pos)
    return _Clean("".join(text), starts, cols, lines)


def _bullet_end(line: str) -> int:
    """Where the text after a list bullet (``- ``, ``• ``) opening ``line`` starts (0: none)."""
    rest = line.lstrip(_BULLET_SPACE)
    if rest[:1] not in ("-", "•", "·"):
        return 0
    after = rest[1:].lstrip(_BULLET_SPACE)
    return len(line) - len(after) if len(after) < len(rest) - 1 else 0


def clean_for_reading(line: str) -> _Clean:
    """``line`` without noise and white space, as runs of original columns."""
    if _PLAIN.fullmatch(line):  # nothing to change: most lines
        return _Clean(line, [0] if line else [], [1] if line else [])
    line_t = line.translate(_WIDTH) if _WIDE.search(line) else line
    if not _FAST.search(line_t):
        return _Clean(line_t, [0] if line_t else [], [1] if line_t else [])
    pieces: list[str] = []  # the runs of kept text
    starts: list[int] = []
    cols: list[int] = []
    length = 0
    pos = _bullet_end(line_t)
    for match in _NOISE.finditer(line_t, pos):
        start = match.start()
        if start > pos:
            starts.append(length)
            cols.append(pos + 1)
            pieces.append(line_t[pos:start])
            length += start - pos
        pos = match.end()
        replacement = _REPLACE.get(match.group())
        if replacement:  # it maps onto the first character of what it replaced
            starts.append(length)
            cols.append(start + 1)
            pieces.append(replacement)
            length += len(replacement)
    if pos < len(line_t):
        starts.append(length)
        cols.append(pos + 1)
        pieces.append(line_t[pos:])
    return _Clean("".join(pieces), starts, cols)


def table_lines(report: Report) -> set[int]:
    """The lines of the report's parsed tables (those with rows): not narrative."""
    lines: set[int] = set()
    for table in report.tables:
        if table.span is not None and table.rows:
            lines.update(range(table.span.line, table.span.end_line + 1))
    return lines


def _is_table_row(line: str) -> bool:
    if "\t" not in line:
        return False
    cells = [c for c in line.split("\t") if c.strip()]
    return len(cells) >= 2


def _section_owner(report: Report, count: int) -> tuple[list[Section | None], list[str | None]]:
    owner: list[Section | None] = [None] * (count + 2)
    part_of: list[str | None] = [None] * (count + 2)
    for part in report.parts:
        if part.span is not None and part.located_in is None:
            first, last = part.span.line, min(part.span.end_line, count)
            if first <= last:
                part_of[first : last + 1] = [part.name.value] * (last + 1 - first)
        for top in part.sections:
            for section in top.walk():
                first, last = section.span.line, min(section.span.end_line, count)
                if first <= last:
                    owner[first : last + 1] = [section] * (last + 1 - first)
    return owner, part_of


def _heading_lines(report: Report) -> set[int]:
    lines: set[int] = set()
    for part in report.parts:
        if part.heading is not None:
            lines.add(part.heading.line)
        for top in part.sections:
            for section in top.walk():
                lines.add(section.heading.line)
    return lines


class _Reading:
    """The paragraph being read: the clean text of its lines is joined once it is complete.

    Joining at every line would take quadratic time on a paragraph of many broken lines (a file
    without full stops).
    """

    __slots__ = ("_class_open", "length", "paragraph", "pieces")

    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph
        self.pieces = [paragraph.text]
        self.length = len(paragraph.text)
        self._class_open: bool | None = None

    def add(self, number: int, clean: _Clean) -> None:
        """Append the clean text of line ``number``."""
        paragraph = self.paragraph
        paragraph.run_starts.extend(self.length + s for s in clean.starts)
        paragraph.run_lines.extend(clean.lines or [number] * len(clean.starts))
        paragraph.run_cols.extend(clean.cols)
        paragraph.last_line = max([number, *(clean.lines or ())])
        self.pieces.append(clean.text)
        self.length += len(clean.text)
        if self._class_open is False:
            self._class_open = None  # the new line may complete one

    def text(self) -> str:
        """The clean text so far (the paragraph's ``text`` is brought up to date)."""
        if len(self.pieces) > 1:
            text = "".join(self.pieces)
            self.pieces = [text]
            self.paragraph.text = text
        return self.pieces[0]

    def class_open(self) -> bool:
        """Whether the text names a 类 or 款 (``…（款）公务员医``): once true, it stays true."""
        if self._class_open is None:
            self._class_open = bool(_CLASS_OPEN.search(self.text()))
        return self._class_open

    def done(self) -> Paragraph:
        """The complete paragraph."""
        self.text()
        return self.paragraph

    def continued_by(self, text: str) -> bool:
        """Whether ``text`` continues this paragraph (a line broken inside a sentence or a word)."""
        if self.pieces[-1][-1] in TERMINAL:
            return False
        if ENUMERATOR.match(text) or _YEAR_START.match(text):
            return False
        if self.paragraph.heading and self.run_in():
            return True  # a run-in heading's text goes on: …（项）。主要用于：…年初预算为 / 42.73
        if self.paragraph.heading or self.length < _MIN_BROKEN:
            # a heading broken inside a classification name: …（款）公务员医 / 疗补助（项）
            return self.class_open() and bool(_ITEM_CLOSE.match(text))
        return True

    def run_in(self) -> bool:
        """Whether the heading's title has ended and its text begun on its lines
        (``8、…（项）。主要用于：…``): a sentence end before the last character."""
        text = self.text()
        end = SENTENCE_END.search(text)
        return end is not None and end.end() < len(text)


def _page_markers(source: SourceText) -> set[int]:
    """The lines that only mark where a page of a document begins."""
    locations = source.locations or ()
    return {
        n for n, loc in enumerate(locations, start=1) if loc.page is not None and not loc.page_line
    }


def read_paragraphs(source: SourceText, report: Report) -> Iterator[Paragraph]:
    """The narrative of ``source`` as paragraphs, in document order."""
    skip = table_lines(report)
    markers = _page_markers(source)
    headings = _heading_lines(report)
    owner, part_of = _section_owner(report, source.line_count)
    displaced = displaced_figures(source, skip)
    moved = {insert.line for inserts in displaced.values() for insert in inserts}
    current: _Reading | None = None
    index = 0
    for number, line in enumerate(source.lines, start=1):
        if number in skip or _is_table_row(line):
            if current is not None:
                yield current.done()
                current = None
            continue
        if not line or number in markers or number in moved:
            continue
        inserts = displaced.get(number)
        clean = (
            clean_for_reading(line)
            if inserts is None
            else _clean_with_figures(source, number, inserts)
        )
        if not clean.text:
            continue
        is_heading = number in headings
        if current is not None and not is_heading and current.continued_by(clean.text):
            current.add(number, clean)
            continue
        if current is not None:
            yield current.done()
        paragraph = Paragraph(
            index=index,
            text=clean.text,
            run_starts=clean.starts,  # fresh lists of this line: the paragraph takes them
            run_lines=clean.lines or [number] * len(clean.starts),
            run_cols=clean.cols,
            first_line=number,
            last_line=max([number, *(clean.lines or ())]),
            heading=is_heading,
            section=owner[number] if number < len(owner) else None,
            part=part_of[number] if number < len(part_of) else None,
        )
        current = _Reading(paragraph)
        index += 1
    if current is not None:
        yield current.done()


SENTENCE_END = pattern_cache.compile(r"[。！？!?]")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (the end includes its 。)."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if end > start:
            yield start, end
        start = end
    if start < len(text):
        yield start, len(text)
