"""Ruled tables of a PDF page: find them (from the drawn lines) and read their rows.

A PDFium page (``pdf_native``) finds them with ``pdf_grid``, a pdfplumber page with
pdfplumber's own finder: the same tables, with the same settings (``pdf_grid.SETTINGS``).

Which glyph is in which cell is ``pdf_placement``'s to say. Each row becomes one printed line
with one tab-separated field per column of the table's grid. A merged cell's text stands in its
first column and the columns and rows it covers are empty. A cell's text lines are joined
directly (a Chinese name or a figure wrapped inside a narrow cell), with one blank between two
Latin letters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fa_tui.ingest.pdf_grid import SETTINGS
from fa_tui.ingest.pdf_lines import Char, PrintedLine, build_line, group_lines, line_size
from fa_tui.ingest.pdf_placement import Box, CellKey, Grid


def find_tables(page: Any) -> list[Grid]:
    """The ruled tables of a page (PDFium's or pdfplumber's) that have at least two rows and
    two columns."""
    grids: list[Grid] = []
    for found in page.find_tables(table_settings=SETTINGS):
        rows = found.rows
        if len(rows) < 2 or max(len(r.cells) for r in rows) < 2:
            continue
        cells = tuple(tuple(_box(c) for c in row.cells) for row in rows)
        x0, top, x1, bottom = found.bbox
        grids.append(Grid((float(x0), float(top), float(x1), float(bottom)), cells))
    return grids


def _box(box: Sequence[float] | None) -> Box | None:
    if box is None:
        return None
    x0, top, x1, bottom = box
    return (float(x0), float(top), float(x1), float(bottom))


def table_rows(t: int, grid: Grid, cells: Mapping[CellKey, list[Char]]) -> list[PrintedLine]:
    """The rows of table ``t`` as printed lines, each cell's text from the glyphs placed in it."""
    printed: list[PrintedLine] = []
    for r, row in enumerate(grid.rows):
        boxes = [b for b in row if b is not None]
        if not boxes:
            continue
        fields: list[str] = []
        sizes: list[Char] = []
        for c, cell in enumerate(row):
            inside = cells.get((t, r, c), []) if cell is not None else []
            sizes.extend(inside)
            fields.append(cell_text(inside))
        printed.append(
            PrintedLine(
                text="\t".join(fields),
                x0=min(b[0] for b in boxes),
                x1=max(b[2] for b in boxes),
                top=min(b[1] for b in boxes),
                bottom=max(b[3] for b in boxes),
                size=line_size(sizes) if sizes else 10.0,
                row=True,
            )
        )
    return printed


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def cell_text(chars: Sequence[Char]) -> str:
    """The text of one cell: its lines joined (blanks printed at a wrap kept), no tabs."""
    if not chars:
        return ""
    lines = group_lines(chars)
    left = min(c["x0"] for c in chars)
    text = ""
    for line in lines:
        part = build_line(line, left).text.replace("\t", " ")
        if not part.strip():
            continue
        if _latin(text[-1:]) and _latin(part[:1]):
            text += " "
        text += part
    return text.strip()
