"""The table pane: a parsed table as a grid, amounts exactly as printed, findings on their cells.

A figure is shown whole or not at all: each figure column is as wide as its widest figure (in
terminal cells), and scrolling sideways moves by whole columns. The row label (side, code,
name) stays at the left; the name is cut with … when the pane is narrow (the code never is).
Arrows in the header and a hint in the caption say how many columns are out of view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from fa_tui.model import Amount, Finding, Row, RowKind, Span, Table, TableStatus
from fa_tui.model.decimals import show
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.messages import JumpToSource

STATUS_NAMES: dict[TableStatus, str] = {
    TableStatus.DATA: "有数据",
    TableStatus.EMPTY: "空表",
    TableStatus.TITLE_ONLY: "仅列标题",
    TableStatus.MISSING: "缺失",
    TableStatus.UNREADABLE: "无法读取",
}
SIDE_NAMES = {"income": "收入", "spending": "支出"}
CODE_KEY, NAME_KEY, SIDE_KEY = "__code", "__name", "__side"
REPAIRED_MARK = "*"


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share at least one character (or touch the same point)."""
    a0, a1 = (a.line, a.column), (a.end_line, a.end_column)
    b0, b1 = (b.line, b.column), (b.end_line, b.end_column)
    return (a0 < b1 and b0 < a1) or a0 == b0


def table_columns(table: Table) -> list[str]:
    """The amount columns to show: the role's keys in contract order, then any others."""
    used: list[str] = []
    for row in table.rows:
        for key in row.cells:
            if key not in used:
                used.append(key)
    standard = list(table.columns) if table.id is not None else []
    ordered = [k for k in standard if k in used] if used else list(table.columns or standard)
    return ordered + [k for k in used if k not in ordered]


def amount_text(amount: Amount | None) -> str:
    """A figure exactly as printed; a repaired one as its repaired value, with the thousands
    separators it was printed with and a ``*`` (as ``fa-tui tables`` prints it)."""
    if amount is None or (amount.value is None and not amount.text.strip()):
        return ""
    if amount.repaired and amount.value is not None:
        whole = amount.text.split(".")[0]
        grouped = "," in whole or "\uff0c" in whole
        shown = show(amount.value, amount.decimals, grouped=grouped)
        return shown + ("%" if amount.is_percent else "") + REPAIRED_MARK
    return neutralise(amount.text.strip(), tabs=" ")


def figure_text(amount: Amount | None, style: Style) -> Text:
    """A figure's cell: ``amount_text`` in ``style``, a repaired one in yellow with its mark."""
    shown = amount_text(amount)
    if amount is not None and amount.repaired and shown.endswith(REPAIRED_MARK):
        text = Text(shown[: -len(REPAIRED_MARK)], style=style + styles.REPAIRED)
        text.append(REPAIRED_MARK, style=styles.REPAIRED)
        return text
    return Text(shown, style=style)


def row_name(row: Row) -> str:
    """The row's name, indented by its 类/款/项 level."""
    indent = "  " * (row.level - 1) if row.level and row.level > 1 else ""
    return indent + neutralise(row.name.strip(), tabs=" ")


@dataclass(frozen=True)
class CellMark:
    """How a cell is marked by findings: the style and the worst severity's finding count."""

    style: Style
    count: int


class FindingsByLine:
    """The findings whose primary or related spans touch each line (cells look up theirs only).

    Marking every cell against every finding costs cells x findings: seconds for one table
    of a report with thousands of findings.
    """

    def __init__(self, findings: Sequence[Finding], first: int, last: int) -> None:
        self.by_line: dict[int, list[Finding]] = {}
        for finding in findings:
            spans = [r.span for r in finding.related]
            if finding.span is not None:
                spans.append(finding.span)
            lines: set[int] = set()
            for span in spans:
                lines.update(range(max(span.line, first), min(span.end_line, last) + 1))
            for line in lines:
                self.by_line.setdefault(line, []).append(finding)

    def near(self, span: Span) -> list[Finding]:
        """The findings touching the lines of ``span`` (each once)."""
        out: dict[int, Finding] = {}
        for line in range(span.line, span.end_line + 1):
            for finding in self.by_line.get(line, ()):
                out[id(finding)] = finding
        return list(out.values())


