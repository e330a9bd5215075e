"""Rich styles of the inspector: severities, highlights, marks.

Only the sixteen standard ANSI colours are used for meaning, so that severities stay distinct with
16 colours (``TERM=xterm``) and under the ``ansi-dark`` theme as well as with 256 colours.
"""

from __future__ import annotations

from rich.style import Style

from fa_tui.model import Severity

SEVERITY_COLOUR: dict[Severity, str] = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}

SEVERITY_LETTER: dict[Severity, str] = {
    Severity.ERROR: "错",
    Severity.WARNING: "警",
    Severity.INFO: "提",
}

# A badge (count, severity letter): the severity's colour, bold.
# The reviewer's marks (``review.marks.Status`` values) in the findings list.
MARK_LETTER: dict[str, str] = {"confirmed": "核", "query": "待", "dismissed": "误"}
MARK_STYLE: dict[str, Style] = {
    "confirmed": Style(color="green", bold=True),
    "query": Style(color="cyan", bold=True),
    "dismissed": Style(color="bright_black"),
}

BADGE: dict[Severity, Style] = {s: Style(color=c, bold=True) for s, c in SEVERITY_COLOUR.items()}

# The primary span of a finding: the severity's colour as background.
SPAN: dict[Severity, Style] = {
    Severity.ERROR: Style(color="bright_white", bgcolor="red", bold=True),
    Severity.WARNING: Style(color="black", bgcolor="yellow"),
    Severity.INFO: Style(color="black", bgcolor="cyan"),
}

# A related span: underlined in the severity's colour, no background (softer).
RELATED: dict[Severity, Style] = {
    s: Style(color=c, underline=True) for s, c in SEVERITY_COLOUR.items()
}

# The finding being looked at, over its severity style.
CURRENT = Style(underline=True, bold=True, reverse=True)
# A place jumped to from a table cell.
TARGET = Style(reverse=True, bold=True)
# Search matches.
MATCH = Style(color="black", bgcolor="magenta")
CURRENT_MATCH = Style(color="black", bgcolor="bright_magenta", bold=True, underline=True)

GUTTER = Style(dim=True)
GUTTER_NODE = Style(color="green")
POINTER = Style(color="bright_white", bold=True)
POINTER_LINE = Style(bgcolor="grey23")
MUTED = Style(dim=True)
NOTICE = Style(color="yellow", bold=True)  # a notice about the whole report (a budget)
MISSING = Style(color="red")
TOTAL_ROW = Style(bold=True)
# A figure repaired from extraction damage (yellow, with a ``*``, as ``fa-tui tables`` marks it).
REPAIRED = Style(color="yellow")
# In a table, the finding being looked at: its cell over its severity style, and its related
# cells (the parts of its sum, the figures it is compared with) more visible than other marks.
CURRENT_CELL = Style(bold=True, underline=True)
CURRENT_RELATED: dict[Severity, Style] = {
    s: Style(color=c, bold=True, underline=True, bgcolor="bright_black")
    for s, c in SEVERITY_COLOUR.items()
}
# The hidden-columns arrows of a table.
EDGE_HINT = Style(color="yellow", bold=True)
