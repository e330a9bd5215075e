"""The inspector driven with the Pilot on the real samples; assertions on rendered lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from conftest import load_sample, sample_lines, sample_path
from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget
from typer.testing import CliRunner

from fa_tui.ingest import read_report
from fa_tui.model import Category, Finding, RelatedSpan, Report, Severity, Span, TableRole
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.screens.help import HelpScreen
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.finding_detail import FindingDetail
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.report_header import ReportHeader
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.table_view import TableGrid

Checker = Callable[[Report], list[Finding]]


def fixed(findings: Sequence[Finding]) -> Checker:
    """A checker that returns ``findings`` (findings built by the test at real spans)."""
    return lambda report: list(findings)


def span_of(name: str, text: str, start_line: int = 1) -> Span:
    """The span of the first ``text`` at or after ``start_line`` in sample ``name``."""
    for number, line in enumerate(sample_lines(name), start=1):
        if number >= start_line and text in line:
            col = line.index(text) + 1
            return Span.at(number, col, col + len(text))
    raise AssertionError(f"{text!r} not in {name}")


def finding(code: str, severity: Severity, span: Span | None, message: str = "测试问题", **kw):
    return Finding(
        code=code,
        severity=severity,
        category=Category.NARRATIVE,
        message=message,
        span=span,
        **kw,
    )


def rendered(widget: Widget) -> list[str]:
    """The text of every visible line of a Line-API widget."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def styled_runs(strip: Strip) -> list[Segment]:
    return [s for s in strip if s.style is not None and s.style.bgcolor is not None]


async def start(app: InspectorApp, pilot) -> InspectorScreen:
    """Wait until the worker has loaded the report."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    screen = app.inspector
    assert screen.report is not None, "the report did not load"
    return screen


async def palette(pilot, query: str) -> None:
    """Open the command palette, type ``query`` and run the first match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()


def make_app(name: str | Path, checker: Checker | None = None, **kw) -> InspectorApp:
    path = name if isinstance(name, Path) else sample_path(name)
    return InspectorApp(read_report(path), checker=checker, **kw)


def tree_line(tree: PartsTree, label: str) -> str:
    lines = [tree.render_line(y).text for y in range(tree.size.height)]
    return next(line for line in lines if label in line)


# -- layout and start ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_starts_without_errors_and_shows_the_header(size: tuple[int, int]) -> None:
    app = make_app("2024-liling")
    async with app.run_test(size=size) as pilot:
        screen = await start(app, pilot)
        header = screen.query_one(ReportHeader).render_line(0).text
        assert "醴陵市医疗保障局" in header and "2024" in header
        assert "错误" in header and "警告" in header and "提示" in header
        assert "2024-liling.txt" in header
        source = screen.query_one(SourceView)
        assert source.size.height >= 8
        tree = screen.query_one(PartsTree)
        assert tree.size.width >= 20
        assert screen.has_class("-wide") is (size[0] >= 110)


