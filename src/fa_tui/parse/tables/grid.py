"""Shared reading of a table's grid: the 栏次 numbering row, header rows, codes, cells → amounts."""

from __future__ import annotations

from collections.abc import Container, Sequence
from functools import lru_cache

from msgspec import Struct, field

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.span import Span
from fa_tui.model.tables import Row, RowKind
from fa_tui.parse.numbers import parse_cell, parse_number
from fa_tui.parse.tables.layout import Cell, GridLine

_BLANK_CHAR = pattern_cache.compile(r"[\s\u3000]")

_NUMBERING_LABELS = frozenset({"栏次", "行次", "项目", "序号"})
HEADER_WORDS = frozenset(
    {
        "项目",
        "栏次",
        "行次",
        "科目代码",
        "科目名称",
        "科目编码",
        "功能分类科目编码",
        "功能分类科目代码",
        "功能分类科目",
        "经济分类科目",
        "金额",
        "收入",
        "支出",
        "人员经费",
        "公用经费",
        "预算数",
        "决算数",
        "本年支出",
        "本年收入",
    }
)
_CODE = pattern_cache.compile(r"^(\d{3}(?:\d{2}){0,2})$")
# A code (its 类, 款 and 项 digits together, or each split from the next by one blank) and
# the name after it.
_CODE_NAME = pattern_cache.compile(
    r"^(\d{3}(?:\d{2}){0,2}|\d{3}(?:[ \u3000]\d{2}){1,2})\s*([^\d\s.,].*)$"
)
_TOTAL = pattern_cache.compile(r"(?:合计|总计)$|^小计$")
PLACEHOLDERS = frozenset({"类", "款", "项"})
_LEVELS = {3: 1, 5: 2, 7: 3}  # code length → level


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Cell text without blanks (for comparing labels)."""
    return _BLANK_CHAR.sub("", text)


def is_number(text: str) -> bool:
    """Whether a cell's text is a number."""
    return parse_number(text) is not None


def _small_int(text: str) -> int | None:
    t = plain(text)
    return int(t) if t.isascii() and t.isdigit() and len(t) <= 2 else None


def numbering_of(line: GridLine) -> tuple[dict[int, int], list[Cell]] | None:
    """``({column index: 栏次 number}, label cells)`` when ``line`` is a 栏次 row.

    A 栏次 row holds the numbers 1..n in order, and otherwise only labels such as ``栏次``.
    """
    numbers: dict[int, int] = {}
    labels: list[Cell] = []
    filled = line.filled()
    if not filled:
        return None
    for cell in filled:
        value = _small_int(cell.text)
        if value is not None:
            numbers[cell.index] = value
        elif plain(cell.text) in _NUMBERING_LABELS:
            labels.append(cell)
        else:
            return None
    if numbers and list(numbers.values()) == list(range(1, len(numbers) + 1)):
        return numbers, labels
    return None


def find_numbering(grid: Sequence[GridLine]) -> tuple[int, dict[int, int], list[Cell]] | None:
    """The first 栏次 row: its position in ``grid``, its numbers by column, its label cells."""
    for pos, line in enumerate(grid):
        found = numbering_of(line)
        if found is not None:
            return pos, found[0], found[1]
    return None


def is_header_line(line: GridLine, value_columns: Container[int] = ()) -> bool:
    """A header row (first or repeated after a page break): header words, no figures."""
    filled = line.filled()
    if not filled:
        return False
    if numbering_of(line) is not None:
        return True
    for c in filled:
        if c.index in value_columns and is_number(c.text):
            return False
    words = [plain(c.text) for c in filled]
    if any(w in HEADER_WORDS or w.startswith(("功能分类", "科目", "项目")) for w in words):
        return True
    return all(not is_number(c.text) and not _CODE.match(plain(c.text)) for c in filled) and all(
        w in HEADER_WORDS for w in words
    )


@lru_cache(maxsize=4096)
def split_code(text: str) -> tuple[str, int, int, str, int] | None:
    """A classification code at the start of a cell: (code, start, end, rest, rest_start).

    Accepts ``2080505``, ``20805 05`` and ``208 05 05`` (digits split by blanks),
    ``2080505机关…`` and ``208 05 05 机关…``.
    """
    whole = plain(text)
    if _CODE.match(whole) and len(text) <= len(whole) + 2:
        return whole, 0, len(text), "", len(text)
    match = _CODE_NAME.match(text)
    if match:
        rest_start = match.start(2)
        return plain(match.group(1)), 0, match.end(1), match.group(2).strip(), rest_start
    return None


