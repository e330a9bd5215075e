"""The key map the help screen shows names only keys that are bound."""

from __future__ import annotations

import pytest
from textual.dom import DOMNode

from fa_tui.tui.app import InspectorApp
from fa_tui.tui.keys import KEYMAP, PANE_GROUPS
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.finding_detail import FindingDetail
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.table_view import TableGrid

WORDS: dict[str, tuple[str, ...]] = {
    "上下": ("up", "down"),
    "左右": ("left", "right"),
    "方向键": ("up", "down", "left", "right"),
    "Enter": ("enter",),
    "Space": ("space",),
    "PgUp": ("pageup",),
    "PgDn": ("pagedown",),
    "Home": ("home",),
    "End": ("end",),
    "Tab": ("tab",),
    "Shift+Tab": ("shift+tab",),
    "Ctrl+P": ("ctrl+p",),
    "Ctrl+Q": ("ctrl+q",),
    "]": ("right_square_bracket",),
    "[": ("left_square_bracket",),
    "/": ("slash",),
    ":": ("colon",),
    "?": ("question_mark",),
}
NOT_KEYS = {"或", "◀", "▶", "Esc"}  # Esc closes what is open: bound on each dialog
PANES: dict[str, type[DOMNode]] = {
    "目录": PartsTree,
    "内容：原文": SourceView,
    "内容：表格": TableGrid,
    "问题列表": FindingsList,
    "详情": FindingDetail,
}


def bound(*nodes: type[DOMNode]) -> set[str]:
    keys: set[str] = set()
    for node in nodes:
        merged = node._merged_bindings
        assert merged is not None
        keys.update(merged.key_to_bindings)
    return keys


@pytest.mark.parametrize("group", [title for title, _ in KEYMAP])
def test_every_key_in_the_map_is_bound(group: str) -> None:
    rows = dict(KEYMAP)[group]
    where = (InspectorScreen, InspectorApp, *([PANES[group]] if group in PANES else []))
    keys = bound(*where)
    for cell, _ in rows:
        for token in cell.split():
            if token in NOT_KEYS:
                continue
            for key in WORDS.get(token, (token,)):
                assert key in keys, f"{group}: {token!r} ({key}) is not bound"


def test_every_pane_has_its_group() -> None:
    titles = {title for title, _ in KEYMAP}
    assert set(PANE_GROUPS.values()) <= titles
