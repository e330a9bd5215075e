"""``fa-tui check --format json``: the document of design.md §3."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fa_tui import __version__
from fa_tui.model import Finding, Report, Severity
from fa_tui.render.contract import (
    CheckDocument,
    FindingDoc,
    PartDoc,
    RelatedDoc,
    ReportDoc,
    SummaryDoc,
    TableDoc,
    ToolDoc,
)


def summary(findings: Sequence[Finding]) -> SummaryDoc:
    """Counts of findings per severity."""
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return SummaryDoc(
        error=counts[Severity.ERROR], warning=counts[Severity.WARNING], info=counts[Severity.INFO]
    )


def finding_doc(finding: Finding) -> FindingDoc:
    """One finding as in the contract (no span: positions are null)."""
    span = finding.span
    return FindingDoc(
        code=finding.code,
        severity=finding.severity.value,
        category=finding.category.value,
        message=finding.message,
        line=span.line if span else None,
        column=span.column if span else None,
        end_line=span.end_line if span else None,
        end_column=span.end_column if span else None,
        expected=finding.expected,
        actual=finding.actual,
        difference=finding.difference,
        computation=finding.computation,
        related=[
            RelatedDoc(
                line=r.span.line, column=r.span.column, end_column=r.span.end_column, note=r.note
            )
            for r in finding.related
        ],
    )


def report_doc(report: Report, findings: Sequence[Finding]) -> ReportDoc:
    """One checked report with its parts, tables, findings and summary."""
    return ReportDoc(
        path=str(report.path),
        department=report.department,
        year=report.year,
        unit=report.unit,
        parts=[
            PartDoc(name=p.name.value, present=p.present, line=p.span.line if p.span else None)
            for p in report.parts
        ],
        tables=[
            TableDoc(
                id=t.id,
                title=t.title,
                status=t.status.value,
                line=t.span.line if t.span else None,
                unit=t.unit,
                rows=len(t.rows),
            )
            for t in report.tables
        ],
        findings=[finding_doc(f) for f in findings],
        summary=summary(findings),
    )


def render_json(results: Sequence[tuple[Report, Sequence[Finding]]]) -> str:
    """The whole JSON document (UTF-8 text, Chinese kept as is)."""
    document = CheckDocument(
        tool=ToolDoc(name="fa-tui", version=__version__),
        reports=[report_doc(r, f) for r, f in results],
    )
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
