"""The one-way pipeline: file → SourceText → Report (outline, tables) → findings."""

from __future__ import annotations

from pathlib import Path

from fa_tui.ingest import read_report
from fa_tui.model import Report, SourceText


def build_report(source: SourceText) -> Report:
    """Parse an already decoded source into a ``Report``."""
    from fa_tui.parse.gc_pause import gc_paused
    from fa_tui.parse.narrative.facts import parse_facts
    from fa_tui.parse.outline.parts import parse_outline
    from fa_tui.parse.tables.build import parse_tables

    with gc_paused():
        report = parse_outline(source)
        report.tables = parse_tables(source, report)
        report.facts = parse_facts(source, report)
    return report


def load_report(path: str | Path) -> Report:
    """Read and parse the report at ``path`` (raises ``InputError`` for unreadable input)."""
    return build_report(read_report(path))
