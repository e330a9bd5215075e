"""`fa-tui tables`: print the parsed tables, every figure exactly as printed (text, JSON or CSV)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from fa_tui import pattern_cache
from fa_tui.commands.common import fail, load_or_exit
from fa_tui.model.amount import Amount
from fa_tui.model.outline import PartName
from fa_tui.model.report import Report
from fa_tui.model.tables import Row, Table
from fa_tui.parse.tables.titles import normalise_title
from fa_tui.safe_text import neutralise, visible_bytes
from fa_tui.schema import TableSpec, template_of

FORMATS = ("text", "json", "csv")
_NUMBER = pattern_cache.compile(r"^(?:公开|表)?\s*0?(\d{1,2})\s*(?:表)?$")
CSV_HEADER = (
    "table",
    "title",
    "status",
    "row_line",
    "code",
    "name",
    "side",
    "kind",
    "column",
    "value",
    "decimals",
    "line",
    "start_column",
    "end_column",
    "repaired",
    "text",
)


def run_tables(path: Path, table: str | None, fmt: str) -> None:
    """Print the tables of the report at ``path`` (all, or the one ``table`` names)."""
    if fmt not in FORMATS:
        fail(f"错误：不支持的输出格式：{fmt}（可选 text、json、csv）")
    report = load_or_exit(path)
    tables = report.tables
    if table is not None:
        chosen = select_table(report, table)
        if chosen is None:
            fail(f"错误：未找到表：{table}（可用 公开01表…公开09表、表一…表九、01…09 或表名）")
        tables = [chosen]
    if fmt == "json":
        from fa_tui.render.json_report import indented_json

        print(indented_json(tables_document(report, tables)))
    elif fmt == "csv":
        # CSV cannot escape: control characters in report text become visible placeholders.
        lines = tables_csv(tables).split("\n")
        sys.stdout.write("\n".join(neutralise(line) for line in lines))
    else:
        _print_text(report, tables, table is None)


def select_table(report: Report, wanted: str) -> Table | None:
    """The table named by ``wanted``: ``公开05表``, ``表五`` (as the inspector names it), ``表5``,
    ``05``, ``5`` or a title (or alias)."""
    text = normalise_title(wanted)
    number = _NUMBER.match(text)
    template = template_of(report)
    spec: TableSpec | None
    if number:
        spec = template.by_number(int(number.group(1)))
    else:
        spec = next(
            (s for s in template.tables if text in s.titles or text in (s.id, s.short)), None
        )
    if spec is not None:
        return next((t for t in report.tables if t.role == spec.id), None)
    return next((t for t in report.tables if normalise_title(t.title) == text), None)


def _cell(amount: Amount) -> dict[str, Any]:
    return {
        "value": None if amount.value is None else amount.printed(),
        "decimals": amount.decimals,
        "line": amount.span.line,
        "column": amount.span.column,
        "end_column": amount.span.end_column,
        "repaired": amount.repaired,
        "text": amount.text,
        "repair_note": amount.repair_note,
    }


def _row(row: Row) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "side": row.side,
        "kind": row.kind.value,
        "level": row.level,
        "parent": row.parent,
        "line": row.span.line,
        "cells": {key: _cell(amount) for key, amount in row.cells.items()},
        "undetermined": row.undetermined,
        "unplaced": [_cell(amount) for amount in row.unplaced],
    }


def table_document(table: Table) -> dict[str, Any]:
    """One table as JSON (amounts as strings at their printed precision)."""
    return {
        "id": table.id,
        "role": str(table.role),
        "title": table.title,
        "label": table.label,
        "status": table.status.value,
        "unit": table.unit,
        "line": table.span.line if table.span else None,
        "end_line": table.span.end_line if table.span else None,
        "note": table.note,
        "columns": list(table.columns),
        "rows": [_row(r) for r in table.rows],
        "unplaced": [_cell(amount) for amount in table.unplaced],
    }


def tables_document(report: Report, tables: list[Table]) -> dict[str, Any]:
    """The JSON document of ``fa-tui tables --format json``."""
    return {"path": visible_bytes(str(report.path)), "tables": [table_document(t) for t in tables]}


def tables_csv(tables: list[Table]) -> str:
    """One CSV line per cell (a table with no rows gets one line with its status)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for table in tables:
        head = [table.id or "", table.title, table.status.value]
        if not table.rows:
            writer.writerow([*head, *[""] * (len(CSV_HEADER) - len(head))])
        for row in table.rows:
            for key, amount in row.cells.items():
                writer.writerow(
                    [
                        *head,
                        row.span.line,
                        row.code or "",
                        row.name,
                        row.side or "",
                        row.kind.value,
                        key,
                        "" if amount.value is None else amount.printed(),
                        amount.decimals,
                        amount.span.line,
                        amount.span.column,
                        amount.span.end_column,
                        "true" if amount.repaired else "false",
                        amount.text,
                    ]
                )
    return out.getvalue()


def _print_text(report: Report, tables: list[Table], overview: bool) -> None:
    from rich.console import Console

    from fa_tui.render.tables import status_table, table_renderable

    width = _text_width()
    console = Console(highlight=False, width=width or 200)
    if overview:
        console.print(status_table(tables, f"{report.part_label(PartName.TABLES)}概览"))
    for table in tables:
        console.print(table_renderable(table, width))


def _text_width() -> int | None:
    """``COLUMNS``, else the terminal's width; ``None`` on a pipe (200 columns, names whole)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None
