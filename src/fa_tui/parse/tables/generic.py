"""Other tables (绩效自评表 …): rows of cells keyed by the header text above each figure.

A code printed over 类/款/项 columns is the row's code, never a figure (``codes``).
"""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui.model.amount import Amount
from fa_tui.model.tables import Row
from fa_tui.parse.tables.codes import CodeJoiner, find_code_columns
from fa_tui.parse.tables.grid import RowDraft, amount_at, is_number, plain
from fa_tui.parse.tables.layout import Cell, GridLine


def _note_header(line: GridLine, above: dict[int, str]) -> None:
    """Record the texts of a header line (no figures) as the nearest header of each column.

    A column's cell is the first cell with its index (as ``GridLine.at``); an empty one leaves
    the text of an earlier header line in place.
    """
    seen: set[int] = set()
    for cell in line.cells:
        if cell.index in seen:
            continue
        seen.add(cell.index)
        if cell.text:
            above[cell.index] = plain(cell.text)


def _label_left(line: GridLine, index: int, name: str) -> str | None:
    """The text just left of column ``index`` on the same line (``部门编码 → 157``)."""
    left = [c for c in line.filled() if c.index < index]
    if left and not is_number(left[-1].text) and left[-1].text != name:
        return plain(left[-1].text)
    return None


def build_generic(grid: Sequence[GridLine], unit: str | None) -> tuple[list[str], list[Row]]:
    """Column keys (header text, ``列N`` when there is none) and the rows that hold figures."""
    columns: list[str] = []
    rows: list[Row] = []
    above: dict[int, str] = {}  # column index -> text of the nearest header line above
    codes = find_code_columns(grid)
    joiner = CodeJoiner(codes.groups[0]) if codes.groups else None
    for line in grid:
        filled = line.filled()
        figures: list[Cell] = []
        texts: list[Cell] = []
        for c in filled:
            if c.index not in codes.indices:
                (figures if is_number(c.text) else texts).append(c)
        if not figures:
            _note_header(line, above)
            continue
        draft = RowDraft(line.number, list(filled))
        joined = joiner.join(line) if joiner is not None else None
        if joined is not None:
            draft.code, draft.code_span = joined.code, joined.span
            draft.stray_codes = list(joined.orphans)
            texts = [*joined.texts, *texts]
        if texts:
            draft.take_text(texts[0], codes=False)
        cells: dict[str, Amount] = {}
        for cell in figures:
            amount = amount_at(line, cell, unit)
            if amount is None:
                continue
            key = (
                above.get(cell.index)
                or _label_left(line, cell.index, draft.name)
                or f"列{cell.index + 1}"
            )
            if key in cells:
                key = f"{key}#{cell.index + 1}"
            cells[key] = amount
            if key not in columns:
                columns.append(key)
        if cells:
            rows.append(draft.build(cells))
    return columns, rows
