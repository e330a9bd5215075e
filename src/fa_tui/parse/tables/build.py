"""Table parsing: the template's standard tables (always all of them), other tables generically.

Blocks are found by title (``blocks``), split into cells (``layout``) and read by the builder of
the table's layout (``fa_tui.schema.Layout``). Each standard table gets a status: ``data``
(figures), ``empty`` (printed without figures: its 说明 kept in ``note``), ``title_only`` (listed
by title, or the tables said to be in an attachment) or ``missing``. Figures are never rescaled.
"""

from __future__ import annotations

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.outline import PartName
from fa_tui.model.report import Report, ReportKind
from fa_tui.model.source import SourceText, page_ranges
from fa_tui.model.span import Span
from fa_tui.model.tables import Row, Table, TableRole, TableStatus
from fa_tui.parse.noise import clean_line
from fa_tui.parse.numbers import parse_cell
from fa_tui.parse.outline.toc import forget_cleaned_lines
from fa_tui.parse.tables.blocks import Block, choose_template, find_blocks
from fa_tui.parse.tables.coded import build_coded, build_single_row
from fa_tui.parse.tables.economic import build_economic, economic_consistent
from fa_tui.parse.tables.generic import build_generic
from fa_tui.parse.tables.grid import find_numbering
from fa_tui.parse.tables.layout import GridLine, is_tabbed, layout
from fa_tui.parse.tables.sides import build_two_sided
from fa_tui.parse.tables.titles import attachment_pattern
from fa_tui.parse.tables.unruled import build_unruled, placed_consistently
from fa_tui.parse.tables.unruled_sides import build_unruled_sides
from fa_tui.schema import DETECTED, Layout, TableSpec, TemplateSet, template_named

# A printed figure: digits with a decimal point or thousands separators (not a code, a year,
# a 栏次 number).
_FIGURE = pattern_cache.compile(r"(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,])")
_UNPLACED_NOTE = "表中 {count} 个数字未能对应到行和栏（文本中的单元格位置无法确定），未读取"

_RANK = {
    TableStatus.DATA: 3,
    TableStatus.EMPTY: 2,
    TableStatus.TITLE_ONLY: 1,
    TableStatus.UNREADABLE: 0,
    TableStatus.MISSING: 0,
}


def parse_tables(source: SourceText, report: Report | None = None) -> list[Table]:
    """The template's standard tables (in its order, missing ones included), then other tables.

    The template set is the report's (``Report.template``), the national one without a report.
    """
    template = _template(source, report)
    best: dict[str, Table] = {}
    others: list[Table] = []
    unplaced = frozenset(span.line for span in source.unplaced)
    blocks = find_blocks(source.lines, template, skip=unplaced)
    forget_cleaned_lines()
    for block in blocks:
        try:
            table = build_table(block, source, template)
        except (ValueError, IndexError, KeyError, TypeError, ArithmeticError) as exc:
            # A bug in a builder: keep the title, and say so (FA102 reports it as internal).
            table = _title_only(block, source, template)
            if table is not None:
                table.parse_error = f"{exc.__class__.__name__}: {exc}"
        if table is None:
            continue
        if table.role == TableRole.OTHER:
            others.append(table)
        elif table.role not in best or _RANK[table.status] > _RANK[best[table.role].status]:
            best[table.role] = table
    attachment = _attachment_line(source, report)
    budget = report is not None and report.kind is ReportKind.BUDGET
    tables: list[Table] = []
    for spec in template.tables:
        table = best.get(spec.id)
        if table is None and budget:
            continue  # a budget has no 决算 tables: none of them is missing
        if table is None:
            table = (
                _by_attachment(spec, attachment, source)
                or _unreadable(spec, source.unread_pages)
                or _missing(spec)
            )
        tables.append(table)
    return tables + others


