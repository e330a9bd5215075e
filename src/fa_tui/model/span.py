"""Source positions: every parsed value points at exact characters of the original file."""

from __future__ import annotations

from msgspec import Struct


class Span(Struct, frozen=True, kw_only=True):
    """A range of characters in the source text.

    Lines and columns are 1-based and count characters (code points) of the original lines;
    ``end_column`` is exclusive. A span over whole lines uses column 1 and the line length + 1.
    """

    line: int
    column: int = 1
    end_line: int
    end_column: int

    @classmethod
    def at(cls, line: int, column: int, end_column: int) -> Span:
        """A span inside one line."""
        return cls(line=line, column=column, end_line=line, end_column=end_column)

    def contains_line(self, line: int) -> bool:
        """Whether ``line`` lies within this span."""
        return self.line <= line <= self.end_line

    def sort_key(self) -> tuple[int, int, int, int]:
        """Position order: by start, then by end."""
        return (self.line, self.column, self.end_line, self.end_column)
