"""The inspector on hostile input: huge files, a huge line, repeated headings, a cut-off table,
terminal escape sequences, control characters, bidi overrides and Rich markup in the report.

The corpus is generated here, in the test's temp dir, from the real samples. What is checked is
what the widgets render: no rendered segment of any pane may carry a character that a terminal
would act on, markup shows literally, and scrolling a 5 MB report costs O(visible lines) per key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import sample_path
from rich.color import ColorSystem
from textual.widget import Widget
from typer.testing import CliRunner

from fa_tui.ingest import read_report
from fa_tui.model import Category, Finding, RelatedSpan, Report, Severity, Span
from fa_tui.rules.engine import check_report
from fa_tui.tui import display as display_module
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.display import CHUNK
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets import source_view as source_view_module
from fa_tui.tui.widgets.finding_detail import FindingDetail
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.report_header import ReportHeader
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.table_view import TableGrid

# What a terminal acts on: C0 controls (TAB and LF included: nothing rendered may carry them),
# DEL, C1 controls (\x9b is a one-byte CSI), and the bidi embeddings, overrides and isolates.
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

ESCAPES = (
    "\x1b[31mRED\x1b[0m"  # colour
    "\x1b]0;pwned\x07"  # window title
    "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: write the clipboard
    "\x1b[2J\x1b[10;10H"  # clear the screen, move the cursor
    "\x9b31m"  # C1 CSI
    "\x01\x08\x7f\x85"  # SOH, backspace, DEL, NEL (a NUL makes ingest refuse the file)
    "\u202eexe.txt\u202c\u2066iso\u2069"  # bidi override, isolate
)
MARKUP = "[/b][bookmark: _Toc1][red]"
HOSTILE = ESCAPES + MARKUP

# -- helpers -----------------------------------------------------------------------------------


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path


def sample(name: str) -> list[str]:
    return sample_path(name).read_text(encoding="utf-8").split("\n")


def edit(lines: list[str], number: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` on 1-based line ``number`` (which must contain it)."""
    assert old in lines[number - 1], (number, old)
    lines[number - 1] = lines[number - 1].replace(old, new, 1)


def rendered_segments(widget: Widget) -> Iterator[tuple[int, str]]:
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            yield y, segment.text


def assert_screen_safe(screen: InspectorScreen) -> None:
    """No visible widget renders a character a terminal would act on."""
    checked = set()
    for widget in screen.query("*"):
        if not widget.display or not widget.size.area:
            continue
        for y, text in rendered_segments(widget):
            bad = UNSAFE.search(text)
            assert bad is None, f"{widget!r} line {y}: {text!r}"
        checked.add(widget.id)
    # The panes the reviewer reads were among those checked.
    assert {"header", "tree", "findings", "detail-body"} <= checked


