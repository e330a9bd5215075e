"""Tables of 科目代码 rows (``Layout.CODED``: 表二, 表三 …) and one-row tables (表九)."""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui.model.amount import Amount
from fa_tui.model.tables import Row, RowKind
from fa_tui.parse.tables.codes import CodeJoiner, find_code_columns
from fa_tui.parse.tables.columns import value_map
from fa_tui.parse.tables.grid import (
    RowDraft,
    amount_at,
    blank_amount,
    find_numbering,
    is_header_line,
    numbering_of,
    row_kind,
)
from fa_tui.parse.tables.headers import header_map
from fa_tui.parse.tables.items_as_rows import build_items_as_rows
from fa_tui.parse.tables.layout import GridLine
from fa_tui.schema import TableSpec

THREE_PUBLIC_ROW = "三公经费"


def _fill(
    amounts: dict[str, Amount], keys: Sequence[str], line: GridLine, unit: str | None
) -> dict[str, Amount]:
    """Every key of ``keys`` in order; a missing cell is blank (no value), placed at line end."""
    end = len(line.raw.rstrip()) + 1
    return {k: amounts.get(k) or blank_amount(line.number, end, unit) for k in keys}


def _read_values(
    line: GridLine,
    columns: dict[int, str],
    unit: str | None,
    draft: RowDraft | None,
    skip: frozenset[int] = frozenset(),
) -> dict[str, Amount]:
    """Figures of ``line`` by column; other text goes to ``draft`` (code, name). The columns
    ``skip`` (the code columns, already read) are neither."""
    amounts: dict[str, Amount] = {}
    for cell in line.cells:
        if cell.index in skip:
            continue
        key = columns.get(cell.index)
        if key is not None and (key not in amounts or amounts[key].value is None):
            amount = amount_at(line, cell, unit)
            if amount is not None:
                if key not in amounts or amount.value is not None:
                    amounts[key] = amount
                continue
        if cell.text and draft is not None and key is None:
            draft.take_text(cell)
        elif cell.text and draft is not None and not draft.name:
            draft.take_text(cell, codes=False)
    return amounts


def _read_code(line: GridLine, joiner: CodeJoiner, draft: RowDraft) -> None:
    """The row's code from its code columns; their other text (合计, a whole code) read as
    text; code parts that make no code kept before the name, as printed."""
    joined = joiner.join(line)
    if joined.code is not None:
        draft.code, draft.code_span = joined.code, joined.span
    for cell in joined.texts:
        draft.take_text(cell)
    if joined.orphans:
        draft.stray_codes = list(joined.orphans)


def build_coded(
    grid: Sequence[GridLine], spec: TableSpec, unit: str | None, tabbed: bool
) -> list[Row]:
    """Rows of a 科目代码 table: 合计, then 类/款/项 rows with their figures."""
    keys = spec.columns
    codes = find_code_columns(grid)
    columns = value_map(grid, keys, tabbed, codes=codes)
    joiner = CodeJoiner(codes.groups[0]) if codes.groups else None
    numbering = find_numbering(grid)
    skip = {numbering[0]} if numbering else set()
    rows: list[Row] = []
    for pos, line in enumerate(grid):
        if pos in skip or not line.filled() or is_header_line(line, columns):
            continue
        draft = RowDraft(line.number, list(line.filled()))  # the span covers these
        if joiner is not None:
            _read_code(line, joiner, draft)
        amounts = _read_values(line, columns, unit, draft, codes.indices)
        has_value = any(a.value is not None for a in amounts.values())
        # Without code or figure only a 合计 or a 类/款/项 placeholder is a row.
        if (
            draft.code is None
            and not has_value
            and (not draft.name or row_kind(draft.name) is RowKind.ITEM)
        ):
            continue
        rows.append(draft.build(_fill(amounts, keys, line, unit)))
    return rows


def build_single_row(
    grid: Sequence[GridLine], spec: TableSpec, unit: str | None, tabbed: bool
) -> list[Row]:
    """The figure row(s) under a multi-row header (表九: twelve columns each)."""
    numbering = find_numbering(grid)
    # The 栏次 row says which column is which; without one, the header's cells do (templates
    # that interleave 预算数 and 决算数 per item print no 栏次 row), else the position.
    from_header = None if numbering else header_map(grid, spec)
    if from_header is None and numbering is None:
        turned = build_items_as_rows(grid, spec, unit, THREE_PUBLIC_ROW)
        if turned is not None:
            return turned
    columns = from_header or value_map(grid, spec.columns, tabbed, first=0)
    extras = set(columns.values())
    keys = (*spec.columns, *(k for k in spec.extra_columns if k in extras))
    start = numbering[0] + 1 if numbering else 0
    rows: list[Row] = []
    for line in grid[start:]:
        if numbering_of(line) is not None:  # repeated after a page break
            continue
        amounts = _read_values(line, columns, unit, None)
        if not any(a.value is not None for a in amounts.values()):
            continue
        draft = RowDraft(line.number, [c for c in line.cells if c.index in columns])
        texts = [c for c in line.filled() if c.index not in columns]
        if texts:
            draft.take_text(texts[0], codes=False)
        else:
            draft.name = THREE_PUBLIC_ROW
        rows.append(draft.build(_fill(amounts, keys, line, unit)))
    return rows
