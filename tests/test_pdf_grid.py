"""``pdf_grid`` finds exactly the tables pdfplumber's ``TableFinder`` finds ("lines" both ways).

On every page of every PDF fixture (read by PDFium) and on small edge sets drawn by hand, each
of which also states the tables expected: snapping, joining, edges too short, merged cells,
several tables, stray lines, thin filled rectangles as rules, double lines. Boxes are compared
with ``==``: pdfplumber's arithmetic is reproduced, not approximated.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pdfplumber.table import TableFinder, TableSettings

from fa_tui.ingest.pdf_grid import SETTINGS, edge_dict, find_tables
from fa_tui.ingest.pdf_native import NativePage, open_pages

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = sorted(
    p
    for folder in (FIXTURES, FIXTURES / "layouts", FIXTURES / "text_layers")
    for p in folder.glob("*.pdf")
)

Box = tuple[float, float, float, float]
Found = list[tuple[Box, list[tuple[Box | None, ...]]]]


def _plumber(edges: list[dict[str, Any]]) -> Found:
    page = SimpleNamespace(edges=edges, bbox=(0.0, 0.0, 1000.0, 1000.0))
    tables = TableFinder(page, TableSettings.resolve(SETTINGS)).tables  # type: ignore[arg-type]
    return [(t.bbox, [tuple(r.cells) for r in t.rows]) for t in tables]


def _ours(edges: list[dict[str, Any]]) -> Found:
    return [(t.bbox, [r.cells for r in t.rows]) for t in find_tables(edges)]


def _found(edges: list[dict[str, Any]]) -> Found:
    """Our tables, checked equal to pdfplumber's."""
    ours = _ours(edges)
    assert ours == _plumber(edges)
    return ours


def _h(x0: float, x1: float, y: float) -> dict[str, Any]:
    return _edge("h", x0, x1, y, y)


def _v(x: float, top: float, bottom: float) -> dict[str, Any]:
    return _edge("v", x, x, top, bottom)


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return edge_dict("line", x0, x1, top, bottom, orientation)


def _rect(x0: float, top: float, x1: float, bottom: float) -> list[dict[str, Any]]:
    """A filled rectangle's four edges, as pdfplumber (and ``pdf_native``) make them."""
    return [_h(x0, x1, top), _h(x0, x1, bottom), _v(x0, top, bottom), _v(x1, top, bottom)]


def _grid(xs: list[float], ys: list[float]) -> list[dict[str, Any]]:
    return [_h(xs[0], xs[-1], y) for y in ys] + [_v(x, ys[0], ys[-1]) for x in xs]


# The 2 × 2 grid most cases start from: columns at 0, 50, 100, rows at 0, 10, 20.
A: Box = (0.0, 0.0, 50.0, 10.0)
B: Box = (50.0, 0.0, 100.0, 10.0)
C: Box = (0.0, 10.0, 50.0, 20.0)
D: Box = (50.0, 10.0, 100.0, 20.0)
GRID: Found = [((0.0, 0.0, 100.0, 20.0), [(A, B), (C, D)])]


# --- every fixture page ---------------------------------------------------------------------


@cache
def _compared(pdf: Path) -> tuple[int, int, int]:
    """Pages, tables and ``None`` holes of ``pdf``, each page's tables checked equal."""
    pages = tables = holes = 0
    with open_pages(pdf.read_bytes()) as (_, read):
        for page in read:
            ours = _ours(page.edges)
            assert ours == _plumber(page.edges), (pdf.name, page.page_number)
            pages += 1
            tables += len(ours)
            holes += sum(row.count(None) for _, rows in ours for row in rows)
    return pages, tables, holes


@pytest.mark.parametrize("pdf", PDFS, ids=[p.name for p in PDFS])
def test_every_fixture_page_has_pdfplumber_s_tables(pdf: Path) -> None:
    assert _compared(pdf)[0] > 0


