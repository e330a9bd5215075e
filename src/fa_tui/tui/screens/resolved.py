"""The findings of the last version of a revised report that this version no longer has
(已解决), with the reviewer's marks and notes on them; Esc closes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from fa_tui.review.marks import Mark, Seen
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def resolved_text(resolved: Sequence[tuple[str, Seen, Mark | None]]) -> Text:
    """One entry per resolved finding: code, severity, where it was, message, mark and note."""
    text = Text()
    if not resolved:
        text.append("没有已解决的问题（或尚无上一稿可比）。", style=styles.MUTED)
        return text
    for n, (finding_id, seen, mark) in enumerate(resolved, start=1):
        if n > 1:
            text.append("\n\n")
        text.append(f"{n}. {seen.code} ", style="bold")
        text.append(f"[{SEVERITY_NAMES.get(seen.severity, seen.severity)}]")
        text.append(f"  {neutralise(seen.where, tabs=' ')}  {finding_id}", style=styles.MUTED)
        text.append("\n" + neutralise(seen.message, tabs=" "))
        if mark is not None and mark.status is not None:
            text.append(f"\n标记：{mark.status.label}", style="bold")
        if mark is not None and mark.note:
            text.append(f"\n备注：{neutralise(mark.note, tabs=' ')}", style="bold")
    return text


class ResolvedScreen(ModalScreen[None]):
    """The resolved findings, over the inspector."""

    BINDINGS = [Binding("escape,q", "close", "关闭")]  # noqa: RUF012

    def __init__(self, resolved: Sequence[tuple[str, Seen, Mark | None]]) -> None:
        super().__init__()
        self.resolved = list(resolved)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"上一稿以来已解决的问题 {len(self.resolved)} 条（Esc 关闭）"
            yield Static(resolved_text(self.resolved), id="resolved-body")

    def action_close(self) -> None:
        self.dismiss(None)
