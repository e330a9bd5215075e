"""Messages between the loading worker, the panes and the inspector screen."""

from __future__ import annotations

from textual.message import Message

from fa_tui.model import Report, SourceText, Span
from fa_tui.review.session import Review
from fa_tui.tui.survey import ReportRow
from fa_tui.tui.worker import Stage


class StageReady(Message):
    """The worker finished one stage of the analysis (outline, tables, findings); with the
    findings comes the reviewer's ``review`` of them (a ``review.session.Review``)."""

    def __init__(self, stage: Stage, review: Review | None = None, generation: int = 0) -> None:
        super().__init__()
        self.stage = stage
        self.review = review
        self.generation = generation  # the app's report it is about (several reports)


class LoadFailed(Message):
    """The worker could not parse or check the report; ``error`` is one line for the reviewer."""

    def __init__(self, error: str, generation: int = 0) -> None:
        super().__init__()
        self.error = error
        self.generation = generation


class JumpToSource(Message):
    """A pane asks for the source view at ``span`` (a table cell, a related span)."""

    def __init__(self, span: Span) -> None:
        super().__init__()
        self.span = span


class ReadProgress(Message):
    """The reader has read ``done`` of the PDF's ``total`` pages."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class SourceRead(Message):
    """The PDF has been read: its text, ready to show."""

    def __init__(self, source: SourceText, generation: int = 0) -> None:
        super().__init__()
        self.source = source
        self.generation = generation


class ReadFailed(Message):
    """The PDF could not be read; ``error`` is the one line for the reviewer."""

    def __init__(self, error: str, generation: int = 0) -> None:
        super().__init__()
        self.error = error
        self.generation = generation


class ReportSurveyed(Message):
    """A report of the list is checked: its row."""

    def __init__(self, row: ReportRow) -> None:
        super().__init__()
        self.row = row


class PreviousRead(Message):
    """Last year's report is read (``report``), or could not be (``problem``)."""

    def __init__(self, report: Report | None, problem: str, generation: int = 0) -> None:
        super().__init__()
        self.report = report
        self.problem = problem
        self.generation = generation


class PageRead(Message):
    """A page of the PDF is read: its printed lines, for the preview while the rest is read."""

    def __init__(self, number: int, lines: tuple[str, ...], generation: int = 0) -> None:
        super().__init__()
        self.number = number
        self.lines = lines
        self.generation = generation
