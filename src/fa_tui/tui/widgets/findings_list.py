"""The findings list: one line per finding (severity, code, line, short message)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fa_tui.model import Finding
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles


def finding_line(finding: Finding, *, dim: bool = False) -> Text:
    """The one-line summary of ``finding`` (plain text, never markup)."""
    text = Text(no_wrap=True, overflow="crop")
    letter = styles.SEVERITY_LETTER[finding.severity]
    text.append(f"{letter} ", style=styles.BADGE[finding.severity])
    text.append(f"{finding.code} ", style="bold")
    where = f"L{finding.span.line}" if finding.span else "-"
    text.append(f"{where:>5} ", style=styles.MUTED)
    message = " ".join(neutralise(finding.message, tabs=" ").split())
    text.append(message, style=styles.MUTED if dim else "")
    return text


class FindingsList(OptionList):
    """The findings shown (filtered, the tree node's own first); option ids are finding indices."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.order: list[int] = []

    def load(self, findings: Sequence[Finding], order: list[int], own: int) -> None:
        """Show ``findings[i]`` for ``i`` in ``order``; the first ``own`` belong to the node."""
        keep = self.current
        self.order = list(order)
        options: list[Option | None] = []
        for pos, i in enumerate(order):
            if pos == own and own:
                options.append(None)  # a divider between the node's findings and the rest
            dim = bool(own) and pos >= own
            options.append(Option(finding_line(findings[i], dim=dim), id=str(i)))
        self.set_options(options)
        if keep is not None and keep in self.order:
            self.highlight(keep)
        elif self.order:
            self.highlighted = 0
        # A one-line list (when the content pane has the focus) shows the current finding.
        self.call_after_refresh(self.scroll_to_highlight)

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)

    @property
    def current(self) -> int | None:
        """The finding index under the cursor."""
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def highlight(self, finding: int) -> None:
        """Move the cursor to finding ``finding`` (if shown)."""
        if str(finding) in {o.id for o in self.options}:
            self.highlighted = self.get_option_index(str(finding))
