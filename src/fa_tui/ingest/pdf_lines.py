"""Group a PDF page's characters into printed lines, in reading order, with their geometry.

Characters whose vertical middles fall within one another's line band form a line; inside it
they are read left to right. Space characters printed by the PDF are kept. A gap with no space
character becomes one blank when it is wider than a quarter of the font size; a wide gap (two
characters or more) marks a line laid out in columns, whose cells are then placed at the
character position that their ``x`` gives (half the font size per position, counted from the
body's left edge), separated by at least two blanks, so that the space-laid-out table reader
finds the columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import itemgetter
from typing import Any

Char = Mapping[str, Any]

_X0 = itemgetter("x0")
_SMALL_GAP = 0.25  # in font sizes: a word gap without a space character
_WIDE_GAP = 2.0  # in font sizes: a gap between laid-out columns


@dataclass(frozen=True)
class PrintedLine:
    """One line as printed on a page: its text and where it sits (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    row: bool = False  # a table row (tab-separated cells)
    laid_out: bool = False  # text laid out in columns with wide gaps
    unplaced: bool = False  # figures that fit no cell of the table they sit in or beside


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom), each line sorted left to right."""
    ordered = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    lines: list[list[Char]] = []
    high = low = 0.0  # the current line's band (top-down: high <= low)
    for char in ordered:
        top, bottom = char["top"], char["bottom"]
        middle = (top + bottom) / 2
        if lines and high <= middle <= low:
            lines[-1].append(char)
            if top < high:
                high = top
            if bottom > low:
                low = bottom
            continue
        lines.append([char])
        high, low = top, bottom
    return [sorted(line, key=_X0) for line in lines]


def line_size(chars: Sequence[Char]) -> float:
    """The line's font size (the most common one among its visible characters)."""
    return _size(chars, [bool(str(c["text"]).strip()) for c in chars])


def _size(chars: Sequence[Char], seen: Sequence[bool]) -> float:
    """``line_size`` with each character's visibility (``seen``) known."""
    sizes = [round(float(c.get("size") or 0.0), 1) for c, v in zip(chars, seen, strict=True) if v]
    sizes = [s for s in sizes if s > 0] or [10.0]
    if sizes.count(sizes[0]) == len(sizes):  # one size (most lines): no counting
        return sizes[0]
    counts = Counter(sizes)
    return max(set(sizes), key=counts.__getitem__)  # of equal counts, the set's first


def build_line(chars: Sequence[Char], left: float) -> PrintedLine:
    """The printed line of ``chars`` (sorted left to right); ``left`` is the body's left edge."""
    texts = [str(c["text"]) for c in chars]
    seen = [bool(t.strip()) for t in texts]
    size = _size(chars, seen)
    unit = size / 2
    wide = _WIDE_GAP * size
    small = _SMALL_GAP * size
    visible = [c for c, v in zip(chars, seen, strict=True) if v]
    laid_out = any(b["x0"] - a["x1"] >= wide for a, b in pairwise(visible))
    parts: list[str] = []
    length = 0  # of the text so far
    if laid_out and chars:
        length = max(0, round((chars[0]["x0"] - left) / unit))
        parts.append(" " * length)
    for k, char in enumerate(chars):
        piece = texts[k].replace("\t", " ")  # only table rows carry tabs
        if k and seen[k] and seen[k - 1]:
            gap = char["x0"] - chars[k - 1]["x1"]
            if laid_out and gap >= wide:
                blanks = max(2, round((char["x0"] - left) / unit) - length)
                parts.append(" " * blanks)
                length += blanks
            elif gap > small:
                parts.append(" ")
                length += 1
        parts.append(piece)
        length += len(piece)
    text = "".join(parts)
    return PrintedLine(
        text=text.rstrip() if laid_out else text,
        x0=min(c["x0"] for c in visible) if visible else chars[0]["x0"],
        x1=max(c["x1"] for c in visible) if visible else chars[-1]["x1"],
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        size=size,
        laid_out=laid_out,
    )