def visible_text(widget: Widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def position_of(screen, finding: Finding) -> int:
    """Where ``finding`` is in the screen's findings (the pipeline placed it in its part)."""
    found = screen.index.findings
    return next(i for i, f in enumerate(found) if (f.code, f.span) == (finding.code, finding.span))


def with_extra(*extra: Finding):
    """The real rule engine plus ``extra`` findings."""
    return lambda report: [*check_report(report), *extra]


async def ready(app: InspectorApp, timeout: float = 60) -> InspectorScreen:
    stage = await app.wait_until_ready(timeout)
    assert stage == "checked", f"analysis failed: {app.inspector.query_one('#detail-body')}"
    return app.inspector


# -- escapes, controls and markup in every pane -------------------------------------------------


def hostile_report(tmp_path: Path) -> tuple[Path, dict[str, Span]]:
    """2022-liujiang with hostile text in a heading, a table row name and the narrative."""
    lines = sample("2022-liujiang")
    edit(lines, 48, "主要职能", "主要职能" + HOSTILE)
    edit(lines, 184, "一般公共服务支出", "一般公共服务支出" + HOSTILE)
    edit(lines, 401, "2022年度", "2022年度" + HOSTILE)
    name = "report\x1b]0;title\x07\u202e.txt"  # the file name is report text too
    path = write_lines(tmp_path / name, lines)
    col = lines[401 - 1].index(HOSTILE) + 1
    return path, {"narrative": Span.at(401, col, col + len(HOSTILE))}


async def test_hostile_text_is_shown_literally_and_never_reaches_the_terminal(
    tmp_path: Path,
) -> None:
    path, spans = hostile_report(tmp_path)
    bad = Finding(
        code="FA999",
        severity=Severity.ERROR,
        category=Category.NARRATIVE,
        message="消息" + HOSTILE + "\x00",
        span=spans["narrative"],
        computation="1 + 1 = 2" + HOSTILE,
        expected="2" + ESCAPES,
        related=[RelatedSpan(span=Span.at(184, 1, 4), note="说明" + HOSTILE)],
    )
    app = InspectorApp(read_report(path), checker=with_extra(bad))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app)
        await pilot.pause()
        assert_screen_safe(screen)
        header = screen.query_one(ReportHeader).render_line(0).text
        assert "report\u241b]0;title\u2407<U+202E>.txt" in header

        # The tree: the heading's markup is literal, its escapes are placeholders.
        tree = screen.query_one(PartsTree)
        labels = [n.label.plain for n in tree.by_key.values()]
        heading = next(label for label in labels if "主要职能" in label)
        # (the outline drops "[bookmark: ...]" as extraction noise; the rest stays literal)
        assert "[/b][red]" in heading
        assert "\u241b[31mRED" in heading

        # The findings list, the detail and the related span.
        screen.jump_to_finding(position_of(screen, bad))
        await pilot.pause()
        assert "消息\u241b[31mRED" in visible_text(screen.query_one(FindingsList))
        detail = screen.query_one(FindingDetail).query_one("#detail-body")
        shown = visible_text(detail).replace(" ", "").replace("\n", "")
        assert "[/b][bookmark:_Toc1][red]" in shown
        assert "\u241b]52;c;cHduZWQ=\u2407" in shown
        source = screen.query_one(SourceView)
        assert source.cursor_line == 401
        line = source.render_line(source.screen_row(401)).text
        assert "\u241b]0;pwned\u2407" in line
        assert "[/b][bookmark: _Toc1][red]" in source.line_text(401).plain
        assert_screen_safe(screen)

        # The table with the hostile row name.
        screen.open_node_key(next(k for k, n in tree.by_key.items() if "表三" in str(n.label)))
        await pilot.pause()
        grid = screen.query_one(TableGrid)
        assert grid.display
        table_text = visible_text(grid)
        assert "一般公共服务支出\u241b[31mRED" in table_text
        assert_screen_safe(screen)

        # The help screen, a notification with report text, the palette.
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"no such text", "enter")
        await pilot.pause()
        assert_screen_safe(screen)


async def test_markup_and_escapes_in_findings_from_a_crashing_rule_are_safe(tmp_path) -> None:
    def broken(report: Report) -> list[Finding]:
        raise ValueError("规则出错" + HOSTILE)

    path, _ = hostile_report(tmp_path)
    app = InspectorApp(read_report(path), checker=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await app.wait_until_ready(30) == "failed"
        await pilot.pause()
        screen = app.inspector
        body = visible_text(screen.query_one(FindingDetail).query_one("#detail-body"))
        assert "[/b][bookmark:" in body.replace("\n", "")
        assert_screen_safe(screen)


# -- size: a 5 MB report, a 5 MB line, 10,000 headings, a cut-off table -----------------------


def five_mb_report(tmp_path: Path) -> Path:
    """2024-liling followed by a 5 MB appendix of narrative, with hostile lines in it."""
    lines = sample("2024-liling")
    prose = "本单位严格执行财务管理制度，加强内部控制，提高资金使用效益，确保各项工作顺利开展。"
    lines.append("附件")
    size = sum(len(line.encode()) + 1 for line in lines)
    n = 0
    while size < 5_000_000:
        n += 1
        line = f"{prose}第{n}段。" if n % 997 else f"第{n}段{HOSTILE}"
        lines.append(line)
        size += len(line.encode()) + 1
    return write_lines(tmp_path / "five-mb.txt", lines)


class Counter:
    """Counts calls of a wrapped function."""

    def __init__(self, func) -> None:
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)


