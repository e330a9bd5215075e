"""The table view at 80x24 on the real samples: whole figures, pinned row labels, hidden columns,
and findings on table cells shown in their table (issue 14, items 2 and 3)."""

from __future__ import annotations

import re

from conftest import load_sample, sample_lines
from rich.segment import Segment
from test_tui import _open_table, finding, fixed, make_app, rendered, start
from textual.widgets import ContentSwitcher

from fa_tui.model import RelatedSpan, Severity, Span, Table, TableRole
from fa_tui.render.tables import amount_text as cli_amount_text
from fa_tui.tui import styles
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.table_view import TableGrid, amount_text, table_columns

SIZE = (80, 24)
# A figure on screen: digits with a decimal point (codes and years have none), maybe a mark.
FIGURE = re.compile(r"(?<![\d,.])-?\d[\d,]*\.\d+%?\*?")


def table(name: str, role: TableRole) -> Table:
    found = load_sample(name).table(role)
    assert found is not None and found.rows, f"{role} of {name} was not parsed"
    return found


def caption(screen: InspectorScreen) -> str:
    return "\n".join(rendered(screen.query_one("#table-caption")))


def showing(screen: InspectorScreen) -> str:
    """The content pane's view: ``table-view`` or ``source-view``."""
    return str(screen.query_one(ContentSwitcher).current)


def figures_on_screen(grid: TableGrid) -> list[str]:
    return [f for line in rendered(grid)[grid.header_rows :] for f in FIGURE.findall(line)]


def printed_figures(t: Table) -> set[str]:
    return {amount_text(a) for a in t.amounts()}


def line_of(grid: TableGrid, text: str) -> int:
    return next(y for y in range(grid.size.height) if text in grid.render_line(y).text)


def segments(grid: TableGrid, y: int, text: str) -> list[Segment]:
    return [s for s in grid.render_line(y) if text in s.text]


# -- item 2: whole figures, pinned labels, hidden columns -------------------------------------


