"""The table pane: a parsed table as a grid, amounts exactly as printed, findings on their cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Static

from fa_tui.model import Amount, Finding, Row, RowKind, Span, Table, TableStatus
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
    """A figure exactly as printed (a repaired one as its repaired value)."""
    if amount is None or (amount.value is None and not amount.text.strip()):
        return ""
    if amount.repaired:
        return amount.printed()
    return neutralise(amount.text.strip(), tabs=" ")


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


def name_width(table: Table, width: int) -> int | None:
    """The width of the name column in a pane ``width`` cells wide (``None``: as wide as needed).

    The name column is fixed (it stays when scrolling sideways); it gets what the side and code
    columns and the first amount column leave, so that at least one figure is always in view.
    """
    longest = max((cell_len(row_name(r)) for r in table.rows), default=0)
    columns = table_columns(table)
    first = columns[0] if columns else ""
    amount = max(
        [cell_len(first)] + [cell_len(amount_text(r.cells.get(first))) for r in table.rows]
    )
    used = 2 + amount + 2 + 1  # padding of the name and amount columns, the scrollbar
    if any(r.side for r in table.rows):
        used += 4 + 2
    if any(r.code for r in table.rows):
        used += max(cell_len("代码"), *(cell_len(r.code or "") for r in table.rows)) + 2
    room = width - used
    return None if longest <= room else max(12, room)


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


class TableGrid(DataTable[Text]):
    """The grid of one table; Enter on a cell asks for its source line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.spans: dict[tuple[str, str], Span] = {}
        self.table: Table | None = None

    def load(
        self, table: Table, findings: Sequence[Finding], name_width: int | None = None
    ) -> None:
        """Fill the grid with ``table``; ``name_width`` caps the (fixed) name column."""
        self.clear(columns=True)
        self.table = table
        self.spans = {}
        lines = [r.span for r in table.rows]
        nearby = FindingsByLine(
            findings,
            min((s.line for s in lines), default=0),
            max((s.end_line for s in lines), default=-1),
        )
        sides = any(r.side for r in table.rows)
        if sides:
            self.add_column(Text("侧"), key=SIDE_KEY)
        codes = any(r.code for r in table.rows)
        if codes:
            self.add_column(Text("代码"), key=CODE_KEY)
        self.add_column(Text("科目名称 / 项目"), key=NAME_KEY, width=name_width)
        self.fixed_columns = 1 + int(sides) + int(any(r.code for r in table.rows))
        columns = table_columns(table)
        for key in columns:
            self.add_column(Text(neutralise(key, tabs=" "), justify="right"), key=key)
        for i, row in enumerate(table.rows):
            row_key = str(i)
            row_style = styles.TOTAL_ROW if row.kind is RowKind.TOTAL else Style()
            cells: list[Text] = []
            if sides:
                side = SIDE_NAMES.get(row.side or "", row.side or "")
                cells.append(Text(neutralise(side), style=styles.MUTED))
                self.spans[(row_key, SIDE_KEY)] = row.span
            if codes:
                code_span = row.code_span or row.span
                code = Text(neutralise(row.code or ""), style=row_style)
                self._mark(code, code_span, nearby)
                cells.append(code)
                self.spans[(row_key, CODE_KEY)] = code_span
            name_span = row.name_span or row.span
            name = Text(row_name(row), style=row_style)
            self._mark(name, name_span, nearby)
            cells.append(name)
            self.spans[(row_key, NAME_KEY)] = name_span
            for key in columns:
                amount = row.cells.get(key)
                cell = Text(amount_text(amount), style=row_style, justify="right")
                if amount is not None:
                    if amount.repaired:
                        cell.stylize("italic underline")
                    self._mark(cell, amount.span, nearby)
                    self.spans[(row_key, key)] = amount.span
                else:
                    self.spans[(row_key, key)] = row.span
                cells.append(cell)
            self.add_row(*cells, key=row_key)

    @staticmethod
    def _mark(cell: Text, span: Span, findings: FindingsByLine) -> None:
        mark = cell_mark(span, findings.near(span))
        if mark is not None:
            cell.stylize(mark.style)

    def current_cell(self) -> tuple[Row, str] | None:
        """The row and column key under the cursor."""
        if self.table is None or not self.row_count:
            return None
        keys = list(self.columns)
        row, column = self.cursor_coordinate
        if not (0 <= row < len(self.table.rows) and 0 <= column < len(keys)):
            return None
        return self.table.rows[row], str(keys[column].value)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        key = (str(event.cell_key.row_key.value), str(event.cell_key.column_key.value))
        span = self.spans.get(key)
        if span is not None:
            self.post_message(JumpToSource(span))


class TableView(Vertical):
    """The caption and the grid of the table chosen in the tree."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table: Table | None = None
        self.findings: Sequence[Finding] = ()
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="table-caption")
        yield TableGrid(id="table-grid")
        yield Static(id="table-cell")

    def show_table(
        self, table: Table, findings: Sequence[Finding], short: str | None = None
    ) -> None:
        """Show ``table`` (named ``short`` in the template) with the cells ``findings`` point
        at highlighted."""
        self.table = table
        self.findings = findings
        self.query_one("#table-caption", Static).update(caption(table, short))
        self._load()

    def _load(self) -> None:
        assert self.table is not None
        pane = self.parent if isinstance(self.parent, Widget) else self
        self._width = pane.size.width or self.app.size.width
        self.query_one(TableGrid).load(
            self.table, self.findings, name_width(self.table, self._width)
        )
        self._show_cell()

    def on_resize(self, event: events.Resize) -> None:
        """The panes resize with the focus: give the name column what the new width allows."""
        if self.table is not None and event.size.width != self._width:
            grid = self.query_one(TableGrid)
            where = grid.cursor_coordinate
            self._load()
            grid.cursor_coordinate = where

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_cell()

    def _show_cell(self) -> None:
        grid = self.query_one(TableGrid)
        current = grid.current_cell()
        line = self.query_one("#table-cell", Static)
        if current is None or self.table is None:
            line.update("")
        else:
            line.update(cell_line(self.table, *current))
