"""The rows of a 审核意见: one per finding (and per finding resolved since the last version)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msgspec import Struct, field

from fa_tui.model import Finding, Report
from fa_tui.model.outline import PART_ORDER
from fa_tui.render.places import Place, finding_place
from fa_tui.review.marks import Status
from fa_tui.review.session import Review

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
NEW = "新"
RESOLVED = "已解决"
OTHER_PART = "其他"


class ExportRow(Struct, kw_only=True):
    """One finding as the 审核意见 lists it."""

    number: int
    severity: str  # 错误 / 警告 / 提示
    code: str
    title: str  # the rule's title ('' when unknown)
    part: str  # 概况 … 绩效, or 其他
    page: str
    table: str
    row: str
    line: int | None
    message: str
    expected: str = ""
    actual: str = ""
    difference: str = ""
    computation: str = ""
    mark: str = ""  # 已核实 / 误报 / 待说明
    note: str = ""
    change: str = ""  # 新 / 已解决 (a revised report)
    finding_id: str = ""

    def location(self) -> str:
        """Page, table, row and line in one phrase (as ``Place.describe``)."""
        return Place(page=self.page, table=self.table, row=self.row, line=self.line).describe()


class ReportSheet(Struct, kw_only=True):
    """One report's part of the 审核意见: what it is, its counts and its rows."""

    path: str
    department: str
    year: int | None
    rows: list[ExportRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # by severity label, this version
    marks: dict[str, int] = field(default_factory=dict)  # by mark label, this version
    unmarked: int = 0
    new: int = 0
    resolved: int = 0
    left_out: int = 0  # dismissed findings not listed


def report_sheet(
    report: Report,
    findings: Sequence[Finding],
    review: Review | None = None,
    *,
    titles: Mapping[str, str] | None = None,
    include_dismissed: bool = False,
) -> ReportSheet:
    """The rows of ``report``'s findings in part order, marked from ``review``; findings
    dismissed as 误报 are left out (counted in ``left_out``) unless ``include_dismissed``."""
    titles = titles or {}
    sheet = ReportSheet(path=str(report.path), department=report.department or "", year=report.year)
    order = {p.value: i for i, p in enumerate(PART_ORDER)}
    ordered = sorted(findings, key=lambda f: (order.get(f.part or "", len(order)), f.sort_key()))
    for finding in ordered:
        label = SEVERITY_LABELS[finding.severity.value]
        sheet.counts[label] = sheet.counts.get(label, 0) + 1
        mark = review.mark_of(finding.id) if review is not None else None
        status = mark.status if mark is not None else None
        if status is None:
            sheet.unmarked += 1
        else:
            sheet.marks[status.label] = sheet.marks.get(status.label, 0) + 1
        is_new = review is not None and review.is_new(finding.id)
        sheet.new += is_new
        if status is Status.DISMISSED and not include_dismissed:
            sheet.left_out += 1
            continue
        place = finding_place(report, finding)
        sheet.rows.append(
            ExportRow(
                number=len(sheet.rows) + 1,
                severity=label,
                code=finding.code,
                title=titles.get(finding.code, ""),
                part=finding.part or OTHER_PART,
                page=place.page,
                table=place.table,
                row=place.row,
                line=place.line,
                message=finding.message,
                expected=finding.expected or "",
                actual=finding.actual or "",
                difference=finding.difference or "",
                computation=finding.computation or "",
                mark=status.label if status is not None else "",
                note=mark.note if mark is not None else "",
                change=NEW if is_new else "",
                finding_id=finding.id,
            )
        )
    for finding_id, seen, mark in review.resolved() if review is not None else ():
        sheet.resolved += 1
        sheet.rows.append(
            ExportRow(
                number=len(sheet.rows) + 1,
                severity=SEVERITY_LABELS.get(seen.severity, seen.severity),
                code=seen.code,
                title=titles.get(seen.code, ""),
                part=RESOLVED,
                page="",
                table="",
                row=seen.where,
                line=None,
                message=seen.message,
                mark=mark.status.label if mark is not None and mark.status else "",
                note=mark.note if mark is not None else "",
                change=RESOLVED,
                finding_id=finding_id,
            )
        )
    return sheet
