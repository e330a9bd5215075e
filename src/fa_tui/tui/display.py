"""A source line as it appears on screen: safe characters, expanded tabs, styled character ranges.

Spans count characters of the original line; on screen a TAB becomes spaces up to the next tab
stop (in terminal cells, so Chinese text keeps its columns) and a control character becomes a
visible placeholder that may be longer than one character. ``DisplayLine`` keeps the mapping, so
a span of the original line styles exactly the characters it covers on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from fa_tui.safe_text import neutralise

TAB_SIZE = 8


@dataclass(frozen=True)
class DisplayLine:
    """``text`` is what is shown; ``starts[i]`` is where original character ``i`` starts in it."""

    text: str
    starts: tuple[int, ...]

    @property
    def cells(self) -> int:
        """Width in terminal cells."""
        return cell_len(self.text)

    def offset(self, column: int) -> int:
        """Display offset of 1-based original ``column`` (clamped to the line)."""
        index = min(max(column - 1, 0), len(self.starts) - 1)
        return self.starts[index]


def display_line(line: str, tab_size: int = TAB_SIZE) -> DisplayLine:
    """The display form of one original line."""
    if line.isascii() and line.isprintable():
        return DisplayLine(line, tuple(range(len(line) + 1)))
    pieces: list[str] = []
    starts: list[int] = []
    pos = 0
    cells = 0
    for ch in line:
        starts.append(pos)
        piece = " " * (tab_size - cells % tab_size) if ch == "\t" else neutralise(ch)
        pieces.append(piece)
        pos += len(piece)
        cells += cell_len(piece)
    starts.append(pos)
    return DisplayLine("".join(pieces), tuple(starts))


def styled_line(
    line: DisplayLine, ranges: Iterable[tuple[int, int, Style]], base: Style | None = None
) -> Text:
    """``line`` as Rich ``Text`` with styles over original 1-based ``[column, end_column)`` ranges.

    Later ranges are applied over earlier ones. A zero-width range styles one cell so that it
    stays visible.
    """
    text = Text(line.text, style=base or "", no_wrap=True, end="")
    for column, end_column, style in ranges:
        start = line.offset(column)
        end = line.offset(end_column)
        if end <= start:
            end = start + 1
            if end > len(text):
                text.append(" ")
        text.stylize(style, start, end)
    return text
