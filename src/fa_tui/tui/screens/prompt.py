"""A one-line prompt at the bottom of the screen (search, go to line, code filter)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line; Enter returns it, Esc closes with ``None``. ``on_change`` sees the
    text as it is typed (a filter that follows the keys)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]  # noqa: RUF012

    def __init__(
        self,
        label: str,
        value: str = "",
        placeholder: str = "",
        *,
        on_change: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.on_change = on_change
        self.label = label
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Horizontal(id="prompt-bar"):
            yield Label(self.label, id="prompt-label", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.on_change is not None:
            self.on_change(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
