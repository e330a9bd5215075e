"""What a review keeps of a report and its findings (``ReportFacts``), from one run."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from fa_tui.model import Finding, Report
from fa_tui.render.places import finding_place
from fa_tui.review.marks import Seen
from fa_tui.review.session import ReportFacts


def text_sha256(report: Report) -> str:
    """The SHA-256 of the report's text as read (a revised report has another)."""
    text = "\n".join(report.source.lines)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def seen_of(report: Report, finding: Finding) -> Seen:
    """What the review file keeps of ``finding``."""
    return Seen(
        code=finding.code,
        severity=finding.severity.value,
        message=finding.message,
        where=finding_place(report, finding).describe(),
    )


def report_facts(report: Report, findings: Sequence[Finding]) -> ReportFacts:
    """The review's view of this run of ``report``: its text's hash and its findings by id."""
    return ReportFacts(
        report.path,
        text_sha256(report),
        {f.id: seen_of(report, f) for f in findings if f.id},
        report.department or "",
        report.year,
    )
