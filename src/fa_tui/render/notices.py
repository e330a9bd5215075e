"""One-line notices about a whole report that every front end shows (not findings)."""

from __future__ import annotations

from fa_tui.model import Report, ReportKind


def kind_notice(report: Report) -> str | None:
    """What a reviewer must know before reading the findings of a report that is not 决算."""
    if report.kind is ReportKind.BUDGET:
        where = f"（{_where(report, report.kind_span.line)}）" if report.kind_span else ""
        return (
            f"这是一份部门预算报告{where}，不是部门决算：九张决算表、表内表间勾稽、文表一致"
            "等决算规则不适用，只检查文字中的计算、年度、单位和模板文字"
        )
    return None


def _where(report: Report, line: int) -> str:
    """``第 2 行``, with the page and line of the original for a PDF or DOCX."""
    locations = report.source.locations
    if locations is not None and 1 <= line <= len(locations):
        described = locations[line - 1].describe()
        if described:
            return f"第 {line} 行，原文{described}"
    return f"第 {line} 行"