async def test_scrolling_a_5mb_report_costs_only_the_visible_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = five_mb_report(tmp_path)
    assert path.stat().st_size >= 5_000_000
    made = Counter(source_view_module.display_line)
    monkeypatch.setattr(source_view_module, "display_line", made)
    rendered = Counter(SourceView.render_line)
    monkeypatch.setattr(SourceView, "render_line", lambda self, y: rendered(self, y))

    app = InspectorApp(read_report(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.inspector
        source = screen.query_one(SourceView)
        total = source.line_count
        assert total > 30_000
        await pilot.pause()
        # The source is readable before the analysis is done.
        assert source.render_line(0).text.strip().endswith("1")
        source.focus()
        await pilot.pause()
        before_made, before_rendered = made.calls, rendered.calls
        keys = ["pagedown"] * 50 + ["end", "home"]
        for key in keys:
            await pilot.press(key)
        screen.go_to_line(total - 1000)
        await pilot.pause()
        assert source.cursor_line == total - 1000
        height = source.scrollable_content_region.height
        presses = len(keys) + 1
        # Each key shows at most a page of new lines, and renders a few pages at most.
        assert made.calls - before_made <= presses * (height + 2)
        assert rendered.calls - before_rendered <= presses * height * 6
        assert made.calls < total // 20, "display data is made lazily, not for the whole file"

        await ready(app)
        await pilot.pause()
        assert_screen_safe(screen)
        # A hostile line of the appendix renders as placeholders.
        hostile = next(n for n in range(total, 0, -1) if HOSTILE in source.source.line(n))
        screen.go_to_line(hostile)
        await pilot.pause()
        line = source.render_line(source.screen_row(hostile)).text
        assert "\u241b[31mRED" in line
        assert_screen_safe(screen)


async def test_one_5mb_line_is_never_measured_in_full(tmp_path: Path) -> None:
    lines = sample("2024-liling")
    # (escapes now and then: a file made mostly of control characters is refused as binary)
    unit = ESCAPES + "收入合计\t1,234.56\t" * 200
    long_line = unit * (5_000_000 // len(unit.encode()))
    lines.insert(10, long_line)
    path = write_lines(tmp_path / "long-line.txt", lines)
    number = 11
    end = len(long_line) + 1
    far = Finding(
        code="FA999",
        severity=Severity.WARNING,
        category=Category.NARRATIVE,
        message="行尾的问题",
        span=Span.at(number, end - 8, end),
    )
    app = InspectorApp(read_report(path), checker=with_extra(far))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app)
        source = screen.query_one(SourceView)
        source.focus()
        screen.go_to_line(number)
        await pilot.pause()
        shown = source._display(number)
        assert shown.measured_chunks <= 2, "only the start of the line is measured"
        line = source.render_line(source.screen_row(number)).text
        assert line.startswith("> 11 \u241b[31mRED\u241b[0m\u241b]0;pwned\u2407")
        for _ in range(10):
            await pilot.press("l")
        assert source.scroll_x == 80
        assert "收入合计" in source.render_line(source.screen_row(number)).text
        assert shown.measured_chunks <= 2
        assert_screen_safe(screen)

        # A finding at the end of the line: the view scrolls there and shows the span.
        screen.jump_to_finding(position_of(screen, far))
        await pilot.pause()
        assert source.scroll_x > 1_000_000
        assert shown.measured_chunks == shown.chunk_count  # measured once, to get there
        row = source.render_line(source.screen_row(number))
        assert any(seg.style is not None and seg.style.bgcolor for seg in row)
        # Rendering again measures nothing new and renders only the chunks on screen.
        width = source.scrollable_content_region.width
        window = shown.window(int(source.scroll_x), width)
        assert len(window.text) <= 3 * CHUNK * 8
        await pilot.press("k", "j")
        assert shown.measured_chunks == shown.chunk_count
        assert_screen_safe(screen)


async def test_ten_thousand_repeated_headings(tmp_path: Path) -> None:
    lines = sample("2024-liling")
    for i in range(10_000):
        lines += ["第一部分 部门概况", "一、部门职责" + (HOSTILE if i % 100 == 0 else "")]
    path = write_lines(tmp_path / "headings.txt", lines)
    app = InspectorApp(read_report(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app)
        tree = screen.query_one(PartsTree)
        tree.focus()
        await pilot.press("end", "home", "down", "down", "enter")
        await pilot.pause()
        assert_screen_safe(screen)
        await pilot.press("3", "end", "enter")
        await pilot.pause()
        assert_screen_safe(screen)


async def test_a_report_cut_off_in_the_middle_of_a_table(tmp_path: Path) -> None:
    lines = sample("2022-liujiang")
    cut = next(n for n, line in enumerate(lines, 1) if line.startswith("208\t社会保障和就业支出"))
    lines = [*lines[: cut - 1], lines[cut - 1][:12]]
    path = write_lines(tmp_path / "cut.txt", lines)
    app = InspectorApp(read_report(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app)
        tree = screen.query_one(PartsTree)
        # Every table node opens (as a table or as its place in the source) without error.
        for key in [k for k in tree.by_key if k.startswith("table:")]:
            screen.open_node_key(key)
            await pilot.pause()
            assert_screen_safe(screen)
        # The missing parts after the cut are shown as missing.
        assert "(缺失)" in visible_text(tree) or any(
            not n.data.present for n in tree.by_key.values() if n.data
        )
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert_screen_safe(screen)


# -- unreadable input: one line, exit 2, before the screen opens -------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "文件为空"),
        (b" \n\t\r\n  ", "文件为空"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "DOCX"),
        (bytes(range(256)) * 64, "二进制"),
    ],
)
def test_open_unreadable_input_fails_with_one_safe_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    from fa_tui.cli import app

    path = tmp_path / "bad\x1b]0;x\x07\u202e.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["open", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.output
    assert "Traceback" not in result.output
    assert UNSAFE.search(result.output.rstrip("\n")) is None, repr(result.output)


# -- 16 colours ----------------------------------------------------------------------------------


async def test_sixteen_colours_switch_to_the_ansi_theme_with_distinct_severities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    app = InspectorApp(read_report(sample_path("2024-liling")))
    assert app.console.color_system == "standard"
    assert app.theme == "ansi-dark"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app)
        await pilot.pause()
        header = screen.query_one(ReportHeader).render_line(0)
        colours = {}
        for name in ("错误", "警告", "提示"):
            segment = next(s for s in header if name in s.text)
            colour = segment.style.color.downgrade(ColorSystem.STANDARD)
            colours[name] = colour.number
        assert len(set(colours.values())) == 3, colours
        # The pointer line stands out from the other lines with 16 colours too.
        source = screen.query_one(SourceView)
        lines = source.source.lines
        number = next(n for n in range(1, len(lines)) if lines[n - 1].strip() and lines[n].strip())
        screen.go_to_line(number)
        await pilot.pause()
        y = source.screen_row(number)

        def background(strip) -> set:
            out = set()
            for s in strip:
                if s.text.strip() and s.style and s.style.bgcolor:
                    out.add(s.style.bgcolor.downgrade(ColorSystem.STANDARD).number)
                elif s.text.strip():
                    out.add(None)
            return out

        pointer = background(source.render_line(y))
        other = background(source.render_line(y + 1))
        assert pointer and pointer != other


def test_display_line_mapping_holds_for_long_mixed_lines() -> None:
    """The chunked display mapping agrees with a straightforward one, chunk edges included."""
    from rich.cells import cell_len

    from fa_tui.safe_text import neutralise

    line = ("收入\t12.5" + ESCAPES + "ab") * (3 * CHUNK // 20)
    shown = display_module.display_line(line)
    pieces, starts, cells = [], [], 0
    for ch in line:
        starts.append(sum(map(len, pieces)))
        piece = " " * (8 - cells % 8) if ch == "\t" else neutralise(ch)
        pieces.append(piece)
        cells += cell_len(piece)
    plain = "".join(pieces)
    assert shown.text == plain and shown.cells == cell_len(plain)
    for column in (1, CHUNK, CHUNK + 1, 2 * CHUNK + 7, len(line)):
        assert shown.offset(column) == starts[column - 1]
        assert shown.cell_at(column) == cell_len(plain[: starts[column - 1]])
    window = shown.window(cell_len(plain[: starts[CHUNK + 3]]), 40)
    assert window.start == CHUNK and plain.startswith(window.text, starts[CHUNK])


async def test_thousands_of_findings_keep_the_tree_and_list_responsive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fa_tui.tui.widgets import findings_list, table_view

    source = read_report(sample_path("2022-liujiang"))
    lines = [n for n, text in enumerate(source.lines, 1) if len(text) > 4]
    many = [
        Finding(
            code=f"FA9{n % 10:02d}",
            severity=list(Severity)[n % 3],
            category=Category.NARRATIVE,
            message=f"第 {n} 条" + MARKUP,
            span=Span.at(lines[n % len(lines)], 1, 3),
            related=[RelatedSpan(span=Span.at(lines[(n * 7) % len(lines)], 2, 4), note="")],
        )
        for n in range(6000)
    ]
    made = Counter(findings_list.finding_line)
    monkeypatch.setattr(findings_list, "finding_line", made)
    compared = Counter(table_view.overlaps)
    monkeypatch.setattr(table_view, "overlaps", compared)
    app = InspectorApp(source, checker=lambda report: many)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app)
        tree = screen.query_one(PartsTree)
        tree.focus()
        await pilot.pause()
        before = made.calls
        for _ in range(12):  # through parts, sections and tables (each reorders the list)
            await pilot.press("down")
        await pilot.pause()
        listing = screen.query_one(FindingsList)
        assert len(listing.order) == 6000
        # Only rows that were on screen became text, not 12 x 6000.
        assert made.calls - before <= 12 * 10
        # Marking a table's cells looked only at the findings on its lines.
        grid = screen.query_one(TableGrid)
        compared.calls = 0
        await _open_first_table(pilot, screen)
        await pilot.pause()
        cells = grid.row_count * len(grid.columns)
        assert cells
        # (a plain scan compares every cell with every finding and related span: 2 x 6000)
        assert compared.calls <= 2 * cells * 2 * 6000 // 50
        await pilot.press("3", "end")
        await pilot.pause()
        assert listing.current == listing.order[-1]
        assert_screen_safe(screen)


async def _open_first_table(pilot, screen: InspectorScreen) -> None:
    key = next(k for k, n in screen.query_one(PartsTree).by_key.items() if n.data.table)
    screen.open_node_key(key)
    await pilot.pause()
