"""Search in a table's cells: a figure by value whatever its printing, other text as shown."""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui.model import Table
from fa_tui.tui.figure_search import cell_matches
from fa_tui.tui.widgets.table_view import CODE_KEY, NAME_KEY, SIDE_KEY, SIDE_NAMES, amount_text


def table_matches(table: Table, columns: Sequence[str], query: str) -> list[tuple[int, int]]:
    """The cells of ``table`` found by ``query``: (row, column index into ``columns``), row by
    row, left to right."""
    out: list[tuple[int, int]] = []
    for i, row in enumerate(table.rows):
        for n, key in enumerate(columns):
            if key == SIDE_KEY:
                found = cell_matches(query, SIDE_NAMES.get(row.side or "", ""))
            elif key == CODE_KEY:
                found = cell_matches(query, row.code or "")
            elif key == NAME_KEY:
                found = cell_matches(query, row.name.strip())
            else:
                amount = row.cells.get(key)
                if amount is None:
                    continue
                found = cell_matches(query, amount_text(amount), amount.value)
            if found:
                out.append((i, n))
    return out
