"""The inspector app: opens the main screen at once and analyses the report in a thread worker."""

from __future__ import annotations

from textual import work
from textual.app import App

from fa_tui.model import SourceText
from fa_tui.tui.messages import LoadFailed, ReportLoaded
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.worker import Checker, analyse, describe_failure


class InspectorApp(App[None]):
    """Inspect one decoded report: parts tree, tables, source and findings."""

    CSS_PATH = "app.tcss"
    TITLE = "fa-tui"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self, source: SourceText, *, checker: Checker | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        self.source = source
        self.checker = checker
        if theme is None and self.console.color_system in ("standard", "windows"):
            # 16 colours: the truecolor themes would be approximated (red turns magenta);
            # the ANSI theme uses the terminal's own colours, so severities stay distinct.
            theme = "ansi-dark"
        if theme is not None:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(InspectorScreen(self.source.path))
        self.analyse()

    @property
    def inspector(self) -> InspectorScreen:
        """The main screen (whatever is on top of it)."""
        return next(s for s in self.screen_stack if isinstance(s, InspectorScreen))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def analyse(self) -> None:
        """Parse and check in a thread; only posts messages."""
        try:
            report, findings = analyse(self.source, self.checker)
        except Exception as exc:  # a bug in a parser or rule: tell the reviewer, keep the UI
            self.post_message(LoadFailed(describe_failure(exc)))
            return
        self.post_message(ReportLoaded(report, findings))

    def on_report_loaded(self, message: ReportLoaded) -> None:
        self.inspector.show_report(message.report, message.findings)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.inspector.show_failure(message.error)
