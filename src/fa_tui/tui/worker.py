"""The work done off the UI thread: parse a decoded report and run the rules.

``analyse`` is plain Python (no Textual); the app runs it in a thread worker that only posts
``ReportLoaded`` or ``LoadFailed``.
"""

from __future__ import annotations

from collections.abc import Callable

from fa_tui.model import Finding, Report, SourceText

Checker = Callable[[Report], list[Finding]]


def default_checker(report: Report) -> list[Finding]:
    """Run every registered rule over ``report``."""
    from fa_tui.rules.engine import check_report

    return check_report(report)


def analyse(source: SourceText, checker: Checker | None = None) -> tuple[Report, list[Finding]]:
    """Parse ``source`` and check it; returns the report and its findings."""
    from fa_tui.pipeline import build_report

    report = build_report(source)
    findings = (checker or default_checker)(report)
    return report, findings


def describe_failure(exc: BaseException) -> str:
    """One line for the reviewer when parsing or checking raised (a bug in fa-tui)."""
    text = " ".join(str(exc).split())
    return f"解析或检查失败：{exc.__class__.__name__}: {text}"
