"""`fa-tui FILE` / `fa-tui open FILE`: the inspector.

The file is read and decoded before the screen opens, so an unreadable file gives the same
one-line error and exit status 2 as ``check``; parsing and checking then run inside the app.
``fa-tui FILE:LINE`` (as a compiler or ``check`` prints it) opens the source at that line.
"""

from __future__ import annotations

import re
from pathlib import Path

from fa_tui.commands.common import fail
from fa_tui.ingest import InputError, read_report

_LINE_SUFFIX = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?:?$")


def split_line(path: Path) -> tuple[Path, int | None]:
    """``report.txt:120`` (or ``report.txt:120:7``, as ``check`` prints) → the file and line 120.

    Only when ``path`` itself does not exist and the path without the suffix does: a file whose
    name ends in ``:120`` is opened as it is.
    """
    match = _LINE_SUFFIX.match(str(path))
    if match is None or path.exists():
        return path, None
    bare = Path(match.group("path"))
    if not bare.exists():
        return path, None
    return bare, int(match.group("line"))


def run_open(path: Path) -> None:
    """Read the report (one-line error and exit 2 if unreadable), then run the inspector."""
    path, line = split_line(path)
    try:
        source = read_report(path)
    except InputError as exc:
        fail(str(exc))
    from fa_tui.tui.app import InspectorApp

    InspectorApp(source, line=line).run()