def test_the_fixtures_have_tables_with_merged_cells() -> None:
    """The comparison above is not vacuous: the fixtures hold dozens of tables, with holes."""
    pages, tables, holes = (sum(n) for n in zip(*map(_compared, PDFS), strict=True))
    assert len(PDFS) >= 10 and pages >= 60
    assert tables >= 30 and holes >= 100


# --- edge sets drawn by hand ------------------------------------------------------------------


def test_a_plain_grid() -> None:
    assert _found(_grid([0, 50, 100], [0, 10, 20])) == GRID


def test_no_lines_of_one_orientation_no_table() -> None:
    assert _found([]) == []
    assert _found([_h(0, 100, y) for y in (0, 10, 20)]) == []


def test_lines_within_3_pt_are_snapped_to_their_mean() -> None:
    """The middle column is drawn in three pieces 2.5 pt apart: one cluster (chained), though
    its ends are 5 pt apart, moved to 50; the middle row is drawn at 9 and 11, moved to 10."""
    edges = _grid([0, 100], [0, 20])
    edges += [_v(47.5, 0, 7), _v(50, 7, 14), _v(52.5, 14, 20), _h(0, 50, 9), _h(50, 100, 11)]
    assert _found(edges) == GRID


def test_lines_more_than_3_pt_apart_stay_apart() -> None:
    """The middle column at 48 in the top row and 51.5 in the bottom one: two columns, each
    row with a hole where the other's line is."""
    edges = [*_grid([0, 100], [0, 10, 20]), _v(48, 0, 10), _v(51.5, 10, 20)]
    top = [(0.0, 0.0, 48.0, 10.0), (48.0, 0.0, 100.0, 10.0), None]
    bottom = [(0.0, 10.0, 51.5, 20.0), None, (51.5, 10.0, 100.0, 20.0)]
    assert _found(edges) == [((0.0, 0.0, 100.0, 20.0), [tuple(top), tuple(bottom)])]


def test_a_snapped_position_keeps_pdfplumber_s_rounding() -> None:
    """The left border in two pieces, at 0.07 and 1.17: their mean is 0.62, but each moves by
    ``mean - x``, which lands the upper one on 0.6200000000000001: two columns, not one."""
    assert 0.07 + (0.62 - 0.07) != 0.62 == 1.17 + (0.62 - 1.17)
    edges = [_v(0.07, 0, 10), _v(1.17, 10, 20), _v(50, 0, 20), _v(100, 0, 20)]
    edges += [_h(0, 100, y) for y in (0, 10, 20)]
    (bbox, rows), *others = _found(edges)
    assert not others
    assert [cell[0] for cell in rows[0] if cell] == [0.6200000000000001, 50.0]
    assert [cell[0] for cell in rows[1] if cell] == [0.62, 50.0]
    assert bbox == (0.62, 0.0, 100.0, 20.0)


def test_a_cluster_s_mean_is_summed_in_page_order() -> None:
    """The right border in three pieces, at 100.5, 101.1 and 100.7: their mean is
    100.76666666666667 summed in that order, 100.76666666666665 summed sorted."""
    pieces = [_v(100.5, 0, 7), _v(101.1, 7, 14), _v(100.7, 14, 20)]
    edges = [_v(0, 0, 20), _v(50, 0, 20), *[_h(0, 100, y) for y in (0, 10, 20)]]
    found = _found(edges + pieces)
    assert found[0][0][2] == 100.5 + (100.76666666666667 - 100.5)
    by_position = _found([*edges, pieces[0], pieces[2], pieces[1]])
    assert by_position[0][0][2] == 100.5 + (100.76666666666665 - 100.5)
    assert found != by_position


