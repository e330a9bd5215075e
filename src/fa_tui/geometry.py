"""Positions along a line: which column a piece of text falls in."""

from __future__ import annotations

from collections.abc import Sequence


def most_overlapped(start: float, end: float, columns: Sequence[tuple[float, float]]) -> int:
    """Index of the column that ``start``..``end`` overlaps most (the first on a tie), or -1
    when it overlaps none."""
    best, best_overlap = -1, 0.0
    for i, (left, right) in enumerate(columns):
        overlap = min(right, end) - max(left, start)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best
