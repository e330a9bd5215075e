"""``fit._is_wide`` answers as ``rich.cells.cell_len`` for every character (its shortcuts:
nothing below U+1100 is wide, and each answer is kept)."""

from __future__ import annotations

from rich.cells import cell_len

from fa_tui.render import fit


def test_a_character_is_wide_exactly_when_rich_gives_it_two_cells() -> None:
    for code in range(0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        assert fit._is_wide(char) == (cell_len(char) > 1), hex(code)
        assert fit._is_wide(char) == (cell_len(char) > 1), hex(code)  # the kept answer too
