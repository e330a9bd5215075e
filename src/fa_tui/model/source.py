"""The decoded text of a report, with its original lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fa_tui.model.span import Span


@dataclass(frozen=True)
class SourceText:
    """A report's text as decoded from its file.

    ``lines`` are the original lines without their line terminators (CRLF and CR normalised);
    line ``n`` (1-based) is ``lines[n - 1]``. Nothing downstream re-reads the file.
    """

    path: Path
    encoding: str
    lines: tuple[str, ...]
    text: str = field(repr=False, default="")

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` ('' when out of range)."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    def slice(self, span: Span) -> str:
        """The characters covered by ``span`` (lines joined with '\\n')."""
        if span.line == span.end_line:
            return self.line(span.line)[span.column - 1 : span.end_column - 1]
        parts = [self.line(span.line)[span.column - 1 :]]
        parts.extend(self.line(n) for n in range(span.line + 1, span.end_line))
        parts.append(self.line(span.end_line)[: span.end_column - 1])
        return "\n".join(parts)

    def line_span(self, start: int, end: int | None = None) -> Span:
        """A span covering whole lines ``start`` .. ``end`` (inclusive)."""
        last = start if end is None else end
        return Span(line=start, column=1, end_line=last, end_column=len(self.line(last)) + 1)

    @property
    def line_count(self) -> int:
        """Number of lines."""
        return len(self.lines)
