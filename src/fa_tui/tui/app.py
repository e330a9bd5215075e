"""The inspector app: opens the main screen at once and analyses the report in a thread worker.

The source text is shown as soon as the screen opens (it was decoded before the app started);
the worker then posts one message per stage (outline, tables, findings) and the screen fills in.
A PDF (``PendingPdf``: opened, its pages not read yet) is read in a thread worker first, behind
``LoadingScreen`` and its progress line; a PDF that turns out unreadable ends the app with
return code 2 and ``read_error`` set, for the command to print.

For benchmarks and tests, ``InspectorApp.wait_until_ready()`` waits until the findings are on
screen (or the failure is shown), and ``time_to_ready(path)`` runs the whole thing headless and
returns the seconds to the first screen and to the findings.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.events import DeliveryComplete, DeliveryFailed
from textual.filter import LineFilter
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import Worker, get_current_worker

from fa_tui.ingest import InputError, PendingPdf, open_report
from fa_tui.model import Report, Severity, SourceText
from fa_tui.review.facts import report_facts
from fa_tui.review.session import Review
from fa_tui.safe_text import neutralise
from fa_tui.tui.ambiguous import NarrowFilter, narrow_finding
from fa_tui.tui.messages import (
    LoadFailed,
    PageRead,
    PreviousRead,
    ReadFailed,
    ReadProgress,
    ReportSurveyed,
    SourceRead,
    StageReady,
)
from fa_tui.tui.narrow_chars import narrow
from fa_tui.tui.palette import ChinesePalette
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.screens.loading import LoadingScreen
from fa_tui.tui.screens.reports import OpenReport, ReportListScreen
from fa_tui.tui.survey import survey
from fa_tui.tui.worker import (
    Analyser,
    Checker,
    Described,
    Indexed,
    Outlined,
    describe_failure,
    stages,
)

STAGE_NAMES = {Outlined: "outline", Described: "parsed", Indexed: "checked"}


class _Stopped(Exception):
    """The app is closing: stop reading the PDF."""


class InspectorApp(App[None]):
    """Inspect one report: parts tree, tables, source and findings.

    ``stage`` is ``"reading"`` (a PDF's pages), ``"loading"``, then ``"outline"``, ``"parsed"``,
    ``"checked"`` (or ``"failed"``) as each stage is shown; ``shown_at`` records when
    (``time.perf_counter()``) each was shown. ``checker`` replaces the rule engine and
    ``analyser`` the whole of ``worker.stages`` (tests). ``ascii_mode`` shows no character of
    ambiguous width (``tui/ambiguous.py``); ``severity`` is the findings list's first filter;
    ``notices`` are warnings shown at start (a wrong preferences file).
    ``line`` opens the source at that line (``fa-tui FILE:LINE``). ``review`` is the review
    file of the marks (``--review``; by default the user's, see ``review/places.py``).
    ``previous`` is last year's report: its figures are compared (FA9xx) and the tree shows it.
    ``reports`` (with ``source`` ``None``): several reports, shown first as a list
    (``screens/reports.py``) checked in the background; Esc in a report returns to it;
    ``found`` are those found in a folder (a file there that is no report says so).
    """

    CSS_PATH = "app.tcss"
    TITLE = "fa-tui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+q", "quit", "退出", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", "命令", key_display="^p", show=False, priority=True),
    ]

    def __init__(
        self,
        source: SourceText | PendingPdf | None,
        *,
        checker: Checker | None = None,
        theme: str | None = None,
        analyser: Analyser | None = None,
        line: int | None = None,
        ascii_mode: bool = False,
        severity: Severity | None = None,
        notices: Sequence[str] = (),
        review: Path | None = None,
        previous: Path | None = None,
        reports: Sequence[Path] = (),
        found: Collection[Path] = (),
    ) -> None:
        super().__init__()
        self.review_path = review  # ``--review FILE``; else the user's data directory
        self.previous_path = previous  # last year's report (``--previous``), compared
        self.reports = tuple(reports)  # several reports: the list first (``source`` is None)
        self.found = frozenset(found)  # those of ``reports`` found in a folder, not named
        self.generation = 0  # which opened report the worker's messages are about
        self.pending = source if isinstance(source, PendingPdf) else None
        self.source: SourceText | None = None if isinstance(source, PendingPdf) else source
        self.line = line  # ``fa-tui FILE:LINE``: the source line to open at
        self.checker = checker
        self.analyser = analyser or stages
        self.ascii_mode = ascii_mode
        self.severity = severity
        self.notices = tuple(notices)
        self.read_error: str | None = None  # why the PDF could not be read (then exit code 2)
        self.stage = "reading" if self.pending is not None else "loading"
        self.shown_at: dict[str, float] = {}
        self._shown_event = asyncio.Event()
        self._narrow_filter = NarrowFilter()
        if ascii_mode:
            self.add_class("-ascii")
        if theme is None and self.console.color_system in ("standard", "windows"):
            # 16 colours: the truecolor themes would be approximated (red turns magenta);
            # the ANSI theme uses the terminal's own colours, so severities stay distinct.
            theme = "ansi-dark"
        if theme is not None:
            self.theme = theme

    # -- Textual's own texts, in Chinese --------------------------------------------------------

    def action_command_palette(self) -> None:
        """Open the command palette (its texts in Chinese)."""
        if self.use_command_palette and not any(
            isinstance(screen, CommandPalette) for screen in self.screen_stack
        ):
            self.push_screen(ChinesePalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette of themes (from the 主题 command)."""
        self.push_screen(ChinesePalette(providers=[ThemeProvider], placeholder="搜索主题…"))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit: say which key does."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                shown = self.get_key_display(active.binding)
                self.notify(f"按 {shown or key} 退出", title="要退出吗？", markup=False)
                return

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands, named in Chinese."""
        yield SystemCommand("主题", "更换配色主题", self.action_change_theme)
        yield SystemCommand("退出", "立即退出", self.action_quit)
        if screen.query("HelpPanel"):
            yield SystemCommand("按键", "隐藏按键与帮助面板", self.action_hide_help_panel)
        else:
            yield SystemCommand("按键", "显示当前面板的帮助和可用按键", self.action_show_help_panel)
        if screen.maximized is not None:
            yield SystemCommand("还原", "把放大的面板还原为正常大小", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("放大", "放大当前面板", screen.action_maximize)
        yield SystemCommand(
            "截图",
            "把当前屏幕保存为 SVG 图片",
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    @on(DeliveryComplete)
    def _screenshot_saved(self, event: DeliveryComplete) -> None:
        event.prevent_default()  # Textual's own notice is in English
        if event.name == "screenshot":
            where = "" if event.path is None else f"：{event.path}"
            self.notify(f"截图已保存{where}", title="截图", markup=False)

    @on(DeliveryFailed)
    def _screenshot_failed(self, event: DeliveryFailed) -> None:
        event.prevent_default()
        if event.name == "screenshot":
            self.notify("截图保存失败", title="截图", severity="error", markup=False)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, and in ASCII mode the one that narrows ambiguous characters."""
        filters = list(super().get_line_filters())
        return [*filters, self._narrow_filter] if self.ascii_mode else filters

    def on_mount(self) -> None:
        for notice in self.notices:
            self.notify(self._text(notice), severity="warning", markup=False, timeout=15)
        if self.reports:
            self.push_screen(ReportListScreen(self.reports))
            self.stage = "list"
            self.survey()
            return
        self._open_current()

    def _open_current(self) -> None:
        """Show ``pending`` (read first) or ``source`` in the inspector."""
        if self.pending is not None:
            name = self.pending.path.name
            self.push_screen(LoadingScreen(name, self.pending.pages, ascii_mode=self.ascii_mode))
            self.call_after_refresh(self._mark_shown, "frame")
            self.read_pdf()
        else:
            assert self.source is not None
            self._show_source(self.source)

    def _text(self, text: str) -> str:
        """One line of the app's own for the screen (narrowed in ASCII mode)."""
        text = neutralise(text, tabs=" ")
        return narrow(text) if self.ascii_mode else text

    def _show_source(self, source: SourceText) -> None:
        self.source = source
        screen = InspectorScreen(source, severity=self.severity, line=self.line)
        if isinstance(self.screen, LoadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self.stage = "loading"
        self.call_after_refresh(self._mark_shown, "source")
        self.analyse()

    # -- several reports ------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="survey")
    def survey(self) -> None:
        """Check every listed report in a thread, one row after the other."""
        worker = get_current_worker()
        for path in self.reports:
            if worker.is_cancelled:
                return
            row = survey(path, named=path not in self.found)
            self.post_message(ReportSurveyed(row))

    def on_report_surveyed(self, message: ReportSurveyed) -> None:
        self._report_list().update_row(message.row)

    def _report_list(self) -> ReportListScreen:
        return next(s for s in self.screen_stack if isinstance(s, ReportListScreen))

    @on(OpenReport)
    def _open_listed(self, message: OpenReport) -> None:
        """Open a report of the list in the inspector (over the list)."""
        try:
            opened = open_report(message.path)
        except InputError as exc:
            self.notify(self._text(str(exc)), severity="error", markup=False)
            return
        self.pending = opened if isinstance(opened, PendingPdf) else None
        self.source = None if isinstance(opened, PendingPdf) else opened
        self.line = None
        self.read_error = None
        self.previous_path = self._report_list().last_year_of(message.path)
        if self.previous_path is not None:
            self.notify(
                self._text(f"与上年报告 {self.previous_path.name} 对照"), markup=False, timeout=6
            )
        self.stage = "reading" if self.pending is not None else "loading"
        self.shown_at = {}
        self._shown_event = asyncio.Event()
        self.generation += 1
        self._open_current()

    def back_to_list(self) -> bool:
        """Leave the report for the list (``False`` when there is no list)."""
        if not self.reports:
            return False
        self.workers.cancel_group(self, "default")
        self.workers.cancel_group(self, "read")
        listing = self._report_list()
        for screen in self.screen_stack:
            if isinstance(screen, InspectorScreen) and screen.reviewing.review is not None:
                done, total = screen.reviewing.review.progress()
                listing.set_reviewed(screen.path, done, total)
        while self.screen is not listing:
            self.pop_screen()
        self.stage = "list"
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No command palette while the PDF is read (there is nothing to jump to)."""
        if action == "command_palette" and self.stage == "reading":
            return False
        return super().check_action(action, parameters)

    # -- reading a PDF ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="read")
    def read_pdf(self) -> None:
        """Read the pending PDF's pages in a daemon thread, and wait for it here until
        cancelled: as for ``analyse``, quitting (``q``) or Esc never waits for a page."""
        assert self.pending is not None
        _in_daemon(self._reading, self.pending, self.generation)

    def _reading(
        self, pending: PendingPdf, generation: int, worker: Worker[None], done: threading.Event
    ) -> None:
        """The PDF's pages read, as messages (none once the worker is cancelled)."""

        def progress(read: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Stopped
            self.post_message(ReadProgress(read, total))

        def shown(number: int, lines: tuple[str, ...]) -> None:
            if not worker.is_cancelled:
                self.post_message(PageRead(number, lines, generation))

        try:
            source = pending.read(progress, shown)
        except InputError as exc:
            if not worker.is_cancelled:
                self.post_message(ReadFailed(str(exc), generation))
        except Exception as exc:  # a bug in the reader: one line, as the command line says it
            if not worker.is_cancelled:
                text = " ".join(str(exc).split())
                message = f"内部错误：{exc.__class__.__name__}: {text}"
                self.post_message(ReadFailed(message, generation))
        else:
            if not worker.is_cancelled:
                self.post_message(SourceRead(source, generation))
        finally:
            done.set()

    def action_cancel_read(self) -> None:
        """Esc while a PDF is read: back to the report list, or quit when there is none."""
        self.workers.cancel_group(self, "read")
        if not self.back_to_list():
            self.exit()

    def on_page_read(self, message: PageRead) -> None:
        if message.generation == self.generation and isinstance(self.screen, LoadingScreen):
            self.screen.show_page(message.number, message.lines)

    def on_read_progress(self, message: ReadProgress) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.show_progress(message.done, message.total)

    def on_source_read(self, message: SourceRead) -> None:
        if message.generation == self.generation:
            self._show_source(message.source)

    def on_read_failed(self, message: ReadFailed) -> None:
        if message.generation != self.generation:
            return
        if self.reports:  # one bad report of the list: say so, back to the list
            self.notify(self._text(message.error), severity="error", markup=False)
            self.back_to_list()
            return
        self.read_error = message.error
        self.stage = "failed"
        self._shown_event.set()
        self.exit(return_code=2)

    # -- analysing --------------------------------------------------------------------------

    @property
    def inspector(self) -> InspectorScreen:
        """The main screen (whatever is on top of it)."""
        return next(s for s in self.screen_stack if isinstance(s, InspectorScreen))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def analyse(self) -> None:
        """Parse and check in a daemon thread, and wait for it here until cancelled.

        Textual joins its worker threads at exit, and the rules can run for seconds: the
        pipeline runs in a daemon thread that exit does not wait for, so ``q`` quits at once.
        """
        assert self.source is not None
        _in_daemon(self._analysis, self.source, self.generation)

    def _analysis(
        self, source: SourceText, generation: int, worker: Worker[None], done: threading.Event
    ) -> None:
        """The pipeline's stages as messages (last year's report read first, when compared),
        until the worker is cancelled."""
        try:
            analyser = self.analyser
            if self.previous_path is not None and self.analyser is stages:
                previous = self._read_previous(self.previous_path, generation)
                if previous is not None:
                    analyser = partial(stages, previous=previous)
            for stage in analyser(source, self.checker):
                if worker.is_cancelled:
                    return
                if not isinstance(stage, Indexed):
                    self.post_message(StageReady(stage, generation=generation))
                    continue
                # The review keeps the findings as fa-tui wrote them (before ASCII mode).
                facts = report_facts(stage.report, stage.index.findings)
                if self.ascii_mode:
                    findings = stage.index.findings
                    findings[:] = [narrow_finding(f) for f in findings]  # same order and spans
                review = Review.open(facts, self.review_path)
                self.post_message(StageReady(stage, review, generation))
        except Exception as exc:  # a bug in a parser or rule: tell the reviewer, keep the UI
            if not worker.is_cancelled:
                self.post_message(LoadFailed(describe_failure(exc), generation))
        finally:
            done.set()

    def _read_previous(self, path: Path, generation: int) -> Report | None:
        """Last year's report, parsed (in the worker); a notice when it cannot be read."""
        from fa_tui.pipeline import load_report

        try:
            previous = load_report(path)
        except InputError as exc:
            self.post_message(PreviousRead(None, f"上年报告无法读取，未作对照：{exc}", generation))
            return None
        self.post_message(PreviousRead(previous, "", generation))
        return previous

    def on_previous_read(self, message: PreviousRead) -> None:
        screen = next((s for s in self.screen_stack if isinstance(s, InspectorScreen)), None)
        if screen is None or message.generation != self.generation:
            return
        if message.report is not None:
            screen.previous = message.report
        else:
            screen.say(self._text(message.problem), "warning")

    def on_stage_ready(self, message: StageReady) -> None:
        stage = message.stage
        screen = next((s for s in self.screen_stack if isinstance(s, InspectorScreen)), None)
        if screen is None or message.generation != self.generation:
            return  # from a report the reviewer has left
        if isinstance(stage, Outlined):
            screen.show_outline(stage.report)
        elif isinstance(stage, Described):
            screen.show_parsed(stage.report)
        else:
            screen.show_findings(stage.report, stage.index, stage.marks)
            if message.review is not None:
                screen.show_review(message.review)
        self.stage = STAGE_NAMES[type(stage)]
        self.call_after_refresh(self._mark_shown, self.stage)

    def on_load_failed(self, message: LoadFailed) -> None:
        if message.generation != self.generation:
            return
        self.inspector.show_failure(message.error)
        self.stage = "failed"
        self.call_after_refresh(self._mark_shown, "failed")

    def _mark_shown(self, stage: str) -> None:
        self.shown_at.setdefault(stage, time.perf_counter())
        if stage in ("checked", "failed"):
            self._shown_event.set()

    async def wait_until_ready(self, timeout: float | None = None) -> str:
        """Wait until the findings (or the analysis failure) are on screen; returns ``stage``.

        Raises ``TimeoutError`` after ``timeout`` seconds.
        """
        await asyncio.wait_for(self._shown_event.wait(), timeout)
        return self.stage


def _in_daemon(target: Callable[..., None], *args: object) -> None:
    """Run ``target(*args, worker, done)`` in a daemon thread and wait here (in the current
    thread worker) until it sets ``done`` or the worker is cancelled. Textual joins its worker
    threads at exit; a daemon thread is not joined, so quitting never waits for the work."""
    worker = get_current_worker()
    done = threading.Event()
    threading.Thread(target=target, args=(*args, worker, done), daemon=True).start()
    while not done.wait(0.05) and not worker.is_cancelled:
        pass


@dataclass(frozen=True)
class ReadyTimes:
    """Seconds from the start of ``time_to_ready`` (reading the file included)."""

    source: float  # the screen is up with the source text
    outline: float  # the tree of parts and sections is shown
    findings: float  # the findings are listed (or the failure is shown)
    stage: str  # "checked", or "failed"


async def time_to_ready(
    path: str | Path, size: tuple[int, int] = (120, 40), timeout: float = 120.0
) -> ReadyTimes:
    """Open the inspector headless on ``path`` and time it until the findings are shown.

    For ``bench/``: ``asyncio.run(time_to_ready("report.txt"))``. Raises ``InputError`` for an
    unreadable file, ``TimeoutError`` if the findings are not shown within ``timeout``.
    """
    from fa_tui.ingest import read_report

    start = time.perf_counter()
    app = InspectorApp(read_report(path))
    async with app.run_test(size=size):
        stage = await app.wait_until_ready(timeout)
    last = app.shown_at.get("checked", app.shown_at.get("failed", 0.0))
    return ReadyTimes(
        source=app.shown_at.get("source", last) - start,
        outline=app.shown_at.get("outline", last) - start,
        findings=last - start,
        stage=stage,
    )
