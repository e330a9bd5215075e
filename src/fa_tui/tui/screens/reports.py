"""The report list: `fa-tui DIR` or several files. One row per report (department, year,
counts by severity, review progress), filled in as the background check reaches it; Enter
opens a report in the inspector, and Esc there comes back here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec.structs import replace
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from fa_tui.model import Severity
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.survey import ReportRow

COLUMNS = (("报告", 18), ("部门", 24), ("年度", 4), ("错", 3), ("警", 3), ("提", 3), ("已审", 7))


class ReportListScreen(Screen[None]):
    """The reports of one run of the inspector."""

    BINDINGS = [Binding("q", "app.quit", "退出")]  # noqa: RUF012

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.rows: dict[Path, ReportRow] = {p: ReportRow(path=p) for p in self.paths}

    def compose(self) -> ComposeResult:
        yield Static(id="reports-title")
        yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield Static(id="reports-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name, width in COLUMNS:
            table.add_column(name, width=width, key=name)
        for path in self.paths:
            table.add_row(*self._cells(self.rows[path]), key=str(path))
        self._show_progress()
        table.focus()

    def _cells(self, row: ReportRow) -> list[Text]:
        name = Text(neutralise(row.path.name, tabs=" "), no_wrap=True, overflow="ellipsis")
        if row.problem:
            return [name, Text(neutralise(row.problem), style="red"), *(Text("") for _ in range(5))]
        if not row.checked:
            return [name, Text("检查中…", style=styles.MUTED), *(Text("") for _ in range(5))]
        counts = [
            Text(str(n), style=styles.BADGE[s] if n else styles.MUTED, justify="right")
            for n, s in (
                (row.errors, Severity.ERROR),
                (row.warnings, Severity.WARNING),
                (row.infos, Severity.INFO),
            )
        ]
        done = row.findings and row.reviewed == row.findings
        return [
            name,
            Text(neutralise(row.department, tabs=" ") or "（未识别）", no_wrap=True),
            Text(str(row.year or "-")),
            *counts,
            Text(row.progress(), style="green" if done else "", justify="right"),
        ]

    def update_row(self, row: ReportRow) -> None:
        """A report is checked (or its review changed): show its figures."""
        self.rows[row.path] = row
        table = self.query_one(DataTable)
        for (name, _width), cell in zip(COLUMNS, self._cells(row), strict=True):
            table.update_cell(str(row.path), name, cell)
        self._show_progress()

    def set_reviewed(self, path: Path, reviewed: int, findings: int) -> None:
        """The reviewer came back from a report: its review progress now."""
        row = self.rows.get(path)
        if row is not None and row.checked:
            self.update_row(replace(row, reviewed=reviewed, findings=findings))

    def last_year_of(self, path: Path) -> Path | None:
        """The listed report of the same department for the year before ``path``'s (checked),
        if there is exactly one."""
        row = self.rows.get(path)
        if row is None or not row.checked or not row.department or row.year is None:
            return None
        found = [
            r.path
            for r in self.rows.values()
            if r.checked and r.department == row.department and r.year == row.year - 1
        ]
        return found[0] if len(found) == 1 else None

    def _show_progress(self) -> None:
        done = sum(1 for r in self.rows.values() if r.checked or r.problem)
        total = len(self.rows)
        title = f"报告 {total} 份"
        if done < total:
            title += f"  正在检查 {done}/{total}…"
        else:
            title += "  检查完毕"
        self.query_one("#reports-title", Static).update(Text(title, style="bold"))
        self.query_one("#reports-status", Static).update(
            Text("Enter 打开报告，在报告中按 Esc 回到本列表", style=styles.MUTED)
        )

    @on(DataTable.RowSelected)
    def _open_report(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: open that report."""
        if event.row_key.value is not None:
            self.post_message(OpenReport(Path(event.row_key.value)))


class OpenReport(Message):
    """The reviewer chose the report at ``path`` in the list."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
