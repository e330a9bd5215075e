"""The JSON document of ``fa-tui check --format json`` (design.md §3) as pydantic models.

``render.json_report`` writes the document from plain dicts; the tests validate its output with
these models, which forbid unknown keys, so the document cannot drift from the contract unnoticed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolDoc(_Strict):
    """Which tool wrote the document."""

    name: Literal["fa-tui"]
    version: str


class PartDoc(_Strict):
    """One canonical part: present or not, and its first line."""

    name: str
    present: bool
    line: int | None


class TableDoc(_Strict):
    """One table found in the report."""

    id: str | None
    title: str
    status: Literal["data", "empty", "title_only", "missing", "unreadable"]
    line: int | None
    unit: str | None
    rows: int
    undetermined_rows: int  # rows whose figures fit their columns in no single way (未能确定栏目)
    unplaced_figures: int  # figures printed in the table that no row holds


class RelatedDoc(_Strict):
    """Another place a finding involves."""

    line: int
    column: int
    end_column: int
    note: str


class FindingDoc(_Strict):
    """One finding; positions are 1-based code points, ``end_column`` exclusive.

    ``id`` (``FA301-3f9a2c1b``: the code and 8 hex digits) stays the same across runs, across a
    TXT, PDF or DOCX of the same document and after edits elsewhere in the report, so that a
    reviewer's marks can be kept by it (``pipeline.finding_ids``); unique within a report.
    """

    id: str = Field(pattern=r"^[A-Z]+\d+-[0-9a-f]{8}$")
    code: str
    severity: Literal["error", "warning", "info"]
    category: str
    message: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    expected: str | None
    actual: str | None
    difference: str | None
    computation: str | None
    part: str | None = None  # the part it belongs to (概况, 决算表, 情况说明, 名词解释, 绩效)
    table: str | None = None  # the standard table it lies in (公开05表)
    related: list[RelatedDoc]
    location: str | None = None  # only for PDF/DOCX: where in the original document


class SummaryDoc(_Strict):
    """Finding counts by severity."""

    error: int
    warning: int
    info: int


class ReportDoc(_Strict):
    """One checked report."""

    path: str
    department: str | None
    year: int | None
    kind: Literal["final_accounts", "budget"] = "final_accounts"  # 部门决算 or 部门预算
    unit: str | None
    parts: list[PartDoc]
    tables: list[TableDoc]
    findings: list[FindingDoc]
    summary: SummaryDoc


class CheckDocument(_Strict):
    """The whole document: the tool and one entry per checked report."""

    tool: ToolDoc
    reports: list[ReportDoc]
