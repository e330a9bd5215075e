"""Split table lines into cells: tab-separated, or laid out with runs of spaces.

Tab-separated lines (the samples) give one cell per tab field, empty cells included, and the
field's index is its column. Space-laid-out lines (``pdftotext -layout``, a PDF's text layer)
separate cells by two or more blanks and leave empty cells out: their columns are found from
the character positions of the cells over the table's figure rows (the gutters that stay blank
in every one of them), and each cell takes the index of the column it falls in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.geometry import most_overlapped
from fa_tui.parse.numbers import parse_number

_BLANK = " \t\u3000\xa0\f"  # a form feed: a page break of a text layer
_MAX_WIDTH = 2000


class Cell(NamedTuple):
    """One cell: stripped ``text``, 0-based ``start``/``end`` in the original line, ``index``.

    A named tuple: tables have thousands of cells, and a tuple is the cheapest to build.
    """

    text: str
    start: int
    end: int
    index: int  # type: ignore[assignment]  # the column number; shadows tuple.index, never called

    @property
    def column(self) -> int:
        """1-based column of the cell's first character."""
        return self.start + 1


class GridLine(NamedTuple):
    """A table line (1-based ``number``) and its cells in column order.

    ``texts`` holds the cells with text (``filled()``); build one with ``grid_line``.
    """

    number: int
    raw: str
    cells: tuple[Cell, ...]
    texts: tuple[Cell, ...]

    def filled(self) -> tuple[Cell, ...]:
        """The cells that hold text (found once: the builders ask for them often)."""
        return self.texts

    def at(self, index: int) -> Cell | None:
        """The cell in column ``index``, if any."""
        return next((c for c in self.cells if c.index == index), None)


def grid_line(number: int, raw: str, cells: Sequence[Cell]) -> GridLine:
    """The ``GridLine`` of ``cells``."""
    cells = tuple(cells)
    return GridLine(number, raw, cells, tuple([c for c in cells if c.text]))


_new_tuple = tuple.__new__


def split_tabs(line: str) -> list[Cell]:
    """Tab fields of ``line`` (empty ones kept), each stripped of blanks."""
    # ``_new_tuple(Cell, …)`` is ``Cell(…)`` without the named tuple's Python ``__new__``.
    cells: list[Cell] = []
    append = cells.append
    pos = 0
    for index, field in enumerate(line.split("\t")):
        size = len(field)
        text = field.strip(_BLANK) if size else field
        if len(text) == size:  # nothing to strip (an empty field is the commonest)
            append(_new_tuple(Cell, (text, pos, pos + size, index)))
        elif text:
            start = pos + size - len(field.lstrip(_BLANK))
            append(_new_tuple(Cell, (text, start, start + len(text), index)))
        else:
            append(_new_tuple(Cell, ("", pos, pos, index)))
        pos += size + 1
    return cells


def split_spaces(line: str) -> list[Cell]:
    """Runs of text separated by two or more blanks; ``index`` is the run's order. A figure
    and a label one blank apart are two cells in a line laid out by blanks (a layout text
    squeezes a figure against the next column's label: ``9746.50 一、一般公共服务支出``)."""
    cells: list[Cell] = []
    laid_out = "  " in line.strip()  # blanks lay it out: one blank is no cell border
    for m in _token().finditer(line[:_MAX_WIDTH]):
        glued = _glued().fullmatch(m.group(0)) if laid_out else None
        if glued is None:
            cells.append(Cell(m.group(0), m.start(), m.end(), len(cells)))
            continue
        for k in range(1, 5):
            if glued.group(k) is not None:
                start, end = m.start() + glued.start(k), m.start() + glued.end(k)
                cells.append(Cell(glued.group(k), start, end, len(cells)))
    return cells


@cache
def _glued() -> re.Pattern[str]:
    """A figure with decimals and a label one blank apart, either way round."""
    figure = r"-?\d[\d,]*\.\d+%?"
    label = r"[\u4e00-\u9fff（(][^ ]*(?: [^ ]+)*?"
    return pattern_cache.compile(rf"({figure}) ({label})|({label}) ({figure})")


@cache
def _token() -> re.Pattern[str]:
    """A run of text in a space-laid-out line (compiled on first use: tab tables are usual)."""
    return pattern_cache.compile(r"[^ \t\u3000\xa0\f]+(?: [^ \t\u3000\xa0\f]+)*")


def is_tabbed(lines: Sequence[str]) -> bool:
    """Whether these table lines are tab-separated."""
    return any("\t" in line for line in lines)


def layout(lines: Sequence[tuple[int, str]]) -> list[GridLine]:
    """Cells of each ``(number, text)`` line, with column indices shared by the whole table."""
    if is_tabbed([text for _, text in lines]):
        return [grid_line(n, text, split_tabs(text)) for n, text in lines]
    tokens = [(n, text, split_spaces(text)) for n, text in lines]
    columns = _columns([cells for _, _, cells in tokens])
    out: list[GridLine] = []
    for n, text, cells in tokens:
        placed = [Cell(c.text, c.start, c.end, _column_of(c, columns)) for c in cells]
        out.append(grid_line(n, text, placed))
    return out


def _is_dense(cells: Sequence[Cell]) -> bool:
    """A line that fixes column positions: several cells, at least one a number."""
    return len(cells) >= 2 and any(parse_number(c.text) is not None for c in cells)


def _columns(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, int]]:
    """Column extents ``[start, end)``: runs of positions covered by the figure rows' cells."""
    dense = [r for r in rows if _is_dense(r)] or [r for r in rows if r]
    width = max((c.end for r in dense for c in r), default=0)
    covered = bytearray(width + 1)
    for row in dense:
        for cell in row:
            covered[cell.start : cell.end] = b"\x01" * (cell.end - cell.start)
    columns: list[tuple[int, int]] = []
    start: int | None = None
    for x in range(width + 1):
        if covered[x] and start is None:
            start = x
        elif not covered[x] and start is not None:
            # A single uncovered position inside a column is a blank inside a cell.
            if x + 1 <= width and covered[x + 1]:
                continue
            columns.append((start, x))
            start = None
    return columns


def _column_of(cell: Cell, columns: Sequence[tuple[int, int]]) -> int:
    """Index of the column ``cell`` lies in (most overlap, else the nearest)."""
    if not columns:
        return cell.index
    best = most_overlapped(cell.start, cell.end, columns)
    if best >= 0:
        return best
    centre = (cell.start + cell.end) / 2
    return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - centre))
