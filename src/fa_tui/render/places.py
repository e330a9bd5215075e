"""Where a finding lies, as a reviewer's letter or sheet gives it: page, table, row and line."""

from __future__ import annotations

from msgspec import Struct

from fa_tui.model import Finding, Report
from fa_tui.model.span import Span
from fa_tui.model.tables import Row


class Place(Struct, frozen=True, kw_only=True):
    """The parts of a finding's location; each is empty when it does not apply."""

    page: str = ""  # 第 3 页 (PDF), 第 2 段 / 表 1 第 3 行 (DOCX): the original document's place
    table: str = ""  # 公开05表 一般公共预算财政拨款支出决算表
    row: str = ""  # 2010601 行政运行
    line: int | None = None  # the line of the extracted text

    def describe(self) -> str:
        """All of it in one phrase (``公开05表 · 2010601 行政运行 · 第 3 页第 12 行``)."""
        bits = [self.table, self.row, self.page]
        if self.line is not None and not self.page:
            bits.append(f"第 {self.line} 行")
        return " · ".join(b for b in bits if b)


def finding_place(report: Report, finding: Finding) -> Place:
    """The page, table, row and line of ``finding`` in ``report``."""
    span = finding.span
    page = ""
    if span is not None:
        where = report.source.location(span.line, span.column)
        page = where.describe() if where is not None else ""
    table = ""
    row = ""
    if finding.table:
        found = report.table(finding.table)
        table = f"{finding.table} {found.title}" if found is not None else finding.table
        if found is not None and span is not None:
            hit = _row_at(found.rows, span)
            if hit is not None:
                row = " ".join(x for x in (hit.code, hit.name) if x)
    return Place(page=page, table=table, row=row, line=span.line if span else None)


def _row_at(rows: list[Row], span: Span) -> Row | None:
    """The row whose line holds the start of ``span`` (one of its cells first)."""
    for row in rows:
        for amount in row.cells.values():
            cell = amount.span
            if cell.line == span.line and cell.column <= span.column < cell.end_column:
                return row
    return next((r for r in rows if r.span.contains_line(span.line)), None)
