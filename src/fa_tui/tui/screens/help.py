"""The help screen: every key (from ``keys.KEYMAP``), grouped by pane, the current pane first;
then the legend of marks and colours (``legend``)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from fa_tui.tui.keys import KEYMAP, PANE_GROUPS
from fa_tui.tui.legend import legend_table


def help_table(pane: str | None = None) -> Table:
    """The key map as a two-column grid: keys (never wrapped) and what they do (wrapped).

    The group of ``pane`` (see ``keys.PANE_GROUPS``) comes first, marked as the current pane.
    """
    current = PANE_GROUPS.get(pane or "")
    groups = sorted(KEYMAP, key=lambda group: group[0] != current)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for n, (title, rows) in enumerate(groups):
        if n:
            grid.add_row("", "")
        heading = Text(title, style="bold underline")
        mark = Text("当前窗格", style="bold reverse") if title == current else ""
        grid.add_row(heading, mark)  # the mark in the second column: the first stays narrow
        for keys, what in rows:
            grid.add_row(Text(keys), Text(what))
    grid.add_row("", "")
    grid.add_row(Text("Esc / q / ?", style="dim"), Text("关闭本帮助", style="dim"))
    return grid


class HelpScreen(ModalScreen[None]):
    """All keys, then the legend; Esc (or q, ?) closes."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "close", "关闭"),
    ]

    def __init__(self, pane: str | None = None) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "按键与图例（上下键、End 看图例）"
            yield Static(help_table(self.pane), id="help-body")
            yield Static(legend_table(), id="help-legend")

    def action_close(self) -> None:
        self.dismiss(None)
