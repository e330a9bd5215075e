"""Messages between the loading worker, the panes and the inspector screen."""

from __future__ import annotations

from textual.message import Message

from fa_tui.model import Span
from fa_tui.tui.worker import Stage


class StageReady(Message):
    """The worker finished one stage of the analysis (outline, tables, findings)."""

    def __init__(self, stage: Stage) -> None:
        super().__init__()
        self.stage = stage


class LoadFailed(Message):
    """The worker could not parse or check the report; ``error`` is one line for the reviewer."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class JumpToSource(Message):
    """A pane asks for the source view at ``span`` (a table cell, a related span)."""

    def __init__(self, span: Span) -> None:
        super().__init__()
        self.span = span
