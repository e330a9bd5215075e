"""Tables without rules: rows of text laid out in columns, read into tab-separated rows.

A run of at least three consecutive lines laid out in columns (wide blank gaps), with at least
one figure row (two pieces or more, one an amount with decimals), is a table; short one-piece
lines between such lines (a lone total or class label) belong to it. The columns are the runs
of ``x`` covered by the pieces of the figure rows (a gutter is a blank band at least ``_GUTTER``
font sizes wide in all of them), plus columns right of them that only header lines fill. Every
piece of every line of the run takes the column it overlaps most (else the first column ending
right of it), and each line becomes one row with one tab-separated field per column. A line
printed closer below a row than rows are spaced, with text only in columns where that row has
text, is the row's cells wrapped: it is joined to the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from fa_tui import pattern_cache
from fa_tui.geometry import most_overlapped
from fa_tui.ingest.pdf_lines import Char, PrintedLine

_PIECE_GAP = 1.0  # in font sizes: a blank this wide separates two pieces of a line
_GUTTER = 0.8  # in font sizes: the narrowest blank band between two columns
_MIN_LINES = 3
_MIN_FIGURE_ROWS = 1
_LONE_MAX = 8  # characters of a one-piece line that may sit inside a table
_LINE_GAP = 2.5  # in font sizes: a larger vertical gap ends the table ...
_LINE_GAP_MIN = 16.0  # ... and in points: rows of a small font may be spaced wider
_WRAP_GAP = 0.6  # in font sizes: a line this close below a row continues its cells
_FIGURE = pattern_cache.compile(r"^[-−]?[0-9][0-9,， ]*[.．][0-9 ]*[0-9]$")


@dataclass(frozen=True)
class Piece:
    """A run of characters of one line with no wide blank inside."""

    text: str
    x0: float
    x1: float


def pieces(chars: Sequence[Char], size: float) -> list[Piece]:
    """The pieces of a line (``chars`` sorted left to right)."""
    out: list[Piece] = []
    group: list[Char] = []
    visible: list[Char] = []  # the visible characters of ``group``
    for char in chars:
        if not str(char["text"]).strip():
            if group:
                group.append(char)
            continue
        if visible and char["x0"] - visible[-1]["x1"] >= _PIECE_GAP * size:
            out.append(_piece(visible, group))
            group, visible = [], []
        group.append(char)
        visible.append(char)
    if visible:
        out.append(_piece(visible, group))
    return out


def _piece(visible: list[Char], group: list[Char]) -> Piece:
    text = "".join(str(c["text"]) for c in group).strip()
    return Piece(text, visible[0]["x0"], visible[-1]["x1"])


def _is_figure_row(parts: Sequence[Piece]) -> bool:
    """A line of two pieces or more with an amount (a figure with decimals) among them."""
    return len(parts) >= 2 and any(_FIGURE.match(p.text) for p in parts)


def _columns(rows: Sequence[Sequence[Piece]], size: float) -> list[tuple[float, float]]:
    spans = sorted((p.x0, p.x1) for row in rows for p in row)
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 - columns[-1][1] < _GUTTER * size:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _trailing(
    columns: list[tuple[float, float]], parts: Sequence[Sequence[Piece]], size: float
) -> list[tuple[float, float]]:
    """``columns`` and the columns right of them that only header lines fill (no figures yet)."""
    if not columns:
        return columns
    beyond = [p for line in parts for p in line if p.x0 >= columns[-1][1] + _GUTTER * size]
    return columns + _columns([beyond], size)


def _column_of(piece: Piece, columns: Sequence[tuple[float, float]]) -> int:
    best = most_overlapped(piece.x0, piece.x1, columns)
    if best >= 0:
        return best
    # No overlap: a piece aligned left in a column of right-aligned figures starts after the
    # previous column's end; it belongs to the first column that ends to its right.
    return next((i for i, (_, x1) in enumerate(columns) if x1 > piece.x0), len(columns) - 1)


def _fields(parts: Sequence[Piece], columns: Sequence[tuple[float, float]]) -> list[str]:
    fields = [""] * len(columns)
    for part in parts:
        index = _column_of(part, columns)
        fields[index] = f"{fields[index]} {part.text}".strip()
    return fields


def _rows(
    printed: Sequence[PrintedLine],
    parts: Sequence[Sequence[Piece]],
    columns: list[tuple[float, float]],
) -> list[PrintedLine]:
    """The lines of one aligned table as rows; a cell's wrapped text joins the row above."""
    rows: list[PrintedLine] = []
    last: list[str] = []
    for line, line_parts in zip(printed, parts, strict=True):
        fields = _fields(line_parts, columns)
        wrapped = (
            rows
            and line.top - rows[-1].bottom < _WRAP_GAP * line.size
            and all(last[i] for i, text in enumerate(fields) if text)
        )
        if wrapped:
            last = [a + b for a, b in zip(last, fields, strict=True)]
            rows[-1] = replace(rows[-1], text="\t".join(last), bottom=line.bottom)
            continue
        last = fields
        rows.append(replace(line, text="\t".join(fields), row=True, laid_out=False))
    return rows


def aligned_tables(
    lines: Sequence[list[Char]], printed: Sequence[PrintedLine]
) -> list[PrintedLine]:
    """``printed`` (the lines of ``lines``, top to bottom) with aligned tables read as rows."""
    parts = [pieces(chars, line.size) for chars, line in zip(lines, printed, strict=True)]
    out: list[PrintedLine] = []
    i = 0
    while i < len(printed):
        if len(parts[i]) < 2:
            out.append(printed[i])
            i += 1
            continue
        end = i + 1
        while end < len(printed) and _belongs(printed, parts, end):
            end += 1
        while end > i and len(parts[end - 1]) < 2:  # a run ends on a laid-out line
            end -= 1
        rows = [parts[k] for k in range(i, end) if _is_figure_row(parts[k])]
        end = max(end, i + 1)
        columns: list[tuple[float, float]] = []
        if end - i >= _MIN_LINES and len(rows) >= _MIN_FIGURE_ROWS:
            size = max(printed[k].size for k in range(i, end))
            columns = _trailing(_columns(rows, size), parts[i:end], size)
        if len(columns) >= 2:
            out.extend(_rows(printed[i:end], parts[i:end], columns))
        else:
            out.extend(printed[i:end])
        i = end
    return out


def _belongs(printed: Sequence[PrintedLine], parts: Sequence[Sequence[Piece]], k: int) -> bool:
    """Whether line ``k`` continues the run of laid-out lines before it."""
    line, previous = printed[k], printed[k - 1]
    if line.top - previous.bottom > max(_LINE_GAP * max(line.size, previous.size), _LINE_GAP_MIN):
        return False
    if len(parts[k]) >= 2:
        return True
    if len(parts[k]) == 1 and len(parts[k][0].text) <= _LONE_MAX:
        return k + 1 < len(printed) and len(parts[k + 1]) >= 2
    return False
