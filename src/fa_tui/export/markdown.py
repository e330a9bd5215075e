"""The 审核意见 as Markdown, for pasting into a mail or a wiki: per report a title, the summary
sentence, and the findings grouped by part; report text is escaped, never markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fa_tui.export.docx import arithmetic, letter_title, ordinal, summary_sentence
from fa_tui.export.rows import RESOLVED, ExportRow, ReportSheet
from fa_tui.safe_text import neutralise

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")  # what can start markup inside a line


def escape(text: str) -> str:
    """``text`` as literal Markdown: control characters neutralised, markup characters escaped."""
    return _SPECIAL.sub(r"\\\1", neutralise(text, tabs=" ").replace("\n", " "))


def _item(index: int, row: ExportRow) -> list[str]:
    tag = f"〔{row.severity}·{row.code}〕"
    if row.change and row.change != RESOLVED:
        tag += f"〔{row.change}〕"
    if row.mark:
        tag += f"〔{row.mark}〕"
    lines = [f"{index}\\. {escape(tag)} {escape(row.message)}"]
    for extra in (row.location() and f"位置：{row.location()}", arithmetic(row)):
        if extra:
            lines.append(f"   {escape(extra)}")
    if row.note:
        lines.append(f"   审核意见：{escape(row.note)}")
    return [f"{line}  " for line in lines[:-1]] + lines[-1:]  # "  ": a line break in the item


def markdown(sheets: Sequence[ReportSheet]) -> str:
    """The Markdown text of ``sheets``."""
    out: list[str] = []
    for sheet in sheets:
        out += [f"# {escape(letter_title(sheet))}", "", escape(summary_sentence(sheet)), ""]
        parts: dict[str, list[ExportRow]] = {}
        for row in sheet.rows:
            parts.setdefault(row.part, []).append(row)
        for number, (part, rows) in enumerate(parts.items(), start=1):
            heading = "上一稿以来已解决的问题" if part == RESOLVED else part
            out += [f"## {ordinal(number)}、{escape(heading)}", ""]
            for index, row in enumerate(rows, start=1):
                out += [*_item(index, row), ""]
    return "\n".join(out).rstrip("\n") + "\n"
