"""Turn a page whose text reads sideways (or upside down) so that it reads upright.

A glyph's turn is the quarter turn, clockwise as the page is shown, of its baseline (``turn``:
0, 90, 180, 270, or ``None`` for a slanted one): PDFium's glyphs carry it (``pdf_native``),
pdfplumber's are read from pdfminer's ``matrix``. When more than half of a page's visible
glyphs share one turn other than 0 (a landscape page shown turned with its content drawn
unturned, or content drawn turned), the page is turned back by it: every glyph box, every
ruling edge (horizontal and vertical swapped by a quarter turn) and the page's width and height,
in a frame whose corner is at 0 0; its tables are then found on the turned edges (``pdf_grid``)
and it is read as any page. A glyph that still reads turned is left out of the text by the
placement (``Placement.rotated``); ``left_out`` says what it read, for the reader to report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fa_tui.ingest.pdf_grid import SETTINGS, Table, edge_dict, find_tables
from fa_tui.ingest.pdf_lines import Char, build_line, group_lines

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_SLANT = 0.1  # a baseline this far (in tangent, about 6 degrees) from a quarter is slanted


def quarter(a: float, b: float) -> int | None:
    """The clockwise quarter turn of a baseline whose direction is ``(a, b)`` on the page
    (PDF coordinates, y up; a text matrix's first two terms), ``None`` when slanted."""
    if abs(b) <= _SLANT * abs(a):
        return 0 if a > 0 else 180
    if abs(a) <= _SLANT * abs(b):
        return 90 if b < 0 else 270
    return None


def turn_of(char: Char) -> int | None:
    """The glyph's turn: its ``turn`` (PDFium's, or set when turned here), else pdfminer's
    ``matrix``'s; 0 for a glyph that states neither."""
    if "turn" in char:
        turn: int | None = char["turn"]
        return turn
    matrix = char.get("matrix")
    return quarter(matrix[0], matrix[1]) if matrix else 0


def direction(chars: Iterable[Char]) -> int:
    """The turn shared by more than half of the visible glyphs (0 when none is)."""
    counts: dict[int | None, int] = {0: 0, 90: 0, 180: 0, 270: 0, None: 0}
    for char in chars:  # one pass over glyphs already read: a page's text costs ~0.1 ms
        if char["text"].strip():
            counts[char["turn"] if "turn" in char else turn_of(char)] += 1
    visible = sum(counts.values())
    turn = max((90, 180, 270), key=lambda t: counts[t])
    return turn if counts[turn] * 2 > visible else 0


class TurnedPage:
    """A page turned upright: what the reader takes from a page (``pdf_native.NativePage``)."""

    __slots__ = ("bbox", "chars", "edges", "height", "images", "page_number", "turn", "width")

    def __init__(self, page: Any, turn: int) -> None:
        x0, top, x1, bottom = (float(v) for v in page.bbox)
        width, height = x1 - x0, bottom - top
        self.turn = turn
        self.page_number = page.page_number
        self.images = page.images
        self.chars = [_glyph(c, turn, x0, top, width, height) for c in page.chars]
        self.edges = [_edge(e, turn, x0, top, width, height) for e in page.edges]
        if turn in (90, 270):
            width, height = height, width
        self.width, self.height = width, height
        self.bbox = (0.0, 0.0, width, height)

    def find_tables(self, table_settings: Mapping[str, Any] | None = None) -> list[Table]:
        """The ruled tables on the turned edges (``pdf_grid``, its ``SETTINGS`` only)."""
        if table_settings is not None and dict(table_settings) != SETTINGS:
            raise ValueError(f"pdf_grid finds tables with {SETTINGS} only: {table_settings}")
        return find_tables(self.edges)


def upright(page: Any) -> Any:
    """The page itself when most of its text reads upright, else the page turned upright."""
    turn = direction(page.chars)
    return TurnedPage(page, turn) if turn else page


def _turned(box: Box, turn: int, width: float, height: float) -> Box:
    """``box`` (from the page's corner) on the page turned back by ``turn`` (its text, turned
    ``turn`` clockwise, then reads upright)."""
    x0, top, x1, bottom = box
    if turn == 90:  # the page turned counterclockwise: its right edge is the top
        return top, width - x1, bottom, width - x0
    if turn == 270:  # clockwise: its left edge is the top
        return height - bottom, x0, height - top, x1
    return width - x1, height - bottom, width - x0, height - top


def _glyph(char: Char, turn: int, x: float, y: float, width: float, height: float) -> Char:
    box = (char["x0"] - x, char["top"] - y, char["x1"] - x, char["bottom"] - y)
    x0, top, x1, bottom = _turned(box, turn, width, height)
    was = turn_of(char)
    now = None if was is None else (was - turn) % 360
    return {
        "text": char["text"],
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "size": bottom - top,
        "upright": now == 0,
        "turn": now,
    }


def _edge(edge: Char, turn: int, x: float, y: float, width: float, height: float) -> Char:
    box = (edge["x0"] - x, edge["top"] - y, edge["x1"] - x, edge["bottom"] - y)
    x0, top, x1, bottom = _turned(box, turn, width, height)
    orientation = edge["orientation"]
    if turn != 180 and orientation is not None:
        orientation = "v" if orientation == "h" else "h"
    return edge_dict(edge["object_type"], x0, x1, top, bottom, orientation)


def left_out(chars: Sequence[Char]) -> str:
    """What glyphs left out as turned read: those of each turn turned upright on their own
    and read as lines (in reading order, lines joined by a blank), slanted ones as printed."""
    by_turn: dict[int | None, list[Char]] = {}
    for char in chars:
        by_turn.setdefault(turn_of(char), []).append(char)
    parts: list[str] = []
    for turn, group in sorted(by_turn.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        if turn:
            group = [_glyph(c, turn, 0.0, 0.0, 0.0, 0.0) for c in group]
        lines = group_lines(group)
        left = min(c["x0"] for c in group)
        parts.extend(build_line(line, left).text.strip() for line in lines)
    return " ".join(p for p in parts if p)
