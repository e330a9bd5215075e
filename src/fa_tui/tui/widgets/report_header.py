"""The header line: department, year, file and finding counts by severity."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from fa_tui.model import Report, ReportKind, Severity
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.index import SEVERITY_NAMES


def header_text(report: Report | None, totals: dict[Severity, int] | None, path: str) -> Text:
    """One line: who, which year, which file, how many findings of each severity."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(" fa-tui ", style="reverse bold")
    if report is None:
        text.append(f" {neutralise(path)}  正在解析与检查")
        return text
    text.append(" ")
    text.append(neutralise(report.department or "（未识别部门）", tabs=" "), style="bold")
    text.append(f" {report.year or '年度未识别'}", style="bold")
    if report.kind is not ReportKind.FINAL_ACCOUNTS:
        text.append(f"  {report.kind.label}·决算规则不适用", style=styles.NOTICE)
    if totals is None:
        text.append("  正在检查", style=styles.MUTED)
    else:
        for severity in Severity:
            count = totals.get(severity, 0)
            style = styles.BADGE[severity] if count else styles.MUTED
            text.append(f"  {SEVERITY_NAMES[severity]} {count}", style=style)
    text.append(f"  {neutralise(path)}", style=styles.MUTED)
    return text


class ReportHeader(Static):
    """The top line of the inspector."""

    def show(self, report: Report | None, totals: dict[Severity, int] | None, path: str) -> None:
        """Update the line."""
        self.update(header_text(report, totals, path))
