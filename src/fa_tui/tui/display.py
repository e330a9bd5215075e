"""A source line as it appears on screen: safe characters, expanded tabs, styled character ranges.

Spans count characters of the original line; on screen a TAB becomes spaces up to the next tab
stop (in terminal cells, so Chinese text keeps its columns) and a control character becomes a
visible placeholder that may be longer than one character. ``DisplayLine`` keeps the mapping, so
a span of the original line styles exactly the characters it covers on screen.

The mapping is built lazily, in chunks of ``CHUNK`` original characters, and only as far along
the line as the screen has looked: a line of several megabytes is never measured in full just to
show its first columns, and ``window`` hands the renderer only the chunks that reach the screen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from fa_tui.safe_text import is_safe, neutralise

TAB_SIZE = 8
CHUNK = 512  # original characters per chunk of a line's display mapping


@dataclass(frozen=True)
class _Chunk:
    """The display of original characters ``[start, end)`` of a line.

    ``pos`` is where its text starts in the whole display text, ``cell`` the cells before it;
    ``starts`` gives the offset in ``text`` of each original character (``None``: unchanged).
    """

    start: int
    end: int
    pos: int
    cell: int
    text: str
    cells: int
    starts: tuple[int, ...] | None

    def local(self, index: int) -> int:
        """Offset in ``text`` of original 0-based ``index`` (``start <= index <= end``)."""
        if index >= self.end:
            return len(self.text)
        if self.starts is None:
            return index - self.start
        return self.starts[index - self.start]


@dataclass(frozen=True)
class Window:
    """A stretch of a line's display: enough whole chunks to cover some cells of the screen.

    ``text`` starts ``cell`` cells into the line and covers original characters
    ``[start, end)``; ``at_end`` says whether it reaches the end of the line.
    """

    line: DisplayLine
    text: str
    cell: int
    start: int
    end: int
    first: int
    at_end: bool

    def offset(self, column: int) -> int:
        """Offset in ``text`` of 1-based original ``column`` (clamped to the window)."""
        index = min(max(column - 1, self.start), self.end)
        if index >= self.end:
            return len(self.text)
        chunk = self.line.chunk(index // CHUNK)
        return chunk.pos - self.line.chunk(self.first).pos + chunk.local(index)


class DisplayLine:
    """The display form of one original line, computed chunk by chunk on demand."""

    def __init__(self, line: str, tab_size: int = TAB_SIZE) -> None:
        self.line = line
        self.tab_size = tab_size
        self._chunks: list[_Chunk] = []
        self._ends: list[int] = []  # cells at the end of each computed chunk (for bisect)
        self.chunk_count = max(1, -(-len(line) // CHUNK))

    @property
    def measured_chunks(self) -> int:
        """How many chunks have been computed so far (of ``chunk_count``)."""
        return len(self._chunks)

    # -- chunks --------------------------------------------------------------------------

    def chunk(self, k: int) -> _Chunk:
        """Chunk ``k`` (computing the chunks before it first)."""
        while len(self._chunks) <= k:
            self._chunks.append(self._make(len(self._chunks)))
            last = self._chunks[-1]
            self._ends.append(last.cell + last.cells)
        return self._chunks[k]

    def _make(self, k: int) -> _Chunk:
        prev = self._chunks[k - 1] if k else None
        pos = prev.pos + len(prev.text) if prev else 0
        cell = prev.cell + prev.cells if prev else 0
        start = k * CHUNK
        end = min(len(self.line), start + CHUNK)
        piece = self.line[start:end]
        safe = is_safe(piece)
        if "\t" not in piece and safe:
            return _Chunk(start, end, pos, cell, piece, cell_len(piece), None)
        if safe:
            return self._make_tabbed(piece, start, end, pos, cell)
        pieces: list[str] = []
        starts: list[int] = []
        offset = 0
        cells = cell
        for ch in piece:
            starts.append(offset)
            shown = " " * (self.tab_size - cells % self.tab_size) if ch == "\t" else neutralise(ch)
            pieces.append(shown)
            offset += len(shown)
            cells += cell_len(shown)
        return _Chunk(start, end, pos, cell, "".join(pieces), cells - cell, tuple(starts))

    def _make_tabbed(self, piece: str, start: int, end: int, pos: int, cell: int) -> _Chunk:
        """A chunk whose only special characters are tabs (table rows): split, not per char."""
        pieces: list[str] = []
        starts: list[int] = []
        offset = 0
        cells = cell
        for i, part in enumerate(piece.split("\t")):
            if i:
                pad = self.tab_size - cells % self.tab_size
                starts.append(offset)
                pieces.append(" " * pad)
                offset += pad
                cells += pad
            if part:
                starts.extend(range(offset, offset + len(part)))
                pieces.append(part)
                offset += len(part)
                cells += cell_len(part)
        return _Chunk(start, end, pos, cell, "".join(pieces), cells - cell, tuple(starts))

    def _chunk_at_cell(self, x: int) -> int:
        """Index of the chunk holding cell ``x`` (the last chunk if the line is shorter)."""
        self.chunk(0)
        while self._ends[-1] <= x and len(self._chunks) < self.chunk_count:
            self.chunk(len(self._chunks))
        return min(bisect_right(self._ends, x), len(self._chunks) - 1)

    # -- queries ---------------------------------------------------------------------------

    def window(self, x: int, width: int) -> Window:
        """The chunks that cover cells ``[x, x + width)`` of the line (at least one chunk)."""
        first = self._chunk_at_cell(max(0, x))
        k = first
        texts = [self.chunk(k).text]
        while k + 1 < self.chunk_count and self.chunk(k).cell + self.chunk(k).cells < x + width:
            k += 1
            texts.append(self.chunk(k).text)
        head, tail = self.chunk(first), self.chunk(k)
        return Window(
            self,
            "".join(texts),
            head.cell,
            head.start,
            tail.end,
            first,
            at_end=k + 1 >= self.chunk_count,
        )

    def whole(self) -> Window:
        """The whole line as one window (measures all of it: for short lines and tests)."""
        return self.window(0, self.cells)

    def reaches(self, x: int) -> bool:
        """Whether the line has anything at cell ``x`` or beyond (measures only up to ``x``)."""
        k = self._chunk_at_cell(x)
        chunk = self.chunk(k)
        return chunk.cell + chunk.cells > x

    def cell_at(self, column: int) -> int:
        """Cells before 1-based original ``column`` (clamped to the line)."""
        index = min(max(column - 1, 0), len(self.line))
        chunk = self.chunk(min(index // CHUNK, self.chunk_count - 1))
        return chunk.cell + cell_len(chunk.text[: chunk.local(index)])

    @property
    def text(self) -> str:
        """The whole display text (measures all of the line)."""
        return "".join(self.chunk(k).text for k in range(self.chunk_count))

    @property
    def cells(self) -> int:
        """Width in terminal cells (measures all of the line)."""
        last = self.chunk(self.chunk_count - 1)
        return last.cell + last.cells

    def offset(self, column: int) -> int:
        """Display offset of 1-based original ``column`` in ``text`` (clamped to the line)."""
        index = min(max(column - 1, 0), len(self.line))
        chunk = self.chunk(min(index // CHUNK, self.chunk_count - 1))
        return chunk.pos + chunk.local(index)


def display_line(line: str, tab_size: int = TAB_SIZE) -> DisplayLine:
    """The display form of one original line."""
    return DisplayLine(line, tab_size)


Range = tuple[int, int, Style]


def styled_window(window: Window, ranges: Iterable[Range], base: Style | None = None) -> Text:
    """``window`` as Rich ``Text`` with styles over original 1-based ``[column, end_column)``.

    Later ranges are applied over earlier ones; ranges outside the window are skipped. A
    zero-width range styles one cell so that it stays visible.
    """
    text = Text(window.text, no_wrap=True, end="")
    if base is not None:
        # A span, not ``Text(style=...)``: ``Text.render`` drops the base style of a text
        # without spans, and the pointer line must be marked whatever is on it.
        text.stylize(base, 0, len(text))
    for column, end_column, style in ranges:
        if end_column - 1 < window.start or column - 1 > window.end:
            continue
        start = window.offset(column)
        end = window.offset(end_column)
        if end <= start:
            if column - 1 < window.start or (column - 1 == window.end and not window.at_end):
                continue
            end = start + 1
            if end > len(text):
                text.append(" ")
        text.stylize(style, start, end)
    return text


def styled_line(line: DisplayLine, ranges: Iterable[Range], base: Style | None = None) -> Text:
    """The whole of ``line`` styled over original ranges (see ``styled_window``)."""
    return styled_window(line.whole(), ranges, base)
