"""What kind of report this is: 部门决算 (final accounts, what fa-tui checks) or 部门预算 (budget).

A budget report looks much like a final-accounts report (概况, tables, 名词解释) but its tables
are budget tables, so the rules about the nine 决算 tables must not run on it. The evidence is
what the report calls itself: its title lines (``…2026年区级部门预算``, ``…部门决算``), and the
titles of its tables (``…预算表`` against ``…决算表``). A report that says neither is read as
final accounts, the kind fa-tui is for.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model import ReportKind, Span
from fa_tui.parse.noise import CleanLine

# A title line naming the report: ``2026年区级部门预算``, ``部门决算公开``, ``单位预算``.
_SELF_NAME = pattern_cache.compile(r"(?:部门|单位)(?P<kind>预算|决算)(?:公开|报告|情况说明)?\s*$")
# A table title: a short line ending in 预算表 / 决算表 (``收支预算总表``, ``…支出决算表``).
_TABLE_TITLE = pattern_cache.compile(r"(?P<kind>预算|决算)(?:总|明细|情况|汇总)?表\s*$")
_TITLE_MAX = 60
_KINDS = {"预算": ReportKind.BUDGET, "决算": ReportKind.FINAL_ACCOUNTS}


class KindEvidence(NamedTuple):
    """The report's kind and the line that says so (``None`` when nothing says it)."""

    kind: ReportKind
    span: Span | None


def find_kind(lines: list[CleanLine], body_start: int) -> KindEvidence:
    """The kind a report calls itself on its title page, else the kind its table titles name."""
    for i in range(min(body_start, len(lines))):
        found = _match(_SELF_NAME, lines, i)
        if found is not None:
            return found
    counts = {ReportKind.BUDGET: 0, ReportKind.FINAL_ACCOUNTS: 0}
    first: dict[ReportKind, Span] = {}
    for i, clean in enumerate(lines):
        if "表" not in clean.text:  # cheap pre-check
            continue
        found = _match(_TABLE_TITLE, lines, i)
        if found is not None and found.span is not None:
            counts[found.kind] += 1
            first.setdefault(found.kind, found.span)
    budget, final = counts[ReportKind.BUDGET], counts[ReportKind.FINAL_ACCOUNTS]
    if budget > 0 and final == 0:
        return KindEvidence(ReportKind.BUDGET, first[ReportKind.BUDGET])
    if final > 0:
        return KindEvidence(ReportKind.FINAL_ACCOUNTS, first[ReportKind.FINAL_ACCOUNTS])
    return KindEvidence(ReportKind.FINAL_ACCOUNTS, None)


def _match(pattern: re.Pattern[str], lines: list[CleanLine], index: int) -> KindEvidence | None:
    clean = lines[index]
    text = clean.text.rstrip()
    if not text or len(text) > _TITLE_MAX or "\t" in text:
        return None
    m = pattern.search(text)
    if m is None:
        return None
    column, end_column = clean.columns(m.start("kind"), m.end("kind"))
    return KindEvidence(_KINDS[m.group("kind")], Span.at(index + 1, column, end_column))
