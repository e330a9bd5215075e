"""Table parsing (being written: see issue 3)."""

from __future__ import annotations

from fa_tui.model import Report, SourceText, Table


def parse_tables(source: SourceText, report: Report) -> list[Table]:
    """Find and parse the tables of ``source``."""
    return []
