"""Two-sided tables (表一, 表四) read from text whose cells no column position places.

A line holds an income label and its figures, then a spending label and its figures (``一、一般
公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66``); the figures after a label, up to
the next label, are that label's. With two labels on a line the first is income, the second
spending; a label alone on its line is placed by its words (支出 / 年末 / 结余分配 are
spending; 收入 / 财政拨款 / 年初 / 使用 income) or else by its position (text laid out by
position: where the spending labels start), and left out when neither says. A short piece of text
alone on a line continues the label above it (a wrapped label).

A side with one value column (表一; 表四's income) takes its one figure; a side with more
(表四's spending) is placed when every column is printed or none is, and is undetermined
otherwise (``Row.undetermined``: nothing says which of its columns are the empty ones). A
line of figures alone (printed above or below its label) belongs to no label for certain: its
figures are reported as in no row, and the rows of the lines beside it are undetermined.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.span import Span
from fa_tui.model.tables import INCOME, SPENDING, Row, RowKind
from fa_tui.parse.numbers import parse_cell
from fa_tui.parse.tables.grid import HEADER_WORDS, RowDraft, blank_amount, plain, row_kind
from fa_tui.parse.tables.layout import split_spaces
from fa_tui.parse.tables.unruled import Piece, is_figure, pieces
from fa_tui.schema import TableSpec

_ORDINAL = pattern_cache.compile(r"^[一二三四五六七八九十]+、")
_CONTINUATION_MAX = 3  # characters of a wrapped label's last piece
_SPENDING_WORDS = ("支出",)
_SPENDING_STARTS = ("年末", "结余分配")
_INCOME_WORDS = ("收入", "财政拨款")
_INCOME_STARTS = ("年初", "使用")


class _Label:
    """A label and the figures printed after it on its line."""

    __slots__ = ("figures", "line", "pieces", "side")

    def __init__(self, line: int, piece: Piece) -> None:
        self.line = line
        self.pieces = [(line, piece)]
        self.figures: list[Amount] = []
        self.side: str | None = None

    @property
    def text(self) -> str:
        return "".join(p.text for _, p in self.pieces)

    @property
    def start(self) -> int:
        return self.pieces[0][1].start


class _Line(NamedTuple):
    number: int
    raw: str
    tokens: list[Piece]


def _tokens(raw: str, by_column: bool) -> list[Piece]:
    """The cells of a line: runs of text between two or more blanks when it is laid out by
    position, else between single blanks."""
    if by_column:
        return [Piece(c.text, c.start, c.end) for c in split_spaces(raw)]
    return pieces(raw)


def side_by_words(label: str) -> str | None:
    """The side a label's words name (``None`` when they name none)."""
    text = plain(label)
    if any(w in text for w in _SPENDING_WORDS) or text.startswith(_SPENDING_STARTS):
        return SPENDING
    if any(w in text for w in _INCOME_WORDS) or text.startswith(_INCOME_STARTS):
        return INCOME
    return None


def _row_like(line: _Line) -> bool:
    """A line of the table body: a figure, or a label numbered 一、二、…"""
    return any(is_figure(t.text) or _ORDINAL.match(t.text) for t in line.tokens)


def _is_header(line: _Line) -> bool:
    return all(plain(t.text) in HEADER_WORDS for t in line.tokens)


def build_unruled_sides(
    lines: Sequence[tuple[int, str]], spec: TableSpec, unit: str | None, *, by_column: bool
) -> tuple[list[Row], list[Amount]]:
    """Income rows then spending rows, and the figures that belong to no label for certain."""
    body = [_Line(n, raw, _tokens(raw, by_column)) for n, raw in lines]
    body = [line for line in body if line.tokens]
    first = next((i for i, line in enumerate(body) if _row_like(line)), len(body))
    labels: list[_Label] = []
    by_line: dict[int, list[_Label]] = {}
    loose: list[Amount] = []
    figure_lines: list[int] = []
    previous: list[_Label] = []
    for pos in range(first, len(body)):
        line = body[pos]
        if _is_header(line):
            continue
        found = _read_line(line, unit)
        leading, on_line = found
        if leading and not on_line:
            loose.extend(leading)
            figure_lines.append(pos)
            previous = []
            continue
        if leading:  # figures before the first label of the line: whose is not said
            loose.extend(leading)
            figure_lines.append(pos)
        if _continues(on_line, previous, by_column):
            _join(on_line[0], previous, by_column)
            continue
        labels.extend(on_line)
        by_line[pos] = on_line
        previous = on_line
    _assign_sides(labels, by_line, by_column)
    unsure = {
        id(label) for p in figure_lines for q in (p - 1, p + 1) for label in by_line.get(q, [])
    }
    income_keys, spending_keys = spec.side_keys()
    income: list[Row] = []
    spending: list[Row] = []
    for label in labels:
        if label.side is None:
            loose.extend(label.figures)
            continue
        keys = income_keys if label.side == INCOME else spending_keys
        row = _row(label, keys, unit, id(label) in unsure)
        if row is not None:
            (income if label.side == INCOME else spending).append(row)
    return income + spending, loose


