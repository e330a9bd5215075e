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

from fa_tui import pattern_cache
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
from fa_tui.schema.function_classes import FUNCTION_CLASSES, class_of_name

_CLASS = pattern_cache.compile(r"^\d{3}$")
_PART = pattern_cache.compile(r"^\d{2}$")
_WHOLE = pattern_cache.compile(r"^\d{3}(?:\d{2}){1,2}$")
_MIN_UNRULED_LINES = 2
_NAME_TAIL_MAX = 12  # the end of a wrapped row name: a few words, no sentence
_SENTENCE_MARK = pattern_cache.compile(r"[，。；：:;,]")


class Piece(NamedTuple):
    """A run of text between blanks: its text and 0-based extent in the line."""

    text: str
    start: int
    end: int


@cache
def _piece() -> re.Pattern[str]:
    return pattern_cache.compile(r"[^ \t\u3000\xa0\f]+")


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
        if after is None or not is_figure(after) or used > 1 or _class_then_amount(first, after):
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


def _class_then_amount(code: str, after: str) -> bool:
    """A 功能分类 类 code followed by an amount printed with decimals (``201 2,112.86``: the
    row's name printed on another line), not a figure of three digits."""
    return code in FUNCTION_CLASSES and "." in after


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
    above = _names_above(body)
    drafts: list[_Draft] = []
    gaps: list[list[list[Amount]]] = []
    pending: list[list[Amount]] = []
    stray: list[Amount] = []
    waiting: list[tuple[int, Piece]] = []  # a name printed above the row it names
    naming = False  # the row's name may go on over the next line
    for pos, line in enumerate(body):
        number = line.number
        started = _start(line)
        rest = line.pieces
        if started is not None:
            draft = _Draft(line)
            draft.code, used = started
            draft.code_pieces = rest[:used]
            if draft.code is not None:  # a total names itself: text above it is a header's
                # A 类 row with its 类's name on its line takes none from above: the text
                # there ends the name of the row before (as lines before the one above do).
                head = None if _class_named([line]) else _last_line(waiting)
                draft.name_pieces = [(n, p) for n, p in waiting if n == head]
                if drafts and drafts[-1].code is not None:  # a centred name's second line
                    drafts[-1].name_pieces.extend((n, p) for n, p in waiting if n != head)
            waiting = []
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
        unnamed = bool(drafts) and drafts[-1].code is not None and not drafts[-1].name_pieces
        if started is None and above and not unnamed and not _class_named(body[pos + 1 : pos + 2]):
            # the next row's name, and figures of either row
            waiting.extend((number, p) for p in texts)
            if figures:
                pending.append(figures)
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
                    or (not figures and _ends_name(texts, body[pos + 1 : pos + 2]))
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


def _names_itself(after: Sequence[_Line]) -> bool:
    """Whether the next line starts a coded row with its name on it: a line of text alone
    before it ends the name of the row above (``…基本养老保险缴`` / ``费支出``)."""
    if not after:
        return False
    started = _start(after[0])
    if started is None or started[0] is None:
        return False
    return any(not is_figure(p.text) for p in after[0].pieces[started[1] :])


def _ends_name(texts: Sequence[Piece], after: Sequence[_Line]) -> bool:
    """Whether a line of text alone ends the name of the row above: the next line starts a
    coded row with its own name, or the block ends and the text is a short name's end."""
    if after:
        return _names_itself(after)
    words = "".join(p.text for p in texts)
    return len(words) <= _NAME_TAIL_MAX and not _SENTENCE_MARK.search(words)


def _class_named(after: Sequence[_Line]) -> bool:
    """Whether the next line starts a 类 row with its 类's name on it (``221 住房保障支出``)."""
    if not after or not _names_itself(after):
        return False
    line = after[0]
    started = _start(line)
    assert started is not None and started[0] is not None
    name = "".join(p.text for p in line.pieces[started[1] :] if not is_figure(p.text))
    return class_of_name(name) == started[0]


def _last_line(waiting: Sequence[tuple[int, Piece]]) -> int | None:
    """The line of text right above a row: its name. Lines of text before it, after the row
    above, end that row's name (a name centred over two lines, one above its row's figures
    and one below)."""
    return waiting[-1][0] if waiting else None


