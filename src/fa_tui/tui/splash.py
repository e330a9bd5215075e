"""The splash of a PDF opened in the inspector: drawn with plain escape codes before Textual is
imported (about half a second), so that the file's name and its first page show at once.

It is laid out as the loading screen that follows it (``screens/loading.py``, ``#loading-pane``
in ``app.tcss``): the header, the ``原文`` rule, the status line and the first page's printed
lines below it, two cells in from either side, so that the screen does not jump when Textual
takes over. The footer row stays empty: no key works on the splash. Widths are terminal cells
(``render.fit.cut``: Rich's measure, which Textual uses, a Chinese character two cells), lines
are cut, never wrapped, and report text (the file name, the page's lines) has its terminal
controls made visible first (``safe_text.neutralise``). In ASCII mode (``--ascii``) nothing of
ambiguous width is drawn, as ``tui/ambiguous.py`` does on Textual's screens.

This module only makes text; ``tui/splash_terminal.py`` owns the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui.render.fit import cut
from fa_tui.safe_text import neutralise
from fa_tui.tui.narrow_chars import cell_safe_text, narrow

READING = "正在读取第 1 页…"
BADGE = " fa-tui "  # the header's first cells, reversed as on Textual's screens
PANE = "原文"
PAD = 2  # the loading pane's padding, left and right
ABOVE_PREVIEW = 5  # header, rule, padding, status, margin
BELOW_PREVIEW = 2  # padding, footer

_STRONG = "\x1b[1;7m"  # bold reverse
_MUTED = "\x1b[2m"  # faint: the preview, as the loading screen mutes it
_PLAIN = "\x1b[0m"


def opening(pages: int) -> str:
    """The status line once page 1 is shown, while the inspector starts."""
    return f"已读取第 1/{pages} 页，正在打开…"


def splash_rows(
    name: str,
    status: str,
    lines: Sequence[str] | None,
    width: int,
    height: int,
    *,
    ascii_mode: bool = False,
) -> list[str]:
    """The splash's rows from the top, as plain text, none wider than ``width`` cells.

    ``name`` is the file's, ``status`` the app's own line, ``lines`` page 1's printed lines
    (``None`` while it is read); the rows stop above the footer row.
    """
    room = max(width - 2 * PAD, 0)
    title = BADGE + " " + neutralise(name, tabs=" ")
    rule = "─" + PANE + "─" * width
    if ascii_mode:
        title, rule, status = cell_safe_text(title), rule.replace("─", "-"), narrow(status)
    rows = [cut(title, width), cut(rule, width), "", _padded(status, room), ""]
    if lines is not None:
        preview = ["— 1 —", *(neutralise(line, tabs=" ") for line in lines)]
        shown = preview[: max(height - ABOVE_PREVIEW - BELOW_PREVIEW, 0)]
        rows.extend(_padded(cell_safe_text(line) if ascii_mode else line, room) for line in shown)
    return rows[: max(height - 1, 1)]


def _padded(text: str, room: int) -> str:
    """``text`` cut to ``room`` cells, after the pane's padding (a blank line stays empty)."""
    return " " * PAD + cut(text, room) if text else ""


def splash_frame(rows: Sequence[str], height: int) -> str:
    """The escape codes that draw ``rows`` from the top of a screen ``height`` rows high: each
    row cleared and written, the rest of the screen cleared, the (hidden) cursor left on the
    bottom row."""
    out: list[str] = []
    for number, row in enumerate(rows, start=1):
        out.append(f"\x1b[{number};1H\x1b[2K")
        if number == 1:
            out.append(f"{_STRONG}{row[: len(BADGE)]}{_PLAIN}{row[len(BADGE) :]}")
        elif number == 2 or number > ABOVE_PREVIEW:
            out.append(f"{_MUTED}{row}{_PLAIN}")
        else:
            out.append(row)
    if len(rows) < height:
        out.append(f"\x1b[{len(rows) + 1};1H\x1b[J")
    out.append(f"\x1b[{max(height, 1)};1H")
    return "".join(out)
