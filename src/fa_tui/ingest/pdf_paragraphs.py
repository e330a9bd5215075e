"""Join the printed lines of a PDF paragraph back into one line, by the page's layout.

The body of a page is the text block of the pages of its width: its left edge (the leftmost
frequent start of a line) and its right edge (what full lines reach). A printed line ``b``
continues the line ``a`` above it when

- both are text lines (not table rows, not laid out in columns) of the same size;
- ``b`` follows at the document's line pitch for that size (no blank line between), or opens the
  next page (running headers and footers are dropped before, by ``pdf_margins``);
- ``b`` starts at the body's left edge (a paragraph's first line is indented) and does not open
  a heading, a numbered item, a note, a unit label or (after a finished sentence) a table title;
- ``a`` is not an entry of a table of contents (leaders and a page number), and is full: it
  reaches the right edge, or the first unit of ``b`` that cannot be broken (a number or Latin
  word, or a character with the punctuation that may not start a line) would not have fitted
  after it. Word processors leave CJK text ragged at the right (they also keep space
  between CJK and Latin text), so ``a`` ending inside a sentence may fall a line height shorter.

Lines are joined directly (Chinese text, and numbers broken by the wrap); two Latin words get a
blank between them and a hyphen at the break is removed. The joined line lists where each
printed line starts, so every character maps back to its page, line and column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from fa_tui import pattern_cache
from fa_tui.ingest.pdf_lines import PrintedLine

_NEW_ITEM = pattern_cache.compile(
    r"^[\s\u3000]*(?:第[一二三四五六七八九十百0-9]+[部章节条]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．](?![0-9])|[①-⑳]|表[一二三四五六七八九十0-9]"
    r"|附[件表]|注[:：0-9]|说明[:：]|备注[:：]|单位[:：]|[-•·][\s\u3000])"
)
# A table's title: a line of its own ending in 表 (a bracketed note may follow), no punctuation.
_TABLE_TITLE = pattern_cache.compile(r"^[^，,。；;：:！!？?]{2,60}表(?:[（(][^）)]{0,20}[）)])?$")
# A table of contents entry: leaders (or a wide blank) and a page number end the line.
_CONTENTS_ENTRY = pattern_cache.compile(r"(?:[.…·．。]{3,}|\s{2,})\s*[0-9]{1,3}\s*$")
_SENTENCE_END = frozenset("。！？!?；;")
# Characters that may not start a line (closing punctuation): the word processor carries the
# character before them over to the next line as well.
_NO_START = frozenset("，。、；：！？）》」』】〕’”%‰·…,.;:!?)]}")
# Characters that may not end a line (opening punctuation): they go over with the next one.
_NO_END = frozenset("（《「『【〔‘“([{")
_UNBREAKABLE = pattern_cache.compile(r"[0-9A-Za-z][0-9A-Za-z.,，%‰'\-]*")
_FULL = 1.2  # a line within this many font sizes of the right edge is full
_SLACK = 0.5  # in font sizes: room a word processor keeps (CJK-Latin spacing) when wrapping
_RAGGED = 1.0  # in font sizes: further room a ragged line ending inside a sentence may leave
_INDENT = 0.6  # a line starting this many font sizes right of the left edge is indented
_GAP = 1.2  # without a known pitch: a line further below than this many sizes starts a block
_PITCH = 1.35  # a line further below than this many line pitches starts a new block
_FREQUENT_LEFT = 0.25  # a line start this common, relative to the most common one, is frequent
_EDGE_SHARE = 0.95  # the right edge: what this share of the text lines stays within


@dataclass
class Piece:
    """A printed line and where it is: page and 1-based line on the page."""

    line: PrintedLine
    page: int
    page_line: int


@dataclass
class Joined:
    """An extracted line: its text and the printed lines it was made of (with their columns)."""

    text: str
    first: Piece
    starts: list[tuple[int, Piece]] = field(default_factory=list)  # (1-based column, piece)


@dataclass(frozen=True)
class Body:
    """The body's left and right edges (PDF points), from the text lines."""

    left: float
    right: float


@dataclass(frozen=True)
class Layout:
    """What joining needs of a document: each page's body and the line pitch of each size."""

    bodies: tuple[Body, ...]  # per page, 0-based
    pitches: dict[float, float]  # font size -> distance between the tops of consecutive lines

    def body(self, page: int) -> Body:
        """The body of 1-based ``page``."""
        return self.bodies[page - 1]


def _text_lines(lines: Sequence[PrintedLine]) -> list[PrintedLine]:
    return [
        line
        for line in lines
        if not line.row and not line.laid_out and not line.unplaced and line.text.strip()
    ]


