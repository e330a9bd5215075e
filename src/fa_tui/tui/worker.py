"""The work done off the UI thread: run the pipeline, and index its findings for the panes.

Everything here is plain Python (no Textual, no parser, no rule). The app runs ``stages`` in a
thread worker that only posts messages, one per stage of ``fa_tui.pipeline``, so that the screen
fills in as soon as each part is ready: the outline (tree and header) first, then the tables and
narrative facts, then the findings with everything the panes need precomputed (``Indexed``: the
per-node index and the per-line marks of the source view), so that the UI thread never scans
all findings or all lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from msgspec import Struct

from fa_tui.model import Finding, Report, SourceText
from fa_tui.pipeline import Checked, Checker, Described, Outlined
from fa_tui.pipeline import stages as pipeline_stages
from fa_tui.tui.index import FindingIndex, build_nodes
from fa_tui.tui.marks import LineMarks, finding_marks

__all__ = ["Analyser", "Checker", "Described", "Indexed", "Outlined", "Stage", "stages"]


class Indexed(Struct, frozen=True):
    """The pipeline's findings, indexed by tree node, and their marks on the source lines."""

    report: Report
    index: FindingIndex
    marks: LineMarks


Stage = Outlined | Described | Indexed
Analyser = Callable[[SourceText, Checker | None], Iterable[Stage]]


def stages(
    source: SourceText, checker: Checker | None = None, previous: Report | None = None
) -> Iterator[Stage]:
    """The pipeline's stages over ``source`` as the screen shows them (``checker`` replaces the
    rules, in tests; ``previous`` is last year's report): the outline, the parsed report, the
    indexed findings."""
    for result in pipeline_stages(source, checker=checker, previous=previous):
        if isinstance(result, Outlined | Described):
            yield result
        elif isinstance(result, Checked):
            index = FindingIndex(result.findings, build_nodes(result.report, previous))
            yield Indexed(result.report, index, finding_marks(index.findings, source))


def analyse(source: SourceText, checker: Checker | None = None) -> tuple[Report, list[Finding]]:
    """Parse ``source`` and check it; returns the report and its findings (position order)."""
    *_, last = stages(source, checker)
    assert isinstance(last, Indexed)
    return last.report, last.index.findings


def describe_failure(exc: BaseException) -> str:
    """One line for the reviewer when parsing or checking raised (a bug in fa-tui)."""
    text = " ".join(str(exc).split())
    return f"解析或检查失败：{exc.__class__.__name__}: {text}"