def cell_mark(span: Span, findings: Sequence[Finding]) -> CellMark | None:
    """The mark of a cell at ``span``: primary spans by severity, else related spans softly."""
    primary = [f for f in findings if f.span is not None and overlaps(f.span, span)]
    if primary:
        worst = max(primary, key=lambda f: f.severity.rank)
        return CellMark(styles.SPAN[worst.severity], len(primary))
    related = [f for f in findings if any(overlaps(r.span, span) for r in f.related)]
    if related:
        worst = max(related, key=lambda f: f.severity.rank)
        return CellMark(styles.RELATED[worst.severity], len(related))
    return None


def caption(table: Table, short: str | None) -> Text:
    """The line above the grid: which table (``short``: 表五), its unit, status, label as printed,
    and its note."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(f"{short or '其他表'} ", style="bold")
    text.append(neutralise(table.title, tabs=" "), style="bold")
    line = table.title_span or table.span
    if line is not None:
        text.append(f" L{line.line}", style=styles.MUTED)
    if table.unit:
        text.append(f"  单位：{neutralise(table.unit, tabs=' ')}")
    if table.label and table.label.replace(" ", "") != (table.id or ""):
        text.append(f"  标为 {neutralise(table.label, tabs=' ')}", style="yellow")
    if table.status is not TableStatus.DATA:
        text.append(f"  [{STATUS_NAMES[table.status]}]", style="yellow")
        text.append("\n")
        if table.note:
            text.append("说明：", style="bold")
            text.append(" ".join(neutralise(table.note, tabs=" ").split()))
        else:
            text.append("（无数据，未见说明）", style=styles.MUTED)
    return text


def cell_line(table: Table, row: Row, key: str) -> Text:
    """One line about the cell under the cursor: code, full row name, column, value, line."""
    text = Text(no_wrap=True, overflow="crop")
    if row.code:
        text.append(f"{neutralise(row.code)} ", style="bold")
    text.append(neutralise(row.name.strip(), tabs=" "))
    amount = row.cells.get(key) if key not in (CODE_KEY, NAME_KEY, SIDE_KEY) else None
    if amount is not None:
        text.append(f"  {neutralise(key, tabs=' ')} ", style=styles.MUTED)
        text.append(amount_text(amount), style="bold")
    span = amount.span if amount is not None else row.span
    text.append(f"  L{span.line}", style=styles.MUTED)
    return text


def find_cell(table: Table, span: Span) -> tuple[int, str] | None:
    """The cell of ``table`` (row index, column key) that ``span`` lies in: a figure first,
    then a row's code or name."""
    for i, row in enumerate(table.rows):
        for key, amount in row.cells.items():
            if overlaps(amount.span, span):
                return i, key
    for i, row in enumerate(table.rows):
        if row.code_span is not None and row.code and overlaps(row.code_span, span):
            return i, CODE_KEY
        if row.name_span is not None and overlaps(row.name_span, span):
            return i, NAME_KEY
    return None


def cell_on_line(table: Table, line: int) -> tuple[int, str] | None:
    """The first cell of the first row of ``table`` printed on source line ``line``."""
    for i, row in enumerate(table.rows):
        if row.span.contains_line(line):
            figures = [k for k, a in row.cells.items() if a.span.line == line]
            return i, figures[0] if figures else NAME_KEY
    return None


