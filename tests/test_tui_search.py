"""The inspector at 80×24: `/` finds figures however printed (in the source and in a table's
cells), `y` copies the current finding, the footer follows the focused pane, `?` has a legend."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import sample_lines, sample_path

from fa_tui.ingest import read_report
from fa_tui.model import Category, Finding, Report, Severity, Span
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.screens.help import HelpScreen
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.status_line import StatusLine
from fa_tui.tui.widgets.table_view import TableGrid

SIZE = (80, 24)
FIGURE = "371501.36"


def _app(name: str, findings: list[Finding] | None = None) -> InspectorApp:
    checker = None if findings is None else (lambda report: list(findings))
    return InspectorApp(read_report(sample_path(name)), checker=checker)


async def _open(pilot, app: InspectorApp) -> InspectorScreen:  # type: ignore[no-untyped-def]
    assert await app.wait_until_ready(60) == "checked"
    await pilot.pause()
    return app.inspector


def _status(screen: InspectorScreen) -> str:
    return screen.query_one(StatusLine).render_line(0).text.strip()


def _screen_lines(app: InspectorApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def _search(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*query, "enter")
    await pilot.pause()


def _lines_with(name: str, printed: str) -> list[int]:
    return [n for n, line in enumerate(sample_lines(name), 1) if printed in line]


# -- figures in the source ------------------------------------------------------------------


async def test_a_figure_finds_every_printing_of_it_in_the_source() -> None:
    app = _app("2024-liling", [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("2")
        await _search(pilot, FIGURE)
        source = screen.query_one(SourceView)
        grouped = _lines_with("2024-liling", "371,501.36")
        split = _lines_with("2024-liling", "371, 501. 36")
        assert grouped and split
        assert {m.line for m in source.matches} == set(grouped + split)
        assert "找到" in _status(screen)
        # The match covers the whole printed figure, split by extraction: exactly its characters.
        line = split[0]
        text = sample_lines("2024-liling")[line - 1]
        match = next(m for m in source.matches if m.line == line)
        assert text[match.column - 1 : match.end_column - 1] == "371, 501. 36"
        while source.cursor_line != line:
            await pilot.press("n")
        strip = source.render_line(source.screen_row(line, match.column))
        painted = "".join(s.text for s in strip if s.style is not None and s.style.bgcolor)
        assert "371, 501. 36" in painted


async def test_a_grouped_query_finds_the_plain_figure_and_not_inside_others(mutate) -> None:
    line = _lines_with("2024-liling", "371,501.36")[0]
    path = mutate("2024-liling", line, "371,501.36", "371501.36")
    app = InspectorApp(read_report(path), checker=lambda report: [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("2")
        await _search(pilot, "371,501.36")
        source = screen.query_one(SourceView)
        assert line in {m.line for m in source.matches}
        await _search(pilot, "1501.36")
        assert source.matches == []
        assert _status(screen).startswith("未找到：1501.36")


async def test_text_search_still_finds_words() -> None:
    app = _app("2024-liling", [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await _search(pilot, "住房保障")
        source = screen.query_one(SourceView)
        lines = sample_lines("2024-liling")
        assert len(source.matches) == sum(line.count("住房保障") for line in lines)


# -- figures in a table ---------------------------------------------------------------------


async def _open_table(pilot, screen: InspectorScreen, prefix: str) -> None:  # type: ignore[no-untyped-def]
    tree = screen.query_one(PartsTree)
    tree.focus()
    for _ in range(60):
        node = tree.cursor_node
        if node is not None and node.data is not None and node.data.label.startswith(prefix):
            break
        await pilot.press("down")
    else:
        raise AssertionError(f"no tree node {prefix}")
    await pilot.press("enter")
    await pilot.pause()


def _cursor_value(grid: TableGrid) -> Decimal | None:
    current = grid.current_cell()
    assert current is not None
    row, key = current
    amount = row.cells.get(key)
    return amount.value if amount is not None else None


async def test_search_in_a_table_moves_the_cursor_to_the_cells_found() -> None:
    app = _app("2024-liling", [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await _open_table(pilot, screen, "表四")  # printed there as 371, 501. 36
        grid = screen.query_one(TableGrid)
        assert grid.has_focus
        await _search(pilot, "371,501.36")
        assert screen.query_one("#content").current == "table-view"
        assert _cursor_value(grid) == Decimal(FIGURE)
        assert _status(screen).startswith("表中找到 2 处")
        first = grid.cursor_coordinate
        await pilot.press("n")
        await pilot.pause()
        assert _cursor_value(grid) == Decimal(FIGURE)
        assert grid.cursor_coordinate != first
        await pilot.press("n")  # round to the first
        assert grid.cursor_coordinate == first
        await pilot.press("N")
        assert grid.cursor_coordinate != first
        assert screen.query_one("#content").current == "table-view"
        # A text query finds a row name.
        await _search(pilot, "住房保障")
        current = grid.current_cell()
        assert current is not None and "住房保障" in current[0].name


async def test_a_query_absent_from_the_table_says_where_it_is() -> None:
    app = _app("2024-liling", [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await _open_table(pilot, screen, "表四")
        await _search(pilot, "部门职责")
        assert _status(screen).startswith("表中未找到：部门职责；原文中有")
        assert screen.query_one("#content").current == "table-view"


# -- y: copy ----------------------------------------------------------------------------------


def _finding_at(name: str, text: str) -> Finding:
    line = _lines_with(name, text)[0]
    col = sample_lines(name)[line - 1].index(text) + 1
    return Finding(
        code="FA201",
        severity=Severity.ERROR,
        category=Category.TABLE_INTERNAL,
        message="合计不等于各项之和",
        span=Span.at(line, col, col + len(text)),
        expected="371,501.36",
        actual="371,501.37",
        difference="0.01",
    )


async def test_y_copies_the_current_finding_to_the_clipboard_and_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    found = _finding_at("2024-liling", "371, 501. 36")
    app = _app("2024-liling", [found])
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("right_square_bracket", "y")
        await pilot.pause()
        saved = tmp_path / "fa-tui" / "copied.txt"
        assert saved.read_text(encoding="utf-8") == copied[0]
        assert copied[0].splitlines() == [
            "FA201 [错误] 表内运算",
            "合计不等于各项之和",
            f"位置：2024-liling.txt 第 {found.span.line} 行",  # type: ignore[union-attr]
            "应为 371,501.36  实为 371,501.37  差额 0.01",
        ]
        assert _status(screen).startswith("已复制到剪贴板（另存于 ")
        assert screen.query_one(StatusLine).text == f"已复制到剪贴板（另存于 {saved}）"
        assert not list(saved.parent.glob(".copied-*"))  # no temporary file left


async def test_y_names_the_page_of_a_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    source = read_report(Path(__file__).parent / "fixtures" / "2022-liujiang.pdf")
    line = next(n for n in range(1, source.line_count + 1) if "医疗保障" in source.line(n))
    col = source.line(line).index("医疗保障") + 1
    found = Finding(
        code="FA801",
        severity=Severity.WARNING,
        category=Category.TEXT_HYGIENE,
        message="测试",
        span=Span.at(line, col, col + 4),
    )

    def checker(report: Report) -> list[Finding]:
        return [found]

    app = InspectorApp(source, checker=checker)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        await pilot.press("right_square_bracket", "y")
        await pilot.pause()
        where = source.location(line, col)
        assert where is not None and where.page is not None
        assert f"第 {line} 行（原文第 {where.page} 页" in copied[0]
        assert copied[0].startswith("FA801 [警告]")


async def test_y_without_a_finding_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    app = _app("2024-liling", [])
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("y")
        await pilot.pause()
        assert copied == []
        assert _status(screen).startswith("没有可复制的问题")
        assert not (tmp_path / "fa-tui").exists()


# -- the footer and the legend --------------------------------------------------------------


async def test_the_footer_shows_the_keys_of_the_focused_pane() -> None:
    app = _app("2024-liling", [_finding_at("2024-liling", "371, 501. 36")])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)

        async def footer(key: str) -> str:
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            return _screen_lines(app)[-1]

        tree = await footer("1")
        assert "打开" in tree and "展开" in tree and "搜索" not in tree
        source = await footer("2")
        assert "/ 搜索" in source and "g 跳行" in source and "打开" not in source
        findings = await footer("3")
        for key in ("跳转", "f 级别", "s 排序", "/ 筛选"):
            assert key in findings
        detail = await footer("4")
        assert "滚动" in detail and "级别" not in detail
        await _open_table(pilot, screen, "表四")
        await pilot.pause()
        table = _screen_lines(app)[-1]
        assert "原文" in table and "v 表/原文" in table and "/ 搜索" in table
        for text in (tree, source, findings, detail, table):
            assert "? 帮助" in text and "y 复制" in text
        assert isinstance(screen.focused, TableGrid)


async def test_help_shows_the_legend_of_marks_and_colours() -> None:
    app = _app("2024-liling", [])
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        legend = app.screen.query_one("#help-legend")
        text = "\n".join(legend.render_line(y).text for y in range(legend.size.height))
        for mark in ("图例", "错", "警", "提", "下划线", "[空表]", "◀ 2列", "*", "(缺失)"):
            assert mark in text, mark
        keys = "\n".join(
            app.screen.query_one("#help-body").render_line(y).text
            for y in range(app.screen.query_one("#help-body").size.height)
        )
        for key in ("复制当前问题", "p12", "错误+警告", "再按 Enter 轮换", "输入即筛选"):
            assert key in keys, key
        # End scrolls the help to the legend: it is on the screen.
        await pilot.press("end")
        await pilot.pause(1.0)  # the scroll is animated
        shown = "\n".join(_screen_lines(app))
        assert "由提取损坏修复的数字" in shown and "分隔线上为本节点的问题" in shown
