"""Coded tables (表二, 表三, 表五 …) read from a text layer whose cells no position places.

``pdftotext -raw`` and a viewer's copy of a PDF separate cells by one blank and leave empty
cells out; a long name wraps onto the next lines, and a row's figures may follow on lines of
their own. ``is_unruled`` tells such a block from a tab-separated or space-laid-out one.

Rows start at a classification code (``201 06 01``, ``2010601``) or a 合计/总计 label. A line
of text continues the name of the row before it; a line of figures alone belongs to the row
before it or the one after it: of the ways to share such lines between two rows, the ones
that leave both rows a placement the row identities allow are kept, over the whole run of
rows they link (a wrong figure somewhere leaves none: those rows stay undetermined). Each
row's figures are then placed in its columns by ``placement`` (row identities, then the
hierarchy). A row with one placement left is placed, its empty columns blank; otherwise it is
undetermined (``Row.undetermined``, 未能确定栏目): the figures every placement puts in one
column are in ``cells``, the others in ``Row.unplaced``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from fa_tui.model.amount import Amount
from fa_tui.model.span import Span
from fa_tui.model.tables import Row, RowKind
from fa_tui.parse.numbers import parse_cell, parse_number
from fa_tui.parse.tables.grid import (
    PLACEHOLDERS,
    RowDraft,
    blank_amount,
    numbering_of,
    plain,
    row_kind,
)
from fa_tui.parse.tables.layout import Cell, grid_line
from fa_tui.parse.tables.placement import (
    Figures,
    Group,
    Placement,
    agreed,
    candidates,
    prune_hierarchy,
    rows_consistent,
    scale_of,
)
from fa_tui.schema import TableSpec

_CLASS = re.compile(r"^\d{3}$")
_PART = re.compile(r"^\d{2}$")
_WHOLE = re.compile(r"^\d{3}(?:\d{2}){1,2}$")
_MIN_UNRULED_LINES = 2


class Piece(NamedTuple):
    """A run of text between blanks: its text and 0-based extent in the line."""

    text: str
    start: int
    end: int


@cache
def _piece() -> re.Pattern[str]:
    return re.compile(r"[^ \t\u3000\xa0\f]+")


def pieces(line: str) -> list[Piece]:
    """The runs of text of ``line`` (any blank separates them)."""
    return [Piece(m.group(0), m.start(), m.end()) for m in _piece().finditer(line)]


def is_figure(text: str) -> bool:
    """A figure, not a code part: a number with a decimal point or thousands separator."""
    return parse_number(text) is not None and ("." in text or "," in text)


def is_unruled(lines: Sequence[str]) -> bool:
    """Whether table lines are cells separated by single blanks (no tab, no run of blanks
    inside a line) with rows of figures after their text."""
    rows = 0
    for line in lines:
        body = line.strip(" \t\u3000\xa0\f")
        if "\t" in line or "  " in body:
            return False
        found = pieces(body)
        if len(found) >= 2 and not is_figure(found[0].text) and is_figure(found[-1].text):
            rows += 1
    return rows >= _MIN_UNRULED_LINES


class _Line(NamedTuple):
    number: int
    raw: str
    pieces: list[Piece]


class _Draft:
    """A row being read: where it starts, its code and name pieces, its own figures."""

    __slots__ = ("code", "code_pieces", "figures", "line", "name_pieces")

    def __init__(self, line: _Line) -> None:
        self.line = line
        self.code: str | None = None
        self.code_pieces: list[Piece] = []
        self.name_pieces: list[tuple[int, Piece]] = []
        self.figures: list[Amount] = []


def _start(line: _Line) -> tuple[str | None, int] | None:
    """``(code, pieces used)`` when ``line`` starts a row (a code, or a total label)."""
    found = line.pieces
    if not found:
        return None
    first = found[0].text
    if _CLASS.match(first):
        used = 1
        while used < len(found) and used < 3 and _PART.match(found[used].text):
            used += 1
        after = found[used].text if used < len(found) else None
        if after is None or not is_figure(after) or used > 1:
            return "".join(p.text for p in found[:used]), used
        return None
    if _WHOLE.match(first):
        return first, 1
    # 合计 with figures, or alone (its figures on lines of their own); 合计 followed by other
    # words is a header (合计 基本支出 项目支出).
    total = not is_figure(first) and row_kind(first) is RowKind.TOTAL
    if total and (len(found) == 1 or is_figure(found[1].text)):
        return None, 0
    return None


def _is_header(line: _Line) -> bool:
    """A 类/款/项 placeholder line or a 栏次 row."""
    texts = [plain(p.text) for p in line.pieces]
    if texts and all(t in PLACEHOLDERS for t in texts):
        return True
    cells = [Cell(p.text, p.start, p.end, i) for i, p in enumerate(line.pieces)]
    return numbering_of(grid_line(line.number, line.raw, cells)) is not None


def _amount(line: _Line, piece: Piece, unit: str | None) -> Amount | None:
    return parse_cell(piece.text, line.number, piece.start + 1, unit=unit)


class _Read(NamedTuple):
    drafts: list[_Draft]
    gaps: list[list[list[Amount]]]  # gaps[i]: the lines of figures alone just before drafts[i]
    trailing: list[list[Amount]]  # lines of figures alone after the last row
    stray: list[Amount]  # figures on lines of text that continue no row


def _read(lines: Sequence[tuple[int, str]], unit: str | None, by_column: bool) -> _Read:
    """The rows of the block, and the lines of figures alone between them."""
    body = [_Line(n, raw, pieces(raw)) for n, raw in lines]
    body = [line for line in body if line.pieces and not _is_header(line)]
    drafts: list[_Draft] = []
    gaps: list[list[list[Amount]]] = []
    pending: list[list[Amount]] = []
    stray: list[Amount] = []
    naming = False  # the row's name may go on over the next line
    for pos, line in enumerate(body):
        number = line.number
        started = _start(line)
        rest = line.pieces
        if started is not None:
            draft = _Draft(line)
            draft.code, used = started
            draft.code_pieces = rest[:used]
            rest = rest[used:]
            drafts.append(draft)
            gaps.append(pending)
            pending = []
        figures = [a for p in rest if is_figure(p.text) and (a := _amount(line, p, unit))]
        texts = [p for p in rest if not is_figure(p.text)]
        if started is None and not texts:
            if figures:
                pending.append(figures)
            naming = False
            continue
        if started is None:
            last = drafts[-1] if drafts else None
            joins = (
                last is not None
                and not pending
                and (
                    naming
                    or (not last.name_pieces and last.code is not None)
                    or (by_column and _wraps_below(last, line, body[pos + 1 : pos + 2]))
                )
            )
            if last is None or not joins:
                stray.extend(figures)  # a header's or running text's figures: reported
                naming = False
                continue
        draft = drafts[-1]
        draft.name_pieces.extend((number, p) for p in texts)
        draft.figures.extend(figures)
        naming = bool(texts or started is not None) and not figures
    return _Read(drafts, gaps, pending, stray)


def _wraps_below(draft: _Draft, line: _Line, after: Sequence[_Line]) -> bool:
    """In text laid out by position: a line of text alone, starting where the row's name
    starts, right under it, and not followed by another such line (a name centred over three
    lines prints its first part above the code: that one would be the next row's)."""
    if not draft.name_pieces or any(is_figure(p.text) for p in line.pieces):
        return False
    start = draft.name_pieces[0][1].start
    aligned = abs(line.pieces[0].start - start) <= 1
    nxt = after[0] if after else None
    stacked = (
        nxt is not None
        and _start(nxt) is None
        and not any(is_figure(p.text) for p in nxt.pieces)
        and abs(nxt.pieces[0].start - start) <= 1
    )
    return aligned and not stacked


def _name(draft: _Draft) -> tuple[str, Span | None]:
    """The row's name, wrapped lines joined (a blank kept between Latin pieces only)."""
    if not draft.name_pieces:
        return "", None
    text = ""
    for _, piece in draft.name_pieces:
        joint = " " if text and text[-1].isascii() and piece.text[0].isascii() else ""
        text += joint + piece.text
    (first_line, first), (last_line, last) = draft.name_pieces[0], draft.name_pieces[-1]
    span = Span(
        line=first_line, column=first.start + 1, end_line=last_line, end_column=last.end + 1
    )
    return text, span


def _code_span(draft: _Draft) -> Span | None:
    if not draft.code_pieces:
        return None
    return Span.at(draft.line.number, draft.code_pieces[0].start + 1, draft.code_pieces[-1].end + 1)


class _Chains:
    """The sharing of each gap's figure lines between the rows on either side: ``split[i]``
    is how many of the lines before row ``i`` go to row ``i - 1`` (``None``: undecided)."""

    def __init__(self, read: _Read, fits: _Fits, by_column: bool) -> None:
        self.read = read
        self.fits = fits
        self.by_column = by_column
        count = len(read.drafts)
        # Lines before the first row belong to it; lines after the last, to the last.
        self.split: list[int | None] = [0] * count
        viable = self._viable() if count else []
        for i in range(1, count):
            options = viable[i]
            self.split[i] = options[0] if len(options) == 1 else None

    def figures(self, i: int, before: int, after: int) -> list[Amount]:
        """Row ``i``'s figures when it takes the lines of its gap from ``before`` on and the
        first ``after`` lines of the next gap."""
        read = self.read
        gap = read.gaps[i]
        out = [a for group in gap[before:] for a in group]
        out.extend(read.drafts[i].figures)
        if i + 1 < len(read.drafts):
            out.extend(a for group in read.gaps[i + 1][:after] for a in group)
        else:
            out.extend(a for group in read.trailing for a in group)
        if self.by_column:  # laid out by position: a row's lines share its columns' places
            out.sort(key=lambda a: a.span.column)
        return out

    def _viable(self) -> list[list[int]]:
        """The splits of each gap that some sharing of every gap keeps all rows placeable."""
        gaps, count = self.read.gaps, len(self.read.drafts)
        sizes = [0] + [len(gaps[i]) for i in range(1, count)] + [0]

        def ok(i: int, before: int, after: int) -> bool:
            return self.fits(i, self.figures(i, before, after))

        # forward[i]: the splits of gap i reachable with rows 0..i-1 placeable.
        forward: list[set[int]] = [{0}]
        for i in range(count):
            reach = {
                after
                for before in forward[i]
                for after in range(sizes[i + 1] + 1)
                if ok(i, before, after)
            }
            forward.append(reach)
        backward: list[set[int]] = [set() for _ in range(count + 1)]
        backward[count] = {0}
        for i in range(count - 1, -1, -1):
            backward[i] = {
                before
                for before in range(sizes[i] + 1)
                for after in backward[i + 1]
                if ok(i, before, after)
            }
        return [sorted(forward[i] & backward[i]) for i in range(count + 1)]


class _Fits:
    """Whether a row's figures have a placement its identities allow (memoised)."""

    def __init__(self, spec: TableSpec, scale: int) -> None:
        self.spec = spec
        self.scale = scale
        self.memo: dict[tuple[int, tuple[Span, ...]], bool] = {}

    def options(self, figures: Sequence[Amount]) -> list[Placement]:
        keys = self.spec.columns
        found = candidates(Figures(figures, self.scale), keys, self.spec.column_sums)
        if not found and len(figures) == len(keys):
            return [tuple(range(len(keys)))]  # every column printed: the figures say where
        return found

    def __call__(self, row: int, figures: Sequence[Amount]) -> bool:
        key = (row, tuple(a.span for a in figures))
        if key not in self.memo:
            self.memo[key] = bool(self.options(figures))
        return self.memo[key]


def hierarchy_groups(codes: Sequence[str | None], names: Sequence[str]) -> list[Group]:
    """Parent rows and their children by code (and the 合计 row over the 类 rows), as indices
    into the rows whose ``codes`` and ``names`` are given."""
    index = {code: i for i, code in enumerate(codes) if code}
    children: dict[int, list[int]] = {}
    for i, code in enumerate(codes):
        if code is None:
            continue
        parent = index.get(code[:-2]) if len(code) > 3 else None
        if parent is not None:
            children.setdefault(parent, []).append(i)
    total = next(
        (i for i, code in enumerate(codes) if code is None and plain(names[i]) == "合计"), None
    )
    if total is not None:
        children[total] = [i for i, code in enumerate(codes) if code and len(code) == 3]
    return [Group(p, c) for p, c in children.items() if c]


def placed_consistently(rows: Sequence[Row], spec: TableSpec) -> bool:
    """Whether rows read by their positions keep the table's row identities and hierarchy (a
    space-laid-out table whose columns the gutters found), within rounding."""
    keys = spec.columns
    cells = [[r.cells.get(k) if has(r.cells.get(k)) else None for k in keys] for r in rows]
    groups = hierarchy_groups([r.code for r in rows], [r.name for r in rows])
    return rows_consistent(cells, keys, spec.column_sums, groups if spec.hierarchy else [])


def has(amount: Amount | None) -> bool:
    """A printed figure (not a blank cell)."""
    return amount is not None and amount.value is not None


def build_unruled(
    lines: Sequence[tuple[int, str]], spec: TableSpec, unit: str | None, *, by_column: bool = False
) -> tuple[list[Row], list[Amount]]:
    """The rows of a coded table whose cells no position places, and the figures on its lines
    that continue no row. ``by_column``: the lines are laid out by position (a row's figures
    printed over several lines are in the order of their columns), else in reading order."""
    read = _read(lines, unit, by_column)
    if not read.drafts:
        return [], read.stray
    everything = [a for d in read.drafts for a in d.figures]
    everything += [a for gap in read.gaps for group in gap for a in group]
    everything += [a for group in read.trailing for a in group]
    scale = scale_of(everything)
    fits = _Fits(spec, scale)
    chains = _Chains(read, fits, by_column)
    count = len(read.drafts)
    figures: list[list[Amount]] = []
    loose: list[list[Amount]] = [[] for _ in range(count)]  # figures of an undecided gap
    for i in range(count):
        before = chains.split[i]
        after = chains.split[i + 1] if i + 1 < count else 0
        skipped = len(read.gaps[i]) if before is None else before
        figures.append(chains.figures(i, skipped, 0 if after is None else after))
        if after is None:
            loose[i] = [a for group in read.gaps[i + 1] for a in group]
    names = [_name(d)[0] for d in read.drafts]
    rows_figures = [Figures(f, scale) for f in figures]
    options = [fits.options(f) for f in figures]
    undecided = {i for i in range(count) if loose[i] or (i and chains.split[i] is None)}
    for i in undecided:
        options[i] = []
    if spec.hierarchy:
        prune_hierarchy(
            rows_figures,
            options,
            hierarchy_groups([d.code for d in read.drafts], names),
            len(spec.columns),
            scale,
        )
    stray = list(read.stray)
    for i in range(count):
        if len(figures[i]) > len(spec.columns):
            # More figures than the row has columns: they are not (all) its own (a page read
            # column by column); they belong to no row for certain.
            stray.extend(figures[i])
            figures[i], options[i] = [], []
    rows = [
        _row(read.drafts[i], spec, figures[i], options[i], loose[i], unit) for i in range(count)
    ]
    return rows, stray


def _row(
    draft: _Draft,
    spec: TableSpec,
    figures: list[Amount],
    options: list[Placement],
    loose: list[Amount],
    unit: str | None,
) -> Row:
    """The finished row: placed when one placement is left, else undetermined."""
    keys = spec.columns
    line = draft.line
    end = len(line.raw.rstrip()) + 1
    placed: dict[int, int] = dict(enumerate(options[0])) if len(options) == 1 else agreed(options)
    by_key = {keys[column]: figures[figure] for figure, column in placed.items()}
    undetermined = len(options) != 1 or bool(loose)
    cells: dict[str, Amount] = {}
    for key in keys:
        amount = by_key.get(key)
        if amount is not None:
            cells[key] = amount
        elif not undetermined:
            cells[key] = blank_amount(line.number, end, unit)
    unplaced = [a for k, a in enumerate(figures) if k not in placed] + loose
    name, name_span = _name(draft)
    printed = [
        *((line.number, p) for p in draft.code_pieces),
        *draft.name_pieces,
    ]
    spans = [Span.at(n, p.start + 1, p.end + 1) for n, p in printed] + [a.span for a in figures]
    first = min(spans, key=lambda s: (s.line, s.column), default=Span.at(line.number, 1, 1))
    last = max(spans, key=lambda s: (s.end_line, s.end_column), default=first)
    span = Span(
        line=first.line, column=first.column, end_line=last.end_line, end_column=last.end_column
    )
    row_draft = RowDraft(line.number, [])
    row_draft.code, row_draft.code_span = draft.code, _code_span(draft)
    row_draft.name, row_draft.name_span = name, name_span
    row = row_draft.build(cells, span=span)
    if undetermined:
        row.undetermined = True
        row.unplaced = unplaced
    return row