GAP = 2  # cells between two columns
PAD = 1  # cells before the first column
EDGE = 2  # cells kept at the right for the ▶ of columns out of view
NAME_MIN = 8  # the narrowest the name column gets
HEADER_MIN = 8  # a figure column's header longer than this is printed on two lines
HEADER_MAX = 12  # and a column is never made wider than this for its header (it is cut with …)
LEFT_ARROW, RIGHT_ARROW = "◀", "▶"


@dataclass(frozen=True)
class Column:
    """One column of the grid: its key, header and natural width in cells."""

    key: str
    header: str
    width: int
    right: bool  # figures are right-aligned

    @property
    def header_lines(self) -> tuple[Text, Text]:
        """The header on (at most) two lines of the column's width, the second cut with …."""
        if cell_len(self.header) <= self.width:
            return Text(self.header), Text()
        used, k = 0, 0
        while k < len(self.header) and used + cell_len(self.header[k]) <= self.width:
            used += cell_len(self.header[k])
            k += 1
        return Text(self.header[:k]), fit(Text(self.header[k:]), self.width)


def figure_width(header: str, widest: int) -> int:
    """A figure column's width: its widest figure, or its header on up to two lines (cut
    beyond ``HEADER_MAX``), whichever is wider."""
    cells = cell_len(header)
    wanted = cells if cells <= HEADER_MIN else max(HEADER_MIN, -(-cells // 2))
    return max(widest, min(wanted, HEADER_MAX), 1)


@dataclass(frozen=True)
class Placement:
    """Where the columns are on screen for one width.

    ``placed`` holds (column index, x, width) of every column in view, pinned ones first;
    ``left`` is the x of the gap before the first scrolled column (where ◀ goes).
    """

    placed: tuple[tuple[int, int, int], ...]
    left: int
    hidden_left: int
    hidden_right: int
    figures: int  # scrolled columns in all


def fit(cell: Text, width: int) -> Text:
    """``cell`` cut with … to ``width`` cells (only labels are ever wider than their column)."""
    if cell.cell_len <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


class TableGrid(ScrollView, can_focus=True):
    """The grid of one table: a header row, the row labels pinned at the left, whole figures.

    Enter on a cell asks for its source line. The cursor is (row, column) over ``columns``
    (the keys: side, code, name, then the figure columns).
    """

    COMPONENT_CLASSES = {"table-grid--header", "table-grid--cursor"}  # noqa: RUF012
    DEFAULT_CSS = """
    TableGrid {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 0;
    }
    TableGrid > .table-grid--header {
        background: $panel;
        text-style: bold;
    }
    TableGrid > .table-grid--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    TableGrid:focus > .table-grid--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS = [  # noqa: RUF012
        Binding("up,k", "move(-1, 0)", "上移", show=False),
        Binding("down,j", "move(1, 0)", "下移", show=False),
        Binding("left,h", "move(0, -1)", "左移", show=False),
        Binding("right,l", "move(0, 1)", "右移", show=False),
        Binding("pageup", "page(-1)", "上一页", show=False),
        Binding("pagedown", "page(1)", "下一页", show=False),
        Binding("home", "edge(0)", "第一行", show=False),
        Binding("end", "edge(1)", "最后一行", show=False),
        Binding("enter", "select", "原文"),  # the footer's keys while it has the focus
        Binding("v", "screen.toggle_view", "表/原文"),
        Binding("slash", "screen.search", "搜索"),
    ]

    class CellHighlighted(Message):
        """The cursor moved (or the grid was filled)."""

    class ColumnsShown(Message):
        """Which figure columns are in view changed: how many are hidden on each side."""

        def __init__(self, hidden_left: int, hidden_right: int, total: int) -> None:
            super().__init__()
            self.hidden_left = hidden_left
            self.hidden_right = hidden_right
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table: Table | None = None
        self.spans: dict[tuple[int, str], Span] = {}
        self.fixed_columns = 0
        self.header_rows = 1
        self.cursor_row = 0
        self.cursor_column = 0
        self.first = 0  # the first scrolled column in view (0: the first figure column)
        self._centred = False  # the cursor was last put in the middle (a jump), not moved
        self._columns: list[Column] = []
        self._cells: list[list[Text]] = []
        self._marked: set[tuple[int, int]] = set()
        self._hint: tuple[int, int, int] | None = None

    # -- content -------------------------------------------------------------------------

    @property
    def columns(self) -> list[str]:
        """The column keys, in order."""
        return [c.key for c in self._columns]

    @property
    def row_count(self) -> int:
        """Number of table rows (the header not counted)."""
        return len(self._cells)

    def load(
        self, table: Table, findings: Sequence[Finding], current: Finding | None = None
    ) -> None:
        """Fill the grid with ``table``, the cells ``findings`` point at marked, and those of
        ``current`` (the finding being looked at) marked more strongly."""
        self.table = table
        self.spans = {}
        self._cells = []
        self._marked = set()
        self._hint = None
        self.cursor_row = self.cursor_column = self.first = 0
        lines = [r.span for r in table.rows]
        nearby = FindingsByLine(
            findings,
            min((s.line for s in lines), default=0),
            max((s.end_line for s in lines), default=-1),
        )
        sides = any(r.side for r in table.rows)
        codes = any(r.code for r in table.rows)
        figures = table_columns(table)
        keys = [*([SIDE_KEY] if sides else []), *([CODE_KEY] if codes else []), NAME_KEY]
        self.fixed_columns = len(keys)
        keys += figures
        for i, row in enumerate(table.rows):
            row_style = styles.TOTAL_ROW if row.kind is RowKind.TOTAL else Style()
            cells: list[Text] = []
            for key in keys:
                if key == SIDE_KEY:
                    side = SIDE_NAMES.get(row.side or "", row.side or "")
                    cell, span = Text(neutralise(side), style=styles.MUTED), row.span
                elif key == CODE_KEY:
                    span = row.code_span or row.span
                    cell = Text(neutralise(row.code or ""), style=row_style)
                elif key == NAME_KEY:
                    span = row.name_span or row.span
                    cell = Text(row_name(row), style=row_style)
                else:
                    amount = row.cells.get(key)
                    cell = figure_text(amount, row_style)
                    span = amount.span if amount is not None else row.span
                markable = key in (CODE_KEY, NAME_KEY) or key in row.cells
                if markable and self._mark(cell, span, nearby, current):
                    self._marked.add((i, len(cells)))
                self.spans[(i, key)] = span
                cells.append(cell)
            self._cells.append(cells)
        self._columns = []
        for n, key in enumerate(keys):
            widest = max((self._cells[i][n].cell_len for i in range(len(self._cells))), default=0)
            if key == SIDE_KEY:
                self._columns.append(Column(key, "侧", max(widest, 2), right=False))
            elif key == CODE_KEY:
                self._columns.append(Column(key, "代码", max(widest, cell_len("代码")), False))
            elif key == NAME_KEY:
                self._columns.append(Column(key, "科目名称 / 项目", max(widest, 4), False))
            else:
                header = neutralise(key, tabs=" ")
                self._columns.append(Column(key, header, figure_width(header, widest), True))
        wrapped = any(c.header_lines[1].plain for c in self._columns if c.right)
        self.header_rows = 2 if wrapped else 1
        self.virtual_size = Size(0, len(self._cells) + self.header_rows)
        self.scroll_to(0, 0, animate=False)
        self.refresh()
        self.post_message(self.CellHighlighted())

    @staticmethod
    def _mark(cell: Text, span: Span, findings: FindingsByLine, current: Finding | None) -> bool:
        """Style ``cell`` by the findings at ``span``; whether it was marked."""
        if current is not None:
            if current.span is not None and overlaps(current.span, span):
                cell.stylize(styles.SPAN[current.severity] + styles.CURRENT_CELL)
                return True
            if any(overlaps(r.span, span) for r in current.related):
                cell.stylize(styles.CURRENT_RELATED[current.severity])
                return True
        mark = cell_mark(span, findings.near(span))
        if mark is not None:
            cell.stylize(mark.style)
            return True
        return False

    # -- layout ----------------------------------------------------------------------------

    def place_columns(self, width: int) -> Placement:
        """Place the columns in ``width`` cells: the pinned ones, then the scrolled ones from
        ``first`` (moved so that the cursor's column is in view) as long as they fit whole."""
        cols = self._columns
        n = self.fixed_columns
        widths = [c.width for c in cols[:n]]
        scrolled = [c.width for c in cols[n:]]
        pinned = PAD + sum(widths) + GAP * max(0, n - 1)
        if pinned + sum(GAP + w for w in scrolled) <= width:
            self.first = 0
            shown = range(len(scrolled))
        else:
            others = PAD + sum(widths[:-1]) + GAP * max(0, n - 1)
            # The name leaves room for the widest figure column, and takes at most 2/5 of the
            # pane when it holds more figure columns than that leaves.
            room = width - others - GAP - max(scrolled, default=0) - EDGE
            share = width * 2 // 5 if len(scrolled) > 1 else room
            widths[-1] = min(widths[-1], max(NAME_MIN, min(room, share)))
            pinned = PAD + sum(widths) + GAP * max(0, n - 1)
            shown = self._scrolled_in_view(scrolled, width - pinned - EDGE)
        placed: list[tuple[int, int, int]] = []
        x = PAD
        for i, w in enumerate(widths):
            placed.append((i, x, w))
            x += w + GAP
        for j in shown:
            placed.append((n + j, x, scrolled[j]))
            x += scrolled[j] + GAP
        first = shown[0] if len(shown) else len(scrolled)
        last = shown[-1] if len(shown) else len(scrolled) - 1
        return Placement(tuple(placed), pinned, first, len(scrolled) - 1 - last, len(scrolled))

    def _scrolled_in_view(self, widths: list[int], room: int) -> range:
        """The scrolled columns that fit in ``room`` cells, from ``first`` moved as needed."""
        if not widths:
            return range(0)

        def count(first: int) -> int:  # columns that fit from ``first`` (at least one)
            used, k = 0, first
            while k < len(widths) and used + GAP + widths[k] <= room:
                used += GAP + widths[k]
                k += 1
            return max(1, k - first)

        self.first = min(max(self.first, 0), len(widths) - 1)
        wanted = self.cursor_column - self.fixed_columns
        if 0 <= wanted < self.first:
            self.first = wanted
        while wanted >= self.first + count(self.first):
            self.first += 1
        last = self.first + count(self.first) - 1
        # The pane grew: bring back columns at the left as long as the right end stays.
        while self.first > 0 and sum(GAP + w for w in widths[self.first - 1 : last + 1]) <= room:
            self.first -= 1
        return range(self.first, min(len(widths), self.first + count(self.first)))

    # -- cursor ------------------------------------------------------------------------------

    @property
    def cursor_coordinate(self) -> Coordinate:
        """The cursor as (row, column index)."""
        return Coordinate(self.cursor_row, self.cursor_column)

    @cursor_coordinate.setter
    def cursor_coordinate(self, where: Coordinate) -> None:
        self.move_cursor(row=where.row, column=where.column)

    def move_cursor(
        self, *, row: int | None = None, column: int | None = None, centre: bool = False
    ) -> None:
        """Put the cursor on ``row`` and ``column`` (an index into ``columns``)."""
        if row is not None:
            self.cursor_row = min(max(row, 0), max(0, self.row_count - 1))
        if column is not None:
            self.cursor_column = min(max(column, 0), max(0, len(self._columns) - 1))
        self._centred = centre
        self._scroll_to_cursor(centre)
        self.call_after_refresh(self._scroll_to_cursor, centre)
        self.refresh()
        self.post_message(self.CellHighlighted())

    def _scroll_to_cursor(self, centre: bool = False) -> None:
        body = max(1, self.scrollable_content_region.height - self.header_rows)
        top = int(self.scroll_y)
        row = self.cursor_row
        if centre:
            self.scroll_to(y=max(0, row - body // 2), animate=False)
        elif row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + body:
            self.scroll_to(y=row - body + 1, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """A grid just shown (or resized with the focus) keeps a jumped-to row centred."""
        self.virtual_size = Size(0, self.row_count + self.header_rows)
        self._scroll_to_cursor(self._centred)

    def action_move(self, rows: int, columns: int) -> None:
        self.move_cursor(row=self.cursor_row + rows, column=self.cursor_column + columns)

    def action_page(self, direction: int) -> None:
        body = max(1, self.scrollable_content_region.height - self.header_rows)
        self.move_cursor(row=self.cursor_row + direction * body)

    def action_edge(self, end: int) -> None:
        self.move_cursor(row=self.row_count - 1 if end else 0)

    def action_select(self) -> None:
        current = self.current_cell()
        if current is not None:
            span = self.spans.get((self.cursor_row, current[1]))
            if span is not None:
                self.post_message(JumpToSource(span))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_rows or self.table is None:
            return
        layout = self.place_columns(self.scrollable_content_region.width)
        column = next((i for i, x, w in layout.placed if x <= offset.x < x + w + GAP), None)
        row = int(self.scroll_y) + offset.y - self.header_rows
        if row >= self.row_count or column is None:
            return
        if (row, column) == (self.cursor_row, self.cursor_column):
            self.action_select()
        else:
            self.move_cursor(row=row, column=column)

    def current_cell(self) -> tuple[Row, str] | None:
        """The row and column key under the cursor."""
        if self.table is None or not self.row_count:
            return None
        if not (0 <= self.cursor_row < len(self.table.rows)):
            return None
        if not (0 <= self.cursor_column < len(self._columns)):
            return None
        return self.table.rows[self.cursor_row], self._columns[self.cursor_column].key

    # -- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.table is None or not self._columns:
            return Strip.blank(width, base)
        layout = self.place_columns(width)
        if y < self.header_rows:
            if y == 0:
                self._post_hint(layout)
            return self._header(layout, width, y).apply_style(base)
        row = int(self.scroll_y) + y - self.header_rows
        if row >= self.row_count:
            return Strip.blank(width, base)
        on_cursor = row == self.cursor_row
        line_style = styles.POINTER_LINE if on_cursor else Style()
        cursor = self.get_component_rich_style("table-grid--cursor")
        line = Text(no_wrap=True, end="")
        for i, x, w in layout.placed:
            cell = fit(self._cells[row][i], w)
            here = on_cursor and i == self.cursor_column
            if here and (row, i) in self._marked:
                cell = cell.copy()
                cell.stylize(styles.CURRENT_CELL)
            self._put(line, x, cell, w, self._columns[i].right, cursor if here else line_style)
            if here and (row, i) not in self._marked:
                line.stylize(cursor, len(line) - max(w, cell.cell_len), len(line))
        return self._strip(line, width, line_style).apply_style(base)

    def _header(self, layout: Placement, width: int, y: int) -> Strip:
        style = self.get_component_rich_style("table-grid--header")
        line = Text(no_wrap=True, end="")
        n = self.fixed_columns
        for i, x, w in layout.placed:
            if i == n + self.first and layout.hidden_left and y == 0:
                self._put(line, layout.left, Text(LEFT_ARROW, style=styles.EDGE_HINT), 1, False)
            column = self._columns[i]
            if column.right:
                header = column.header_lines[y]
            else:
                header = fit(Text(column.header), w) if y == 0 else Text()
            self._put(line, x, header, w, column.right)
        if layout.hidden_right and y == 0:
            end = max((x + w for _, x, w in layout.placed), default=0)
            self._put(line, end + 1, Text(RIGHT_ARROW, style=styles.EDGE_HINT), 1, False)
        return self._strip(line, width, style)

    @staticmethod
    def _put(
        line: Text, x: int, cell: Text, width: int, right: bool, pad: Style | None = None
    ) -> None:
        """Append ``cell`` at cell ``x`` of ``line``, padded to ``width`` (``pad`` styles the
        padding: the cursor covers its whole cell)."""
        if line.cell_len < x:
            line.append(" " * (x - line.cell_len))
        room = " " * max(0, width - cell.cell_len)
        if right:
            line.append(room, style=pad)
            line.append_text(cell)
        else:
            line.append_text(cell)
            line.append(room, style=pad)

    def _strip(self, line: Text, width: int, style: Style) -> Strip:
        strip = Strip(list(line.render(self.app.console)), line.cell_len)
        if strip.cell_length < width:
            strip = Strip([*strip, Segment(" " * (width - strip.cell_length))], width)
        return strip.crop(0, width).apply_style(style).simplify()

    def _post_hint(self, layout: Placement) -> None:
        hint = (layout.hidden_left, layout.hidden_right, layout.figures)
        if hint != self._hint:
            self._hint = hint
            self.post_message(self.ColumnsShown(*hint))


def columns_hint(hidden_left: int, hidden_right: int) -> Text:
    """``◀ 2列  ▶ 5列``: how many figure columns are out of view on each side."""
    text = Text(no_wrap=True)
    if hidden_left:
        text.append(f"{LEFT_ARROW} {hidden_left}列", style=styles.EDGE_HINT)
    if hidden_right:
        if hidden_left:
            text.append("  ")
        text.append(f"{RIGHT_ARROW} {hidden_right}列", style=styles.EDGE_HINT)
    return text


class TableView(Vertical):
    """The caption and the grid of a table, and a line about the cell under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table: Table | None = None
        self.findings: Sequence[Finding] = ()
        self._caption = Text()
        self._hint = Text()

    def compose(self) -> ComposeResult:
        yield Static(id="table-caption")
        yield TableGrid(id="table-grid")
        yield Static(id="table-cell")

    def show_table(
        self,
        table: Table,
        findings: Sequence[Finding],
        short: str | None = None,
        current: Finding | None = None,
        cell: tuple[int, str] | None = None,
    ) -> None:
        """Show ``table`` (named ``short`` in the template) with the cells ``findings`` point
        at highlighted, those of ``current`` the most; the cursor on ``cell`` (row, key)."""
        self.table = table
        self.findings = findings
        self._caption = caption(table, short)
        self._hint = Text()
        self._update_caption()
        grid = self.query_one(TableGrid)
        grid.load(table, findings, current)
        if cell is not None and cell[1] in grid.columns:
            grid.move_cursor(row=cell[0], column=grid.columns.index(cell[1]), centre=True)
        self._show_cell()

    def _update_caption(self) -> None:
        head, *rest = self._caption.split("\n")
        line = RichTable.grid(expand=True)
        line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        line.add_column(no_wrap=True, justify="right")
        line.add_row(head, self._hint)
        shown: RenderableType = Group(line, *rest) if rest else line
        self.query_one("#table-caption", Static).update(shown)

    def on_table_grid_columns_shown(self, event: TableGrid.ColumnsShown) -> None:
        event.stop()
        self._hint = columns_hint(event.hidden_left, event.hidden_right)
        self._update_caption()

    def on_table_grid_cell_highlighted(self, event: TableGrid.CellHighlighted) -> None:
        event.stop()
        self._show_cell()

    def _show_cell(self) -> None:
        grid = self.query_one(TableGrid)
        current = grid.current_cell()
        line = self.query_one("#table-cell", Static)
        if current is None or self.table is None:
            line.update("")
        else:
            line.update(cell_line(self.table, *current))
