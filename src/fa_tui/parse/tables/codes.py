"""Code columns: a classification code printed over 类 / 款 / 项 columns, joined into one code.

A row's code may be printed in one cell (``2010601``, ``201 06 01``, ``201 06 01 行政运行``:
``grid.split_code`` reads those) or over two or three columns under 科目编码, headed 类 / 款
(/ 项): ``201 | 06 | 01 | 行政运行``, a 款 subtotal filling only 类 and 款 (``201 | 06 | |``), a
类 row only 类 (``201 | | |``). Such columns are found by their header cells (类 then 款 then 项,
side by side on one line), else by their shape (a column of 3-digit codes, then one or two
columns of 2-digit codes, then the name). Their cells are never figures: ``CodeJoiner`` makes
them the row's code (``2010601``), its span over the cells printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model.span import Span
from fa_tui.parse.tables.grid import PLACEHOLDERS, cells_span, is_number, plain
from fa_tui.parse.tables.layout import Cell, GridLine

_LEVEL_WORDS = ("类", "款", "项")
_CLASS = pattern_cache.compile(r"^\d{3}$")
_PART = pattern_cache.compile(r"^\d{2}$")
_MIN_CLASS_ROWS = 2  # a column of codes found by its shape holds at least this many


class CodeColumns(NamedTuple):
    """The code columns of a table: one group per code printed on a line (表六 prints two
    blocks side by side), each group its column indices from 类 to 项."""

    groups: tuple[tuple[int, ...], ...] = ()

    @property
    def indices(self) -> frozenset[int]:
        """Every code column's index."""
        return frozenset(i for group in self.groups for i in group)

    def first_value_index(self, default: int) -> int:
        """Where the figures of a tab-separated table start: after the first group's columns
        and the name column after them (``default`` without code columns)."""
        return self.groups[0][-1] + 2 if self.groups else default


class JoinedCode(NamedTuple):
    """What a row's code columns hold: the code, its span, and the other text in them."""

    code: str | None
    span: Span | None
    cells: tuple[Cell, ...]  # the code cells printed (for the row's span)
    texts: tuple[Cell, ...]  # other text in the code columns (a 合计 label, a whole code)
    orphans: tuple[Cell, ...]  # 款/项 parts printed without the parts above them


def find_code_columns(grid: Sequence[GridLine]) -> CodeColumns:
    """The 类/款/项 columns of ``grid``: by their header cells, else by their shape."""
    rows = [{c.index: plain(c.text) for c in line.filled()} for line in grid]
    groups = [g for g in _header_groups(grid, rows) if _holds_codes(rows, g)]
    if not groups:
        groups = _shape_groups(rows)
    return CodeColumns(tuple(groups))


def _header_groups(
    grid: Sequence[GridLine], rows: Sequence[dict[int, str]]
) -> list[tuple[int, ...]]:
    """Runs of 类, 款 (and 项) cells side by side on one line, each in a column of its own (the
    first line that has any)."""
    for line, row in zip(grid, rows, strict=True):
        if _LEVEL_WORDS[1] not in row.values():  # most lines: the cheap test first
            continue
        filled = line.filled()
        words = [plain(c.text) for c in filled]
        groups: list[tuple[int, ...]] = []
        pos = 0
        while pos < len(filled):
            run = 0
            while (
                pos + run < len(filled)
                and run < len(_LEVEL_WORDS)
                and words[pos + run] == _LEVEL_WORDS[run]
                and (run == 0 or filled[pos + run].index > filled[pos + run - 1].index)
            ):
                run += 1
            if run >= 2:
                groups.append(tuple(c.index for c in filled[pos : pos + run]))
                pos += run
            else:
                pos += 1
        if groups:
            return groups
    return []


def _holds_codes(rows: Sequence[dict[int, str]], group: tuple[int, ...]) -> bool:
    """Whether every number in ``group``'s columns is a code part (labels and blanks aside)."""
    return all(
        _only_codes(rows, column, _CLASS if rank == 0 else _PART, whole=rank == 0)
        for rank, column in enumerate(group)
    )


def _whole_code(text: str) -> bool:
    """A code printed whole in the 类 column (``2010601``)."""
    return text.isascii() and text.isdigit() and len(text) in (3, 5, 7)