def _template(source: SourceText, report: Report | None) -> TemplateSet:
    """The report's template set: the one it names, else the detected one (recorded in it)."""
    if report is None:
        return template_named(None)
    if report.template is None:
        report.template = choose_template(source.lines, DETECTED).name
    return template_named(report.template)


def build_table(block: Block, source: SourceText, template: TemplateSet) -> Table | None:
    """The table of one block (``None`` for an 'other' title with no table under it)."""
    grid = layout(block.lines)
    tabbed = is_tabbed([text for _, text in block.lines])
    unit = block.unit
    spec = template.spec(block.role)
    columns: list[str]
    unplaced: list[Amount] = []
    if spec is None or spec.layout is Layout.GENERIC:
        columns, rows = build_generic(grid, unit) if tabbed else ([], [])
        if not rows and spec is None:
            return None  # an 'other' title with no table under it
    elif block.unruled:
        # Cells separated by single blanks: only coded rows are placed (by the identities);
        # the other layouts' figures are reported, not guessed.
        if spec.layout is Layout.CODED:
            rows, unplaced = build_unruled(block.lines, spec, unit)
        elif spec.layout is Layout.TWO_SIDED:
            rows, unplaced = build_unruled_sides(block.lines, spec, unit, by_column=False)
        else:
            rows = []
        columns = list(spec.columns)
    else:
        rows = _build_rows(spec, grid, unit, tabbed)
        laid_out = not tabbed and find_numbering(grid) is None
        if laid_out and spec.layout is Layout.CODED:
            # Laid out with blanks and no 栏次 row to fix the columns: a header over several
            # columns or lines puts its words away from their figures, and the gutters may
            # place the figures wrongly yet consistently. The identities place them instead.
            rows, unplaced = build_unruled(block.lines, spec, unit, by_column=True)
        elif not tabbed and spec.layout is Layout.CODED and not placed_consistently(rows, spec):
            # The 栏次 row's columns break the identities (figures on lines of their own):
            # placed by the identities instead.
            rows, unplaced = build_unruled(block.lines, spec, unit, by_column=True)
        elif laid_out and spec.layout is Layout.TWO_SIDED:
            # Laid out with blanks and no 栏次 row to fix the columns: the gutters of a header
            # spanning several columns say nothing sure; only the figures after a label are
            # its own (placed when they fill its side's columns in one way).
            rows, unplaced = build_unruled_sides(block.lines, spec, unit, by_column=True)
        elif not tabbed and spec.layout is Layout.ECONOMIC and not economic_consistent(rows, spec):
            rows = []  # codes and figures in the wrong columns: its figures are reported
        elif not tabbed and spec.layout is Layout.SINGLE_ROW and not _whole_rows(rows, spec):
            rows = []  # some columns empty: nothing says which (its figures are reported)
        printed = {key for row in rows for key in row.cells}
        columns = [*spec.columns, *(k for k in spec.extra_columns if k in printed)]
    if spec is not None:
        unplaced = _unread_figures(block, source, rows, unplaced)
    status = _status(block, rows, unplaced)
    note, note_span = _note(block, source)
    if status is TableStatus.UNREADABLE and note is None:
        note = _UNPLACED_NOTE.format(count=len(unplaced))
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
        # (the rows of a table whose figures no row holds are only its labels)
        rows=rows if status not in (TableStatus.TITLE_ONLY, TableStatus.UNREADABLE) else [],
        unplaced=unplaced,
    )


def _build_rows(spec: TableSpec, grid: list[GridLine], unit: str | None, tabbed: bool) -> list[Row]:
    """The rows of a standard table, read by the builder of its layout."""
    if spec.layout is Layout.TWO_SIDED:
        return build_two_sided(grid, spec, unit, tabbed)
    if spec.layout is Layout.CODED:
        return build_coded(grid, spec, unit, tabbed)
    if spec.layout is Layout.ECONOMIC:
        return build_economic(grid, spec, unit, tabbed)
    return build_single_row(grid, spec, unit, tabbed)


