"""Place a row's figures in its columns by the table's identities, when positions say nothing.

Text without ruling (a PDF's text layer) drops empty cells: a row's k figures, in printed
order, may stand in any k of the table's n value columns. ``candidates`` lists the
order-preserving placements the row identities (``ColumnSum``: total = Σ parts) allow;
``prune_hierarchy`` removes those that no combination of the related rows accepts (parent =
Σ children in every column: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项), until nothing changes.

Differences are allowed within the rounding the printed precision explains, as the rules do
(``rules.tolerance``: half a unit in the last place of every non-zero figure involved). Values
are compared as integers in the table's smallest unit, which keeps the search fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from fa_tui.model.amount import Amount
from fa_tui.schema import ColumnSum

Placement = tuple[int, ...]  # the column index of each figure, increasing

_MAX_SUMS = 4000  # distinct child sums kept per hierarchy group; beyond, the group is not used
_MAX_PAIRS = 300_000  # comparisons per hierarchy group member
_MAX_ROUNDS = 8


def scale_of(amounts: Sequence[Amount]) -> int:
    """The decimals of the most precise figure (values become integers in that unit)."""
    return max((a.decimals for a in amounts if a.value is not None), default=0)


def _units(amount: Amount, scale: int) -> int:
    """``amount`` in units of 10⁻``scale`` (0 for a blank)."""
    if amount.value is None:
        return 0
    return int(amount.value.scaleb(scale).to_integral_value())


def _rounding(amount: Amount, scale: int) -> int:
    """Twice the rounding a printed figure carries, in units of 10⁻``scale`` / 2 (0 for blanks
    and printed zeros), so that tolerances stay integers."""
    if amount.value is None or amount.value == 0:
        return 0
    return int(10 ** (scale - amount.decimals))


class Figures:
    """A row's figures (printed order) as integers, with what rounding each carries."""

    __slots__ = ("amounts", "rounding", "units")

    def __init__(self, amounts: Sequence[Amount], scale: int) -> None:
        self.amounts = list(amounts)
        self.units = [_units(a, scale) for a in amounts]
        self.rounding = [_rounding(a, scale) for a in amounts]

    def vector(self, placement: Placement, width: int) -> tuple[int, ...]:
        """The row's value in each of ``width`` columns under ``placement`` (blank: 0)."""
        out = [0] * width
        for figure, column in enumerate(placement):
            out[column] = self.units[figure]
        return tuple(out)


def _row_fits(
    figures: Figures, placement: Placement, keys: Sequence[str], sums: Sequence[ColumnSum]
) -> bool:
    """Whether ``placement`` keeps every row identity: a total is printed where its parts
    hold figures, and equals their sum within rounding."""
    where = {keys[column]: figure for figure, column in enumerate(placement)}
    for identity in sums:
        total = where.get(identity.total)
        parts = [where[p] for p in identity.parts if p in where]
        if total is None or figures.amounts[total].value is None:
            if any(figures.units[p] for p in parts):
                return False
            continue
        expected = sum(figures.units[p] for p in parts)
        slack = figures.rounding[total] + sum(figures.rounding[p] for p in parts)
        if 2 * abs(figures.units[total] - expected) > slack:
            return False
    return True


def candidates(figures: Figures, keys: Sequence[str], sums: Sequence[ColumnSum]) -> list[Placement]:
    """Every order-preserving placement of ``figures`` in the columns ``keys`` that the row
    identities ``sums`` allow (all of them when the table declares none)."""
    count = len(figures.units)
    if count > len(keys):
        return []
    return [
        placement
        for placement in combinations(range(len(keys)), count)
        if _row_fits(figures, placement, keys, sums)
    ]


class Group:
    """A parent row and its child rows (indices into the table's rows): parent = Σ children."""

    __slots__ = ("children", "parent")

    def __init__(self, parent: int, children: Sequence[int]) -> None:
        self.parent = parent
        self.children = list(children)


def prune_hierarchy(
    figures: Sequence[Figures],
    options: list[list[Placement]],
    groups: Sequence[Group],
    width: int,
    scale: int,
) -> None:
    """Drop, in place, the placements of ``options`` that no placement of the other rows of
    some group accepts, until nothing changes (a group too large to search is left alone)."""
    for _ in range(_MAX_ROUNDS):
        changed = False
        for group in groups:
            members = [group.parent, *group.children]
            if any(not options[m] for m in members):
                continue
            changed |= _prune_group(figures, options, group, width, scale)
        if not changed:
            return


