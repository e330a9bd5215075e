"""The inspector at 80×24: the status line, the tree that shows where the reader is, triage of
the findings list (default filter, sort, typed filter) and Enter round a line's findings."""

from __future__ import annotations

from conftest import sample_path
from rich.cells import cell_len

from fa_tui.ingest import read_report
from fa_tui.model import Severity
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.index import NodeKind
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.status_line import StatusLine

SIZE = (80, 24)
PART_NAMES = ("概况", "决算表", "情况说明", "名词解释", "绩效")


async def _open(name: str, pilot, app: InspectorApp) -> InspectorScreen:  # type: ignore[no-untyped-def]
    assert await app.wait_until_ready(60) == "checked"
    await pilot.pause()
    return app.inspector


def _app(name: str) -> InspectorApp:
    return InspectorApp(read_report(sample_path(name)))


def _status(screen: InspectorScreen) -> str:
    return screen.query_one(StatusLine).render_line(0).text


def _tree_text(tree: PartsTree) -> str:
    return "\n".join(tree.render_line(y).text for y in range(tree.size.height))


# -- the status line ------------------------------------------------------------------------


async def test_messages_keep_their_first_characters_at_80_columns() -> None:
    app = _app("2022-liujiang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2022-liujiang", pilot, app)
        await pilot.press("2", "slash")
        await pilot.pause()
        await pilot.press(*"zzz", "enter")
        await pilot.pause()
        line = _status(screen)
        assert line.strip().startswith("未找到：zzz")
        assert cell_len(line) == 80
        assert "L" in line and "/678" in line  # where the cursor is, at the right


async def test_a_long_message_is_cut_at_its_end_never_its_start() -> None:
    app = _app("2024-lipu")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2024-lipu", pilot, app)
        long = "该表格在报告中缺失：" + "一般公共预算财政拨款基本支出决算表" * 4
        screen.say(long)
        await pilot.pause()
        line = _status(screen)
        assert line.strip().startswith("该表格在报告中缺失：一般公共预算")
        assert line.rstrip().endswith("…") or "…" in line
        assert cell_len(line) == 80


# -- the tree -------------------------------------------------------------------------------


async def test_all_five_parts_are_in_view_at_start_with_the_cursor_on_a_node() -> None:
    app = _app("2022-liujiang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2022-liujiang", pilot, app)
        tree = screen.query_one(PartsTree)
        text = _tree_text(tree)
        for name in PART_NAMES:
            assert name in text, name
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        expanded = [n.data.label for n in tree.root.children if n.is_expanded and n.data]
        assert len(expanded) == 1  # the current part's sections only


async def test_the_tree_follows_the_current_finding() -> None:
    app = _app("2022-liujiang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2022-liujiang", pilot, app)
        tree = screen.query_one(PartsTree)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.pause()
        finding = screen.index.findings[screen.current]
        assert finding.span is not None
        node = tree.cursor_node
        assert node is not None and node.data is not None
        assert node.data.contains(finding.span)
        # its part is the one expanded
        part = node
        while part.parent is not None and part.parent is not tree.root:
            part = part.parent
        assert [n for n in tree.root.children if n.is_expanded] == [part]
        # the jump is not undone by the tree: the source stays on the finding's line
        assert screen.query_one(SourceView).cursor_line == finding.span.line


async def test_table_status_tags_are_never_cut() -> None:
    app = _app("2024-liling")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2024-liling", pilot, app)
        tree = screen.query_one(PartsTree)
        tagged = [
            n.data
            for n in tree.by_key.values()
            if n.data is not None and n.data.kind is NodeKind.TABLE and n.data.status
            if n.data.status.value != "data"
        ]
        assert tagged, "2024-liling has tables that are empty or not read"
        screen.open_node_key(tagged[0].key)
        await pilot.pause()
        await pilot.pause()
        line = next(line for line in _tree_text(tree).splitlines() if tagged[0].label[:4] in line)
        assert "[" in line and "]" in line.split(tagged[0].label[:2])[0]


# -- triage ---------------------------------------------------------------------------------


async def test_errors_and_warnings_first_when_infos_outnumber_them() -> None:
    """2022-liujiang: 22 of 28 findings are infos (尾数差异); the list starts with the 6 others."""
    app = _app("2022-liujiang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2022-liujiang", pilot, app)
        listing = screen.query_one(FindingsList)
        shown = {screen.index.findings[i].severity for i in listing.order}
        assert len(listing.order) == 6 and Severity.INFO not in shown
        assert "错误+警告" in str(listing.border_title) and "隐藏22" in str(listing.border_title)
        await pilot.press("x")
        assert len(listing.order) == 28


async def test_sort_by_severity_and_back() -> None:
    app = _app("2024-liling")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2024-liling", pilot, app)
        listing = screen.query_one(FindingsList)
        by_position = list(listing.order)
        await pilot.press("3", "s")
        ranks = [screen.index.findings[i].severity.rank for i in listing.order]
        own = listing.own
        for group in (ranks[:own], ranks[own:]):
            assert group == sorted(group, reverse=True)
        assert sorted(listing.order) == sorted(by_position)
        assert "按级别" in str(listing.border_title)
        await pilot.press("s")
        assert listing.order == by_position


async def test_typing_filters_the_findings_list() -> None:
    app = _app("2024-liling")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2024-liling", pilot, app)
        listing = screen.query_one(FindingsList)
        before = list(listing.order)
        await pilot.press("3", "slash")
        await pilot.pause()
        await pilot.press(*"FA4")
        await pilot.pause()
        codes = {screen.index.findings[i].code[:3] for i in listing.order}
        assert codes == {"FA4"} and len(listing.order) < len(before)  # as it is typed
        await pilot.press("escape")
        await pilot.pause()
        assert listing.order == before
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"L374", "enter")
        await pilot.pause()
        lines = {screen.index.findings[i].span.line for i in listing.order}
        assert lines == {374}
        assert "“L374”" in str(listing.border_title)


async def test_enter_on_a_line_cycles_through_all_its_findings() -> None:
    """2024-liling line 374 holds four findings; Enter visits each, then the first again."""
    app = _app("2024-liling")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open("2024-liling", pilot, app)
        on_line = [i for i, f in enumerate(screen.index.findings) if f.span and f.span.line == 374]
        assert len(on_line) == 4
        screen.go_to_line(374)
        await pilot.pause()
        visited = []
        for _ in range(5):
            await pilot.press("enter")
            await pilot.pause()
            visited.append(screen.current)
            screen.query_one(SourceView).focus()
        assert visited[:4] == on_line and visited[4] == on_line[0]