def _whole_rows(rows: list[Row], spec: TableSpec) -> bool:
    """Whether every row read by position prints a figure in each column and is named by
    text (in a table laid out by blanks without a 栏次 row, the gutters of a header over
    several lines may place figures wrongly, except when every column is printed)."""
    return all(
        not any(ch.isdigit() for ch in row.name)
        and all(
            row.cells.get(k) is not None and row.cells[k].value is not None for k in spec.columns
        )
        for row in rows
    )


def _status(block: Block, rows: list[Row], unplaced: list[Amount]) -> TableStatus:
    if any(a.value is not None for row in rows for a in (*row.cells.values(), *row.unplaced)):
        return TableStatus.DATA
    if any(a.value is not None for a in unplaced):
        return TableStatus.UNREADABLE  # figures that no row holds: never "empty"
    if block.has_meta or block.lines:
        return TableStatus.EMPTY
    return TableStatus.TITLE_ONLY


def _unread_figures(
    block: Block, source: SourceText, rows: list[Row], unplaced: list[Amount]
) -> list[Amount]:
    """The figures printed among the block's lines (up to the next title, notes and running
    text left out) that no row holds, in printed order: in text without ruling a figure may
    be printed far from its row (a text layer read column by column) or beside none; in a
    tab line, a cell no builder reads (a total row of a kind its layout does not know)."""
    held: dict[int, list[tuple[int, int]]] = {}
    for a in (*(a for row in rows for a in (*row.cells.values(), *row.unplaced)), *unplaced):
        if a.span is not None:
            held.setdefault(a.span.line, []).append((a.span.column, a.span.end_column))
    notes = set(block.note_lines)
    out = list(unplaced)
    for number in range(block.title_span.line + 1, max(block.limit, block.end_line + 1)):
        if number in notes:
            continue
        text = source.line(number)
        if "。" in text:
            continue  # running text
        for found in _FIGURE.finditer(text):
            start, end = found.start() + 1, found.end() + 1
            if any(s < end and start < e for s, e in held.get(number, ())):
                continue  # a row holds it (its span: the figure, or the cell around it)
            amount = parse_cell(found.group(0), number, start, unit=block.unit)
            if amount is not None and amount.value is not None:
                out.append(amount)
    return out


def _note(block: Block, source: SourceText) -> tuple[str | None, Span | None]:
    """The 注/说明 text after the table (lines joined with newlines) and its span."""
    if not block.note_lines:
        return None, None
    text = "\n".join(clean_line(source.line(n)).text for n in block.note_lines)
    return text, source.line_span(block.note_lines[0], block.note_lines[-1])


def _title_only(block: Block, source: SourceText, template: TemplateSet) -> Table | None:
    spec = template.spec(block.role)
    if spec is None:
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
        columns=list(spec.columns),
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


def _by_attachment(spec: TableSpec, line: int | None, source: SourceText) -> Table | None:
    """A title-only table standing for the tables said to be in an attachment."""
    if line is None:
        return None
    clean = clean_line(source.line(line))
    column, end_column = clean.columns(0, len(clean.text))
    span = Span.at(line, column, end_column)
    return Table(
        role=spec.id,
        title=spec.title,
        status=TableStatus.TITLE_ONLY,
        span=span,
        note=clean.text,
        note_span=span,
        columns=list(spec.columns),
    )


def _unreadable(spec: TableSpec, pages: tuple[int, ...]) -> Table | None:
    """A table not found in the text while some pages have no text layer (it may be there)."""
    if not pages:
        return None
    return Table(
        role=spec.id,
        title=spec.title,
        status=TableStatus.UNREADABLE,
        note=f"{page_ranges(pages)}没有文字层（可能是扫描件），表格可能在其中，未能读取",
        columns=list(spec.columns),
    )


def _missing(spec: TableSpec) -> Table:
    return Table(
        role=spec.id,
        title=spec.title,
        status=TableStatus.MISSING,
        columns=list(spec.columns),
    )
