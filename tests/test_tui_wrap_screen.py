"""Soft wrap in the source pane at 80×24, driven with the Pilot on 2022-liujiang: prose over
several rows with its number on the first, highlights cut at the wrap, table rows unwrapped
with ◀/▶, and a view that never stays scrolled off to the right."""

from __future__ import annotations

from conftest import sample_lines, sample_path
from rich.cells import cell_len
from textual.strip import Strip

from fa_tui.ingest import read_report
from fa_tui.model import Category, Finding, Severity, Span
from fa_tui.tui import styles
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.source_view import SourceView

NAME = "2022-liujiang"
PROSE = 401  # "2022年度收、支总计均为953.20万元。与2021年度相比，…" (198 cells)
TABLE_ROW = 200  # "210\t卫生健康支出\t627.68\t…" in 表三


def make_app(findings: list[Finding] | None = None, **kw) -> InspectorApp:
    found = findings or []
    return InspectorApp(read_report(sample_path(NAME)), checker=lambda r: list(found), **kw)


async def ready(app: InspectorApp, pilot) -> tuple[InspectorScreen, SourceView]:
    assert await app.wait_until_ready(60) == "checked"
    await pilot.pause()
    screen = app.inspector
    source = screen.query_one(SourceView)
    source.focus()
    await pilot.pause()
    return screen, source


def body(source: SourceView, strip: Strip) -> str:
    """A row's text without its gutter."""
    return strip.crop(source.gutter_width, strip.cell_length).text


