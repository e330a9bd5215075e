"""Two-sided tables (表一, 表四): income rows ‖ spending rows, each side its own row and span."""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui.model.amount import Amount
from fa_tui.model.tables import INCOME, SPENDING, Row, RowKind
from fa_tui.parse.tables.columns import numeric_columns
from fa_tui.parse.tables.grid import (
    RowDraft,
    amount_at,
    blank_amount,
    find_numbering,
    is_header_line,
    plain,
)
from fa_tui.parse.tables.layout import Cell, GridLine
from fa_tui.schema import TableSpec


def _split_index(grid: Sequence[GridLine], numbered: dict[int, int]) -> int | None:
    """First column index of the spending side: the second 栏次/项目 label, else after figure 1."""
    for word in ("栏次", "项目"):
        for line in grid:
            hits = [c.index for c in line.filled() if plain(c.text) == word]
            if len(hits) >= 2:
                return hits[1]
    for line in grid:
        hits = [c.index for c in line.filled() if plain(c.text) in ("收入", "支出")]
        if len(hits) == 2:
            return hits[1]
    if numbered:
        first = min((i for i, k in numbered.items() if k == 1), default=None)
        if first is not None:
            return first + 1
    return None


def _value_columns(
    grid: Sequence[GridLine], spec: TableSpec, tabbed: bool
) -> tuple[dict[int, tuple[str, str]], int, int | None]:
    """``{column index: (side, key)}``, the split index, and the 栏次 row position."""
    income_keys, spending_keys = spec.side_keys()
    numbering = find_numbering(grid)
    numbered = numbering[1] if numbering else {}
    split = _split_index(grid, numbered)
    if not numbered:
        figures = numeric_columns(grid)
        if tabbed and not figures:
            figures = [2, 5, 6, 7, 8][: 1 + len(spending_keys)]
        numbered = {i: n + 1 for n, i in enumerate(figures)}
    if split is None:
        split = min(numbered, default=0) + 1
    mapping: dict[int, tuple[str, str]] = {}
    left = sorted(i for i in numbered if i < split)
    right = sorted(i for i in numbered if i >= split)
    for index, key in zip(left, income_keys, strict=False):
        mapping[index] = (INCOME, key)
    for index, key in zip(right, spending_keys, strict=False):
        mapping[index] = (SPENDING, key)
    return mapping, split, numbering[0] if numbering else None


def _side_row(
    line: GridLine,
    cells: list[Cell],
    side: str,
    keys: tuple[str, ...],
    columns: dict[int, tuple[str, str]],
    unit: str | None,
) -> Row | None:
    """One side of a line as a row, or ``None`` when that side is empty."""
    filled = [c for c in cells if c.text]
    if not filled:  # nothing printed on this side: no row
        return None
    draft = RowDraft(line.number, filled)
    # The first cell of each value column: its amount, or the cell itself when it is empty (its
    # blank amount is built only if the row is kept).
    slots: dict[str, Amount | Cell] = {}
    has_value = False
    for cell in cells:
        target = columns.get(cell.index)
        if target is not None:
            if not cell.text:
                slots.setdefault(target[1], cell)
                continue
            amount = amount_at(line, cell, unit)
            if amount is not None:
                if target[1] not in slots:
                    slots[target[1]] = amount
                    has_value = has_value or amount.value is not None
                continue
        if not cell.text:
            continue
        text = plain(cell.text)
        if text.isdigit() and len(text) <= 3 and draft.line_no is None:
            draft.line_no = text
        elif not draft.name:
            draft.take_text(cell, codes=False)
    if not draft.name and not has_value:
        return None
    end = max(c.end for c in draft.cells) + 1
    amounts: dict[str, Amount] = {}
    for key in keys:
        slot = slots.get(key)
        if isinstance(slot, Cell):
            slot = amount_at(line, slot, unit)
        amounts[key] = slot or blank_amount(line.number, end, unit)
    row = draft.build(amounts, side=side)
    if row.kind is RowKind.HEADER:
        return None
    return row


def build_two_sided(
    grid: Sequence[GridLine], spec: TableSpec, unit: str | None, tabbed: bool
) -> list[Row]:
    """Income rows then spending rows, in printed order."""
    income_keys, spending_keys = spec.side_keys()
    columns, split, numbering_pos = _value_columns(grid, spec, tabbed)
    income: list[Row] = []
    spending: list[Row] = []
    for pos, line in enumerate(grid):
        if pos == numbering_pos or not line.filled() or is_header_line(line, columns):
            continue
        left = [c for c in line.cells if c.index < split]
        right = [c for c in line.cells if c.index >= split]
        row = _side_row(line, left, INCOME, income_keys, columns, unit)
        if row is not None:
            income.append(row)
        row = _side_row(line, right, SPENDING, spending_keys, columns, unit)
        if row is not None:
            spending.append(row)
    return income + spending