def _names_above(body: Sequence[_Line]) -> bool:
    """Whether the block prints each row's name on the line above its code (a name cell
    centred a little higher than the row's figures), as its 类 rows tell: the line of text
    above a 类 code names that 类 (``一般公共服务支出`` / ``201 …``) more often than the line
    below it does."""
    votes = 0
    for pos, line in enumerate(body):
        code = line.pieces[0].text
        if not _CLASS.match(code) or _start(line) is None:
            continue
        for step, vote in ((-1, 1), (1, -1)):
            k = pos + step
            if 0 <= k < len(body) and _start(body[k]) is None:
                texts = [p.text for p in body[k].pieces if not is_figure(p.text)]
                if texts and class_of_name("".join(texts)) == code:
                    votes += vote
    return votes > 0


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

    def lines(self, i: int, before: int, after: int) -> tuple[int, ...]:
        """How many of row ``i``'s figures (as ``figures`` gives them) each of its printed
        lines holds, in printed order; one entry when laid out by position (the columns order
        them)."""
        read = self.read
        sizes = [len(group) for group in read.gaps[i][before:]]
        sizes.append(len(read.drafts[i].figures))
        if i + 1 < len(read.drafts):
            sizes.extend(len(group) for group in read.gaps[i + 1][:after])
        else:
            sizes.extend(len(group) for group in read.trailing)
        sizes = [n for n in sizes if n]
        return (sum(sizes),) if self.by_column or len(sizes) < 2 else tuple(sizes)

    def _viable(self) -> list[list[int]]:
        """The splits of each gap that some sharing of every gap keeps all rows placeable."""
        gaps, count = self.read.gaps, len(self.read.drafts)
        sizes = [0] + [len(gaps[i]) for i in range(1, count)] + [0]

        def ok(i: int, before: int, after: int) -> bool:
            return self.fits(i, self.figures(i, before, after), self.lines(i, before, after))

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
        self.memo: dict[tuple[int, tuple[Span, ...], tuple[int, ...]], bool] = {}

    def options(self, figures: Sequence[Amount], lines: tuple[int, ...] = ()) -> list[Placement]:
        """The placements of ``figures`` the identities allow. ``lines``: how many of them
        each printed line holds. Plain text keeps a line's figures in column order, but not
        always the lines: a cell printed a little higher or lower than its row puts its figure
        on a line of its own, above or below (``合计 2,336.91 603.14`` / ``2,940.05``). When
        the printed order fits no placement, the lines taken in turn from each one (as
        placements of ``figures``); a row of several lines is never placed in printed order
        just because it fills every column."""
        keys, sums = self.spec.columns, self.spec.column_sums
        found = candidates(Figures(figures, self.scale), keys, sums)
        if found or len(lines) < 2:
            if not found and len(figures) == len(keys):
                return [tuple(range(len(keys)))]  # every column printed: the figures say where
            return found
        starts = [sum(lines[:k]) for k in range(len(lines))]
        for start in starts[1:]:
            order = [*range(start, len(figures)), *range(start)]  # turned position → figure
            turned = [figures[k] for k in order]
            for placement in candidates(Figures(turned, self.scale), keys, sums):
                by_figure = dict(zip(order, placement, strict=True))
                found.append(tuple(by_figure[k] for k in range(len(figures))))
        return found

    def __call__(self, row: int, figures: Sequence[Amount], lines: tuple[int, ...] = ()) -> bool:
        key = (row, tuple(a.span for a in figures), lines)
        if key not in self.memo:
            self.memo[key] = bool(self.options(figures, lines))
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
    sizes: list[tuple[int, ...]] = []  # each row's figures per printed line
    loose: list[list[Amount]] = [[] for _ in range(count)]  # figures of an undecided gap
    for i in range(count):
        before = chains.split[i]
        after = chains.split[i + 1] if i + 1 < count else 0
        skipped = len(read.gaps[i]) if before is None else before
        figures.append(chains.figures(i, skipped, 0 if after is None else after))
        sizes.append(chains.lines(i, skipped, 0 if after is None else after))
        if after is None:
            loose[i] = [a for group in read.gaps[i + 1] for a in group]
    names = [_name(d)[0] for d in read.drafts]
    rows_figures = [Figures(f, scale) for f in figures]
    options = [fits.options(f, n) for f, n in zip(figures, sizes, strict=True)]
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
