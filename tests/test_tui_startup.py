"""Opening a PDF: the frame and a progress line at once, the pages read in the background,
keys typed meanwhile dropped, a read error ending in one line and exit 2; the page of the
pointer line shown, and ``g p12`` going to page 12."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fa_tui.ingest import PendingPdf, Progress, open_report, read_report
from fa_tui.ingest.documents import PageShown
from fa_tui.ingest.pdf_text import read_pdf
from fa_tui.model import SourceText
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.index import FindingFilter
from fa_tui.tui.pages import first_line_of_page
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.screens.loading import LoadingScreen
from fa_tui.tui.widgets.source_view import SourceView

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LILING_PDF = FIXTURES / "2024-liling.pdf"  # 14 pages


def screen_lines(app: InspectorApp) -> list[str]:
    """Every line of the screen as composed (all layers, filters applied)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


class GatedPdf(PendingPdf):
    """A pending PDF whose reading waits at page ``stop`` until ``gate`` is set."""

    def __init__(self, pending: PendingPdf, stop: int) -> None:
        super().__init__(pending.path, pending.data, pending.pages)
        self.stop = stop
        self.gate = threading.Event()
        self.reached = threading.Event()

    def read(self, progress: Progress | None = None, shown: PageShown | None = None) -> SourceText:
        def gated(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total)
            if done == self.stop:
                self.reached.set()
                assert self.gate.wait(30)

        return super().read(gated, shown)


def gated(path: Path = LILING_PDF, stop: int = 2) -> GatedPdf:
    pending = open_report(path)
    assert isinstance(pending, PendingPdf)
    return GatedPdf(pending, stop)


async def wait_for(pilot, condition: Callable[[], bool], seconds: float = 30) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def test_open_report_only_opens_a_pdf_and_reads_text_at_once() -> None:
    pending = open_report(LILING_PDF)
    assert isinstance(pending, PendingPdf) and pending.pages == 14
    assert isinstance(open_report(FIXTURES / "2024-liling.docx"), SourceText)


def test_the_progress_callback_is_told_every_page_and_changes_nothing_read() -> None:
    data = LILING_PDF.read_bytes()
    calls: list[tuple[int, int]] = []
    told = read_pdf(LILING_PDF, data, lambda done, total: calls.append((done, total)))
    assert calls == [(n, 14) for n in range(1, 15)]
    plain = read_pdf(LILING_PDF, data)
    assert told.lines == plain.lines and told.locations == plain.locations


async def test_frame_and_progress_line_show_while_the_pages_are_read() -> None:
    pending = gated(stop=2)
    app = InspectorApp(pending)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, pending.reached.is_set)
        await pilot.pause(0.1)
        assert isinstance(app.screen, LoadingScreen) and app.stage == "reading"
        text = "\n".join(screen_lines(app))
        assert "正在读取 PDF：第 3/14 页…" in text
        assert "2024-liling.pdf" in text and "原文" in text
        pending.gate.set()
        assert await app.wait_until_ready(60) == "checked"
        assert isinstance(app.screen, InspectorScreen)
        assert "醴陵市医疗保障局" in screen_lines(app)[0]


async def test_keys_typed_while_reading_are_not_replayed_on_the_report() -> None:
    pending = gated(stop=1)
    app = InspectorApp(pending)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, pending.reached.is_set)
        # Keys that would open a prompt, filter, switch views, jump to a finding, maximise.
        await pilot.press("f", "f", "v", "z", "right_square_bracket", "g", "1", "2", "0")
        await pilot.press("enter", "slash", "ctrl+p", "tab", "down", "down")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LoadingScreen) and app.is_running
        pending.gate.set()
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, InspectorScreen)  # no prompt, palette or help on top
        assert not screen.filter_chosen  # `f` pressed while reading did not choose a filter
        assert screen.filter == FindingFilter.default_for(screen.index.findings)
        assert screen.current is None and screen.maximized is None
        assert screen.query_one(SourceView).cursor_line == 1


async def test_q_while_reading_quits_without_an_error() -> None:
    pending = gated(stop=1)
    app = InspectorApp(pending)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, pending.reached.is_set)
        await pilot.press("q")
        await pilot.pause(0.1)
        pending.gate.set()
    assert app.read_error is None and app.return_code in (None, 0)


async def test_a_pdf_without_text_layer_ends_the_app_with_its_error() -> None:
    pending = open_report(FIXTURES / "scanned.pdf")
    assert isinstance(pending, PendingPdf)  # it opens; only its pages tell
    app = InspectorApp(pending)
    async with app.run_test(size=(80, 24)):
        assert await app.wait_until_ready(60) == "failed"
    assert app.return_code == 2
    assert app.read_error is not None and "没有文字层" in app.read_error


