"""`fa-tui outline`: print the parsed tree of parts, sections and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fa_tui.commands.common import fail, load_or_exit
from fa_tui.model import Part, Report, Section
from fa_tui.render.json_report import indented_json, table_summary
from fa_tui.safe_text import visible_bytes


def run_outline(path: Path, fmt: str) -> None:
    """Print the outline of the report at ``path`` as text (a tree) or JSON."""
    if fmt not in ("text", "json"):
        fail(f"错误：不支持的输出格式：{fmt}（可选 text、json）")
    report = load_or_exit(path)
    if fmt == "json":
        print(indented_json(outline_document(report)))
    else:
        from fa_tui.render.outline_tree import print_outline

        print_outline(report)


def outline_document(report: Report) -> dict[str, Any]:
    """The JSON document of ``fa-tui outline --format json``."""
    return {
        "path": visible_bytes(str(report.path)),
        "encoding": report.encoding,
        "department": report.department,
        "year": report.year,
        "kind": report.kind.value,
        "parts": [_part(p) for p in report.parts],
        "tables": [table_summary(t) for t in report.tables],
    }


def _part(part: Part) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": part.name.value,
        "present": part.present,
        "line": part.span.line if part.span else None,
        "heading": part.heading_text,
        "sections": [_section(s) for s in part.sections],
    }
    if part.located_in:
        doc["located_in"] = part.located_in
    return doc


def _section(section: Section) -> dict[str, Any]:
    return {
        "level": section.level,
        "number": section.number,
        "title": section.title,
        "line": section.span.line,
        "end_line": section.span.end_line,
        "children": [_section(c) for c in section.children],
    }
