"""The work done off the UI thread: parse a decoded report, run the rules, index the findings.

Everything here is plain Python (no Textual). The app runs ``stages`` in a thread worker that
only posts messages, one per stage, so that the screen fills in as soon as each part is ready:
the outline (tree and header) first, then the tables and narrative facts, then the findings
with everything the panes need precomputed (``Checked``: the per-node index and the per-line
marks of the source view), so that the UI thread never scans all findings or all lines.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from fa_tui.model import Finding, Report, SourceText
from fa_tui.tui.index import FindingIndex, build_nodes
from fa_tui.tui.marks import LineMarks, finding_marks

Checker = Callable[[Report], list[Finding]]


def default_checker(report: Report) -> list[Finding]:
    """Run every registered rule over ``report``."""
    from fa_tui.rules.engine import check_report

    return check_report(report)


@dataclass(frozen=True)
class Outlined:
    """Stage 1: parts and sections (no tables yet)."""

    report: Report


@dataclass(frozen=True)
class Parsed:
    """Stage 2: the whole report (tables and facts)."""

    report: Report


@dataclass(frozen=True)
class Checked:
    """Stage 3: the findings, indexed by tree node, and their marks on the source lines."""

    report: Report
    index: FindingIndex
    marks: LineMarks


Stage = Outlined | Parsed | Checked
Analyser = Callable[[SourceText, Checker | None], Iterable[Stage]]


def stages(source: SourceText, checker: Checker | None = None) -> Iterator[Stage]:
    """Parse and check ``source`` step by step (the same steps as ``pipeline.build_report``).

    Each stage yields a report object of its own: a later stage never changes what an earlier
    one handed to the UI thread.
    """
    from fa_tui.parse.gc_pause import gc_paused
    from fa_tui.parse.narrative.facts import parse_facts
    from fa_tui.parse.outline.parts import parse_outline
    from fa_tui.parse.tables.build import parse_tables

    # The collector is paused per stage, never across a ``yield``: the UI thread runs with it on.
    with gc_paused():
        outline = parse_outline(source)
    yield Outlined(outline)
    with gc_paused():
        report = copy.copy(outline)
        report.tables = parse_tables(source, report)
        report.facts = parse_facts(source, report)
    yield Parsed(report)
    with gc_paused(promote=False):  # small next to the report (the report was promoted)
        findings = (checker or default_checker)(report)
        index = FindingIndex(findings, build_nodes(report))
        marks = finding_marks(index.findings, source)
    yield Checked(report, index, marks)


def analyse(source: SourceText, checker: Checker | None = None) -> tuple[Report, list[Finding]]:
    """Parse ``source`` and check it; returns the report and its findings (position order)."""
    *_, last = stages(source, checker)
    assert isinstance(last, Checked)
    return last.report, last.index.findings


def describe_failure(exc: BaseException) -> str:
    """One line for the reviewer when parsing or checking raised (a bug in fa-tui)."""
    text = " ".join(str(exc).split())
    return f"解析或检查失败：{exc.__class__.__name__}: {text}"
