"""Soft wrap of a displayed source line into screen rows, by terminal cells.

Pure arithmetic on the display text of a line (tabs expanded, controls made visible): a row is
a ``(start, end)`` pair of offsets into that text, never wider than the width in cells (CJK
characters count two, as ``rich.cells.cell_len`` measures them) and never splitting a character.
A break inside a figure or an ASCII word (``1,234.56``, ``FA201``) is avoided when an earlier
break lies within ``LOOKBACK`` characters; a row does not start with closing punctuation
(``，。、）``) nor end with an opening one (``（“``) when a break nearby avoids it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from rich.cells import cell_len

Row = tuple[int, int]

# How far back (in characters) a break may move to keep a figure or a word whole.
LOOKBACK = 16
# Characters that hold together in a run: figures with their separators and sign, ASCII words.
_GLUE = frozenset("0123456789.,%+-_/:'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Characters a row should not start with, and those it should not end with.
_NO_START = frozenset("，。、；：？！）》」』】〉”’％,.;:?!)%")
_NO_END = frozenset("（《「『【〈“‘(")


class _Widths(dict[str, int]):
    """``cell_len`` of each character, memoised in a dict (a C-speed lookup per character)."""

    def __missing__(self, ch: str) -> int:
        self[ch] = width = cell_len(ch)
        return width


_width = _Widths().__getitem__


def _cells(text: str) -> Sequence[int]:
    """Cells before each offset of ``text`` (``len(text) + 1`` entries)."""
    if text.isascii():
        return range(len(text) + 1)  # every displayed ASCII character is one cell
    return list(accumulate(map(_width, text), initial=0))


def _bad_break(text: str, p: int) -> bool:
    """Whether a break before offset ``p`` splits a figure or a word or strands punctuation."""
    before, after = text[p - 1], text[p]
    return (before in _GLUE and after in _GLUE) or after in _NO_START or before in _NO_END


def wrap_line(text: str, width: int) -> list[Row]:
    """The rows of ``text`` at ``width`` cells: at least one row (``(0, 0)`` for ``""``).

    A character wider than ``width`` gets a row of its own (it is never split); zero-width
    characters stay with the character before them.
    """
    n = len(text)
    if n == 0:
        return [(0, 0)]
    width = max(1, width)
    cells = _cells(text)
    rows: list[Row] = []
    start = 0
    while start < n:
        end = bisect_right(cells, cells[start] + width, lo=start) - 1
        if end <= start:
            end = start + 1  # one character wider than the row
        while end < n and cells[end + 1] == cells[end]:
            end += 1  # a zero-width mark goes with its base
        if end < n:
            end = _better_break(text, start, end)
        rows.append((start, end))
        start = end
    return rows


def _better_break(text: str, start: int, end: int) -> int:
    """The break at or before ``end`` that keeps a figure or word whole, if one is near."""
    if not _bad_break(text, end):
        return end
    for p in range(end - 1, max(start, end - LOOKBACK), -1):
        if not _bad_break(text, p):
            return p
    return end


def row_count(text: str, width: int) -> int:
    """How many rows ``wrap_line(text, width)`` gives (fast for a line that fits)."""
    if len(text) * 2 <= width or (len(text) <= width and text.isascii()):
        return 1
    return len(wrap_line(text, width))


def row_at(rows: Sequence[Row], offset: int) -> int:
    """Index of the row holding display ``offset`` (the last row for the end of the text)."""
    starts = [start for start, _ in rows]
    return max(0, bisect_right(starts, offset) - 1)


def clip(row: Row, start: int, end: int, last: bool) -> Row | None:
    """The part of display range ``[start, end)`` on ``row``, in offsets of the row's text.

    An empty range (a zero-width mark) falls on the row holding ``start``, or on the ``last``
    row when it is at the end of the text; it comes back as ``(k, k)``.
    """
    row_start, row_end = row
    if end <= start:
        if row_start <= start < row_end or (last and start >= row_end):
            k = min(start, row_end) - row_start
            return (k, k)
        return None
    a, b = max(start, row_start), min(end, row_end)
    if a >= b:
        return None
    return (a - row_start, b - row_start)


def split_range(rows: Sequence[Row], start: int, end: int) -> list[tuple[int, Row]]:
    """``[start, end)`` cut at the row breaks: ``(row index, clipped range)`` per row it is on."""
    out = []
    first, last = row_at(rows, start), len(rows) - 1
    for i in range(first, len(rows)):
        if i > first and rows[i][0] >= end:
            break
        piece = clip(rows[i], start, end, i == last)
        if piece is not None:
            out.append((i, piece))
    return out


class RowIndex:
    """The first screen row of each line, counted lazily in line order.

    ``rows_of(n)`` says how many rows line ``n`` (1-based) takes; it is asked once per line,
    only as far as the view has looked (``extend``), so that opening a long report costs
    nothing before its lines are shown. Lines not yet counted are reckoned one row each in
    ``total``, which therefore grows (never shrinks) as counting goes on.
    """

    def __init__(self, rows_of: Callable[[int], int], lines: int) -> None:
        self._rows_of = rows_of
        self.lines = lines
        self._starts = [0]  # _starts[i]: first row of line i + 1; the last entry ends the count

    @property
    def counted(self) -> int:
        """How many lines have been counted."""
        return len(self._starts) - 1

    @property
    def complete(self) -> bool:
        return self.counted >= self.lines

    @property
    def total(self) -> int:
        """Rows of the counted lines, plus one for each line not counted yet."""
        return self._starts[-1] + self.lines - self.counted

    def extend(self, line: int) -> None:
        """Count the lines up to ``line`` (inclusive)."""
        starts, rows_of = self._starts, self._rows_of
        last = starts[-1]
        for n in range(len(starts), min(line, self.lines) + 1):
            last += rows_of(n)
            starts.append(last)

    def first_row(self, line: int) -> int:
        """The first row of ``line`` (clamped to the lines)."""
        line = min(max(1, line), max(1, self.lines))
        self.extend(line)
        return self._starts[line - 1]

    def rows(self, line: int) -> int:
        """How many rows ``line`` takes (1 for a line out of range)."""
        if not 1 <= line <= self.lines:
            return 1
        self.extend(line)
        return self._starts[line] - self._starts[line - 1]

    def line_at(self, row: int) -> tuple[int, int]:
        """The line shown on ``row`` and which of its rows it is (``lines + 1`` past the end)."""
        starts = self._starts
        step = 256
        while starts[-1] <= row and not self.complete:
            self.extend(self.counted + step)
            step *= 2
        if row >= starts[-1]:
            return self.lines + 1, 0
        i = bisect_right(starts, row) - 1
        return i + 1, row - starts[i]
