"""Where findings fall on source lines: the styled ranges and gutter colours of the source view."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.style import Style

from fa_tui.model import Finding, Severity, SourceText, Span
from fa_tui.tui import styles

# Spans longer than this are painted on their first line only; the other lines get a gutter mark.
MAX_PAINTED_LINES = 5

Range = tuple[int, int, Style]


def split_span(span: Span, source: SourceText) -> list[tuple[int, int, int]]:
    """``span`` as one (line, column, end_column) range per line it touches."""
    out = []
    for line in range(span.line, span.end_line + 1):
        col = span.column if line == span.line else 1
        end = span.end_column if line == span.end_line else len(source.line(line)) + 1
        if line != span.line and line == span.end_line and end <= 1:
            continue  # the span ends at the start of this line
        out.append((line, col, end))
    return out


def piece_on_line(span: Span, line: int, source: SourceText) -> tuple[int, int] | None:
    """The (column, end_column) of ``span`` on ``line`` (``None`` if it does not touch it).

    O(1), unlike ``split_span``: the renderer asks this for each visible line.
    """
    if not span.line <= line <= span.end_line:
        return None
    col = span.column if line == span.line else 1
    end = span.end_column if line == span.end_line else len(source.line(line)) + 1
    if line != span.line and line == span.end_line and end <= 1:
        return None
    return col, end


@dataclass
class LineMarks:
    """Styled ranges per line (applied in order) and the worst severity per line for the gutter."""

    ranges: dict[int, list[Range]] = field(default_factory=lambda: defaultdict(list))
    gutter: dict[int, Severity] = field(default_factory=dict)

    def _gutter(self, line: int, severity: Severity) -> None:
        old = self.gutter.get(line)
        if old is None or severity.rank > old.rank:
            self.gutter[line] = severity

    def add_span(self, span: Span, style: Style, source: SourceText, severity: Severity) -> None:
        """Paint ``span`` with ``style`` (only its first line when it is long)."""
        pieces = split_span(span, source)
        painted = pieces if len(pieces) <= MAX_PAINTED_LINES else pieces[:1]
        for line, col, end in painted:
            self.ranges[line].append((col, end, style))
        for line, _, _ in pieces:
            self._gutter(line, severity)


def finding_marks(findings: Sequence[Finding], source: SourceText) -> LineMarks:
    """The marks of all ``findings``: related spans softly, then primary spans, worst last."""
    marks = LineMarks()
    for finding in findings:
        for related in finding.related:
            pieces = split_span(related.span, source)[:MAX_PAINTED_LINES]
            for line, col, end in pieces:
                marks.ranges[line].append((col, end, styles.RELATED[finding.severity]))
    for finding in sorted(findings, key=lambda f: f.severity.rank):
        if finding.span is not None:
            marks.add_span(finding.span, styles.SPAN[finding.severity], source, finding.severity)
    return marks