@pytest.mark.parametrize(("gap", "joined"), [(3.0, True), (3.5, False)])
def test_collinear_pieces_up_to_3_pt_apart_are_joined(gap: float, joined: bool) -> None:
    """The top border in two pieces, broken above the first cell; not joined, that cell has no
    top and the row a hole."""
    edges = _grid([0, 50, 100], [10, 20])
    edges += [_h(0, 20, 0), _h(20 + gap, 100, 0), _v(0, 0, 10), _v(50, 0, 10), _v(100, 0, 10)]
    expected = GRID if joined else [((0.0, 0.0, 100.0, 20.0), [(None, B), (C, D)])]
    assert _found(edges) == expected


@pytest.mark.parametrize(("length", "split"), [(2.9, False), (3.0, True)])
def test_an_edge_shorter_than_3_pt_is_dropped(length: float, split: bool) -> None:
    """A tick at 50 between rows 4 pt apart reaches both within tolerance; under 3 pt it is
    dropped and the upper row stays one cell."""
    edges = [*_grid([0, 100], [0, 4, 20]), _v(50, 0, length)]
    lower = (0.0, 4.0, 100.0, 20.0)
    rows = [((0.0, 0.0, 50.0, 4.0), (50.0, 0.0, 100.0, 4.0)), (lower, None)]
    expected = rows if split else [((0.0, 0.0, 100.0, 4.0),), (lower,)]
    assert _found(edges) == [((0.0, 0.0, 100.0, 20.0), expected)]


@pytest.mark.parametrize(("piece", "split"), [(0.9, False), (1.5, True)])
def test_pieces_under_1_pt_are_dropped_before_joining(piece: float, split: bool) -> None:
    """Two pieces with a 1.7 pt gap would join into a 3.5 pt tick; pieces under 1 pt are
    dropped first."""
    edges = _grid([0, 100], [0, 4, 20])
    edges += [_v(50, 0, piece), _v(50, piece + 1.7, 2 * piece + 1.7)]
    assert len(_found(edges)[0][1][0]) == (2 if split else 1)


@pytest.mark.parametrize(
    ("pieces", "kept"),
    [
        (((1.8, 3.9), (3.0, 4.8)), False),
        (((1.8, 3.9), (1.8, 4.8)), False),
        (((1.8, 4.8), (1.8, 3.9)), True),
    ],
)
def test_a_joined_length_keeps_pdfplumber_s_rounding(
    pieces: tuple[tuple[float, float], ...], kept: bool
) -> None:
    """A tick 3 pt long end to end, in two pieces: its length grows as pdfplumber grows it,
    the first piece's plus each extension: 2.1 + (4.8 - 3.9) = 2.9999999999999996, dropped;
    but when the piece listed first already spans the tick, it is that piece's, 3.0."""
    assert (3.9 - 1.8) + (4.8 - 3.9) < 3 == 4.8 - 1.8
    edges = [*_grid([0, 100], [0, 6, 20]), *(_v(50, top, bottom) for top, bottom in pieces)]
    assert [len(row) for row in _found(edges)[0][1]] == ([2, 2] if kept else [1, 1])


def _broken(side: str, short: float) -> list[dict[str, Any]]:
    """The 2 × 2 grid, one side of its first cell in two pieces: the second reaches the far
    corner's line, the first comes within ``short`` of the near corner's."""
    rows = [_h(0, 100, y) for y in (0, 10, 20)]
    columns = [_v(x, 0, 20) for x in (0, 50, 100)]
    if side in ("left", "right"):
        x = 0 if side == "left" else 50
        kept = [e for e in columns if e["x0"] != x]
        return [*rows, *kept, _v(x, 0, 10 - short), _v(x, 12, 20)]
    y = 0 if side == "top" else 10
    kept = [e for e in rows if e["top"] != y]
    return [*columns, *kept, _h(0, 50 - short, y), _h(52, 100, y)]


_UNCLOSED = {
    "left": [(None, B), (C, D)],
    "right": [((0.0, 0.0, 100.0, 10.0), None), (C, D)],
    "top": [(None, B), (C, D)],
    "bottom": [((0.0, 0.0, 50.0, 20.0), B), (None, D)],
}


