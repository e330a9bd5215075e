"""`fa-tui FILE` / `fa-tui open FILE`: the inspector.

The file is read and decoded before the screen opens, so an unreadable file gives the same
one-line error and exit status 2 as ``check``; parsing and checking then run inside the app.
"""

from __future__ import annotations

from pathlib import Path

from fa_tui.commands.common import fail
from fa_tui.ingest import InputError, read_report


def run_open(path: Path) -> None:
    """Read the report (one-line error and exit 2 if unreadable), then run the inspector."""
    try:
        source = read_report(path)
    except InputError as exc:
        fail(str(exc))
    from fa_tui.tui.app import InspectorApp

    InspectorApp(source).run()