def code_level(code: str) -> tuple[int, str | None]:
    """Level (1/2/3 for 3/5/7 digits) and the parent code by prefix."""
    level = _LEVELS.get(len(code), 1)
    parent = code[:-2] if len(code) > 3 else None
    return level, parent


@lru_cache(maxsize=4096)
def row_kind(name: str) -> RowKind:
    """TOTAL for 合计/总计/小计 rows, HEADER for 类/款/项 placeholders, else ITEM."""
    text = plain(name)
    if _TOTAL.search(text):
        return RowKind.TOTAL
    if text in PLACEHOLDERS:
        return RowKind.HEADER
    return RowKind.ITEM


def cell_span(line: int, cell: Cell) -> Span:
    """The span of a cell's text (1-based, end exclusive)."""
    return Span.at(line, cell.start + 1, cell.end + 1)


def cells_span(line: int, cells: Sequence[Cell]) -> Span:
    """The span from the first to the last of ``cells`` that hold text."""
    start = end = -1
    for c in cells:
        if c.text:
            if start < 0 or c.start < start:
                start = c.start
            end = max(end, c.end)
    if start < 0:
        col = cells[0].start + 1 if cells else 1
        return Span.at(line, col, col)
    return Span.at(line, start + 1, end + 1)


def amount_at(line: GridLine, cell: Cell, unit: str | None) -> Amount | None:
    """The amount in ``cell`` (blank → value ``None``), ``None`` when it is not a figure."""
    if not cell.text:  # an empty cell (what ``parse_cell`` makes of it, more directly)
        return blank_amount(line.number, cell.start + 1, unit)
    return parse_cell(cell.text, line.number, cell.start + 1, unit=unit)


def blank_amount(line: int, column: int, unit: str | None) -> Amount:
    """An empty cell (no value) at 1-based ``column``."""
    return Amount(
        value=None,
        text="",
        unit=unit,
        span=Span(line=line, column=column, end_line=line, end_column=column),
    )


class RowDraft(Struct):
    """A row being assembled from cells."""

    line: int
    cells: list[Cell]
    code: str | None = None
    code_span: Span | None = None
    name: str = ""
    name_span: Span | None = None
    line_no: str | None = None
    # 款/项 code parts that make no code (a 项 under an empty 款): kept before the name
    stray_codes: list[Cell] = field(default_factory=list)

    def take_text(self, cell: Cell, *, codes: bool = True) -> None:
        """Use a text cell as the code and/or the name (the first of each)."""
        if codes and self.code is None and not self.name:
            found = split_code(cell.text)
            if found is not None:
                code, start, end, rest, rest_start = found
                self.code = code
                self.code_span = Span.at(self.line, cell.start + start + 1, cell.start + end + 1)
                if rest:
                    lead = len(cell.text[rest_start:]) - len(cell.text[rest_start:].lstrip())
                    begin = cell.start + rest_start + lead
                    self.name = rest
                    self.name_span = Span.at(self.line, begin + 1, begin + len(rest) + 1)
                return
        if not self.name:
            self.name = cell.text
            self.name_span = cell_span(self.line, cell)

    def _name(self) -> tuple[str, Span | None]:
        """The row's name and its span, after any stray code parts printed before it."""
        if not self.stray_codes:
            return self.name, self.name_span
        lead = " ".join(c.text for c in self.stray_codes)
        start = self.stray_codes[0].start + 1
        end = self.name_span.end_column if self.name_span else self.stray_codes[-1].end + 1
        return (f"{lead} {self.name}" if self.name else lead), Span.at(self.line, start, end)

    def build(
        self,
        cells: dict[str, Amount],
        side: str | None = None,
        economic: bool = False,
        span: Span | None = None,
    ) -> Row:
        """The finished row (its span over its cells with text, unless ``span`` is given)."""
        level = parent = None
        name, name_span = self._name()
        if self.code is not None:
            level, parent = code_level(self.code)
            if economic:
                level = 1 if len(self.code) == 3 else 2
                parent = self.code[:3] if len(self.code) > 3 else None
        return Row(
            code=self.code,
            name=name,
            kind=row_kind(name) if self.code is None else RowKind.ITEM,
            level=level,
            parent=parent,
            side=side,
            line_no=self.line_no,
            span=cells_span(self.line, self.cells) if span is None else span,
            name_span=name_span,
            code_span=self.code_span,
            cells=cells,
        )
