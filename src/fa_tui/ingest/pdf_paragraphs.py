"""Join the lines of a PDF paragraph that the layout wrapped at the right margin.

A line that reaches the body's right edge continues on the next line when that line starts at
the body's left edge (not indented: a Chinese paragraph starts indented), is of the same size,
follows at the normal line distance (or opens the next page), and does not start a heading,
a numbered item or a note. Lines are joined directly (Chinese text, and numbers broken by the
wrap); two Latin words get a blank between them and a hyphen at the break is removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fa_tui.ingest.pdf_lines import PrintedLine

_NEW_ITEM = re.compile(
    r"^[\s\u3000]*(?:第[一二三四五六七八九十百0-9]+[部章节条]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．](?![0-9])|[①-⑳]|表[一二三四五六七八九十0-9]"
    r"|附[件表]|注[:：0-9]|说明[:：]|备注[:：]|[-•·][\s\u3000])"
)
_FULL = 1.2  # a line within this many font sizes of the right edge is full
_INDENT = 0.6  # a line starting this many font sizes right of the left edge is indented
_GAP = 1.2  # a line further below than this many font sizes starts a new block


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


def body_edges(lines: Sequence[PrintedLine]) -> Body:
    """The most common left edge, and the right edge most full lines reach."""
    text = [line for line in lines if not line.row and not line.laid_out and line.text.strip()]
    if not text:
        return Body(0.0, 0.0)
    lefts = [round(line.x0) for line in text]
    left = float(max(set(lefts), key=lefts.count))
    rights = sorted(line.x1 for line in text)
    return Body(left, rights[int(len(rights) * 0.95)] if len(rights) > 1 else rights[0])


def continues(previous: Piece, piece: Piece, body: Body, new_page: bool) -> bool:
    """Whether ``piece`` continues the paragraph whose last printed line is ``previous``."""
    a, b = previous.line, piece.line
    if a.row or b.row or a.laid_out or b.laid_out or a.unplaced or b.unplaced:
        return False
    if not a.text.strip() or not b.text.strip():
        return False
    if a.x1 < body.right - _FULL * a.size or abs(a.size - b.size) > 0.5:
        return False
    if b.x0 > body.left + _INDENT * b.size or _NEW_ITEM.match(b.text):
        return False
    return new_page or b.top - a.bottom <= _GAP * a.size


def join_text(head: str, tail: str) -> str:
    """``head`` and ``tail`` joined across a wrap."""
    if head[-1:].isascii() and head[-1:].isalpha() and tail[:1].isascii() and tail[:1].isalpha():
        return head + " " + tail
    if len(head) > 1 and head[-1] == "-" and head[-2].isalpha() and tail[:1].islower():
        return head[:-1] + tail
    return head + tail
