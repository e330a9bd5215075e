"""Helpers shared by the rule tests: run selected rules on a report file, locate a printed text."""

from __future__ import annotations

from pathlib import Path

from fa_tui.model import Finding, Span
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import check_report


def run(path: Path, *codes: str) -> list[Finding]:
    """Findings of ``codes`` for the report at ``path``."""
    return check_report(load_report(path), select=codes)


def span_of(path: Path, line: int, text: str, occurrence: int = 1) -> Span:
    """The span of the ``occurrence``-th ``text`` on 1-based ``line`` of the file at ``path``."""
    source = path.read_text(encoding="utf-8").split("\n")[line - 1]
    start = -1
    for _ in range(occurrence):
        start = source.index(text, start + 1)
    return Span.at(line, start + 1, start + 1 + len(text))
