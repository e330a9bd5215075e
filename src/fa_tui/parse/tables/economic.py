"""表六: economic-classification rows in side-by-side blocks, and the 人员经费/公用经费 footer.

Each block is 科目代码, 科目名称, 决算数. The line is read left to right: a code starts an item,
the next text is its name, a figure right after is its amount. The side comes from the code
(301 and 303 are 人员经费, the rest 公用经费), so the number and order of blocks do not matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.decimals import half_unit
from fa_tui.model.span import Span
from fa_tui.model.tables import Row, RowKind
from fa_tui.parse.tables.codes import CodeJoiner, find_code_columns
from fa_tui.parse.tables.grid import (
    RowDraft,
    amount_at,
    blank_amount,
    cell_span,
    is_number,
    plain,
    split_code,
)
from fa_tui.parse.tables.layout import Cell, GridLine
from fa_tui.schema import TableSpec

_ECONOMIC = pattern_cache.compile(r"^3\d{2}(?:\d{2})?$")


def economic_side(code: str, spec: TableSpec) -> tuple[int, str]:
    """The side of a 经济分类 code (its rank and name): the first whose classes it starts with,
    else the last side (公用经费 takes the rest)."""
    sides = spec.side_classes
    for rank, declared in enumerate(sides):
        if code.startswith(declared.classes):
            return rank, declared.side
    return len(sides) - 1, sides[-1].side


def footer_side(text: str, spec: TableSpec) -> str | None:
    """The side whose total (``人员经费合计``) the plain text ``text`` is, if any."""
    if not text.endswith("合计"):
        return None
    return next((s.side for s in spec.side_classes if text == f"{s.side}合计"), None)


def _is_code(cell: Cell) -> bool:
    return _is_economic_code(cell.text)


@lru_cache(maxsize=4096)
def _is_economic_code(text: str) -> bool:
    """Whether ``text`` starts with a 经济分类 code (301, 30101 …)."""
    found = split_code(text)
    return found is not None and bool(_ECONOMIC.match(found[0]))


def _amount_after(
    line: GridLine, cells: Sequence[Cell], pos: int, tabbed: bool, unit: str | None
) -> tuple[Amount, int]:
    """The amount in the slot after ``cells[pos]`` and the position after it."""
    nxt = pos + 1
    if tabbed:
        # The slot is the next field, even when empty.
        if nxt < len(cells) and (not cells[nxt].text or is_number(cells[nxt].text)):
            amount = amount_at(line, cells[nxt], unit)
            if amount is not None:
                return amount, nxt + 1
    else:
        while nxt < len(cells) and not cells[nxt].text:
            nxt += 1
        if nxt < len(cells) and is_number(cells[nxt].text) and not _is_code(cells[nxt]):
            amount = amount_at(line, cells[nxt], unit)
            if amount is not None:
                return amount, nxt + 1
    return blank_amount(line.number, cells[pos].end + 1, unit), pos + 1


def _footer_amount(
    line: GridLine, cells: Sequence[Cell], pos: int, unit: str | None, spec: TableSpec
) -> tuple[Amount, int]:
    """The first figure after a footer label (it may sit several columns further)."""
    for nxt in range(pos + 1, len(cells)):
        text = cells[nxt].text
        if not text:
            continue
        if footer_side(plain(text), spec) is not None or _is_code(cells[nxt]):
            break
        amount = amount_at(line, cells[nxt], unit)
        if amount is not None and amount.value is not None:
            return amount, nxt + 1
    return blank_amount(line.number, cells[pos].end + 1, unit), pos + 1


def _joined_code(line: GridLine, joiner: CodeJoiner) -> RowDraft | None:
    """A row started by the 经济分类 code printed over the code columns of ``joiner``."""
    joined = joiner.join(line)
    if joined.code is None or not _ECONOMIC.match(joined.code):
        return None
    draft = RowDraft(line.number, list(joined.cells))
    draft.code, draft.code_span = joined.code, joined.span
    return draft


def build_economic(
    grid: Sequence[GridLine], spec: TableSpec, unit: str | None, tabbed: bool
) -> list[Row]:
    """Item rows by side (in the spec's order of sides, printed order within), then the footer
    rows."""
    items: list[tuple[int, int, Row]] = []
    footers: list[Row] = []
    order = 0
    codes = find_code_columns(grid)
    joiners = {group[0]: CodeJoiner(group) for group in codes.groups}
    for line in grid:
        cells = list(line.cells) if tabbed else line.filled()
        pos = 0
        while pos < len(cells):
            cell = cells[pos]
            if not cell.text:  # an empty field of a tab line: neither label nor code
                pos += 1
                continue
            text = plain(cell.text)
            footer = footer_side(text, spec)
            if footer is not None:
                amount, after = _footer_amount(line, cells, pos, unit, spec)
                draft = RowDraft(line.number, [cell])
                draft.name = cell.text
                draft.name_span = cell_span(line.number, cell)
                footers.append(_row(draft, line, cell, amount, footer, spec))
                pos = after
                continue
            joiner = joiners.get(cell.index)
            item = _joined_code(line, joiner) if joiner is not None else None
            if item is not None and joiner is not None:
                while pos + 1 < len(cells) and cells[pos + 1].index in joiner.group:
                    pos += 1  # the group's other code cells (and its blank ones)
            elif _is_code(cell):
                item = RowDraft(line.number, [cell])
                item.take_text(cell)
            if item is not None:
                nxt = pos + 1
                if not item.name:
                    while nxt < len(cells) and not cells[nxt].text and not tabbed:
                        nxt += 1
                    if (
                        nxt < len(cells)
                        and cells[nxt].text
                        and not is_number(cells[nxt].text)
                        and not _is_code(cells[nxt])
                    ):
                        item.take_text(cells[nxt], codes=False)
                        item.cells.append(cells[nxt])
                        pos = nxt
                amount, after = _amount_after(line, cells, pos, tabbed, unit)
                rank, side = economic_side(item.code or "", spec)
                row = _row(item, line, item.cells[0], amount, side, spec, economic=True)
                items.append((rank, order, row))
                order += 1
                pos = after
                continue
            pos += 1
    # Block order: by side, then by the 3-digit prefix in order of first appearance.
    first_seen: dict[str, int] = {}
    for _, order_, row in items:
        first_seen.setdefault((row.code or "")[:3], order_)
    items.sort(key=lambda item: (item[0], first_seen[(item[2].code or "")[:3]], item[1]))
    return [row for _, _, row in items] + footers


def _row(
    draft: RowDraft,
    line: GridLine,
    first: Cell,
    amount: Amount,
    side: str,
    spec: TableSpec,
    economic: bool = False,
) -> Row:
    """The row of ``draft``, its span from its first cell to its amount (or name)."""
    end = draft.name_span.end_column if draft.name_span else first.end + 1
    if amount.value is not None or amount.text:
        end = max(end, amount.span.end_column)
    span = Span.at(line.number, first.start + 1, end)
    row = draft.build({spec.columns[0]: amount}, side=side, economic=economic, span=span)
    if footer_side(plain(row.name), spec) is not None:
        row.kind = RowKind.TOTAL
    return row


def economic_consistent(rows: Sequence[Row], spec: TableSpec) -> bool:
    """Whether rows read by position look placed right: every coded row named, each class (301)
    = Σ its printed 款 (30101 …) and each side's total (人员经费合计) = Σ its classes, within
    the rounding of the figures (a space-laid-out 表六 whose codes or figures the gutters put
    in the wrong columns breaks them)."""
    if any(r.code and not r.name.strip() for r in rows):
        return False
    classes = {r.code: r for r in rows if r.code and len(r.code) == 3}
    for code, parent in classes.items():
        children = [r for r in rows if r.code and len(r.code) == 5 and r.code[:3] == code]
        if children and not _adds_up(parent, children, spec):
            return False
    for row in rows:
        side = footer_side(plain(row.name), spec) if row.code is None else None
        if side is None:
            continue
        members = [r for r in classes.values() if economic_side(r.code or "", spec)[1] == side]
        if members and not _adds_up(row, members, spec):
            return False
    return True


def _adds_up(total: Row, parts: Sequence[Row], spec: TableSpec) -> bool:
    """``total`` = Σ ``parts`` in the table's one column, within rounding (blanks count 0)."""
    key = spec.columns[0]
    amounts = [total.cells.get(key), *(p.cells.get(key) for p in parts)]
    slack = sum((half_unit(a.decimals) for a in amounts if a is not None and a.value), Decimal(0))
    values = [a.value if a is not None and a.value is not None else Decimal(0) for a in amounts]
    return abs(values[0] - sum(values[1:], Decimal(0))) <= slack
