"""The data model shared by every stage: spans, source text, outline, tables, findings."""

from fa_tui.model.amount import Amount
from fa_tui.model.findings import Category, Finding, RelatedSpan, Severity
from fa_tui.model.outline import PART_ORDER, Part, PartName, Section
from fa_tui.model.report import Report, ReportKind
from fa_tui.model.source import SourceText
from fa_tui.model.span import Span
from fa_tui.model.tables import (
    Row,
    RowKind,
    Table,
    TableRole,
    TableStatus,
)

__all__ = [
    "PART_ORDER",
    "Amount",
    "Category",
    "Finding",
    "Part",
    "PartName",
    "RelatedSpan",
    "Report",
    "ReportKind",
    "Row",
    "RowKind",
    "Section",
    "Severity",
    "SourceText",
    "Span",
    "Table",
    "TableRole",
    "TableStatus",
]
