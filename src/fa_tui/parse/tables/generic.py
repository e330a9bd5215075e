"""Other tables (绩效自评表 …): rows of cells keyed by the header text above each figure.

A figure printed right after a score label on its own line (``自评得分(满分100分) 95.28``,
``预算执行(10分) 5.28``) is keyed by that label, not by the header of an earlier block above
it: the label says what the figure is.

A table printed in sides (收入 ‖ 支出 on one line) has a row per side and line (``Row.side``);

A code printed over 类/款/项 columns is the row's code, never a figure (``codes``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from itertools import pairwise

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.tables import Row
from fa_tui.parse.tables.codes import CodeJoiner, find_code_columns
from fa_tui.parse.tables.grid import RowDraft, amount_at, is_number, plain
from fa_tui.parse.tables.layout import Cell, GridLine

_ITEM_LABEL = pattern_cache.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、](?![0-9]))"
    r"|(?:合计|总计|小计)$"
)
_SIDE_TOTAL = pattern_cache.compile(r"^([^0-9、.．]{1,8}?)(?:总计|合计)$")
_GENERIC_LABELS = frozenset({"项目", "科目", "名称", "科目名称", "项目名称"})
_POSITIONS = ("左栏", "右栏")
_NO_END = 1 << 30
# A label naming a score and its full marks: ``自评得分(满分100分)``, ``预算执行（10分）``.
_SCORE_LABEL = pattern_cache.compile(r"[(（]\s*(?:满分)?\s*[0-9]+(?:\.[0-9]+)?\s*分\s*[)）]$")


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


def _score_label_left(line: GridLine, index: int) -> str | None:
    """The score label just left of column ``index`` on the same line, if the nearest text
    there is one (the row's own name included)."""
    left = [c for c in line.filled() if c.index < index]
    if left and not is_number(left[-1].text):
        text = plain(left[-1].text)
        if _SCORE_LABEL.search(text):
            return text
    return None


def _side_starts(grid: Sequence[GridLine], skip: Container[int]) -> list[int]:
    """The label columns of the sides after the first (本年收入 ‖ 本年支出 printed on one line):
    a column holding, on two lines or more, an item label (``一、…``, ``1. …``, ``…合计``) with
    figures both left and right of it. Other texts between figures (``达成预期指标`` in a
    绩效 table) are cells, not labels."""
    counts: Counter[int] = Counter()
    for line in grid:
        cells = [c for c in line.filled() if c.index not in skip]
        numeric = [is_number(c.text) for c in cells]
        for i, cell in enumerate(cells):
            if (
                not numeric[i]
                and _ITEM_LABEL.search(plain(cell.text))
                and any(numeric[:i])
                and any(numeric[i + 1 :])
            ):
                counts[cell.index] += 1
    return sorted(index for index, n in counts.items() if n >= 2)


def _side_name(headers: dict[int, list[str]], start: int, end: int, position: int) -> str:
    """A side's name: the first header text over its label column that is not a generic word
    (项目), else its position (左栏, 右栏 …)."""
    first = min((i for i in headers if start <= i < end), default=start)
    for text in headers.get(first, []):
        if text not in _GENERIC_LABELS:
            return text
    return _POSITIONS[position] if position < len(_POSITIONS) else f"第{position + 1}栏"


def build_generic(grid: Sequence[GridLine], unit: str | None) -> tuple[list[str], list[Row]]:
    """Column keys (header text, ``列N`` when there is none) and the rows that hold figures.

    A table printed in sides (收入 items and figures, then 支出 items and figures, on one line)
    gives one row per side and line, each with its side's name.
    """
    columns: list[str] = []
    above: dict[int, str] = {}  # column index -> text of the nearest header line above
    headers: dict[int, list[str]] = {}  # column index -> header texts, top to bottom
    codes = find_code_columns(grid)
    joiner = CodeJoiner(codes.groups[0]) if codes.groups else None
    starts = _side_starts(grid, codes.indices)
    bounds = list(pairwise([0, *starts, _NO_END]))
    by_side: list[list[Row]] = [[] for _ in bounds]
    sides: list[str | None] = [None]
    for line in grid:
        filled = line.filled()
        if not any(is_number(c.text) for c in filled if c.index not in codes.indices):
            _note_header(line, above)
            for cell in filled:
                if plain(cell.text):
                    headers.setdefault(cell.index, []).append(plain(cell.text))
            continue
        if starts and sides == [None]:
            sides = [_side_name(headers, a, b, k) for k, (a, b) in enumerate(bounds)]
        for k, (start, end) in enumerate(bounds):
            part = [c for c in filled if start <= c.index < end]
            row = _row(line, part, above, unit, joiner if k == 0 else None, codes.indices)
            if row is not None:
                row.side = sides[k] if starts else None
                by_side[k].append(row)
                columns.extend(key for key in row.cells if key not in columns)
    for k, rows in enumerate(by_side):
        if starts and sides[k] in _POSITIONS:
            _name_by_total(rows)
    return columns, [row for rows in by_side for row in rows]


def _name_by_total(rows: Sequence[Row]) -> None:
    """Name a side without a header by its total (收入总计 → 收入)."""
    found = next((m for r in rows if (m := _SIDE_TOTAL.match(plain(r.name)))), None)
    if found is not None:
        for row in rows:
            row.side = found.group(1)


def _row(
    line: GridLine,
    filled: Sequence[Cell],
    above: dict[int, str],
    unit: str | None,
    joiner: CodeJoiner | None,
    skip: Container[int],
) -> Row | None:
    """The row of the cells ``filled`` of ``line`` (one side of it), if they hold figures."""
    figures: list[Cell] = []
    texts: list[Cell] = []
    for c in filled:
        if c.index not in skip:
            (figures if is_number(c.text) else texts).append(c)
    if not figures:
        return None
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
            _score_label_left(line, cell.index)
            or above.get(cell.index)
            or _label_left(line, cell.index, draft.name)
            or f"列{cell.index + 1}"
        )
        if key in cells:
            key = f"{key}#{cell.index + 1}"
        cells[key] = amount
    return draft.build(cells) if cells else None
