"""The headless pipeline: ingest → outline → tables → facts → rules, one named stage at a time.

Every front end runs these stages: ``check`` (one file or a batch), ``outline`` and ``tables``
(up to ``Stage.TABLES``) and the inspector's worker thread, which posts each stage's result to
the screen as it comes. Each stage hands over a report object of its own: a later stage never
changes what an earlier one handed out (the inspector shows it on another thread).

The garbage collector is paused here and nowhere else: per stage, never across a ``yield``
(see ``gc_pause``), or for a caller's whole run with ``transient``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from enum import IntEnum
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from fa_tui.model import Finding, Report, SourceText, TableStatus
from fa_tui.pipeline.gc_pause import gc_paused

Checker = Callable[[Report], list[Finding]]


class Stage(IntEnum):
    """The stages in order; ``until`` names the last one to run."""

    OUTLINE = 1
    TABLES = 2
    FACTS = 3
    RULES = 4


class Outlined(Struct, frozen=True):
    """Parts, sections, department, year (no tables yet)."""

    report: Report


class Tabled(Struct, frozen=True):
    """The tables are read too."""

    report: Report


class Described(Struct, frozen=True):
    """The narrative facts are read too: the whole report."""

    report: Report


class Checked(Struct, frozen=True):
    """The findings, in position order, each placed in its part and table, with its id."""

    report: Report
    findings: list[Finding]


StageResult = Outlined | Tabled | Described | Checked


def run_rules(
    report: Report,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    previous: Report | None = None,
) -> list[Finding]:
    """The findings of the selected rules, each placed in its part and table, with its id.

    ``previous``: last year's report (``load_report``), for the FA9xx rules.
    """
    from fa_tui.rules.engine import check_report

    found = check_report(report, select=select, ignore=ignore, previous=previous)
    return finish(found, report)


def finish(findings: Sequence[Finding], report: Report) -> list[Finding]:
    """The rules' ``findings`` placed in their part and table, each with its stable id."""
    from fa_tui.pipeline.finding_ids import assign_ids
    from fa_tui.pipeline.placement import place

    return assign_ids(place(findings, report), report)


def stages(
    source: SourceText,
    *,
    until: Stage = Stage.RULES,
    template: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    checker: Checker | None = None,
    previous: Report | None = None,
) -> Iterator[StageResult]:
    """Run the stages over ``source`` up to ``until``, yielding each stage's result.

    ``template`` names the template set of standard tables (the national one by default);
    ``select``/``ignore`` choose rules by code prefix; ``checker`` replaces the rules (tests);
    ``previous`` is last year's report (``load_report``): the FA9xx rules check the 上年
    figures this report quotes against it (without it they find nothing).
    """
    from fa_tui.parse.narrative import parse_facts
    from fa_tui.parse.outline import parse_outline
    from fa_tui.parse.tables import parse_tables

    with gc_paused():
        report = parse_outline(source)
        if template is not None:
            report.template = template
    yield Outlined(report)
    if until < Stage.TABLES:
        return
    with gc_paused():
        report = replace(report)  # a shallow copy (``copy`` costs an import)
        report.tables = parse_tables(source, report)
    yield Tabled(report)
    if until < Stage.FACTS:
        return
    with gc_paused():
        report = replace(report)  # a shallow copy (``copy`` costs an import)
        report.facts = parse_facts(source, report)
    yield Described(report)
    if until < Stage.RULES:
        return
    with gc_paused(promote=False):  # the findings are few; the rules' scratch is dropped
        if checker is not None:
            findings = finish(checker(report), report)
        else:
            findings = run_rules(report, select, ignore, previous)
    yield Checked(report, findings)


def analyse(
    source: SourceText,
    *,
    template: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    previous: Report | None = None,
) -> tuple[Report, list[Finding]]:
    """Parse and check ``source``: the report and its findings (``previous``: see ``stages``)."""
    *_, last = stages(source, template=template, select=select, ignore=ignore, previous=previous)
    assert isinstance(last, Checked)
    return last.report, last.findings


def build_report(
    source: SourceText, *, until: Stage = Stage.FACTS, template: str | None = None
) -> Report:
    """The report parsed from ``source`` up to ``until`` (no rules run before ``Stage.RULES``)."""
    *_, last = stages(source, until=min(until, Stage.FACTS), template=template)
    return last.report


def load_report(
    path: str | Path, *, until: Stage = Stage.FACTS, template: str | None = None
) -> Report:
    """Read and parse the report at ``path`` (raises ``InputError`` for unreadable input)."""
    from fa_tui.ingest import read_report

    return build_report(read_report(path), until=until, template=template)


def preload() -> None:
    """Import every stage's modules and register the rules (before forking batch workers)."""
    import fa_tui.parse.narrative
    import fa_tui.parse.outline
    import fa_tui.parse.tables  # noqa: F401
    from fa_tui.rules.engine import load_rules

    load_rules()


def transient() -> AbstractContextManager[None]:
    """Pause the collector for a whole run whose report the caller drops at the end (a batch
    worker): nothing is promoted, and the report is freed by reference counting."""
    return gc_paused(promote=False)


def rule_titles() -> dict[str, str]:
    """The Chinese title of every rule, by code (for exports made outside ``check``)."""
    from fa_tui.rules.engine import selected_rules

    return {r.code: r.title for r in selected_rules((), ())}


def looks_like_report(report: Report) -> bool:
    """Whether a file found in a directory is a 决算 report at all (a README is not)."""
    return any(p.present for p in report.parts) or any(
        t.status is not TableStatus.MISSING for t in report.tables
    )
