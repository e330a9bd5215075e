"""The 审核意见 as an Excel workbook (openpyxl): a sheet of findings and a summary sheet.

The findings sheet has one row per finding of every report (a 报告 column when there are
several), a frozen header and filters; the summary sheet one row per report. Report text is
always written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fa_tui.export.cells import clean, width_of
from fa_tui.export.rows import ExportRow, ReportSheet

FINDING_COLUMNS = (
    "序号",
    "级别",
    "规则",
    "部分",
    "表",
    "行",
    "页/段",
    "原文行",
    "问题",
    "应为",
    "实为",
    "差额",
    "标记",
    "备注",
    "变化",
    "编号",
    "规则说明",
)
SUMMARY_COLUMNS = (
    "报告文件",
    "部门",
    "年度",
    "错误",
    "警告",
    "提示",
    "已核实",
    "待说明",
    "误报",
    "未标记",
    "新",
    "已解决",
)
MAX_WIDTH = {"问题": 60, "备注": 40, "行": 30, "表": 30, "报告文件": 50, "规则说明": 40}
LINE_HEIGHT = 15  # points per line of wrapped text (11-point type)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SEVERITY_FILL = {
    "错误": PatternFill("solid", fgColor="F8CBAD"),
    "警告": PatternFill("solid", fgColor="FFE699"),
}


def _values(row: ExportRow) -> list[object]:
    return [
        row.number,
        row.severity,
        row.code,
        row.part,
        row.table,
        row.row,
        row.page,
        row.line,
        row.message,
        row.expected,
        row.actual,
        row.difference,
        row.mark,
        row.note,
        row.change,
        row.finding_id,
        row.title,
    ]


def _summary(sheet: ReportSheet) -> list[object]:
    return [
        sheet.path,
        sheet.department,
        sheet.year,
        sheet.counts.get("错误", 0),
        sheet.counts.get("警告", 0),
        sheet.counts.get("提示", 0),
        sheet.marks.get("已核实", 0),
        sheet.marks.get("待说明", 0),
        sheet.marks.get("误报", 0),
        sheet.unmarked,
        sheet.new,
        sheet.resolved,
    ]


_TOP = Alignment(vertical="top")
_WRAPPED = Alignment(wrap_text=True, vertical="top")


def _append(ws: Worksheet, values: Sequence[object]) -> None:
    ws.append([clean(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        cell.alignment = _TOP  # a row's cells start together above a wrapped message
        if isinstance(cell.value, str):
            cell.data_type = "s"  # '=SUM(…)' in a report stays text


def _finish(ws: Worksheet, columns: Sequence[str]) -> None:
    """Bold filled header, frozen, filters over the data, widths that fit Chinese text."""
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for index, name in enumerate(columns, start=1):
        widest = max(
            (
                width_of(str(c.value))
                for (c,) in ws.iter_rows(min_col=index, max_col=index)
                if c.value is not None
            ),
            default=4,
        )
        letter = get_column_letter(index)
        width = min(widest + 2, MAX_WIDTH.get(name, 24))
        ws.column_dimensions[letter].width = width
        if widest + 2 > width:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = _WRAPPED
                if cell.value is not None:  # not every reader fits the rows to wrapped text
                    lines = -(-width_of(str(cell.value)) // max(width - 2, 1))
                    height = ws.row_dimensions[cell.row].height or LINE_HEIGHT
                    ws.row_dimensions[cell.row].height = max(height, LINE_HEIGHT * lines)


def write_xlsx(sheets: Sequence[ReportSheet], output: Path) -> None:
    """Write the workbook of ``sheets`` (one per report) to ``output``."""
    book = Workbook()
    findings = book.active
    assert findings is not None
    findings.title = "问题清单"
    several = len(sheets) > 1
    columns = ("报告", *FINDING_COLUMNS) if several else FINDING_COLUMNS
    _append(findings, columns)
    for sheet in sheets:
        name = " ".join(str(x) for x in (sheet.department, sheet.year) if x)
        name = name or Path(sheet.path).name
        for row in sheet.rows:
            values = _values(row)
            _append(findings, [name, *values] if several else values)
            fill = _SEVERITY_FILL.get(row.severity)
            if fill is not None and not row.change:
                findings.cell(findings.max_row, columns.index("级别") + 1).fill = fill
    _finish(findings, columns)
    summary = book.create_sheet("汇总")
    _append(summary, SUMMARY_COLUMNS)
    for sheet in sheets:
        _append(summary, _summary(sheet))
    _finish(summary, SUMMARY_COLUMNS)
    book.save(output)
