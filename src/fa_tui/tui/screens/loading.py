"""The screen shown while a PDF's pages are read: the inspector's frame, one progress line and
the first pages' text as they are read (the whole document is laid out only once read).

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
from fa_tui.tui.narrow_chars import narrow

PREVIEW_LINES = 200  # the first pages' lines shown while the rest is read


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
        self.preview: list[str] = []  # the first pages' lines, as they are read

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="header")
        with Vertical(id="loading-pane"):
            yield Static(id="loading-line")
            yield Static(id="loading-preview")
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

    def show_page(self, number: int, lines: tuple[str, ...]) -> None:
        """Show the first pages' text as they are read (a screenful is kept)."""
        if number == 1:
            self.preview = []  # read again from the start (another reader took over)
        if len(self.preview) >= PREVIEW_LINES:
            return
        self.preview.append(f"— {number} —")
        self.preview.extend(neutralise(line, tabs=" ") for line in lines)
        del self.preview[PREVIEW_LINES:]
        text = "\n".join(self.preview)  # report text: ASCII mode's filter narrows it on screen
        self.query_one("#loading-preview", Static).update(Text(text, no_wrap=True, overflow="crop"))
