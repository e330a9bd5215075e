"""Which column a piece of a line falls in."""

from __future__ import annotations

from fa_tui.geometry import most_overlapped

COLUMNS = [(0, 10), (12, 20), (20, 30)]


def test_the_column_overlapped_most_wins() -> None:
    assert most_overlapped(8, 15, COLUMNS) == 1  # 2 cells in column 0, 3 in column 1
    assert most_overlapped(2.5, 9.5, [(0.0, 10.0), (12.0, 20.0)]) == 0


def test_a_tie_goes_to_the_first_column() -> None:
    assert most_overlapped(18, 22, COLUMNS) == 1


def test_no_overlap_is_minus_one() -> None:
    assert most_overlapped(10, 12, COLUMNS) == -1  # in the gutter, touching both edges
    assert most_overlapped(31, 40, COLUMNS) == -1
    assert most_overlapped(0, 5, []) == -1
