"""Which grid column holds which figure: by the 栏次 row, by header names, or by position."""

from __future__ import annotations

from collections.abc import Container, Sequence

from fa_tui.parse.tables.codes import CodeColumns
from fa_tui.parse.tables.grid import find_numbering, is_number, plain, split_code
from fa_tui.parse.tables.layout import GridLine

_FIRST_VALUE_INDEX = 2  # 科目代码, 科目名称, then the figures
_NO_CODES = CodeColumns()


def numeric_columns(grid: Sequence[GridLine], codes: Container[int] = ()) -> list[int]:
    """Column indices holding figures (a line's first cell, the code or name, and the code
    columns ``codes`` excluded)."""
    found: set[int] = set()
    for line in grid:
        filled = line.filled()
        for cell in filled[1:]:
            if cell.index in codes:
                continue
            if is_number(cell.text) and (split_code(cell.text) is None or "." in cell.text):
                found.add(cell.index)
    return sorted(found)


def _header_map(grid: Sequence[GridLine], keys: Sequence[str], stop: int) -> dict[int, str]:
    """Map columns to keys by the header words above line position ``stop``."""
    mapping: dict[int, str] = {}
    for line in grid[:stop]:
        for cell in line.filled():
            text = plain(cell.text)
            if not text or is_number(cell.text):
                continue
            exact = [k for k in keys if k == text]
            ends = [k for k in keys if k.endswith(text) and len(text) >= 2]
            choice = exact or (ends if len(ends) == 1 else [])
            if choice and choice[0] not in mapping.values():
                mapping[cell.index] = choice[0]
    return mapping


def _first_data(grid: Sequence[GridLine]) -> int:
    """Position of the first line holding a figure."""
    for pos, line in enumerate(grid):
        if any(is_number(c.text) and "." in c.text for c in line.filled()):
            return pos
    return len(grid)


def value_map(
    grid: Sequence[GridLine],
    keys: Sequence[str],
    tabbed: bool,
    first: int = _FIRST_VALUE_INDEX,
    codes: CodeColumns = _NO_CODES,
) -> dict[int, str]:
    """``{column index: key}`` for a one-sided table with value columns ``keys``.

    ``first`` is the index of the first value column of a tab-separated table without a 栏次
    row or recognisable headers, unless the 类/款/项 code columns ``codes`` (never figures) say
    where the figures start.
    """
    numbering = find_numbering(grid)
    if numbering is not None:
        _, numbers, _ = numbering
        mapped = {i: keys[k - 1] for i, k in numbers.items() if 1 <= k <= len(keys)}
        if mapped:
            return mapped
    figures = numeric_columns(grid, codes.indices)
    header = _header_map(grid, keys, _first_data(grid))
    if header and all(i in header for i in figures):
        return header
    if tabbed:
        start = codes.first_value_index(first)
        return {start + i: key for i, key in enumerate(keys)}
    return dict(zip(figures, keys, strict=False))
