"""The screen shown while a PDF's pages are read: the inspector's frame and one progress line.

It has no key of its own but ``q`` (quit) and Esc (stop reading: back to the report list, or
quit): whatever else is typed while the document is read is dropped here, never replayed on
the report once it is shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from fa_tui.safe_text import neutralise
from fa_tui.tui.ambiguous import narrow


def progress_text(done: int, total: int) -> str:
    """``正在读取 PDF：第 3/14 页…`` while page ``done + 1`` is read."""
    if done >= total:
        return "正在整理版面…"
    return f"正在读取 PDF：第 {done + 1}/{total} 页…"


class LoadingScreen(Screen[None]):
    """The frame of the inspector while the document is read."""

    BINDINGS = [  # noqa: RUF012
        Binding("q", "app.quit", "退出"),
        Binding("escape", "app.cancel_read", "取消读取"),
    ]

    def __init__(self, name: str, pages: int, *, ascii_mode: bool = False) -> None:
        super().__init__()
        self.file_name = name
        self.pages = pages
        self.ascii_mode = ascii_mode
        self.line = ""  # the progress line as shown

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="header")
        with Vertical(id="loading-pane"):
            yield Static(id="loading-line")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#loading-pane").border_title = "原文"
        self.show_progress(0, self.pages)

    def _header(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        text.append(" fa-tui ", style="reverse bold")
        text.append(f" {neutralise(self.file_name, tabs=' ')}")
        return text

    def show_progress(self, done: int, total: int) -> None:
        """Say which page is being read."""
        line = progress_text(done, total)
        if self.ascii_mode:
            line = narrow(line)
        self.line = line
        self.query_one("#loading-line", Static).update(Text(line))