async def test_figures_are_whole_and_hidden_columns_are_shown_at_80x24() -> None:
    t = table("2022-liujiang", TableRole.T02)
    app = make_app("2022-liujiang", fixed([]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await _open_table(pilot, screen, "表二")
        grid = screen.query_one(TableGrid)
        await pilot.press("2")  # reading the table: the content pane at its width
        await pilot.pause()
        total = len(table_columns(t))
        seen: set[str] = set()
        for step in range(total + grid.fixed_columns):
            shown = figures_on_screen(grid)
            assert shown, "figures are in view"
            assert set(shown) <= printed_figures(t), "a figure is whole or not shown"
            seen.update(shown)
            # The row label stays at the left, its code whole.
            row = rendered(grid)[line_of(grid, "20805")]
            assert row.lstrip().startswith("20805") and "行政事业单位养老" in row
            assert "52.93" in row or step > 0  # the first column's 52.93, not 52
            hint = caption(screen)
            left = re.search(r"◀ (\d+)列", hint)
            right = re.search(r"▶ (\d+)列", hint)
            header = rendered(grid)[0]
            assert (left is not None) is (grid.first > 0) is ("◀" in header)
            assert right is not None or step > 0, "columns off the right edge are announced"
            assert (right is not None) is ("▶" in header)
            in_view = sum(1 for c in table_columns(t) if c[:4] in header)
            hidden = sum(int(m.group(1)) for m in (left, right) if m is not None)
            assert in_view + hidden == total, (header, hint)
            assert len(FIGURE.findall(row)) == in_view, "each column in view shows its figure"
            await pilot.press("right")
            await pilot.pause()
        assert "◀" in caption(screen) and "▶" not in caption(screen), "at the right end"
        # Every column was seen whole on the way.
        assert "52.93" in seen and "953.20" in seen


async def test_long_names_are_cut_but_their_code_is_whole() -> None:
    t = table("2022-liujiang", TableRole.T03)
    row = next(r for r in t.rows if r.code == "2080505")
    assert len(row.name) > 12, "a long name to cut"
    app = make_app("2022-liujiang", fixed([]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await _open_table(pilot, screen, "表三")
        grid = screen.query_one(TableGrid)
        await pilot.press("2")
        await pilot.pause()
        line = rendered(grid)[line_of(grid, "2080505")]
        assert "2080505" in line and "…" in line and row.name.strip() not in line
        assert line.split("…")[0].split("2080505")[1].strip() in row.name
        # The line below the grid names the whole row.
        grid.move_cursor(row=t.rows.index(row), column=0)
        await pilot.pause()
        assert row.name.strip() in "".join(rendered(screen.query_one("#table-cell")))


async def test_repaired_figures_keep_their_separators_and_mark_as_the_cli_prints() -> None:
    t = table("2024-liling", TableRole.T04)
    repaired = [a for a in t.amounts() if a.repaired and a.value is not None]
    assert repaired, "表四 of liling has figures repaired from extraction damage"
    for amount in t.amounts():
        assert amount_text(amount) == cli_amount_text(amount).plain
    assert "137,500,265.00*" in {amount_text(a) for a in repaired}
    app = make_app("2024-liling", fixed([]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await _open_table(pilot, screen, "表四")
        grid = screen.query_one(TableGrid)
        await pilot.press("2")
        await pilot.pause()
        # The spending side's 合计 column of 九、卫生健康支出 (off the right edge at first).
        row = next(k for k, r in enumerate(t.rows) if "卫生健康支出" in r.name)
        assert "合计" not in rendered(grid)[0]
        for _ in range(40):
            if grid.cursor_row == row and grid.current_cell()[1] == "合计":
                break
            await pilot.press("down" if grid.cursor_row < row else "right")
        await pilot.pause()
        shown = figures_on_screen(grid)
        assert set(shown) <= printed_figures(t), "a figure is whole or not shown"
        text = "\n".join(rendered(grid))
        assert "137,500,265.00*" in text and "6,333.40" in text
        await pilot.press("up")  # the cursor off the cell: its own colours
        await pilot.pause()
        y = line_of(grid, "137,500,265.00")
        marks = [s for s in grid.render_line(y) if s.text.strip().endswith("265.00*")]
        assert marks and marks[0].style.color == styles.REPAIRED.color


# -- item 3: a finding on a table cell is shown in its table ---------------------------------


def _t03_finding() -> tuple[Table, int, list[RelatedSpan]]:
    t = table("2022-liujiang", TableRole.T03)
    i = next(k for k, r in enumerate(t.rows) if r.code == "210")
    cells = t.rows[i].cells
    related = [RelatedSpan(span=cells[k].span, note="分栏") for k in ("基本支出", "项目支出")]
    return t, i, related


async def test_next_finding_on_a_cell_opens_its_table_with_the_cell_highlighted() -> None:
    t, i, related = _t03_finding()
    cell = t.rows[i].cells["本年支出合计"]
    narrative = Span.at(5, 1, 5)  # the cover page: in no table
    assert "2023" in sample_lines("2022-liujiang")[4]
    findings = [
        finding("FA901", Severity.WARNING, narrative),
        finding("FA204", Severity.ERROR, cell.span, related=related),
    ]
    app = make_app("2022-liujiang", fixed(findings))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        source = screen.query_one(SourceView)
        assert showing(screen) == "source-view" and source.cursor_line == 5, "in no table"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        grid = screen.query_one(TableGrid)
        assert showing(screen) == "table-view" and grid.has_focus, "its table, not the source"
        assert "表三" in caption(screen)
        assert grid.current_cell() == (t.rows[i], "本年支出合计")
        y = line_of(grid, "卫生健康支出")
        primary = segments(grid, y, "627.68")
        assert primary and primary[0].style.bgcolor == styles.SPAN[Severity.ERROR].bgcolor
        # Its related cells are marked too.
        for figure in ("443.66", "184.03"):
            if figure in grid.render_line(y).text:
                run = segments(grid, y, figure)[0]
                assert run.style.underline and run.style.bold
                assert run.style.color == styles.CURRENT_RELATED[Severity.ERROR].color
        assert "443.66" in grid.render_line(y).text
        # [ goes back to the finding in no table: the source again.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert showing(screen) == "source-view" and source.cursor_line == 5


async def test_v_switches_between_the_finding_cell_and_its_source_line() -> None:
    t, i, _ = _t03_finding()
    cell = t.rows[i].cells["本年支出合计"]
    app = make_app("2022-liujiang", fixed([finding("FA204", Severity.ERROR, cell.span)]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        grid = screen.query_one(TableGrid)
        assert showing(screen) == "table-view"
        assert grid.current_cell() == (t.rows[i], "本年支出合计")
        await pilot.press("v")
        await pilot.pause()
        source = screen.query_one(SourceView)
        assert showing(screen) == "source-view" and source.has_focus
        assert source.cursor_line == cell.span.line
        y = source.screen_row(cell.span.line)
        runs = [s for s in source.render_line(y) if s.text == "627.68"]
        assert runs and runs[0].style.bgcolor == styles.SPAN[Severity.ERROR].bgcolor
        await pilot.press("v")
        await pilot.pause()
        assert showing(screen) == "table-view" and grid.has_focus
        assert grid.current_cell() == (t.rows[i], "本年支出合计")
        y = line_of(grid, "卫生健康支出")
        assert segments(grid, y, "627.68")[0].style.bgcolor is not None


async def test_enter_in_the_findings_list_opens_a_real_finding_in_its_table() -> None:
    app = make_app("2022-liujiang")  # the real rules: FA205 on 表二's cells
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        found = screen.index.findings
        first = next(k for k, f in enumerate(found) if f.code == "FA205" and f.table == "公开02表")
        wanted = found[first]
        await pilot.press("3", "x")  # FA205 is an info: shown with every finding
        screen.query_one("#findings").highlight(first)
        await pilot.press("enter")
        await pilot.pause()
        grid = screen.query_one(TableGrid)
        assert showing(screen) == "table-view" and "表二" in caption(screen)
        row, key = grid.current_cell()
        assert row.cells[key].span == wanted.span
        figure = amount_text(row.cells[key])
        y = line_of(grid, f"{row.code} ")
        run = segments(grid, y, figure)
        assert run and run[0].style.bgcolor == styles.SPAN[wanted.severity].bgcolor


async def test_a_finding_in_a_table_but_on_no_cell_lands_in_the_source() -> None:
    t = table("2022-liujiang", TableRole.T03)
    assert t.title_span is not None
    app = make_app("2022-liujiang", fixed([finding("FA101", Severity.INFO, t.title_span)]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        source = screen.query_one(SourceView)
        assert showing(screen) == "source-view"
        assert source.cursor_line == t.title_span.line
