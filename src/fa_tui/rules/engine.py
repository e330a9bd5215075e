"""Run the registered rules over a report (being written: see issue 4)."""

from __future__ import annotations

from fa_tui.model import Finding, Report


def check_report(report: Report) -> list[Finding]:
    """All findings for ``report``, sorted by position and de-duplicated."""
    return []
