"""Strip extraction noise from a line for reading, remembering where each kept character was.

Noise: DOCX ``[bookmark: …]`` tags, markdown emphasis ``**``, leading list bullets ``- ``, and
surrounding white space (ASCII and the ideographic space U+3000). The cleaned text maps back to
original columns, so whatever is recognised in it can still point at the original characters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

_BOOKMARK = "[bookmark:"
_SPACE = " \t\u3000\xa0\f"  # a form feed (page break of a text layer) is a blank too


def _noise(line: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each noise tag, left to right, as ``\\[bookmark:[^\\]]*\\]|\\*\\*``.

    A linear scan: the regular expression retried every unclosed ``[bookmark:`` to the end of
    the line (quadratic on a line of unclosed tags). A tag ends at the first ``]`` after it;
    when there is none, no later tag can close either.
    """
    pos = 0
    bookmarks = _BOOKMARK in line
    while True:
        star = line.find("**", pos)
        mark = line.find(_BOOKMARK, pos) if bookmarks else -1
        close = line.find("]", mark + len(_BOOKMARK)) if mark >= 0 else -1
        if close < 0:
            bookmarks = False
            mark = -1
        if mark >= 0 and (star < 0 or mark < star):
            yield mark, close + 1
            pos = close + 1
        elif star >= 0:
            yield star, star + 2
            pos = star + 2
        else:
            return


class CleanLine(NamedTuple):
    """A line with noise removed; ``offsets[i]`` is the 0-based original column of ``text[i]``.

    A named tuple: one is built for every line of a report, at a third of a dataclass's cost.
    """

    text: str
    offsets: Sequence[int]
    original: str

    def column(self, index: int) -> int:
        """1-based original column of cleaned index ``index`` (``len(text)`` maps past the end)."""
        if not self.offsets:
            return 1
        if index >= len(self.offsets):
            return self.offsets[-1] + 2
        return self.offsets[index] + 1

    def columns(self, start: int, end: int) -> tuple[int, int]:
        """1-based original (column, end_column) of the cleaned range ``[start, end)``."""
        if end <= start:
            col = self.column(start)
            return col, col
        return self.column(start), self.offsets[end - 1] + 2


def clean_line(line: str) -> CleanLine:
    """Remove noise from ``line`` and strip it, keeping the column mapping."""
    if "[bookmark:" not in line and "**" not in line:
        stripped = line.strip(_SPACE)
        start = len(line) - len(line.lstrip(_SPACE))
        return CleanLine(stripped, range(start, start + len(stripped)), line)
    kept: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end in _noise(line):
        for i in range(pos, start):
            kept.append(line[i])
            offsets.append(i)
        pos = end
    for i in range(pos, len(line)):
        kept.append(line[i])
        offsets.append(i)
    start, end = 0, len(kept)
    while start < end and kept[start] in _SPACE:
        start += 1
    while end > start and kept[end - 1] in _SPACE:
        end -= 1
    return CleanLine("".join(kept[start:end]), tuple(offsets[start:end]), line)
