"""Ruled tables from a page's ruling edges: pdfplumber's table finder, "lines" both ways.

The same tables as ``pdfplumber.table.TableFinder`` with that setting and its default
tolerances (``tests/test_pdf_grid.py`` compares them on every fixture page, boxes equal): edges
of 1 pt or more are taken by orientation; parallel edges whose positions chain within 3 pt are
moved to their cluster's mean; collinear edges less than 3 pt apart are joined, and what is
then shorter than 3 pt dropped. A vertical and a horizontal line meet where each reaches the
other within 3 pt. Each meeting point opens at most one cell, the first met looking at the
points below it (nearest first) and, for each, those right of it: the one whose four corners
are meeting points joined pairwise by one edge. Cells sharing a corner make a table; a table
of one cell is dropped.

pdfplumber tries every pair of edges and, for each point, every later point; here every line
keeps its pieces in order (bisect), every point its reach down and across, and the cells are
grouped by a union-find over their corners, so a page costs about its number of points. The
arithmetic is pdfplumber's (a snapped position is ``p + (mean - p)``, the mean summed in page
order; a joined length grown as it grows it; tolerances added to the same operands), so boxes
are equal, not merely close.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from operator import itemgetter
from typing import Any, Final, NamedTuple

Box = tuple[float, float, float, float]
Edge = tuple[float, float, float, float]  # position, start, end, length along the line
Line = tuple[float, list[tuple[float, float]]]  # position, its pieces (start, end) by start
Point = tuple[int, float, float]  # row, reach down, reach across
Meeting = tuple[int, float]  # a point in its row: its column, its reach down
Cell = tuple[int, int, int, int]  # column, row of the top-left corner, then the bottom-right's
# A ruling edge as ``edge_dict``'s arguments: kind, x0, x1, top, bottom, orientation, y0, y1
# (a page reader keeps thousands of them; a dict is made of one only when asked for).
Ruling = tuple[str, float, float, float, float, str | None, float | None, float | None]

SETTINGS: Final = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PREFILTER = 1  # pdfplumber's edge_min_length_prefilter
_SNAP = _JOIN = _MIN_LENGTH = _NEAR = 3  # its snap, join, edge_min_length, intersection
_TOP_LEFT = itemgetter(1, 0)  # a cell's (row, column)


class Row(NamedTuple):
    """One row of a table: a cell per column of the table, ``None`` where none starts."""

    cells: tuple[Box | None, ...]


class Table(NamedTuple):
    """A ruled table: its box and its rows, top to bottom."""

    bbox: Box
    rows: tuple[Row, ...]


def edge_dict(
    kind: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    orientation: str | None,
    y0: float | None = None,
    y1: float | None = None,
) -> dict[str, Any]:
    """pdfplumber's edge dict, which ``find_tables`` reads (``y0``/``y1``, bottom-up, only
    for a line or a rectangle's side)."""
    edge: dict[str, Any] = {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }
    if y0 is not None:
        edge["y0"] = y0
        edge["y1"] = y1
    return edge


def find_tables(edges: Iterable[Mapping[str, Any]]) -> list[Table]:
    """The tables pdfplumber's ``TableFinder`` finds on ``edges`` (pdfplumber's edge dicts),
    in its order: by the top, then the left, of each table's top-left cell."""
    verticals: list[Edge] = []
    horizontals: list[Edge] = []
    for e in edges:
        orientation = e["orientation"]
        if orientation == "v":
            if e["height"] >= _PREFILTER:
                verticals.append((e["x0"], e["top"], e["bottom"], e["height"]))
        elif orientation == "h" and e["width"] >= _PREFILTER:
            horizontals.append((e["top"], e["x0"], e["x1"], e["width"]))
    return _tables(verticals, horizontals)


def find_tables_on(rulings: Iterable[Ruling]) -> list[Table]:
    """``find_tables`` on the edges ``rulings`` stand for (``edge_dict(*ruling)``)."""
    verticals: list[Edge] = []
    horizontals: list[Edge] = []
    for _, x0, x1, top, bottom, orientation, _, _ in rulings:
        if orientation == "v":
            if bottom - top >= _PREFILTER:
                verticals.append((x0, top, bottom, bottom - top))
        elif orientation == "h" and x1 - x0 >= _PREFILTER:
            horizontals.append((top, x0, x1, x1 - x0))
    return _tables(verticals, horizontals)


def _tables(verticals: list[Edge], horizontals: list[Edge]) -> list[Table]:
    columns = _lines(verticals, across=False)
    rows = _lines(horizontals, across=True)
    if not columns or not rows:
        return []
    xs = [x for x, _ in columns]
    ys = [y for y, _ in rows]
    groups = _groups(_cells(columns, rows), len(rows))
    return [_table(group, xs, ys) for group in groups]


def _lines(edges: list[Edge], *, across: bool) -> list[Line]:
    """The edges of one orientation snapped, joined and filtered: one line per position."""
    lines: list[Line] = []
    for position, group in groupby(sorted(_snap(edges), key=itemgetter(0, 1)), itemgetter(0)):
        pieces = _join(group, across=across)
        if pieces:
            lines.append((position, pieces))
    return lines


def _snap(edges: list[Edge]) -> list[Edge]:
    """Each edge moved to the mean position of its cluster (positions chained within 3 pt),
    the mean summed in page order."""
    positions = [e[0] for e in edges]
    cluster: dict[float, int] = {}
    index, last = -1, 0.0
    for value in sorted(set(positions)):
        if index < 0 or not value <= last + _SNAP:
            index += 1
        cluster[value] = index
        last = value
    members: list[list[float]] = [[] for _ in range(index + 1)]
    for p in positions:
        members[cluster[p]].append(p)
    means = [sum(m) / len(m) for m in members]
    moved = {value: value + (means[index] - value) for value, index in cluster.items()}
    return [(moved[p], a, b, n) for p, a, b, n in edges]


