"""``fa-tui check --format json``: the document of design.md §3.

Built from plain dicts (fast, no model classes to create at startup) and written by msgspec's
encoder; the pydantic models of ``render.contract`` describe the same document and the tests
validate the output with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from fa_tui import __version__
from fa_tui.model import Finding, Report, Severity, Table
from fa_tui.safe_text import json_safe, json_visible_bytes, visible_bytes


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    """Counts of findings per severity: ``{"error": 0, "warning": 1, "info": 2}``."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def finding_document(finding: Finding) -> dict[str, Any]:
    """One finding as in the contract (no span: positions are null)."""
    span = finding.span
    return {
        "id": finding.id,
        "code": finding.code,
        "severity": finding.severity.value,
        "category": finding.category.value,
        "message": finding.message,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "expected": finding.expected,
        "actual": finding.actual,
        "difference": finding.difference,
        "computation": finding.computation,
        "part": finding.part,
        "table": finding.table,
        "related": [
            {
                "line": r.span.line,
                "column": r.span.column,
                "end_column": r.span.end_column,
                "note": r.note,
            }
            for r in finding.related
        ],
    }


def table_summary(table: Table) -> dict[str, Any]:
    """A table as listed in ``check`` and ``outline`` JSON: id, title, status, line, unit, rows
    (and how many of them are undetermined, how many figures no row holds)."""
    return {
        "id": table.id,
        "title": table.title,
        "status": table.status.value,
        "line": table.span.line if table.span else None,
        "unit": table.unit,
        "rows": len(table.rows),
        "undetermined_rows": sum(1 for r in table.rows if r.undetermined),
        "unplaced_figures": len(table.unplaced),
    }


def document_location(report: Report, finding: Finding) -> str | None:
    """Where a finding lies in a PDF or DOCX (``第 3 页第 12 行``); ``None`` for text files."""
    if finding.span is None:
        return None
    where = report.source.location(finding.span.line, finding.span.column)
    return where.describe() or None if where is not None else None


def _with_location(report: Report, finding: Finding) -> dict[str, Any]:
    """The finding's document; for a PDF/DOCX also its ``location`` in the original document."""
    doc = finding_document(finding)
    location = document_location(report, finding)
    if location is not None:
        doc["location"] = location
    return doc


def report_document(report: Report, findings: Sequence[Finding]) -> dict[str, Any]:
    """One checked report with its parts, tables, findings and summary."""
    return {
        "path": visible_bytes(str(report.path)),  # a GBK name: ``\\xc1`` as text
        "department": report.department,
        "year": report.year,
        "kind": report.kind.value,
        "unit": report.unit,
        "parts": [
            {"name": p.name.value, "present": p.present, "line": p.span.line if p.span else None}
            for p in report.parts
        ],
        "tables": [table_summary(t) for t in report.tables],
        "findings": [_with_location(report, f) for f in findings],
        "summary": summary(findings),
    }


def indented_json(document: Any) -> str:
    """``document`` as JSON indented by 2, keys in order, Chinese kept as is, terminal-safe.

    The same text as ``json.dumps(document, ensure_ascii=False, indent=2)``, written in C.
    """
    try:
        text = msgspec.json.format(msgspec.json.encode(document), indent=2).decode()
    except UnicodeEncodeError:  # a lone surrogate (an undecodable file name): msgspec refuses
        import json

        text = json_visible_bytes(json.dumps(document, ensure_ascii=False, indent=2))
    return json_safe(text)


def dump_documents(reports: Sequence[dict[str, Any]]) -> str:
    """The whole JSON document from report entries (UTF-8 text, Chinese kept as is)."""
    document = {"tool": {"name": "fa-tui", "version": __version__}, "reports": list(reports)}
    return indented_json(document) + "\n"


def render_json(results: Sequence[tuple[Report, Sequence[Finding]]]) -> str:
    """The whole JSON document for parsed reports and their findings."""
    return dump_documents([report_document(r, f) for r, f in results])
