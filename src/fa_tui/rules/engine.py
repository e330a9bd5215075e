"""Run the registered rules over a report (being written: see issue 4)."""

from __future__ import annotations

from importlib import import_module

from fa_tui.model import Finding, Report

# Every rule family; importing one registers its rules.
RULE_MODULES = (
    "completeness",  # FA1xx
    "arithmetic",  # FA2xx
    "crosstable",  # FA3xx
    "text_table",  # FA4xx
    "narrative",  # FA5xx
    "years",  # FA6xx
    "units",  # FA7xx
)


def load_rules() -> None:
    """Import every rule family so that the registry is complete."""
    for name in RULE_MODULES:
        import_module(f"fa_tui.rules.{name}")


def check_report(report: Report) -> list[Finding]:
    """All findings for ``report``, sorted by position and de-duplicated."""
    load_rules()
    return []