async def test_starts_with_the_ansi_dark_theme() -> None:
    app = make_app("2022-liujiang", theme="ansi-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        assert app.theme == "ansi-dark"
        assert "柳州市柳江区医疗保障局" in screen.query_one(ReportHeader).render_line(0).text


async def test_header_counts_findings_by_severity() -> None:
    findings = [
        finding("FA501", Severity.ERROR, span_of("2024-liling", "部门职责")),
        finding("FA502", Severity.WARNING, span_of("2024-liling", "名词解释")),
        finding("FA503", Severity.WARNING, span_of("2024-liling", "机构设置")),
    ]
    app = make_app("2024-liling", fixed(findings))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        header = screen.query_one(ReportHeader).render_line(0).text
        assert "错误 1" in header and "警告 2" in header and "提示 0" in header


# -- the tree -------------------------------------------------------------------------------


async def test_tree_shows_parts_and_counts_for_liling() -> None:
    name = "2024-liling"
    findings = [
        finding("FA501", Severity.INFO, span_of(name, "部门职责", 47)),
        finding("FA502", Severity.ERROR, span_of(name, "部门职责", 47)),
        finding("FA601", Severity.WARNING, span_of(name, "收入支出决算总体情况说明", 300)),
    ]
    app = make_app(name, fixed(findings))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        tree = screen.query_one(PartsTree)
        assert "2 概况" in tree_line(tree, "概况")
        assert "1 情况说明" in tree_line(tree, "情况说明")
        assert "部门职责" in tree_line(tree, "部门职责")
        assert "2 一、部门职责" in tree_line(tree, "部门职责")
        # The badge takes the colour of the worst severity.
        labels = {n.data.key: n.label for n in tree.by_key.values() if n.data}
        for part in ("决算表", "名词解释", "绩效"):
            assert labels[f"part:{part}"].plain.strip() == part
        overview = labels["part:概况"]
        assert overview.plain.startswith("2 ")
        assert "red" in str(overview.spans[0].style)
        explanation = labels["part:情况说明"]
        assert "yellow" in str(explanation.spans[0].style)


async def test_tree_counts_of_yanbian_match_the_engine() -> None:
    from fa_tui.rules.engine import check_report
    from fa_tui.rules.registry import RULES

    report = load_sample("2023-yanbian")
    findings = check_report(report)
    app = make_app("2023-yanbian")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        tree = screen.query_one(PartsTree)
        labels = {n.data.key: n.label.plain for n in tree.by_key.values() if n.data}
        for part in report.parts:
            label = labels[f"part:{part.name.value}"]
            assert part.name.value in label
            regions = [part.span, *[s.span for s in part.sections]] if part.span else []
            expected = sum(
                1
                for f in findings
                if f.span is not None
                and any(
                    (r.line, r.column) <= (f.span.line, f.span.column) < (r.end_line, r.end_column)
                    for r in regions
                )
            )
            expected += sum(
                1 for f in findings if f.span is None and RULES[f.code].part == part.name
            )
            count = label.split()[0]
            if expected == 0:
                assert not count.isdigit(), label
            else:
                assert count == str(expected), (label, expected)
        rendered_tree = rendered(tree)
        for name in ("概况", "决算表", "情况说明", "名词解释", "绩效"):
            assert any(name in line for line in rendered_tree), name


async def test_tree_marks_a_missing_part() -> None:
    app = make_app("2024-lipu", fixed([]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        tree = screen.query_one(PartsTree)
        assert "决算表 (缺失)" in tree_line(tree, "决算表")


# -- tables ---------------------------------------------------------------------------------


async def _open_table(pilot, screen: InspectorScreen, prefix: str) -> None:
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


async def test_selecting_table_three_of_liujiang_shows_its_rows() -> None:
    report = load_sample("2022-liujiang")
    table = report.table(TableRole.T03)
    assert table is not None and table.rows, "the table parser found no 表三"
    app = make_app("2022-liujiang", fixed([]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await _open_table(pilot, screen, "表三")
        grid = screen.query_one(TableGrid)
        assert grid.has_focus
        assert grid.row_count == len(table.rows)
        lines = rendered(grid)
        text = "\n".join(lines)
        # A header longer than its figures is printed on two lines.
        assert "本年支出" in lines[0] and "合计" in lines[1]
        for row in table.rows[:5]:
            assert row.name.strip() in text
        total = next(line for line in lines if "合计" in line and "953.20" in line)
        assert "525.83" in total and "427.37" in total
        # 款 rows are indented under their 类.
        assert any("  行政事业单位养老支出" in line for line in lines)
        # Amounts are right-aligned: the figures of one column end in the same cell.
        social = next(line for line in lines if "社会保障和就业支出" in line)

        def end_cell(line: str, figure: str) -> int:
            return cell_len(line[: line.index(figure) + len(figure)])

        assert end_cell(total, "953.20") == end_cell(social, "299.05")


async def test_enter_on_a_table_cell_jumps_to_its_source_line() -> None:
    report = load_sample("2022-liujiang")
    table = report.table(TableRole.T03)
    assert table is not None and table.rows
    row = next(r for r in table.rows if r.code == "210")
    amount = row.cells["基本支出"]
    app = make_app("2022-liujiang", fixed([]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        await _open_table(pilot, screen, "表三")
        grid = screen.query_one(TableGrid)
        column = list(grid.columns).index("基本支出")
        grid.move_cursor(row=table.rows.index(row), column=column)
        await pilot.press("enter")
        await pilot.pause()
        source = screen.query_one(SourceView)
        assert source.display and source.has_focus
        assert source.cursor_line == amount.span.line
        y = source.screen_row(source.cursor_line)
        strip = source.render_line(y)
        assert "443.66" in strip.text
        assert any(seg.text == "443.66" and seg.style.reverse for seg in strip)
        # v goes back to the table.
        await pilot.press("v")
        await pilot.pause()
        assert screen.query_one(TableGrid).display


async def test_table_cells_with_findings_are_highlighted() -> None:
    report = load_sample("2022-liujiang")
    table = report.table(TableRole.T03)
    assert table is not None and table.rows
    cell = next(r for r in table.rows if r.code == "210").cells["本年支出合计"]
    app = make_app("2022-liujiang", fixed([finding("FA204", Severity.ERROR, cell.span)]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await _open_table(pilot, screen, "表三")
        grid = screen.query_one(TableGrid)
        y = next(i for i in range(grid.size.height) if "卫生健康支出" in grid.render_line(i).text)
        runs = [s for s in grid.render_line(y) if "627.68" in s.text]
        assert runs and runs[0].style.bgcolor is not None
        assert runs[0].style.bgcolor.name in ("red", "color(1)") or runs[0].style.bgcolor.triplet


# -- findings -------------------------------------------------------------------------------


def _liling_findings() -> list[Finding]:
    name = "2024-liling"
    return [
        finding(
            "FA401",
            Severity.ERROR,
            span_of(name, "部门职责", 47),
            message="文字与表格不符",
            related=[RelatedSpan(span=span_of(name, "机构设置", 47), note="表中")],
            computation="1 + 1 = 2 ≠ 3",
        ),
        finding("FA502", Severity.WARNING, span_of(name, "名词解释", 400)),
        finding("FA101", Severity.INFO, span_of(name, "部门决算表", 70)),
    ]


async def test_enter_on_a_finding_centres_its_line_with_the_span_highlighted() -> None:
    findings = _liling_findings()
    app = make_app("2024-liling", fixed(findings))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        listing = screen.query_one(FindingsList)
        listing.focus()
        target = next(i for i, f in enumerate(screen.index.findings) if f.code == "FA502")
        listing.highlight(target)
        await pilot.press("enter")
        await pilot.pause()
        wanted = screen.index.findings[target].span
        source = screen.query_one(SourceView)
        assert source.cursor_line == wanted.line
        height = source.scrollable_content_region.height
        y = source.screen_row(wanted.line)
        assert abs(y - height // 2) <= 1, "the line is centred"
        strip = source.render_line(y)
        assert strip.text.lstrip(" >").startswith(str(wanted.line))
        runs = styled_runs(strip)
        assert any(seg.text == "名词解释" for seg in runs)
        detail = "\n".join(rendered(screen.query_one(FindingDetail).query_one("#detail-body")))
        assert "FA502" in detail and f"L{wanted.line}" in detail


async def test_detail_shows_message_computation_and_related_spans() -> None:
    findings = _liling_findings()
    app = make_app("2024-liling", fixed(findings))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first = screen.index.findings[screen.current]
        assert first.code == "FA401"
        body = screen.query_one(FindingDetail).query_one("#detail-body")
        text = "\n".join(body.render_line(y).text for y in range(body.size.height))
        assert "文字与表格不符" in text
        assert "1 + 1 = 2 ≠ 3" in text
        assert "表中" in text and "机构设置" in text
        # r visits the related span.
        await pilot.press("r")
        await pilot.pause()
        related = first.related[0].span
        assert screen.query_one(SourceView).cursor_line == related.line


async def test_brackets_cycle_through_all_findings() -> None:
    from fa_tui.rules.engine import check_report

    expected = len(check_report(load_sample("2022-liujiang")))
    assert expected >= 2, "the sample has findings to walk through"
    app = make_app("2022-liujiang")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("x")  # all of them, not only the errors and warnings shown first
        visited = []
        for _ in range(expected):
            await pilot.press("right_square_bracket")
            visited.append(screen.current)
        assert sorted(visited) == list(range(expected))
        await pilot.press("right_square_bracket")
        assert screen.current == visited[0], "wraps around"
        await pilot.press("left_square_bracket")
        assert screen.current == visited[-1]
        await pilot.pause()  # the source view follows once the key's messages are handled
        source = screen.query_one(SourceView)
        last = screen.index.findings[visited[-1]]
        if last.span is not None:
            assert source.cursor_line == last.span.line


async def test_filter_by_severity_and_by_code() -> None:
    findings = _liling_findings()
    app = make_app("2024-liling", fixed(findings))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        listing = screen.query_one(FindingsList)
        assert len(listing.order) == 3
        await pilot.press("f")  # errors and warnings
        assert [screen.index.findings[i].code for i in listing.order] == ["FA401", "FA502"]
        assert "错误+警告" in listing.border_title
        await pilot.press("f")  # errors
        assert [screen.index.findings[i].code for i in listing.order] == ["FA401"]
        assert "错误" in listing.border_title
        await pilot.press("f")  # warnings
        assert [screen.index.findings[i].code for i in listing.order] == ["FA502"]
        await pilot.press("right_square_bracket")
        assert screen.index.findings[screen.current].code == "FA502"
        await pilot.press("x")
        assert len(listing.order) == 3
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"FA1", "enter")
        await pilot.pause()
        assert [screen.index.findings[i].code for i in listing.order] == ["FA101"]
        lines = rendered(listing)
        assert "FA101" in lines[0] and "FA401" not in "\n".join(lines)


async def test_list_follows_the_tree() -> None:
    findings = _liling_findings()
    app = make_app("2024-liling", fixed(findings))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        screen.open_node_key("part:名词解释")
        await pilot.pause()
        listing = screen.query_one(FindingsList)
        assert screen.index.findings[listing.order[0]].code == "FA502"
        assert "本节点 1" in listing.border_title
        # the cursor moved to the node's own finding, and the detail shows it
        assert listing.current == listing.order[0]
        detail = screen.query_one(FindingDetail).query_one("#detail-body")
        assert "FA502" in "\n".join(rendered(detail))
        source = screen.query_one(SourceView)
        glossary = screen.report.part(screen.report.parts[3].name)
        assert source.cursor_line == glossary.heading.line


# -- source view ----------------------------------------------------------------------------


async def test_search_and_next_match() -> None:
    app = make_app("2022-liujiang", fixed([]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"基本支出", "enter")
        await pilot.pause()
        source = screen.query_one(SourceView)
        lines = sample_lines("2022-liujiang")
        hits = [n for n, line in enumerate(lines, 1) if "基本支出" in line]
        assert len(source.matches) == sum(line.count("基本支出") for line in lines)
        first = source.cursor_line
        assert first in hits
        await pilot.press("n")
        second = source.cursor_line
        assert second in hits and second >= first
        await pilot.press("N")
        assert source.cursor_line == first
        y = source.screen_row(first)
        assert any(seg.text == "基本支出" for seg in styled_runs(source.render_line(y)))


async def test_go_to_line() -> None:
    app = make_app("2022-liujiang", fixed([]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"300", "enter")
        await pilot.pause()
        source = screen.query_one(SourceView)
        assert source.cursor_line == 300
        y = source.screen_row(300)
        assert source.render_line(y).text.startswith(">300")
        # Esc closes the prompt without moving.
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        assert source.cursor_line == 300


async def test_panzhihua_bookmarks_render_literally() -> None:
    app = make_app("2024-panzhihua", fixed([]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        source = screen.query_one(SourceView)
        source.go_to(2, centre=False)
        await pilot.pause()
        text = "\n".join(rendered(source))
        assert "[bookmark: _Toc145437057][bookmark: _Toc145434810]第一部分" in text


async def test_markup_in_findings_and_control_characters_are_shown_literally(mutate) -> None:
    path = mutate("2024-liling", 51, "部门职责", "部门\x1b[31m职责")
    span = Span.at(51, 1, 5)
    hostile = "[/b][bookmark: _Toc1][red]红[/red]"
    app = make_app(path, fixed([finding("FA999", Severity.ERROR, span, message=hostile)]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        assert "L51 [/b][bookmark: _Toc1][red]" in rendered(screen.query_one(FindingsList))[0]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        body = screen.query_one(FindingDetail).query_one("#detail-body")
        shown = "".join(body.render_line(y).text.strip() for y in range(body.size.height))
        assert hostile.replace(" ", "") in shown.replace(" ", "")
        source = screen.query_one(SourceView)
        line = source.render_line(source.screen_row(51)).text
        assert "部门\u241b[31m职责" in line


# -- keys, palette, loading -----------------------------------------------------------------


async def test_help_opens_and_escape_only_closes() -> None:
    app = make_app("2024-liling", fixed([]))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join(rendered(app.screen.query_one("#help-body")))
        assert "下一条 / 上一条问题" in help_text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        await pilot.press("escape")  # Esc on the main screen does not quit
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_tab_moves_between_panes() -> None:
    app = make_app("2024-liling", fixed(_liling_findings()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        assert screen.query_one(PartsTree).has_focus
        await pilot.press("tab")
        assert screen.query_one(SourceView).has_focus
        await pilot.press("tab")
        assert screen.query_one(FindingsList).has_focus
        await pilot.press("tab")
        assert screen.query_one(FindingDetail).has_focus
        await pilot.press("1")
        assert screen.query_one(PartsTree).has_focus


async def test_command_palette_jumps_to_a_part() -> None:
    app = make_app("2024-liling", fixed([]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await palette(pilot, "名词解释")
        assert isinstance(app.screen, InspectorScreen)
        assert screen.node is not None and screen.node.key == "part:名词解释"
        tree = screen.query_one(PartsTree)
        assert tree.cursor_node is not None and tree.cursor_node.data.key == "part:名词解释"


async def test_command_palette_goes_to_a_line() -> None:
    app = make_app("2024-liling", fixed([]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await palette(pilot, ":120")
        assert screen.query_one(SourceView).cursor_line == 120


async def test_a_crash_in_analysis_is_reported_and_the_app_stays() -> None:
    def broken(report: Report) -> list[Finding]:
        raise ValueError("规则出错 [/b]")

    app = make_app("2024-liling", broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.inspector
        assert app.stage == "failed" and not screen.checked
        body = screen.query_one(FindingDetail).query_one("#detail-body")
        assert "规则出错 [/b]" in "\n".join(rendered(body))
        assert app.is_running


def test_open_an_unreadable_file_fails_with_one_line(tmp_path: Path) -> None:
    from fa_tui.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["open", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "文件不存在" in lines[0]
    assert "Traceback" not in result.output


# -- staged loading, layout by focus, maximise, help by pane -------------------------------------


async def test_tree_and_source_show_before_the_findings_are_ready() -> None:
    import threading

    release = threading.Event()

    def slow(report: Report) -> list[Finding]:
        assert release.wait(30)
        return _liling_findings()

    app = make_app("2024-liling", slow)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.stage == "parsed":
                break
            await pilot.pause(0.05)
        assert app.stage == "parsed"
        screen = app.inspector
        assert "部门决算" in "\n".join(rendered(screen.query_one(SourceView)))
        tree = screen.query_one(PartsTree)
        assert tree.has_focus and any("表三" in str(n.label) for n in tree.by_key.values())
        assert "决算表" in "\n".join(rendered(tree))
        assert screen.query_one(FindingsList).loading
        await pilot.press("right_square_bracket")  # no findings yet: says so, no error
        assert screen.current is None
        release.set()
        assert await app.wait_until_ready(10) == "checked"
        assert not screen.query_one(FindingsList).loading
        assert len(screen.query_one(FindingsList).order) == 3
        assert "错误 1" in screen.query_one(ReportHeader).render_line(0).text
        assert {"source", "outline", "parsed", "checked"} <= set(app.shown_at)
        assert app.shown_at["outline"] <= app.shown_at["checked"]


async def test_time_to_ready_for_the_benchmark() -> None:
    from fa_tui.tui.app import time_to_ready

    times = await time_to_ready(sample_path("2022-liujiang"), size=(80, 24))
    assert times.stage == "checked"
    assert 0 < times.source <= times.outline <= times.findings


async def test_panes_keep_their_size_when_the_focus_moves_at_80x24() -> None:
    app = make_app("2024-liling", fixed(_liling_findings()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        panes = [screen.query_one(w) for w in (PartsTree, SourceView, FindingsList, FindingDetail)]
        tree, source, listing, detail = panes
        assert tree.has_focus
        sizes = [p.size for p in panes]
        assert source.size.height >= 12 and listing.size.height >= 2 and detail.size.height >= 3
        for _ in range(4):  # Tab round all the panes: nothing moves
            await pilot.press("tab")
            await pilot.pause()
            assert [p.size for p in panes] == sizes
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert [p.size for p in panes] == sizes
        assert 0 <= source.screen_row(source.cursor_line) < source.size.height


async def test_z_maximises_the_focused_pane_and_escape_restores_it() -> None:
    app = make_app("2024-liling", fixed(_liling_findings()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("2", "z")
        await pilot.pause()
        source = screen.query_one(SourceView)
        assert screen.maximized is screen.query_one("#content")
        assert source.size.width == 80 and source.size.height >= 19
        assert "醴陵市医疗保障局" in screen.query_one(ReportHeader).render_line(0).text
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None and app.is_running
        assert source.size.width < 60
        # z on the findings list; Enter on a finding brings the source back into view.
        await pilot.press("3", "z")
        await pilot.pause()
        assert screen.maximized is screen.query_one("#findings")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.maximized is None
        assert source.cursor_line == screen.index.findings[screen.current].span.line
        # z again toggles.
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is not None
        await pilot.press("z")
        assert screen.maximized is None


async def test_help_puts_the_keys_of_the_focused_pane_first() -> None:
    app = make_app("2024-liling", fixed(_liling_findings()))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await pilot.press("3", "question_mark")
        await pilot.pause()
        lines = [line.strip() for line in rendered(app.screen.query_one("#help-body"))]
        first = next(line for line in lines if line)
        assert first.startswith("问题列表") and "当前窗格" in first
        assert any("放大当前窗格" in line for line in lines)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1", "question_mark")
        await pilot.pause()
        lines = [line.strip() for line in rendered(app.screen.query_one("#help-body"))]
        assert next(line for line in lines if line).startswith("目录")
