"""Rich rendering of parsed tables: figures as printed, right-aligned; report text as data."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
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


NAME_MIN = 12  # cells kept for the row name however narrow the width (six characters)
FIGURE_MIN = 6  # a figure column is never narrower (its header folds into it)
GAP = 3  # cells between two columns of a grid (padding, blank rule, padding; none at the edges)


def _name_text(row: Row) -> Text:
    name = safe(row.name)
    if row.kind.value == "total":
        name.stylize("bold")
    if row.level and row.level > 1:
        name = Text("  " * (row.level - 1)) + name
    return name


def _figure_width(rows: Sequence[Row], column: str) -> int:
    """Cells of the widest figure of ``column`` (a repaired one carries its ``*``)."""
    return max((amount_text(r.cells.get(column)).cell_len for r in rows), default=0)


def _chunks(widths: list[int], fixed: int, width: int) -> list[list[int]]:
    """The figure columns (by index) of each grid: as many as fit beside the fixed columns."""
    chunks: list[list[int]] = [[]]
    used = fixed
    for k, w in enumerate(widths):
        if chunks[-1] and used + w + GAP > width:
            chunks.append([])
            used = fixed
        chunks[-1].append(k)
        used += w + GAP
    return chunks


def _rows_tables(
    rows: Sequence[Row], columns: Sequence[str], *, with_code: bool, width: int | None
) -> list[RichTable]:
    """The rows as one grid, or (in ``width`` cells) as several grids of a few figure columns.

    Within ``width``, the line, the code and the name (cut with ``…`` past ``NAME_MIN`` cells
    when there is no room) stay in every grid; figures are never cut, their headers wrap.
    """
    if width is None:
        return [_rows_table(rows, columns, with_code=with_code)]
    lines = max(2, *(len(str(r.span.line)) for r in rows))
    codes = max(8, *(len(r.code or "") for r in rows)) if with_code else 0
    names = max(NAME_MIN, *(_name_text(r).cell_len for r in rows))
    figures = [max(FIGURE_MIN, _figure_width(rows, c)) for c in columns]
    # the width a header would like (a long one folds into a few lines anyway)
    natural = [max(f, min(cell_len(c), 12)) for f, c in zip(figures, columns, strict=True)]
    fixed = lines + (codes + GAP if with_code else 0) + GAP + NAME_MIN
    if fixed - NAME_MIN + names + sum(n + GAP for n in natural) <= width:
        return [_rows_table(rows, columns, with_code=with_code)]  # all fits as it is
    grids = []
    for chunk in _chunks(figures, fixed, width):
        rest = fixed - NAME_MIN + sum(figures[k] + GAP for k in chunk)
        name_width = max(NAME_MIN, min(names, width - rest))
        spare = width - rest - name_width
        chunk_widths = []
        for k in chunk:  # give a header its own width back while there is room
            grow = min(natural[k] - figures[k], spare)
            chunk_widths.append(figures[k] + grow)
            spare -= grow
        grids.append(
            _rows_table(
                rows,
                [columns[k] for k in chunk],
                with_code=with_code,
                widths=(lines, codes, name_width, chunk_widths),
            )
        )
    return grids


def _rows_table(
    rows: Sequence[Row],
    columns: Sequence[str],
    *,
    with_code: bool,
    widths: tuple[int, int, int, list[int]] | None = None,
) -> RichTable:
    """One grid of ``rows``; ``widths`` (line, code, name, each figure column) fixes them."""
    grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    line_w, code_w, name_w, figure_w = widths if widths else (None, None, None, [])
    grid.add_column("行", justify="right", style="dim", no_wrap=True, width=line_w)
    if with_code:
        grid.add_column("科目代码", no_wrap=widths is None, width=code_w, overflow="fold")
    grid.add_column("名称", width=name_w)
    for k, column in enumerate(columns):
        grid.add_column(
            safe(column),
            justify="right",
            no_wrap=widths is None,
            width=figure_w[k] if widths else None,
            overflow="fold",  # the header folds; the figures fit (the width is theirs)
        )
    undetermined = any(r.undetermined for r in rows)
    if undetermined:
        grid.add_column(UNDETERMINED, style="yellow")
    for row in rows:
        cells: list[RenderableType] = [Text(str(row.span.line))]
        if with_code:
            cells.append(Text(row.code or "", no_wrap=True))
        name = _name_text(row)
        if widths is not None:
            name.no_wrap, name.overflow = True, "ellipsis"
        cells.append(name)
        for column in columns:
            figure = amount_text(row.cells.get(column))
            figure.no_wrap = True
            cells.append(figure)
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


def table_renderable(table: Table, width: int | None = None) -> RenderableType:
    """One table: heading, rows (by side for two-sided tables and 表六), and its note.

    ``width``: the cells to fit the rows in (see ``_rows_tables``); ``None``: Rich's layout.
    """
    parts: list[RenderableType] = [_heading(table)]
    if table.rows:
        sides = [s for s in dict.fromkeys(r.side for r in table.rows)]
        with_code = any(r.code for r in table.rows)
        if sides != [None]:
            for side in sides:
                rows = [r for r in table.rows if r.side == side]
                columns = list(dict.fromkeys(c for r in rows for c in r.cells))
                parts.append(Text(_SIDE_LABELS.get(side or "", side or ""), style="bold"))
                parts.extend(_rows_tables(rows, columns, with_code=with_code, width=width))
        else:
            columns = list(table.columns) or list(
                dict.fromkeys(c for r in table.rows for c in r.cells)
            )
            parts.extend(_rows_tables(table.rows, columns, with_code=with_code, width=width))
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