def _join(edges: Iterator[Edge], *, across: bool) -> list[tuple[float, float]]:
    """Collinear edges (by start) joined across gaps of at most 3 pt; those of 3 pt or more.

    A joined length is pdfplumber's: ``end - start`` across, the first length plus each
    extension down."""
    pieces: list[tuple[float, float]] = []
    _, start, end, length = next(edges)
    for _, s, e, n in edges:
        if s <= end + _JOIN:
            if e > end:
                length = e - start if across else length + (e - end)
                end = e
        else:
            if length >= _MIN_LENGTH:
                pieces.append((start, end))
            start, end, length = s, e, n
    if length >= _MIN_LENGTH:
        pieces.append((start, end))
    return pieces


def _cells(columns: list[Line], rows: list[Line]) -> list[Cell]:
    """The cell each meeting point opens, if any; the columns are swept right to left, so the
    points right of a column are known when its points look for their cells."""
    highs = [y + _NEAR for y, _ in rows]
    lows = [y - _NEAR for y, _ in rows]
    starts = [[a - _NEAR for a, _ in pieces] for _, pieces in rows]
    reaches = [[b + _NEAR for _, b in pieces] for _, pieces in rows]
    xs = [x for x, _ in columns]
    right: list[list[Meeting]] = [[] for _ in rows]  # the points right of the sweep, nearest last
    cells: list[Cell] = []
    for c in range(len(columns) - 1, -1, -1):
        column = _points(columns[c], highs, lows, starts, reaches)
        for k in range(len(column) - 1):  # the lowest point of a column opens none
            cell = _cell(c, column, k, right, xs, lows)
            if cell is not None:
                cells.append(cell)
        for r, down, _ in column:
            right[r].append((c, down))
    return cells


def _points(
    column: Line,
    highs: list[float],
    lows: list[float],
    starts: list[list[float]],
    reaches: list[list[float]],
) -> list[Point]:
    """The meeting points of one column, by row: where a piece of it and a piece of the row
    reach each other (``highs``/``lows``: each row's position plus/minus 3 pt; ``starts``,
    ``reaches``: its pieces' starts minus 3 pt and ends plus 3 pt).

    A point's reach down is the end of the last piece of the column that starts within 3 pt of
    the row, its reach across that of the row's last piece starting within 3 pt of the column:
    the pieces of a line are in order, each starting more than 3 pt past the previous end."""
    x, pieces = column
    tops = [top for top, _ in pieces]
    points: list[Point] = []
    done = 0
    for top, bottom in pieces:
        first, done = max(bisect_left(highs, top), done), bisect_right(lows, bottom)
        for r in range(first, done):
            j = bisect_right(starts[r], x)
            if j and reaches[r][j - 1] >= x:
                points.append((r, pieces[bisect_right(tops, highs[r]) - 1][1], reaches[r][j - 1]))
    return points


def _cell(
    c: int,
    column: list[Point],
    k: int,
    right: list[list[Meeting]],
    xs: list[float],
    lows: list[float],
) -> Cell | None:
    """The cell point ``k`` of column ``c`` opens: pdfplumber's first, looking at the points
    below it nearest first and, for each, those right of it nearest first. (The far corner is
    a point whenever the far sides reach it: pdfplumber's check of it never fails.)"""
    r, down, across = column[k]
    row = right[r]
    for below in range(k + 1, len(column)):
        r_below, _, across_below = column[below]
        low = lows[r_below]
        if down < low:
            return None
        reach = across if across < across_below else across_below
        for c_right, down_right in reversed(row):
            if xs[c_right] > reach:
                break
            if down_right >= low:
                return c, r, c_right, r_below
    return None


def _groups(cells: list[Cell], height: int) -> list[list[Cell]]:
    """The cells joined by shared corners, groups of two or more, by their top-left cell.

    Union-find where a cell links the groups of its corners' earlier cells to itself, so a
    cell's parent is never an earlier cell and one pass from the last cell resolves them."""
    parent = list(range(len(cells)))
    owner: dict[int, int] = {}
    for k, (c0, r0, c1, r1) in enumerate(cells):
        left, right = c0 * height, c1 * height
        for corner in (left + r0, left + r1, right + r0, right + r1):
            other = owner.setdefault(corner, k)
            while parent[other] != other:
                parent[other] = parent[parent[other]]
                other = parent[other]
            parent[other] = k
    for k in range(len(cells) - 1, -1, -1):
        parent[k] = parent[parent[k]]
    groups: dict[int, list[Cell]] = {}
    for k, cell in enumerate(cells):
        groups.setdefault(parent[k], []).append(cell)
    found = [group for group in groups.values() if len(group) > 1]
    return sorted(found, key=lambda group: _TOP_LEFT(min(group, key=_TOP_LEFT)))


def _table(cells: list[Cell], xs: list[float], ys: list[float]) -> Table:
    """A group of cells as pdfplumber's ``Table``: rows by top, a slot per left edge."""
    lefts = sorted({c0 for c0, _, _, _ in cells})
    by_row: dict[int, dict[int, Box]] = {}
    for c0, r0, c1, r1 in cells:
        by_row.setdefault(r0, {})[c0] = (xs[c0], ys[r0], xs[c1], ys[r1])
    tops = sorted(by_row)
    rows = tuple(Row(tuple(map(by_row[r].get, lefts))) for r in tops)
    right = max(c1 for _, _, c1, _ in cells)
    bottom = max(r1 for _, _, _, r1 in cells)
    return Table((xs[lefts[0]], ys[tops[0]], xs[right], ys[bottom]), rows)
