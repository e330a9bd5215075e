"""Validation findings, as in the design notes §2."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct, field

from fa_tui.model.span import Span


class Severity(StrEnum):
    """How sure and how serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(StrEnum):
    """The rule families of the catalogue."""

    COMPLETENESS = "completeness"  # FA1xx
    TABLE_INTERNAL = "table_internal"  # FA2xx
    CROSS_TABLE = "cross_table"  # FA3xx
    TEXT_TABLE = "text_table"  # FA4xx
    NARRATIVE = "narrative"  # FA5xx
    YEARS = "years"  # FA6xx
    UNITS = "units"  # FA7xx
    TEXT_HYGIENE = "text_hygiene"  # FA8xx
    PREVIOUS_YEAR = "previous_year"  # FA9xx: against last year's report
    INTERNAL = "internal"  # a rule that crashed (a bug in fa-tui)


# How the reviewer reads a category (``fa-tui rules``, the inspector's detail pane).
CATEGORY_NAMES: dict[Category, str] = {
    Category.COMPLETENESS: "完整性",
    Category.TABLE_INTERNAL: "表内运算",
    Category.CROSS_TABLE: "表间核对",
    Category.TEXT_TABLE: "文字与表格",
    Category.NARRATIVE: "文字内运算",
    Category.YEARS: "年度与日期",
    Category.UNITS: "单位与数字格式",
    Category.TEXT_HYGIENE: "文字规范",
    Category.PREVIOUS_YEAR: "上年对照",
    Category.INTERNAL: "内部错误",
}


class RelatedSpan(Struct, kw_only=True):
    """Another place a finding involves (a part of a sum, the table cell a text quotes)."""

    span: Span
    note: str


class Finding(Struct, kw_only=True):
    """One problem found in a report, pointing at the exact characters it is about.

    ``part`` and ``table`` say where it belongs (``pipeline.placement``): from its span, or for a
    finding without a span from its rule. ``id`` (``FA301-3f9a2c1b``) stays the same across runs,
    re-extracted copies and edits elsewhere in the report (``pipeline.finding_ids``).
    """

    code: str
    severity: Severity
    category: Category
    message: str
    span: Span | None = None
    related: list[RelatedSpan] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    computation: str | None = None
    part: str | None = None  # the PartName value of the part it belongs to (filled by the pipeline)
    table: str | None = None  # the id of the standard table it lies in (filled by the pipeline)
    id: str = ""  # the stable id of the finding (filled by the pipeline)

    def sort_key(self) -> tuple[int, int, int, int, str]:
        """Position order (findings without a span first), then code."""
        if self.span is None:
            return (0, 0, 0, 0, self.code)
        return (*self.span.sort_key(), self.code)
