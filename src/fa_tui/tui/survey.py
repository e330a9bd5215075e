"""The report list's figures for one report: department, year, counts, review progress.

Plain Python, run in the list's thread worker (no Textual): read, parse and check the report
through the pipeline, and read its review file. A report that cannot be read gives its reason.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from fa_tui.ingest import InputError, read_report
from fa_tui.model import Severity
from fa_tui.pipeline import analyse, looks_like_report
from fa_tui.review.facts import report_facts
from fa_tui.review.session import Review


class ReportRow(Struct, kw_only=True):
    """One line of the report list."""

    path: Path
    department: str = ""
    year: int | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    reviewed: int = 0  # findings with a mark
    findings: int = 0
    checked: bool = False
    problem: str = ""  # why the report could not be read or checked

    def progress(self) -> str:
        """``12/35`` marked, ``-`` before the check."""
        return f"{self.reviewed}/{self.findings}" if self.checked else "-"


def survey(path: Path, review_file: Path | None = None, *, named: bool = True) -> ReportRow:
    """The list's row for the report at ``path`` (never raises for a bad report); a file found
    in a folder (not ``named``) that is no report at all (a README) says so."""
    try:
        source = read_report(path)
    except InputError as exc:
        return ReportRow(path=path, problem=str(exc))
    try:
        report, findings = analyse(source)
    except Exception as exc:  # a bug in a parser or rule: the row says so, the list goes on
        return ReportRow(path=path, problem=f"内部错误：{exc.__class__.__name__}: {exc}")
    if not named and not looks_like_report(report):
        return ReportRow(path=path, problem="不像部门决算报告（未找到任何部分或决算表）")
    review = Review.open(report_facts(report, findings), review_file)
    done, total = review.progress()
    return ReportRow(
        path=path,
        department=report.department or "",
        year=report.year,
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
        infos=sum(f.severity is Severity.INFO for f in findings),
        reviewed=done,
        findings=total,
        checked=True,
    )
