"""The help screen: every key (from ``keys.KEYMAP``)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from fa_tui.tui.keys import KEYMAP


def help_table() -> Table:
    """The key map as a two-column grid: keys (never wrapped) and what they do (wrapped)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for n, (title, rows) in enumerate(KEYMAP):
        if n:
            grid.add_row("", "")
        grid.add_row(Text(title, style="bold underline"), "")
        for keys, what in rows:
            grid.add_row(Text(keys), Text(what))
    grid.add_row("", "")
    grid.add_row(Text("Esc / q / ?", style="dim"), Text("关闭本帮助", style="dim"))
    return grid


class HelpScreen(ModalScreen[None]):
    """All keys; Esc (or q, ?) closes."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "close", "关闭"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "按键"
            yield Static(help_table(), id="help-body")

    def action_close(self) -> None:
        self.dismiss(None)