def _slack(figures: Sequence[Figures], members: Sequence[int]) -> int:
    """Twice the rounding the group's figures may carry in one column (the largest)."""
    return sum(max(figures[m].rounding, default=0) for m in members)


def _vectors(
    figures: Figures, placements: Sequence[Placement], width: int
) -> list[tuple[int, ...]]:
    return [figures.vector(p, width) for p in placements]


def _sum_set(
    vectors: Sequence[Sequence[tuple[int, ...]]], width: int
) -> set[tuple[int, ...]] | None:
    """Every sum of one vector from each list (``None`` when there are too many)."""
    sums: set[tuple[int, ...]] = {(0,) * width}
    for options in vectors:
        sums = {tuple(a + b for a, b in zip(s, v, strict=True)) for s in sums for v in options}
        if len(sums) > _MAX_SUMS:
            return None
    return sums


def _close(a: tuple[int, ...], b: tuple[int, ...], slack: int) -> bool:
    return all(2 * abs(x - y) <= slack for x, y in zip(a, b, strict=True))


def _prune_group(
    figures: Sequence[Figures],
    options: list[list[Placement]],
    group: Group,
    width: int,
    scale: int,
) -> bool:
    """Keep the placements of the group's rows that some combination of the others accepts."""
    del scale  # the vectors are already in the table's unit
    members = [group.parent, *group.children]
    slack = _slack(figures, members)
    vectors = {m: _vectors(figures[m], options[m], width) for m in members}
    changed = False
    every = _sum_set([vectors[c] for c in group.children], width)
    if every is None:
        return False
    parent_vectors = vectors[group.parent]
    if len(parent_vectors) * len(every) <= _MAX_PAIRS:
        kept = [
            p
            for p, v in zip(options[group.parent], parent_vectors, strict=True)
            if any(_close(v, s, slack) for s in every)
        ]
        if len(kept) != len(options[group.parent]):
            options[group.parent][:] = kept
            parent_vectors = _vectors(figures[group.parent], kept, width)
            changed = True
    for child in group.children:
        if len(options[child]) < 2:
            continue
        others = _sum_set([vectors[c] for c in group.children if c != child], width)
        if others is None:
            continue
        if len(others) * len(vectors[child]) * len(parent_vectors) > _MAX_PAIRS:
            continue
        kept = []
        for placement, v in zip(options[child], vectors[child], strict=True):
            totals = {tuple(a + b for a, b in zip(s, v, strict=True)) for s in others}
            if any(_close(p, t, slack) for p in parent_vectors for t in totals):
                kept.append(placement)
        if len(kept) != len(options[child]):
            options[child][:] = kept
            vectors[child] = _vectors(figures[child], kept, width)
            changed = True
    return changed


def agreed(placements: Sequence[Placement]) -> dict[int, int]:
    """``{figure: column}`` for the figures every placement puts in the same column."""
    if not placements:
        return {}
    first = placements[0]
    return {
        figure: column
        for figure, column in enumerate(first)
        if all(p[figure] == column for p in placements[1:])
    }


def rows_consistent(
    rows: Sequence[Sequence[Amount | None]],
    keys: Sequence[str],
    sums: Sequence[ColumnSum],
    groups: Sequence[Group],
) -> bool:
    """Whether rows read with their columns (``rows[i][c]``: the figure of row ``i`` in column
    ``c``) keep every row identity and, for each group, parent = Σ children in every column."""
    width = len(keys)
    amounts = [a for row in rows for a in row if a is not None]
    scale = scale_of(amounts)
    figures: list[Figures] = []
    placements: list[Placement] = []
    for row in rows:
        columns = [c for c in range(width) if row[c] is not None]
        found = Figures([a for a in row if a is not None], scale)
        placement = tuple(columns)
        if not _row_fits(found, placement, keys, sums):
            return False
        figures.append(found)
        placements.append(placement)
    for group in groups:
        members = [group.parent, *group.children]
        slack = _slack(figures, members)
        parent = figures[group.parent].vector(placements[group.parent], width)
        total = [0] * width
        for child in group.children:
            for c, v in enumerate(figures[child].vector(placements[child], width)):
                total[c] += v
        if not _close(parent, tuple(total), slack):
            return False
    return True