def screen_text(app: InspectorApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def with_bg(strip: Strip, colour: str) -> str:
    """The text of the segments of ``strip`` with background ``colour``."""
    return "".join(
        s.text for s in strip if s.style and s.style.bgcolor and s.style.bgcolor.name == colour
    )


async def test_a_long_prose_line_wraps_with_its_number_on_the_first_row_only() -> None:
    line = sample_lines(NAME)[PROSE - 1]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, source = await ready(app, pilot)
        screen.go_to_line(PROSE)
        await pilot.pause()
        y = source.screen_row(PROSE)
        rows = source.row_index.rows(PROSE)
        assert rows >= 4, "198 cells of text in a pane of about 50 columns"
        assert y >= 0 and y + rows <= source.size.height
        strips = [source.render_line(y + k) for k in range(rows)]
        assert strips[0].text.startswith(f">{PROSE} ")
        blank = " " * source.gutter_width
        assert all(s.text.startswith(blank) for s in strips[1:]), "no number on a continuation"
        # The rows hold the whole line, in order, each within the pane.
        assert "".join(body(source, s).rstrip() for s in strips) == line
        width = source.scrollable_content_region.width
        assert all(s.cell_length == width for s in strips)
        assert all(cell_len(body(source, s).rstrip()) <= source.wrap_width for s in strips)
        # "953.20万元" is never cut in two.
        assert any("953.20" in body(source, s) for s in strips)
        # The row after the wrapped line is the next line, numbered.
        assert source.render_line(y + rows).text.startswith(f" {PROSE + 1}")
        # What the terminal gets: the same rows on the screen, the number once.
        shown = screen_text(app)
        assert shown.count(f">{PROSE} ") == 1
        assert body(source, strips[1]).strip() in shown
        # ↓ moves to the next line, not to the next row.
        await pilot.press("down")
        assert source.cursor_line == PROSE + 1


async def test_a_finding_across_the_wrap_is_highlighted_on_both_rows() -> None:
    line = sample_lines(NAME)[PROSE - 1]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, source = await ready(app, pilot)
        # Where the first rows end at this width: the span takes 3 characters on each side.
        rows = source._wrapped(PROSE, source.wrap_width).rows
        cut, cut2 = rows[0][1], rows[1][1]
    span = Span.at(PROSE, cut - 2, cut + 4)  # 1-based columns: offsets cut-3 .. cut+3
    bad = Finding(
        code="FA999",
        severity=Severity.ERROR,
        category=Category.NARRATIVE,
        message="跨行的问题",
        span=span,
    )
    app = make_app([bad])
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, source = await ready(app, pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert source.cursor_line == PROSE
        y = source.screen_row(PROSE, span.column)
        assert y == source.screen_row(PROSE), "the span starts on the first row"
        # The span's row is where jumps centre their line.
        assert abs(y - source.scrollable_content_region.height // 2) <= 1
        first, second = source.render_line(y), source.render_line(y + 1)
        red = styles.SPAN[Severity.ERROR].bgcolor
        assert red is not None
        assert with_bg(first, red.name) == line[cut - 3 : cut]
        assert with_bg(second, red.name) == line[cut : cut + 3]
        # Both rows are the pointer line: its background is on the rest of both.
        grey = styles.POINTER_LINE.bgcolor
        assert grey is not None
        assert with_bg(first, grey.name) and with_bg(second, grey.name)
        # A search match across the next wrap is cut the same way.
        await pilot.press("slash")
        await pilot.pause()
        query = line[cut2 - 1 : cut2 + 2]  # "主要是" (Pilot types no fullwidth comma)
        await pilot.press(*query, "enter")
        await pilot.pause()
        magenta = styles.CURRENT_MATCH.bgcolor
        assert magenta is not None
        assert source.matches[source.match_index or 0].column == cut2
        y = source.screen_row(PROSE, cut2)
        assert y == source.screen_row(PROSE) + 1
        second, third = source.render_line(y), source.render_line(y + 1)
        assert with_bg(second, magenta.name) == line[cut2 - 1 : cut2]
        assert with_bg(third, magenta.name) == line[cut2 : cut2 + 2]


async def test_a_table_row_stays_unwrapped_and_shows_where_it_is_scrolled() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, source = await ready(app, pilot)
        assert not source.wraps(TABLE_ROW) and source.wraps(PROSE)
        screen.go_to_line(TABLE_ROW)
        await pilot.pause()
        y = source.screen_row(TABLE_ROW)
        row = source.render_line(y).text
        assert row.startswith(f">{TABLE_ROW} 210")
        assert row.endswith("▶"), "the row goes on to the right"
        assert source.render_line(y + 1).text.startswith(f" {TABLE_ROW + 1} ")  # one row
        for _ in range(3):
            await pilot.press("l")
        await pilot.pause()
        assert source.scroll_x == 24
        row = source.render_line(y).text
        assert row.startswith(f">{TABLE_ROW}◀"), "the gutter says the row is scrolled"
        assert "210" not in row and "0.00" in row
        assert f">{TABLE_ROW}◀" in screen_text(app)
        # Prose on the pane is not scrolled with the table.
        screen.go_to_line(PROSE)
        await pilot.pause()
        assert source.scroll_x == 0


async def test_home_and_go_to_line_after_scrolling_right_show_text() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, source = await ready(app, pilot)

        def assert_text_shown() -> None:
            """Every row of a line with text shows text."""
            shown = 0
            for y in range(source.size.height):
                number, _ = source.row_index.line_at(int(source.scroll_y) + y)
                if number <= source.line_count and source.source.line(number).strip():
                    assert body(source, source.render_line(y)).strip(), (y, number)
                    shown += 1
            assert shown >= 3, "the pane is not empty"

        for keys in (["home"], ["g", *str(TABLE_ROW), "enter"]):
            screen.go_to_line(TABLE_ROW)
            await pilot.pause()
            await pilot.press(*"llllllll")
            await pilot.pause()
            assert source.scroll_x > 0
            await pilot.press(*keys)
            await pilot.pause()
            assert source.scroll_x == 0
            assert_text_shown()
        await pilot.press("home")
        await pilot.pause()
        assert source.cursor_line == 1 and source.scroll_y == 0
        # Moving onto a prose line brings the view back to its left edge too.
        screen.go_to_line(TABLE_ROW)
        await pilot.pause()
        await pilot.press(*"llll")
        while source.wraps(source.cursor_line + 1) is False:
            await pilot.press("down")
        assert source.scroll_x > 0
        await pilot.press("down")
        assert source.scroll_x == 0


async def test_page_down_moves_a_screenful_of_rows() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, source = await ready(app, pilot)
        screen.go_to_line(395)
        await pilot.pause()
        top = int(source.scroll_y)
        row = source.screen_row(source.cursor_line)
        await pilot.press("pagedown")
        await pilot.pause()
        step = source.scrollable_content_region.height - 1
        assert int(source.scroll_y) == top + step
        # The pointer moved by as many rows (to the line holding that row).
        assert source.screen_row(source.cursor_line) <= row
        await pilot.press("pageup")
        await pilot.pause()
        assert int(source.scroll_y) == top


async def test_ascii_mode_draws_the_markers_narrow() -> None:
    app = make_app(ascii_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _source = await ready(app, pilot)
        screen.go_to_line(TABLE_ROW)
        await pilot.pause()
        await pilot.press(*"lll")
        await pilot.pause()
        shown = screen_text(app)
        assert "◀" not in shown and "▶" not in shown
        assert f">{TABLE_ROW}<" in shown


async def test_the_pointer_line_stays_in_view_when_the_width_changes() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, source = await ready(app, pilot)
        screen.go_to_line(PROSE)
        await pilot.pause()
        narrow_rows = source.row_index.rows(PROSE)
        for keys in (["z"], ["escape"], ["z"], ["escape"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert 0 <= source.screen_row(PROSE) < source.size.height, keys
            assert source.render_line(source.screen_row(PROSE)).text.startswith(f">{PROSE} ")
        await pilot.press("z")
        await pilot.pause()
        assert source.row_index.rows(PROSE) < narrow_rows  # wrapped again, wider


async def test_a_giant_prose_line_scrolls_and_a_long_one_wraps_lazily(tmp_path) -> None:
    prose = "本单位严格执行财务管理制度，加强内部控制，提高资金使用效益，确保各项工作顺利开展。"
    lines = list(sample_lines(NAME))
    giant = prose * (1_000_000 // len(prose))  # a megabyte of prose on one line
    long = prose * (15_000 // len(prose))  # under MAX_WRAP_CHARS: wrapped, hundreds of rows
    lines[10:10] = [giant, long]
    path = tmp_path / "long-prose.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    far = Finding(
        code="FA999",
        severity=Severity.ERROR,
        category=Category.NARRATIVE,
        message="行尾的问题",
        span=Span.at(12, len(long) - 5, len(long) + 1),
    )
    app = InspectorApp(read_report(path), checker=lambda r: [far])
    async with app.run_test(size=(80, 24)) as pilot:
        screen, source = await ready(app, pilot)
        screen.go_to_line(11)
        await pilot.pause()
        assert not source.wraps(11) and source.row_index.rows(11) == 1
        assert source.render_line(source.screen_row(11)).text.endswith("▶")
        assert source._display(11).measured_chunks <= 2, "the giant line is not measured"
        assert source.wraps(12) and source.row_index.rows(12) > 300
        await pilot.press("right_square_bracket")
        await pilot.pause()
        y = source.screen_row(12, far.span.column)
        assert abs(y - source.scrollable_content_region.height // 2) <= 1
        red = styles.SPAN[Severity.ERROR].bgcolor
        assert red is not None
        assert with_bg(source.render_line(y), red.name) == long[-6:]