def body_edges(lines: Sequence[PrintedLine]) -> Body:
    """The left edge (the leftmost of the frequent line starts: indented first lines, headings
    and wrapped lines all start at or right of it), and the right edge that nearly all text
    lines stay within."""
    text = _text_lines(lines)
    if not text:
        return Body(0.0, 0.0)
    lefts = Counter(round(line.x0) for line in text)
    frequent = max(2.0, _FREQUENT_LEFT * lefts.most_common(1)[0][1])
    left = float(min((x for x, n in lefts.items() if n >= frequent), default=min(lefts)))
    rights = sorted(line.x1 for line in text)
    return Body(left, rights[int(len(rights) * _EDGE_SHARE)] if len(rights) > 1 else rights[0])


def page_bodies(pages: Sequence[Sequence[PrintedLine]], widths: Sequence[float]) -> list[Body]:
    """Each page's body, from the text lines of all pages of its width (portrait pages of text
    and landscape pages of tables have text blocks of their own)."""
    groups: dict[int, list[PrintedLine]] = {}
    for lines, width in zip(pages, widths, strict=True):
        groups.setdefault(round(width), []).extend(lines)
    edges = {width: body_edges(lines) for width, lines in groups.items()}
    return [edges[round(width)] for width in widths]


def line_pitches(pages: Sequence[Sequence[PrintedLine]]) -> dict[float, float]:
    """For each font size, the most common distance between the tops of consecutive text lines
    of that size (the leading inside a paragraph)."""
    seen: dict[float, Counter[float]] = {}
    for lines in pages:
        text = _text_lines(lines)
        for a, b in pairwise(text):
            distance = b.top - a.top
            if a.size == b.size and 0.8 * a.size <= distance <= 2.5 * a.size:
                seen.setdefault(a.size, Counter())[round(distance * 2) / 2] += 1
    return {size: counts.most_common(1)[0][0] for size, counts in seen.items()}


def layout(pages: Sequence[Sequence[PrintedLine]], widths: Sequence[float]) -> Layout:
    """The layout of a document's pages (running headers and footers already dropped)."""
    return Layout(tuple(page_bodies(pages, widths)), line_pitches(pages))


def unit_width(text: str, size: float) -> float:
    """Estimated width of the first part of ``text`` that a line cannot be broken inside: a
    number or Latin word, else one character; with the opening punctuation before it and the
    closing punctuation after it. CJK and full-width characters are a font size wide, others
    half."""
    text = text.lstrip()
    end = 0
    while end < len(text) and text[end] in _NO_END:
        end += 1
    match = _UNBREAKABLE.match(text, end)
    end = match.end() if match else min(end + 1, len(text))
    while end < len(text) and text[end] in _NO_START:
        end += 1
    return sum(size if _wide(ch) else size / 2 for ch in text[:end])


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in "“”‘’"


def is_full(line: PrintedLine, following: str, body: Body) -> bool:
    """Whether ``line`` was wrapped at the right edge before the text ``following``."""
    room = body.right - line.x1
    size = line.size
    if room < _FULL * size:
        return True
    needed = unit_width(following, size) + _SLACK * size
    if line.text.rstrip()[-1:] not in _SENTENCE_END:
        needed += _RAGGED * size
    return room < needed


def opens_block(text: str, after_sentence: bool) -> bool:
    """Whether a line of ``text`` opens something of its own: a heading, a numbered item, a
    note or unit label, or (after a finished sentence) a table title."""
    if _NEW_ITEM.match(text):
        return True
    return after_sentence and bool(_TABLE_TITLE.match(text.strip()))


def spaced_as_lines(a: PrintedLine, b: PrintedLine, pitches: dict[float, float]) -> bool:
    """Whether ``b`` follows ``a`` on the same page at the distance of lines of one paragraph."""
    pitch = pitches.get(a.size)
    if pitch is None:
        return b.top - a.bottom <= _GAP * a.size
    return 0 < b.top - a.top <= _PITCH * pitch


def continues(previous: Piece, piece: Piece, where: Layout, new_page: bool) -> bool:
    """Whether ``piece`` continues the paragraph whose last printed line is ``previous``."""
    a, b = previous.line, piece.line
    if a.row or b.row or a.laid_out or b.laid_out or a.unplaced or b.unplaced:
        return False
    if not a.text.strip() or not b.text.strip():
        return False
    if abs(a.size - b.size) > 0.5:
        return False
    if b.x0 > where.body(piece.page).left + _INDENT * b.size:
        return False
    if _CONTENTS_ENTRY.search(a.text):
        return False
    ended = a.text.rstrip()[-1:] in _SENTENCE_END
    if opens_block(b.text, ended) or not is_full(a, b.text, where.body(previous.page)):
        return False
    return new_page or spaced_as_lines(a, b, where.pitches)


def join_text(head: str, tail: str) -> str:
    """``head`` and ``tail`` joined across a wrap."""
    if head[-1:].isascii() and head[-1:].isalpha() and tail[:1].isascii() and tail[:1].isalpha():
        return head + " " + tail
    if len(head) > 1 and head[-1] == "-" and head[-2].isalpha() and tail[:1].islower():
        return head[:-1] + tail
    return head + tail
