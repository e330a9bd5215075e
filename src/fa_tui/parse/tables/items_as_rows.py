"""A one-row table printed turned: its items as rows, 预算数/决算数 as columns.

Some templates print the 三公 table as ``项目 | 预算数 | 决算数`` with one line per item
(``一、“三公”经费合计``, ``（一）因公出国（境）费``, ``1.公务用车购置费``, ``二、会议费`` …).
Each figure's meaning is its column's header and its line's item: ``预算数`` + ``公务接待费``
is the key ``预算数公务接待费`` of the table's declaration. The items are matched after their
ordinal and ``其中：`` are removed, with the item words the schema declares as the same
(``row_synonyms``: 公务用车费 is 公务用车购置及运行维护费小计). The figures whose item or column
is not one of the declaration's (a 团组数 line, a 执行数 column) are kept, on rows of their own
named by their line and keyed by their header, never dropped and never taken for money.
"""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.span import Span
from fa_tui.model.tables import Row
from fa_tui.parse.tables.grid import RowDraft, amount_at, blank_amount, is_number, plain
from fa_tui.parse.tables.headers import canonical
from fa_tui.parse.tables.layout import Cell, GridLine
from fa_tui.schema import TableSpec

_ORDINAL = pattern_cache.compile(
    r"^(?:其中[:：])?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]"
    r"|[0-9]+[、.．](?![0-9]))?(?:其中[:：])?"
)
_KINDS = ("预算数", "决算数")
_MIN_ITEMS = 2


def build_items_as_rows(
    grid: Sequence[GridLine], spec: TableSpec, unit: str | None, name: str
) -> list[Row] | None:
    """The table's row ``name`` (and rows for figures that are not its items), or ``None``
    when the table is not printed with its items as rows."""
    keys = {canonical(k, spec): k for k in (*spec.columns, *spec.extra_columns)}
    items = {canonical(k.removeprefix(kind), spec) for k in keys.values() for kind in _KINDS}
    synonyms = {canonical(a, spec): canonical(b, spec) for a, b in spec.row_synonyms}
    above: dict[int, str] = {}
    cells: dict[str, Amount] = {}
    placed: list[Cell] = []
    first: int | None = None
    last: GridLine | None = None
    others: list[Row] = []
    matched = 0
    for line in grid:
        filled = line.filled()
        figures = [c for c in filled if is_number(c.text)]
        texts = [c for c in filled if not is_number(c.text)]
        if not figures:
            for c in filled:
                above[c.index] = plain(c.text)
            continue
        if not texts or any(c.index > figures[0].index for c in texts):
            return None  # not a label then figures: another layout
        label = canonical(_ORDINAL.sub("", plain(texts[0].text)), spec)
        item = synonyms.get(label, label)
        rest: dict[str, Amount] = {}
        matched += item in items
        for cell in figures:
            amount = amount_at(line, cell, unit)
            if amount is None:
                continue
            header = above.get(cell.index, "")
            kind = next((k for k in _KINDS if k in header), None)
            key = keys.get(canonical(kind + item, spec)) if kind else None
            if key is not None and key not in cells:
                cells[key] = amount
                placed.append(cell)
                first = line.number if first is None else first
                last = line
            else:
                rest[header or f"列{cell.index + 1}"] = amount
        if rest:
            draft = RowDraft(line.number, list(filled))
            draft.take_text(texts[0], codes=False)
            others.append(draft.build(rest))
    if matched < _MIN_ITEMS or first is None or last is None:
        return None
    end = grid[-1]
    keys_printed = [*spec.columns, *(k for k in spec.extra_columns if k in cells)]
    row_cells = {
        k: cells.get(k) or blank_amount(end.number, len(end.raw.rstrip()) + 1, unit)
        for k in keys_printed
    }
    span = Span(line=first, column=1, end_line=last.number, end_column=len(last.raw) + 1)
    draft = RowDraft(first, placed)
    draft.name = name
    return [draft.build(row_cells, span=span), *others]
