"""Ruled tables of a PDF page: find them (pdfplumber, from the drawn lines) and read their rows.

Each row becomes one printed line with one tab-separated field per column of the table's grid.
A merged cell's text stands in its first column and the columns and rows it covers are empty.
A cell's text lines are joined directly (a Chinese name or a figure wrapped inside a narrow cell),
with one blank between two Latin letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fa_tui.ingest.pdf_lines import Char, PrintedLine, build_line, group_lines, line_size

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(frozen=True)
class PageTable:
    """A table found on a page: its bounding box and its rows as printed lines."""

    bbox: tuple[float, float, float, float]
    rows: list[PrintedLine]

    def holds(self, char: Char) -> bool:
        """Whether the middle of ``char`` lies inside the table."""
        x: float = (char["x0"] + char["x1"]) / 2
        y: float = (char["top"] + char["bottom"]) / 2
        x0, top, x1, bottom = self.bbox
        return x0 <= x <= x1 and top <= y <= bottom


def find_tables(page: Any) -> list[PageTable]:
    """The ruled tables of a pdfplumber page that have at least two rows and two columns."""
    tables: list[PageTable] = []
    for found in page.find_tables(table_settings=_SETTINGS):
        rows = found.rows
        if len(rows) < 2 or max(len(r.cells) for r in rows) < 2:
            continue
        region = page.within_bbox(found.bbox)
        chars = list(region.chars)
        printed = [_row_line(row.cells, chars) for row in rows]
        tables.append(PageTable(tuple(found.bbox), [p for p in printed if p is not None]))
    return tables


def _row_line(
    cells: Sequence[tuple[float, float, float, float] | None], chars: list[Char]
) -> PrintedLine | None:
    fields: list[str] = []
    boxes = [c for c in cells if c is not None]
    if not boxes:
        return None
    x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    chars = [c for c in chars if _inside(c, (x0, top, x1, bottom))]  # the row's band first
    sizes: list[Char] = []
    for cell in cells:
        if cell is None:
            fields.append("")
            continue
        inside = [c for c in chars if _inside(c, cell)]
        sizes.extend(inside)
        fields.append(cell_text(inside))
    return PrintedLine(
        text="\t".join(fields),
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=line_size(sizes) if sizes else 10.0,
        row=True,
    )


def _inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    x: float = (char["x0"] + char["x1"]) / 2
    y: float = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


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