def _shape_groups(rows: Sequence[dict[int, str]]) -> list[tuple[int, ...]]:
    """Groups found by shape: a column of 3-digit codes, then columns of 2-digit codes (each
    printed only beside the parts before it), then a name column (text, never a figure).

    ``rows`` are each line's plain cell texts by column."""
    # Only a column with a 3-digit code beside a 2-digit one can start a group (cheap first).
    starts = {
        i
        for row in rows
        for i, t in row.items()
        if len(t) == 3 and _CLASS.match(t) and _PART.match(row.get(i + 1, ""))
    }
    groups: list[tuple[int, ...]] = []
    for first in sorted(starts):
        if not any(first in g for g in groups):
            group = _shape_group(rows, first)
            if group is not None:
                groups.append(group)
    return groups


def _shape_group(rows: Sequence[dict[int, str]], first: int) -> tuple[int, ...] | None:
    """The group whose 类 column is ``first``, when the cells have its shape."""
    if not _only_codes(rows, first, _CLASS, whole=True):
        return None
    if sum(1 for row in rows if _CLASS.match(row.get(first, ""))) < _MIN_CLASS_ROWS:
        return None
    group = [first]
    for column in range(first + 1, first + len(_LEVEL_WORDS)):
        printed = [row for row in rows if _PART.match(row.get(column, ""))]
        beside = all(_is_part(row.get(c, ""), k) for row in printed for k, c in enumerate(group))
        if not printed or not beside or not _only_codes(rows, column, _PART, whole=False):
            break
        group.append(column)
    if len(group) < 2:
        return None
    names = [
        row.get(group[-1] + 1, "")
        for row in rows
        if any(_PART.match(row.get(c, "")) for c in group[1:])
    ]
    if not any(names) or any(is_number(t) for t in names if t):
        return None
    return tuple(group)


def _only_codes(
    rows: Sequence[dict[int, str]], column: int, shape: re.Pattern[str], *, whole: bool
) -> bool:
    """Whether every number in ``column`` has ``shape`` (or, with ``whole``, is a whole code)."""
    for row in rows:
        text = row.get(column, "")
        coded = shape.match(text) or (whole and _whole_code(text))
        if text and not coded and is_number(text):
            return False
    return True


def _is_part(text: str, rank: int) -> bool:
    """Whether ``text`` is a code part of ``rank`` (0: 类, 3 digits; 款 and 项, 2 digits)."""
    return bool((_CLASS if rank == 0 else _PART).match(text))


class CodeJoiner:
    """Turns the cells of a row's code columns into one code (``201 | 06 | 01`` → 2010601)."""

    def __init__(self, group: tuple[int, ...]) -> None:
        self.group = group

    def join(self, line: GridLine) -> JoinedCode:
        """The code of ``line``: 类 (3 digits), then each 款/项 (2 digits) printed after it.

        Parts that do not make a code (a 项 under an empty 款, a 款 without its 类) are no code:
        they are returned among ``orphans``, for the caller to keep as printed. Text that is no
        code part (a 合计 label, a whole code ``2010601``) is returned among ``texts``; the
        类/款/项 placeholders of a header are dropped.
        """
        rank_of = {index: rank for rank, index in enumerate(self.group)}
        slots: dict[int, Cell] = {}
        texts: list[Cell] = []
        for cell in line.filled():
            rank = rank_of.get(cell.index)
            if rank is None or plain(cell.text) in PLACEHOLDERS:
                continue
            if rank in slots or not _is_part(plain(cell.text), rank):
                texts.append(cell)
            else:
                slots[rank] = cell
        parts: list[Cell] = []
        orphans: list[Cell] = []
        for rank in sorted(slots):  # a part joins the code when every part above it is printed
            (parts if rank == len(parts) and not orphans else orphans).append(slots[rank])
        if orphans:
            return JoinedCode(None, None, (), tuple(texts), tuple(parts + orphans))
        if not parts:
            return JoinedCode(None, None, (), tuple(texts), ())
        code = "".join(plain(c.text) for c in parts)
        return JoinedCode(code, cells_span(line.number, parts), tuple(parts), tuple(texts), ())
