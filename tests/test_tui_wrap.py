"""Soft wrap of source lines (``tui.wrap``): rows by terminal cells, breaks, ranges, row index."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from fa_tui.safe_text import neutralise
from fa_tui.tui.display import CHUNK, display_line
from fa_tui.tui.wrap import RowIndex, clip, row_at, row_count, split_range, wrap_line


def texts(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_line(text, width)]


def test_cjk_rows_never_exceed_the_width_nor_split_a_character() -> None:
    assert texts("一二三四五", 4) == ["一二", "三四", "五"]
    assert texts("一二三四五", 5) == ["一二", "三四", "五"]  # the fifth cell stays empty
    assert texts("一二三四五", 10) == ["一二三四五"]


def test_mixed_ascii_keeps_a_figure_whole_when_a_break_is_near() -> None:
    assert texts("收入1,234.56万元", 8) == ["收入", "1,234.56", "万元"]
    assert texts("abc def", 5) == ["abc ", "def"]
    # A run longer than the look-back is cut where it must be.
    assert texts("1" * 40, 10) == ["1" * 10] * 4


def test_punctuation_does_not_start_a_row_nor_an_opening_bracket_end_one() -> None:
    assert texts("一二三，四", 6) == ["一二", "三，四"]
    assert texts("一二（三）", 6) == ["一二", "（三）"]


def test_empty_line_has_one_empty_row() -> None:
    assert wrap_line("", 10) == [(0, 0)]
    assert row_count("", 10) == 1


def test_a_width_smaller_than_a_wide_character_gives_it_a_row_of_its_own() -> None:
    assert texts("中文", 1) == ["中", "文"]
    assert texts("中文", 0) == ["中", "文"]


def test_zero_width_marks_stay_with_their_base() -> None:
    assert texts("ab\u0301c", 2) == ["ab\u0301", "c"]


def test_a_range_across_the_break_is_cut_into_one_piece_per_row() -> None:
    rows = wrap_line("一般公共服务支出", 8)  # 一般公共 | 服务支出
    assert rows == [(0, 4), (4, 8)]
    assert split_range(rows, 2, 6) == [(0, (2, 4)), (1, (0, 2))]
    assert split_range(rows, 5, 6) == [(1, (1, 2))]
    assert row_at(rows, 4) == 1 and row_at(rows, 3) == 0 and row_at(rows, 8) == 1


def test_an_empty_range_styles_the_row_holding_it() -> None:
    rows = [(0, 4), (4, 8)]
    assert clip(rows[0], 4, 4, last=False) is None
    assert clip(rows[1], 4, 4, last=True) == (0, 0)
    assert clip(rows[1], 8, 8, last=True) == (4, 4)  # at the end of the line: the last row


@given(
    st.text(alphabet=st.sampled_from("中文，。（）1,.%ab \u0301"), max_size=80),
    st.integers(min_value=1, max_value=30),
)
def test_rows_cover_the_text_in_order_within_the_width(text: str, width: int) -> None:
    rows = wrap_line(text, width)
    assert rows[0][0] == 0 and rows[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(rows))
    for start, end in rows:
        assert end > start or text == ""
        piece = text[start:end]
        assert cell_len(piece) <= width or cell_len(piece.rstrip("\u0301")) <= 2
    assert row_count(text, width) == len(rows)


def test_the_wrapped_text_of_a_line_without_tabs_is_its_display_text() -> None:
    line = "收入\x1b[31m合计\u202e" * (CHUNK // 3)
    assert neutralise(line) == display_line(line).text


def test_row_index_counts_lines_only_as_far_as_asked() -> None:
    asked: list[int] = []

    def rows_of(n: int) -> int:
        asked.append(n)
        return 3 if n % 2 else 1

    index = RowIndex(rows_of, 1000)
    assert index.first_row(1) == 0 and index.rows(1) == 3
    assert index.first_row(3) == 4 and asked == [1, 2, 3]
    assert index.line_at(0) == (1, 0) and index.line_at(2) == (1, 2) and index.line_at(3) == (2, 0)
    assert index.total == 7 + 997  # lines 1-3 counted, the rest one row each
    assert index.line_at(1999) == (1000, 0)  # counts on to the row asked for
    assert index.complete and index.total == 2000
    assert index.line_at(2000) == (1001, 0)
    assert len(asked) == 1000
