"""A parsed report: source, outline, tables (and later facts)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from msgspec import Struct, field

from fa_tui.model.facts import Fact
from fa_tui.model.outline import Part, PartName
from fa_tui.model.source import SourceText
from fa_tui.model.span import Span
from fa_tui.model.tables import Table


class ReportKind(StrEnum):
    """What a report is: the final accounts fa-tui checks, or a budget (read, checked less)."""

    FINAL_ACCOUNTS = "final_accounts"  # 部门决算
    BUDGET = "budget"  # 部门预算

    @property
    def label(self) -> str:
        """The kind in Chinese (``部门决算``)."""
        return "部门预算" if self is ReportKind.BUDGET else "部门决算"


class Report(Struct, kw_only=True):
    """Everything parsed from one report file. ``source`` is kept for spans and display."""

    path: Path
    encoding: str
    kind: ReportKind = ReportKind.FINAL_ACCOUNTS
    kind_span: Span | None = None  # the title (or first table title) that names the kind
    template: str | None = None  # the template set it is read with (fa_tui.schema); None: national
    department: str | None = None
    department_span: Span | None = None
    year: int | None = None
    year_span: Span | None = None
    unit: str | None = None
    parts: list[Part] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    source: SourceText

    def __repr__(self) -> str:
        """Every field but ``source`` (a report's repr does not dump the whole file)."""
        shown = [f"{n}={getattr(self, n)!r}" for n in self.__struct_fields__ if n != "source"]
        return f"Report({', '.join(shown)})"

    def part_label(self, name: PartName) -> str:
        """How the part is called in this report: a budget's tables are 预算表."""
        if name is PartName.TABLES and self.kind is ReportKind.BUDGET:
            return "预算表"
        return name.value

    def part(self, name: PartName) -> Part | None:
        """The canonical part ``name`` (present or missing)."""
        return next((p for p in self.parts if p.name == name), None)

    def table(self, role: str) -> Table | None:
        """The standard table with this role, if found (data, empty or title only)."""
        return next((t for t in self.tables if t.role == role), None)