@pytest.mark.parametrize("short", [3.0, 3.5])
@pytest.mark.parametrize("side", sorted(_UNCLOSED))
def test_each_side_of_a_cell_must_reach_its_corners_within_3_pt(side: str, short: float) -> None:
    rows = _UNCLOSED[side] if short > 3 else [(A, B), (C, D)]
    assert _found(_broken(side, short)) == [((0.0, 0.0, 100.0, 20.0), rows)]


# The middle column, or the middle row, falling short of the border it meets by ``short``.
_ENDS = {
    "column below the top": lambda short: [_v(50, short, 20)],
    "column above the bottom": lambda short: [_v(50, 0, 20 - short)],
    "row right of the left": lambda short: [_h(short, 100, 10)],
    "row left of the right": lambda short: [_h(0, 100 - short, 10)],
}


@pytest.mark.parametrize("short", [3.0, 3.5])
@pytest.mark.parametrize("end", sorted(_ENDS))
def test_lines_meet_when_they_come_within_3_pt(end: str, short: float) -> None:
    """Two lines that do not cross meet if each comes within 3 pt of the other."""
    edges = _grid([0, 100], [0, 20]) + _ENDS[end](short)
    edges += [_v(50, 0, 20)] if end.startswith("row") else [_h(0, 100, 10)]
    found = _found(edges)
    assert (found == GRID) is (short == 3.0)


def test_a_merged_cell_leaves_none_in_the_columns_it_covers() -> None:
    """Columns at 0, 30, 60, 100; the line at 30 is missing in the top row: its first cell
    spans two columns, the second slot is ``None``."""
    edges = [*_grid([0, 60, 100], [0, 10, 20]), _v(30, 10, 20)]
    top = ((0.0, 0.0, 60.0, 10.0), None, (60.0, 0.0, 100.0, 10.0))
    bottom = ((0.0, 10.0, 30.0, 20.0), (30.0, 10.0, 60.0, 20.0), (60.0, 10.0, 100.0, 20.0))
    assert _found(edges) == [((0.0, 0.0, 100.0, 20.0), [top, bottom])]


def test_a_cell_merged_down_leaves_none_in_the_rows_it_covers() -> None:
    edges = [*_grid([0, 100], [0, 10, 20]), _v(50, 0, 20)]
    edges = [e for e in edges if not (e["orientation"] == "h" and e["top"] == 10)]
    edges.append(_h(50, 100, 10))
    first = (0.0, 0.0, 50.0, 20.0)
    assert _found(edges) == [((0.0, 0.0, 100.0, 20.0), [(first, B), (None, D)])]


def test_separate_tables_come_by_top_then_left() -> None:
    """Three grids drawn lowest first: found top to bottom, then left to right."""
    low = _grid([0, 50, 100], [200, 210, 220])
    right = _grid([300, 350, 400], [0, 10, 20])
    found = _found(low + right + _grid([0, 50, 100], [0, 10, 20]))
    assert [bbox for bbox, _ in found] == [
        (0.0, 0.0, 100.0, 20.0),
        (300.0, 0.0, 400.0, 20.0),
        (0.0, 200.0, 100.0, 220.0),
    ]


def test_grids_touching_at_a_corner_are_one_table() -> None:
    found = _found(_grid([0, 50, 100], [0, 10, 20]) + _grid([100, 150], [20, 30, 40]))
    assert [bbox for bbox, _ in found] == [(0.0, 0.0, 150.0, 40.0)]


def test_a_single_cell_is_no_table() -> None:
    assert _found(_grid([0, 100], [0, 20])) == []


def test_stray_lines_touching_a_table() -> None:
    """A rule across the page through the top border, a column line running on below the
    table, a strike-through and a tick inside cells, more than 3 pt short of their sides: the
    same table."""
    edges = _grid([0, 50, 100], [0, 10, 20])
    edges += [_h(-50, 500, 0), _v(50, 20, 60), _h(10, 40, 5), _v(75, 14, 16)]
    assert _found(edges) == GRID