def test_open_a_scanned_pdf_prints_one_line_and_exits_2(monkeypatch) -> None:
    from textual.app import App

    from fa_tui.cli import app

    def headless(self: InspectorApp, **kw: object) -> None:
        kw.pop("mouse", None)
        App.run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(InspectorApp, "run", headless)
    result = CliRunner().invoke(app, ["open", str(FIXTURES / "scanned.pdf")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "没有文字层" in lines[0], result.output


def test_a_damaged_pdf_is_refused_before_the_app_starts(tmp_path: Path, monkeypatch) -> None:
    from fa_tui.cli import app

    def never(self: InspectorApp, **kw: object) -> None:
        raise AssertionError("the app started")

    monkeypatch.setattr(InspectorApp, "run", never)
    path = tmp_path / "cut.pdf"
    path.write_bytes(LILING_PDF.read_bytes()[:2000])
    result = CliRunner().invoke(app, ["open", str(path)])
    assert result.exit_code == 2 and "已损坏" in result.output


# -- the page of the pointer line, g p12 ------------------------------------------------------


@pytest.fixture(scope="module")
def liling_pdf() -> SourceText:
    return read_report(LILING_PDF)


async def test_the_page_of_the_pointer_line_is_shown_and_g_p12_goes_to_page_12(
    liling_pdf: SourceText,
) -> None:
    app = InspectorApp(liling_pdf)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_ready(60)
        screen = app.inspector
        screen.query_one(SourceView).focus()
        await pilot.pause()
        assert "原文  第 1 页" in "\n".join(screen_lines(app))
        await pilot.press("g", *"p12", "enter")
        await pilot.pause(0.2)
        line = first_line_of_page(liling_pdf, 12)
        assert line is not None and line > 1
        source = screen.query_one(SourceView)
        assert source.cursor_line == line
        where = liling_pdf.location(line)
        assert where is not None and where.page in (11, 12)
        title = next(row for row in screen_lines(app) if "原文" in row)
        assert f"第 {where.page} 页" in title
        await pilot.press("down", "down", "down")
        await pilot.pause()
        moved = liling_pdf.location(source.cursor_line)
        assert moved is not None
        title = next(row for row in screen_lines(app) if "原文" in row)
        assert moved.describe() in title


async def test_g_with_a_page_out_of_range_says_so(liling_pdf: SourceText) -> None:
    app = InspectorApp(liling_pdf)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.wait_until_ready(60)
        screen = app.inspector
        screen.query_one(SourceView).focus()
        await pilot.press("g", *"p99", "enter")
        await pilot.pause(0.2)
        assert screen.query_one(SourceView).cursor_line == 1
        assert "没有第 99 页（共 14 页）" in "\n".join(screen_lines(app))


def test_first_line_of_page_is_the_page_marker_or_the_paragraph_running_onto_it(
    liling_pdf: SourceText,
) -> None:
    assert liling_pdf.locations is not None
    for page in range(1, 15):
        line = first_line_of_page(liling_pdf, page)
        assert line is not None
        where = liling_pdf.locations[line - 1]
        assert where.page == page or any(p == page for _, p, _ in where.pieces)
        earlier = liling_pdf.locations[: line - 1]
        assert all(w.page != page for w in earlier)
    assert first_line_of_page(liling_pdf, 15) is None


async def test_esc_while_reading_stops_the_read_and_quits() -> None:
    pending = gated(stop=1)
    app = InspectorApp(pending)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, pending.reached.is_set)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.return_code == 0  # the app is ending, before the page is read
        pending.gate.set()
    assert app.read_error is None


async def test_esc_while_reading_a_listed_pdf_goes_back_to_the_list(tmp_path: Path) -> None:
    from hostile.pdf import dense_pdf

    from fa_tui.tui.screens.reports import ReportListScreen

    pdf = dense_pdf(tmp_path, 40)  # read in seconds (PDFium reads the 14 pages of liling at once)
    app = InspectorApp(None, reports=[pdf])
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen
        assert isinstance(listing, ReportListScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadingScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is listing)
        await pilot.pause(0.5)  # a page read after the Esc shows nothing
        assert app.screen is listing and app.is_running


async def test_the_first_pages_show_while_the_rest_is_read() -> None:
    pending = gated(stop=3)
    first_page = read_report(LILING_PDF).lines  # the text the pages hold
    app = InspectorApp(pending)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, pending.reached.is_set)
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        assert screen.preview[0] == "— 1 —" and "— 2 —" in screen.preview
        text = "\n".join(screen_lines(app))
        assert "醴陵市医疗保障局" in text  # the cover, on screen before page 4 is read
        assert any("醴陵市医疗保障局" in line for line in first_page[:20])
        pending.gate.set()
        assert await app.wait_until_ready(60) == "checked"
