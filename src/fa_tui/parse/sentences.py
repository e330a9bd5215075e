"""Read the narrative as paragraphs of clean text that still map back to the original file.

Extraction noise is dropped for reading (``[bookmark: …]``, markdown ``**``, LaTeX ``$``/``\\geq``,
list bullets, every white space, full-width digits and ``％``), and lines broken in the middle of
a word (``公务员医`` / blank line / ``疗补助（项）``) are joined. Each paragraph keeps runs of
(line, column) so that any character of the clean text maps back to its exact original column.

Lines that belong to tables (tab-separated rows, or inside a parsed table's span) are not read.
Linear time: one regex pass per line, bisection for mapping.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right as _bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from fa_tui.model import Report, Section, SourceText, Span

_NOISE = re.compile(
    r"\[bookmark:[^\]\n]{0,300}\]|\*\*|\$|\\(?:geq|leq|ge|le|%)"
    r"|^[ \t\u3000\xa0]*[-•·][ \t\u3000\xa0]+|[ \t\u3000\xa0\ufeff\u200b]+"
)
_REPLACE = {"\\geq": "≥", "\\ge": "≥", "\\leq": "≤", "\\le": "≤", "\\%": "%"}
_FAST = re.compile(r"[\[*$\\ \t\u3000\xa0\ufeff\u200b•·-]")
_WIDTH = str.maketrans({**{chr(0xFF10 + k): str(k) for k in range(10)}, "％": "%"})

TERMINAL = frozenset("。！？；：:;!?")
ENUMERATOR = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,2}(?:[、）)]|[.．](?!\d))|[①-⑳])"
)
_YEAR_START = re.compile(r"^\d{4}年")
_CLASS_OPEN = re.compile(r"[（(](?:类|款)[）)]")
_ITEM_CLOSE = re.compile(r"^[^。，；：]{0,40}?[（(]项[）)]")
_MIN_BROKEN = 16  # shorter lines without punctuation are titles or dates, not broken sentences


@dataclass
class Paragraph:
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
        if end <= start:
            end = start + 1
        starts = self.run_starts
        if not starts:
            return Span.at(self.first_line, 1, 2)
        last = len(self.text) - 1
        first = start if start < last else last
        if first < 0:
            first = 0
        final = end - 1 if end - 1 < last else last
        if final < 0:
            final = 0
        lines, cols = self.run_lines, self.run_cols
        k = _bisect_right(starts, first) - 1
        if len(starts) == 1 or (k + 1 < len(starts) and final < starts[k + 1]):
            j = k  # both ends in the same run (the common case)
        else:
            j = _bisect_right(starts, final, k if k > 0 else 0) - 1
        return Span(
            line=lines[k],
            column=cols[k] + first - starts[k],
            end_line=lines[j],
            end_column=cols[j] + final - starts[j] + 1,
        )

    @property
    def section_title(self) -> str | None:
        """Title of the innermost section, if any."""
        return None if self.section is None else self.section.title


@dataclass
class _Clean:
    text: str
    starts: list[int]
    cols: list[int]  # 1-based original column per run


def clean_for_reading(line: str) -> _Clean:
    """``line`` without noise and white space, as runs of original columns."""
    line_t = line.translate(_WIDTH)
    if not _FAST.search(line_t):
        return _Clean(line_t, [0] if line_t else [], [1] if line_t else [])
    out: list[str] = []
    starts: list[int] = []
    cols: list[int] = []
    length = 0
    pos = 0

    def keep(text: str, col0: int, contiguous: bool) -> None:
        nonlocal length
        if not text:
            return
        if not contiguous or not starts:
            starts.append(length)
            cols.append(col0 + 1)
        out.append(text)
        length += len(text)

    for match in _NOISE.finditer(line_t):
        if match.start() > pos:
            keep(line_t[pos : match.start()], pos, False)
        replacement = _REPLACE.get(match.group())
        if replacement:
            keep(replacement, match.start(), False)
            # a replacement maps onto the first character of what it replaced
        pos = match.end()
    if pos < len(line_t):
        keep(line_t[pos:], pos, False)
    return _Clean("".join(out), starts, cols)


def _table_lines(report: Report) -> set[int]:
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
            for n in range(part.span.line, min(part.span.end_line, count) + 1):
                part_of[n] = part.name.value
        for top in part.sections:
            for section in top.walk():
                for n in range(section.span.line, min(section.span.end_line, count) + 1):
                    owner[n] = section
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


def _continues(previous: str, previous_heading: bool, text: str) -> bool:
    """Whether ``text`` continues ``previous`` (a line broken inside a sentence or a word)."""
    if not previous or previous[-1] in TERMINAL:
        return False
    if ENUMERATOR.match(text) or _YEAR_START.match(text):
        return False
    if previous_heading or len(previous) < _MIN_BROKEN:
        # a heading broken inside a classification name: …（款）公务员医 / 疗补助（项）
        return bool(_CLASS_OPEN.search(previous)) and bool(_ITEM_CLOSE.match(text))
    return True


def read_paragraphs(source: SourceText, report: Report) -> Iterator[Paragraph]:
    """The narrative of ``source`` as paragraphs, in document order."""
    skip = _table_lines(report)
    headings = _heading_lines(report)
    owner, part_of = _section_owner(report, source.line_count)
    current: Paragraph | None = None
    current_heading = False
    index = 0
    for number, line in enumerate(source.lines, start=1):
        if number in skip or _is_table_row(line):
            if current is not None:
                yield current
                current = None
            continue
        clean = clean_for_reading(line)
        if not clean.text:
            continue
        is_heading = number in headings
        if (
            current is not None
            and not is_heading
            and _continues(current.text, current_heading, clean.text)
        ):
            base = len(current.text)
            current.text += clean.text
            current.run_starts.extend(base + s for s in clean.starts)
            current.run_lines.extend([number] * len(clean.starts))
            current.run_cols.extend(clean.cols)
            current.last_line = number
            continue
        if current is not None:
            yield current
        current = Paragraph(
            index=index,
            text=clean.text,
            run_starts=list(clean.starts),
            run_lines=[number] * len(clean.starts),
            run_cols=list(clean.cols),
            first_line=number,
            last_line=number,
            heading=is_heading,
            section=owner[number] if number < len(owner) else None,
            part=part_of[number] if number < len(part_of) else None,
        )
        current_heading = is_heading
        index += 1
    if current is not None:
        yield current


SENTENCE_END = re.compile(r"[。！？!?]")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (the end includes its 。)."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.end() > start:
            yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)
