"""Collect extracted lines with their document locations and make the ``SourceText``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fa_tui.model.source import Location, SourceText
from fa_tui.model.span import Span

_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F], " ")


def clean_text(text: str) -> str:
    """Document text for one line: line breaks and control characters as blanks (tabs kept)."""
    return text.translate(_CONTROLS)


@dataclass
class LineBuilder:
    """Lines of extracted text and, for each, where it lies in the document."""

    lines: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    unplaced: list[Span] = field(default_factory=list)

    def add(self, text: str, location: Location) -> None:
        """Append one line (line breaks and controls in ``text`` become blanks)."""
        self.lines.append(clean_text(text))
        self.locations.append(location)

    def has_text(self) -> bool:
        """Whether any line holds something other than blanks."""
        return any(line.strip() for line in self.lines)

    def source(self, path: Path, kind: str) -> SourceText:
        """The ``SourceText``; ``kind`` (``pdf``/``docx``) stands in for the encoding."""
        lines = tuple(self.lines)
        return SourceText(
            path=path,
            encoding=kind,
            lines=lines,
            text="\n".join(lines),
            locations=tuple(self.locations),
            unplaced=tuple(self.unplaced),
        )
