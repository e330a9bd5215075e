"""The status line: the latest message on the left, where the reviewer is on the right.

Messages replace Textual's toasts, which are sized in characters and cut the start of a Chinese
message at 80 columns (``未找到：zzz`` showed ``到：zzz``). Here a message always shows from its
first character; only its end is cut (with …) when the line is too narrow, and the place
(``L120/980``) yields first.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from fa_tui.safe_text import neutralise

_STYLES = {"information": "", "warning": "bold yellow", "error": "bold red"}
_SECONDS = 12.0  # how long a message stays (errors stay)


def fit(message: Text, place: str, width: int) -> Text:
    """``message`` and ``place`` on one line of ``width`` cells: the message keeps its start
    (its end is cut with …); the place is right-aligned and dropped when there is no room."""
    line = message.copy()
    line.no_wrap = True
    room = width - 1  # a space on the left
    if place and cell_len(place) + 2 + min(line.cell_len, 10) <= room:
        room -= cell_len(place) + 2
    else:
        place = ""
    if line.cell_len > room:
        line.truncate(max(room, 1), overflow="ellipsis")  # by cells: CJK counts two
    out = Text(" ", no_wrap=True, end="")
    out.append_text(line)
    if place:
        out.append(" " * (width - 1 - line.cell_len - cell_len(place)))
        out.append(place, style="dim")
    return out


class StatusLine(Widget):
    """One line above the footer: ``say`` a message; ``place`` says where the cursor is."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.message = Text("")
        self.severity = "information"
        self.place = ""
        self._timer: Timer | None = None

    def say(self, message: str, severity: str = "information") -> None:
        """Show ``message`` (report text is neutralised; never markup)."""
        self.message = Text(neutralise(message, tabs=" "), style=_STYLES.get(severity, ""))
        self.severity = severity
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(_SECONDS, self.clear) if severity != "error" else None
        self.refresh()

    def clear(self) -> None:
        """Remove the message (the place stays)."""
        self.message = Text("")
        self.refresh()

    def set_place(self, place: str) -> None:
        """Show where the reviewer is (``L120/980``, with the page of a PDF)."""
        if place != self.place:
            self.place = place
            self.refresh()

    @property
    def text(self) -> str:
        """The message shown (for tests and the copy key)."""
        return self.message.plain

    def render(self) -> Text:
        return fit(self.message, self.place, self.size.width)
