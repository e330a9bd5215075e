"""`fa-tui FILE` / `fa-tui open FILE`: the inspector (being written: see issue 6)."""

from __future__ import annotations

from pathlib import Path

from fa_tui.commands.common import load_or_exit


def run_open(path: Path) -> None:
    """Load the report (one-line error and exit 2 if unreadable), then open the inspector."""
    report = load_or_exit(path)
    from fa_tui.render.outline_tree import print_outline

    print_outline(report)
