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
from dataclasses import dataclass

from fa_tui.parse.numbers import parse_number

_TOKEN = re.compile(r"[^ \t\u3000\xa0]+(?: [^ \t\u3000\xa0]+)*")
_BLANK = " \t\u3000\xa0"
_MAX_WIDTH = 2000


@dataclass(frozen=True)
class Cell:
    """One cell: stripped ``text``, 0-based ``start``/``end`` in the original line, ``index``."""

    text: str
    start: int
    end: int
    index: int

    @property
    def column(self) -> int:
        """1-based column of the cell's first character."""
        return self.start + 1


@dataclass(frozen=True)
class GridLine:
    """A table line (1-based ``number``) and its cells in column order."""

    number: int
    raw: str
    cells: tuple[Cell, ...]

    def filled(self) -> list[Cell]:
        """The cells that hold text."""
        return [c for c in self.cells if c.text]

    def at(self, index: int) -> Cell | None:
        """The cell in column ``index``, if any."""
        return next((c for c in self.cells if c.index == index), None)


_new = object.__new__


def _cell(text: str, start: int, end: int, index: int) -> Cell:
    """``Cell(text, start, end, index)`` without the frozen dataclass's per-field setattr."""
    cell = _new(Cell)
    cell.__dict__.update(text=text, start=start, end=end, index=index)
    return cell


def split_tabs(line: str) -> list[Cell]:
    """Tab fields of ``line`` (empty ones kept), each stripped of blanks."""
    cells: list[Cell] = []
    pos = 0
    for index, field in enumerate(line.split("\t")):
        text = field.strip(_BLANK)
        start = pos + len(field) - len(field.lstrip(_BLANK)) if text else pos
        cells.append(_cell(text, start, start + len(text), index))
        pos += len(field) + 1
    return cells


def split_spaces(line: str) -> list[Cell]:
    """Runs of text separated by two or more blanks; ``index`` is the run's order."""
    return [
        Cell(m.group(0), m.start(), m.end(), i)
        for i, m in enumerate(_TOKEN.finditer(line[:_MAX_WIDTH]))
    ]


def is_tabbed(lines: Sequence[str]) -> bool:
    """Whether these table lines are tab-separated."""
    return any("\t" in line for line in lines)


def layout(lines: Sequence[tuple[int, str]]) -> list[GridLine]:
    """Cells of each ``(number, text)`` line, with column indices shared by the whole table."""
    if is_tabbed([text for _, text in lines]):
        return [GridLine(n, text, tuple(split_tabs(text))) for n, text in lines]
    tokens = [(n, text, split_spaces(text)) for n, text in lines]
    columns = _columns([cells for _, _, cells in tokens])
    out: list[GridLine] = []
    for n, text, cells in tokens:
        placed = tuple(Cell(c.text, c.start, c.end, _column_of(c, columns)) for c in cells)
        out.append(GridLine(n, text, placed))
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
    best, best_overlap = -1, 0
    for i, (start, end) in enumerate(columns):
        overlap = min(end, cell.end) - max(start, cell.start)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best >= 0:
        return best
    centre = (cell.start + cell.end) / 2
    return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - centre))
