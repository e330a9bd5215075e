"""Say which part and which table each finding belongs to, so that no front end has to.

A finding with a span belongs to the part whose text holds the span's start (a part found inside
another, such as 绩效 inside 情况说明, wins over its host) and, when it lies in a table, to that
table. A finding without a span belongs to the part its rule declares (a missing table is about
the 决算表 part).
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from fa_tui.model import Finding, PartName, Report, Span, TableRole


def place(findings: Sequence[Finding], report: Report) -> list[Finding]:
    """``findings`` with ``part`` and ``table`` filled in."""
    from fa_tui.rules.registry import RULES

    regions = _part_regions(report)
    # The standard table a finding lies in (公开05表); an other table (绩效自评表) is no 决算表.
    tables = [
        (t.span, t.role) for t in report.tables if t.span is not None and t.role != TableRole.OTHER
    ]
    out: list[Finding] = []
    for finding in findings:
        if finding.span is None:
            registered = RULES.get(finding.code)
            part = registered.part if registered is not None else None
            out.append(replace(finding, part=part) if part else finding)
            continue
        part = next((name for region, name in regions if _inside(finding.span, region)), None)
        table = next((role for span, role in tables if _inside(finding.span, span)), None)
        out.append(replace(finding, part=part, table=table) if part or table else finding)
    return out


def _part_regions(report: Report) -> list[tuple[Span, PartName]]:
    """The regions of every present part, innermost first (sections of a part found inside
    another part, then the parts' own spans)."""
    nested: list[tuple[Span, PartName]] = []
    whole: list[tuple[Span, PartName]] = []
    for part in report.parts:
        if not part.present:
            continue
        if part.located_in:
            nested.extend((s.span, part.name) for s in part.sections)
        if part.span is not None:
            (nested if part.located_in else whole).append((part.span, part.name))
    return nested + whole


def _inside(span: Span, region: Span) -> bool:
    """Whether ``span`` starts within ``region`` (lines inclusive, the end column exclusive)."""
    start = (span.line, span.column)
    return (region.line, region.column) <= start < (region.end_line, region.end_column)
