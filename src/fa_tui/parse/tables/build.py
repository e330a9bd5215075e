"""Table parsing: the nine standard tables by role (always all nine) and other tables generically.

Blocks are found by title (``table_blocks``), split into cells (``table_layout``) and read by a
builder per role. Each standard table gets a status: ``data`` (figures), ``empty`` (printed
without figures: its 说明 kept in ``note``), ``title_only`` (listed by title, or the tables said to
be in an attachment) or ``missing``. Figures are never rescaled.
"""

from __future__ import annotations

from fa_tui.model.outline import PartName
from fa_tui.model.report import Report
from fa_tui.model.source import SourceText
from fa_tui.model.span import Span
from fa_tui.model.tables import (
    STANDARD_ROLES,
    STANDARD_TITLES,
    TABLE_COLUMNS,
    Row,
    Table,
    TableRole,
    TableStatus,
)
from fa_tui.parse.gc_pause import gc_paused
from fa_tui.parse.noise import clean_line
from fa_tui.parse.tables.blocks import Block, find_blocks
from fa_tui.parse.tables.coded import build_coded, build_three_public
from fa_tui.parse.tables.economic import build_economic
from fa_tui.parse.tables.generic import build_generic
from fa_tui.parse.tables.layout import is_tabbed, layout
from fa_tui.parse.tables.sides import build_two_sided
from fa_tui.parse.tables.titles import attachment_pattern

_TWO_SIDED = (TableRole.T01, TableRole.T04)
_CODED = (TableRole.T02, TableRole.T03, TableRole.T05, TableRole.T07, TableRole.T08)
_RANK = {
    TableStatus.DATA: 3,
    TableStatus.EMPTY: 2,
    TableStatus.TITLE_ONLY: 1,
    TableStatus.MISSING: 0,
}


@gc_paused()
def parse_tables(source: SourceText, report: Report | None = None) -> list[Table]:
    """The nine standard tables (in role order, missing ones included), then other tables."""
    best: dict[TableRole, Table] = {}
    others: list[Table] = []
    for block in find_blocks(source.lines):
        try:
            table = build_table(block, source)
        except (ValueError, IndexError, KeyError, TypeError, ArithmeticError) as exc:
            # A bug in a builder: keep the title, and say so (FA102 reports it as internal).
            table = _title_only(block, source)
            if table is not None:
                table.parse_error = f"{exc.__class__.__name__}: {exc}"
        if table is None:
            continue
        if table.role is TableRole.OTHER:
            others.append(table)
        elif table.role not in best or _RANK[table.status] > _RANK[best[table.role].status]:
            best[table.role] = table
    attachment = _attachment_line(source, report)
    tables: list[Table] = []
    for role in STANDARD_ROLES:
        table = best.get(role)
        if table is None:
            table = _by_attachment(role, attachment, source) or _missing(role)
        tables.append(table)
    return tables + others


def build_table(block: Block, source: SourceText) -> Table | None:
    """The table of one block (``None`` for an 'other' title with no table under it)."""
    grid = layout(block.lines)
    tabbed = is_tabbed([text for _, text in block.lines])
    unit = block.unit
    columns: list[str]
    if block.role in _TWO_SIDED:
        rows = build_two_sided(grid, block.role, unit, tabbed)
        columns = list(TABLE_COLUMNS[block.role])
    elif block.role in _CODED:
        rows = build_coded(grid, block.role, unit, tabbed)
        columns = list(TABLE_COLUMNS[block.role])
    elif block.role is TableRole.T06:
        rows = build_economic(grid, unit, tabbed)
        columns = list(TABLE_COLUMNS[block.role])
    elif block.role is TableRole.T09:
        rows = build_three_public(grid, unit, tabbed)
        columns = list(TABLE_COLUMNS[block.role])
    else:
        if not tabbed:
            return None
        columns, rows = build_generic(grid, unit)
        if not rows:
            return None
    status = _status(block, rows)
    note, note_span = _note(block, source)
    return Table(
        role=block.role,
        title=block.title,
        title_span=block.title_span,
        label=block.label,
        label_span=block.label_span,
        status=status,
        unit=block.unit,
        unit_span=block.unit_span,
        department=block.department,
        span=source.line_span(block.title_span.line, max(block.end_line, block.title_span.line)),
        note=note,
        note_span=note_span,
        columns=columns,
        rows=rows if status is not TableStatus.TITLE_ONLY else [],
    )


def _status(block: Block, rows: list[Row]) -> TableStatus:
    if any(a.value is not None for row in rows for a in row.cells.values()):
        return TableStatus.DATA
    if block.has_meta or block.lines:
        return TableStatus.EMPTY
    return TableStatus.TITLE_ONLY


def _note(block: Block, source: SourceText) -> tuple[str | None, Span | None]:
    """The 注/说明 text after the table (lines joined with newlines) and its span."""
    if not block.note_lines:
        return None, None
    text = "\n".join(clean_line(source.line(n)).text for n in block.note_lines)
    return text, source.line_span(block.note_lines[0], block.note_lines[-1])


def _title_only(block: Block, source: SourceText) -> Table | None:
    if block.role is TableRole.OTHER:
        return None
    return Table(
        role=block.role,
        title=block.title,
        title_span=block.title_span,
        label=block.label,
        label_span=block.label_span,
        status=TableStatus.TITLE_ONLY,
        unit=block.unit,
        span=source.line_span(block.title_span.line),
        columns=list(TABLE_COLUMNS[block.role]),
    )


def _attachment_line(source: SourceText, report: Report | None) -> int | None:
    """A line saying the tables are in an attachment (``单位决算公开报表…见附件1``)."""
    first = 1
    if report is not None:
        part = report.part(PartName.TABLES)
        if part is not None and part.span is not None:
            first = part.span.line
    for number, text in enumerate(source.lines[first - 1 :], start=first):
        if "见附件" in text and attachment_pattern().search(clean_line(text).text):
            return number
    return None


def _by_attachment(role: TableRole, line: int | None, source: SourceText) -> Table | None:
    """A title-only table standing for the tables said to be in an attachment."""
    if line is None:
        return None
    clean = clean_line(source.line(line))
    column, end_column = clean.columns(0, len(clean.text))
    span = Span.at(line, column, end_column)
    return Table(
        role=role,
        title=STANDARD_TITLES[role],
        status=TableStatus.TITLE_ONLY,
        span=span,
        note=clean.text,
        note_span=span,
        columns=list(TABLE_COLUMNS[role]),
    )


def _missing(role: TableRole) -> Table:
    return Table(
        role=role,
        title=STANDARD_TITLES[role],
        status=TableStatus.MISSING,
        columns=list(TABLE_COLUMNS[role]),
    )
