"""Rich rendering of parsed tables: figures as printed, right-aligned; report text as data."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from fa_tui.model.amount import Amount
from fa_tui.model.tables import INCOME, SPENDING, Row, Table, TableStatus
from fa_tui.parse.numbers import display_amount
from fa_tui.safe_text import neutralise

STATUS_LABELS: dict[TableStatus, str] = {
    TableStatus.DATA: "有数据",
    TableStatus.EMPTY: "空表",
    TableStatus.TITLE_ONLY: "仅列标题",
    TableStatus.MISSING: "缺失",
    TableStatus.UNREADABLE: "无法读取",
}
_STATUS_STYLE: dict[TableStatus, str] = {
    TableStatus.DATA: "green",
    TableStatus.EMPTY: "yellow",
    TableStatus.TITLE_ONLY: "yellow",
    TableStatus.MISSING: "red",
    TableStatus.UNREADABLE: "yellow",
}
_SIDE_LABELS = {INCOME: "收入", SPENDING: "支出"}
UNDETERMINED = "未能确定栏目"


def safe(text: str | None) -> Text:
    """Report text as a plain ``Text`` (controls made visible, tabs as spaces)."""
    return Text(neutralise(text or "", tabs=" "))


def amount_text(amount: Amount | None) -> Text:
    """A figure as printed (repaired damage undone), right-aligned; repaired ones marked."""
    if amount is None:
        return Text("", justify="right")
    text = Text(neutralise(display_amount(amount)), justify="right")
    if amount.repaired:
        text.stylize("yellow")
        text.append("*", style="yellow")
    return text


def status_table(tables: Sequence[Table], title: str = "决算表概览") -> RichTable:
    """The status of each table: id, title, label as printed, status, unit, line."""
    grid = RichTable(title=Text(title), box=box.SIMPLE_HEAD, show_edge=False)
    for name in ("表", "标题", "标签", "状态", "单位", "行"):
        grid.add_column(name, no_wrap=name in ("表", "标签", "状态", "行"))
    for table in tables:
        status = Text(STATUS_LABELS[table.status], style=_STATUS_STYLE[table.status])
        grid.add_row(
            Text(table.id or "其他表"),
            safe(table.title),
            safe(table.label),
            status,
            safe(table.unit),
            Text(str(table.span.line) if table.span else ""),
        )
    return grid


def _heading(table: Table) -> Text:
    head = Text(f"{table.id or '其他表'}  ", style="bold")
    head.append_text(safe(table.title))
    head.append(f"  [{STATUS_LABELS[table.status]}]", style=_STATUS_STYLE[table.status])
    if table.label:
        head.append(f"  标签：{neutralise(table.label)}")
    if table.unit:
        head.append(f"  单位：{neutralise(table.unit)}")
    if table.span:
        head.append(f"  L{table.span.line}-{table.span.end_line}", style="dim")
    return head


def _rows_table(rows: Sequence[Row], columns: Sequence[str], *, with_code: bool) -> RichTable:
    grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    grid.add_column("行", justify="right", style="dim", no_wrap=True)
    if with_code:
        grid.add_column("科目代码", no_wrap=True)
    grid.add_column("名称")
    for column in columns:
        grid.add_column(safe(column), justify="right", no_wrap=True)
    undetermined = any(r.undetermined for r in rows)
    if undetermined:
        grid.add_column(UNDETERMINED, style="yellow")
    for row in rows:
        cells: list[RenderableType] = [Text(str(row.span.line))]
        if with_code:
            cells.append(Text(row.code or ""))
        name = safe(row.name)
        if row.kind.value == "total":
            name.stylize("bold")
        if row.level and row.level > 1:
            name = Text("  " * (row.level - 1)) + name
        cells.append(name)
        cells.extend(amount_text(row.cells.get(c)) for c in columns)
        if undetermined:
            cells.append(_undetermined_text(row))
        grid.add_row(*cells)
    return grid


def _undetermined_text(row: Row) -> Text:
    """The figures of an undetermined row that no column holds, after 未能确定栏目."""
    if not row.undetermined:
        return Text("")
    figures = " ".join(display_amount(a) for a in row.unplaced)
    return safe(f"{UNDETERMINED}：{figures}" if figures else UNDETERMINED)


def _unplaced_text(table: Table) -> Text:
    """The figures of the table that no row holds, with where each is."""
    shown = "、".join(f"{display_amount(a)}（{a.span.line} 行）" for a in table.unplaced[:12])
    more = f"等 {len(table.unplaced)} 个" if len(table.unplaced) > 12 else ""
    text = safe(f"未能对应到行和栏的数字：{shown}{more}")
    text.stylize("yellow")
    return text


def table_renderable(table: Table) -> RenderableType:
    """One table: heading, rows (by side for two-sided tables and 表六), and its note."""
    parts: list[RenderableType] = [_heading(table)]
    if table.rows:
        sides = [s for s in dict.fromkeys(r.side for r in table.rows)]
        with_code = any(r.code for r in table.rows)
        if sides != [None]:
            for side in sides:
                rows = [r for r in table.rows if r.side == side]
                columns = list(dict.fromkeys(c for r in rows for c in r.cells))
                parts.append(Text(_SIDE_LABELS.get(side or "", side or ""), style="bold"))
                parts.append(_rows_table(rows, columns, with_code=with_code))
        else:
            columns = list(table.columns) or list(
                dict.fromkeys(c for r in table.rows for c in r.cells)
            )
            parts.append(_rows_table(table.rows, columns, with_code=with_code))
    if table.unplaced:
        parts.append(_unplaced_text(table))
    repaired = sum(1 for a in table.amounts() if a.repaired)
    if repaired:
        legend = Text("* ", style="yellow")
        legend.append(
            f"标记的 {repaired} 个数字原文有提取损坏（如数字中夹有空格），此处为修复后的数值",
            style="dim",
        )
        parts.append(legend)
    if table.note:
        note = safe(table.note)
        note.stylize("dim")
        parts.append(note)
    parts.append(Text(""))
    return Group(*parts)