def _read_line(line: _Line, unit: str | None) -> tuple[list[Amount], list[_Label]]:
    """The figures before the line's first label, and its labels with their figures."""
    leading: list[Amount] = []
    labels: list[_Label] = []
    for token in line.tokens:
        line_no = token.text.isascii() and token.text.isdigit() and len(token.text) <= 3
        if line_no and labels and not labels[-1].figures:
            continue  # the 行次 printed after a label
        if is_figure(token.text):
            amount = parse_cell(token.text, line.number, token.start + 1, unit=unit)
            if amount is None:
                continue
            (labels[-1].figures if labels else leading).append(amount)
        else:
            labels.append(_Label(line.number, token))
    return leading, labels


def _continues(on_line: Sequence[_Label], previous: Sequence[_Label], by_column: bool) -> bool:
    """Whether the line is one short piece of text finishing a label of the line above."""
    if len(on_line) != 1 or on_line[0].figures or not previous:
        return False
    text = on_line[0].text
    return (
        len(text) <= _CONTINUATION_MAX
        and not _ORDINAL.match(text)
        and row_kind(text) is not RowKind.TOTAL
        and (by_column or not previous[-1].figures)
    )


def _join(piece: _Label, previous: Sequence[_Label], by_column: bool) -> None:
    """Add a wrapped label's last piece to the label above it (the nearest by position)."""
    target = previous[-1]
    if by_column:
        target = min(previous, key=lambda label: abs(label.start - piece.start))
    target.pieces.extend(piece.pieces)


def _assign_sides(
    labels: Sequence[_Label], by_line: dict[int, list[_Label]], by_column: bool
) -> None:
    """Each label's side: by its order on a line of two, else by position or by its words."""
    split: int | None = None
    if by_column:
        starts = sorted(found[1].start for found in by_line.values() if len(found) == 2)
        split = starts[len(starts) // 2] if starts else None
    for found in by_line.values():
        if len(found) == 2:
            found[0].side, found[1].side = INCOME, SPENDING
            continue
        for label in found:
            label.side = side_by_words(label.text)
            if label.side is None and split is not None and len(found) == 1:
                label.side = SPENDING if label.start >= split - 2 else INCOME
    del labels


def _row(label: _Label, keys: Sequence[str], unit: str | None, unsure: bool) -> Row | None:
    """The side row of ``label``: placed when its figures fill its columns in one way."""
    figures = label.figures
    placed = len(figures) in (0, len(keys))
    undetermined = unsure or not placed
    (first_line, first), (last_line, last) = label.pieces[0], label.pieces[-1]
    name_span = Span(
        line=first_line, column=first.start + 1, end_line=last_line, end_column=last.end + 1
    )
    end_line, end_column = last_line, last.end + 1
    if figures:
        end_line, end_column = figures[-1].span.end_line, figures[-1].span.end_column
    draft = RowDraft(label.line, [])
    draft.name, draft.name_span = label.text, name_span
    cells: dict[str, Amount] = {}
    if not undetermined:
        for k, key in enumerate(keys):
            cells[key] = figures[k] if figures else blank_amount(label.line, end_column, unit)
    span = Span(line=first_line, column=first.start + 1, end_line=end_line, end_column=end_column)
    row = draft.build(cells, side=label.side, span=span)
    if row.kind is RowKind.HEADER:
        return None
    if undetermined:
        row.undetermined = True
        row.unplaced = list(figures)
    return row