def test_a_stray_line_reaching_both_sides_splits_the_cell() -> None:
    """A line inside a cell that reaches both of its sides within 3 pt makes two rows."""
    edges = [*_grid([0, 50, 100], [0, 10, 20]), _h(2.5, 47.5, 5)]
    (bbox, rows), *_ = _found(edges)
    assert bbox == (0.0, 0.0, 100.0, 20.0)
    upper, lower = (0.0, 0.0, 50.0, 5.0), (0.0, 5.0, 50.0, 10.0)
    assert rows == [(upper, B), (lower, None), (C, D)]


def test_thin_filled_rectangles_as_rules() -> None:
    """Rules drawn as filled rectangles 0.5 pt thick: their two long sides snap to the centre
    line, their short sides (0.5 pt) are dropped; a shaded header cell adds its four sides."""
    edges = [e for y in (100, 110, 120) for e in _rect(0, y - 0.25, 100, y + 0.25)]
    edges += [e for x in (0, 50, 100) for e in _rect(x - 0.25, 99.75, x + 0.25, 120.25)]
    edges += _rect(0, 100, 50, 110)
    a, b, c, d = ((x0, top + 100, x1, bottom + 100) for x0, top, x1, bottom in (A, B, C, D))
    assert _found(edges) == [((0.0, 100.0, 100.0, 120.0), [(a, b), (c, d)])]


def test_nearly_coincident_double_lines() -> None:
    """A bottom border drawn twice 0.6 or 3 pt apart is one line (at their mean); 3.5 pt apart
    it is two, with a thin row between them."""
    edges = [*_grid([0, 50, 100], [0, 10, 20.6]), _h(0, 100, 20)]
    (bbox, rows), *_ = _found(edges)
    assert bbox == (0.0, 0.0, 100.0, 20.0 + (20.3 - 20.0)) and len(rows) == 2
    edges = [*_grid([0, 50, 100], [0, 10, 23]), _h(0, 100, 20)]
    (bbox, rows), *_ = _found(edges)
    assert bbox == (0.0, 0.0, 100.0, 21.5) and len(rows) == 2
    edges = [*_grid([0, 50, 100], [0, 10, 23.5]), _h(0, 100, 20)]
    (bbox, rows), *_ = _found(edges)
    assert bbox == (0.0, 0.0, 100.0, 23.5) and len(rows) == 3
    assert rows[2] == ((0.0, 20.0, 50.0, 23.5), (50.0, 20.0, 100.0, 23.5))


# --- the PDFium page --------------------------------------------------------------------------


def test_a_native_page_finds_its_tables_with_pdf_grid() -> None:
    rulings = [
        (e["object_type"], e["x0"], e["x1"], e["top"], e["bottom"], e["orientation"], None, None)
        for e in _grid([0, 50, 100], [0, 10, 20])
    ]
    page = NativePage(1, 200.0, 200.0, [], rulings, False)
    assert page.edges == _grid([0, 50, 100], [0, 10, 20])
    for settings in (None, dict(SETTINGS)):
        assert [(t.bbox, [r.cells for r in t.rows]) for t in page.find_tables(settings)] == GRID
    with pytest.raises(ValueError, match="pdf_grid"):
        page.find_tables({**SETTINGS, "snap_tolerance": 1})


def test_reading_tables_natively_imports_no_pdfplumber() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from fa_tui.ingest.pdf_native import open_pages\n"
        "from fa_tui.ingest.pdf_tables import find_tables\n"
        f"data = Path({str(FIXTURES / '2024-liling.pdf')!r}).read_bytes()\n"
        "with open_pages(data) as (_, pages):\n"
        "    grids = [g for page in pages for g in find_tables(page)]\n"
        "assert grids, 'no table found'\n"
        "assert 'pdfplumber' not in sys.modules, 'pdfplumber imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
