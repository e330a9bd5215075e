"""Column meanings read from a multi-row header whose cells span the columns after them.

A merged header cell is printed once, in its first column; the columns after it, up to the
next cell printed on the same header row, fall under it. Each figure column's meaning is the
header texts above it, top to bottom: 预算数 / 公务用车购置及运行维护费 / 公务用车购置费,
or the same with 预算数 on the last row (templates that interleave 预算数 and
决算数 per item print it so). The meaning is matched against the table's column keys
(预算数公务用车购置费), with the header words the schema declares as the same (运行费
for 运行维护费). When any figure column's meaning is not exactly one key, nothing is
returned: a wrong guess is worse than the caller's fallback.
"""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui.parse.tables.grid import is_number, plain
from fa_tui.parse.tables.layout import GridLine
from fa_tui.schema import TableSpec

_PARENS = str.maketrans({"(": "（", ")": "）", "“": None, "”": None, '"': None})


def header_map(grid: Sequence[GridLine], spec: TableSpec) -> dict[int, str] | None:
    """``{column index: key}`` for every figure column, read from the header, or ``None``."""
    first = next(
        (i for i, line in enumerate(grid) if any(is_number(c.text) for c in line.filled())), None
    )
    if not first:
        return None
    figures = sorted({c.index for line in grid[first:] for c in line.filled() if is_number(c.text)})
    keys = {canonical(key, spec): key for key in (*spec.columns, *spec.extra_columns)}
    texts = _header_texts(grid[:first], figures)
    mapping: dict[int, str] = {}
    for column in figures:
        found = {keys[c] for c in _candidates(texts[column], spec) if c in keys}
        if len(found) != 1:
            return None
        mapping[column] = found.pop()
    if len(set(mapping.values())) != len(mapping):
        return None
    return mapping


def _header_texts(header: Sequence[GridLine], figures: Sequence[int]) -> dict[int, list[str]]:
    """The header texts each figure column falls under, top to bottom.

    A cell covers its own column and the ones after it up to the next cell of its row, never
    beyond the cell above it; a cell covering every figure column (the table's name) says
    nothing about any of them.
    """
    out: dict[int, list[str]] = {f: [] for f in figures}
    last = max(figures) + 1
    bound: dict[int, int] = {}  # column → end of the deepest cell covering it so far
    for line in header:
        filled = [c for c in line.filled() if plain(c.text)]
        for i, cell in enumerate(filled):
            end = filled[i + 1].index if i + 1 < len(filled) else last
            end = min(end, bound.get(cell.index, last))
            covered = [f for f in figures if cell.index <= f < end]
            if covered and len(covered) < len(figures):
                for column in covered:
                    out[column].append(plain(cell.text))
            for column in range(cell.index, end):
                bound[column] = end
    return out


def _candidates(parts: Sequence[str], spec: TableSpec) -> set[str]:
    """The keys a column's header texts may spell: any one text first (the 预算数/决算数 word
    may be on the top or the bottom row), then the others from any one down to the deepest
    (a group's name such as ``“三公”经费`` over its items may be left out)."""
    out: set[str] = set()
    for k, lead in enumerate(parts):
        rest = [p for i, p in enumerate(parts) if i != k]
        out.add(canonical(lead + "".join(rest), spec))
        for start in range(len(rest)):
            out.add(canonical(lead + "".join(rest[start:]), spec))
    return out


def canonical(text: str, spec: TableSpec) -> str:
    """``text`` without quotes, with full-width parentheses and the declared header synonyms
    made one."""
    text = plain(text).translate(_PARENS)
    for word, same in spec.header_synonyms:
        text = text.replace(word, same)
    return text
