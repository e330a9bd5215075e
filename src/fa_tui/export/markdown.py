"""The 审核意见 as Markdown, for pasting into a mail or a wiki: per report a title, the summary
sentence, and the findings grouped by part; report text is escaped, never markup."""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui import pattern_cache
from fa_tui.export.letter import details, letter_title, parts, summary_sentence, tags
from fa_tui.export.rows import ExportRow, ReportSheet
from fa_tui.safe_text import neutralise

_SPECIAL = pattern_cache.compile(r"([\\`*_\[\]<>|~#])")  # what can start markup inside a line


def escape(text: str) -> str:
    """``text`` as literal Markdown: control characters neutralised, markup characters escaped."""
    return _SPECIAL.sub(r"\\\1", neutralise(text, tabs=" ").replace("\n", " "))


def _item(index: int, row: ExportRow) -> list[str]:
    lines = [f"{index}\\. {escape(tags(row))} {escape(row.message)}"]
    lines.extend(f"   {escape(detail)}" for detail in details(row))
    return [f"{line}  " for line in lines[:-1]] + lines[-1:]  # "  ": a line break in the item


def markdown(sheets: Sequence[ReportSheet]) -> str:
    """The Markdown text of ``sheets``."""
    out: list[str] = []
    for sheet in sheets:
        out += [f"# {escape(letter_title(sheet))}", "", escape(summary_sentence(sheet)), ""]
        for heading, rows in parts(sheet):
            out += [f"## {escape(heading)}", ""]
            for index, row in enumerate(rows, start=1):
                out += [*_item(index, row), ""]
    return "\n".join(out).rstrip("\n") + "\n"
