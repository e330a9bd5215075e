"""The findings list: one line per finding (severity, code, line, short message).

A ``ScrollView`` with the Line API, like the source pane: reloading it (the tree cursor moved, a
filter changed) only rebuilds a list of indices, and only the visible rows are ever turned into
text, so a report with thousands of findings stays responsive. (``OptionList`` measures every
option on each reload: seconds per tree move with 5,000 findings.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from fa_tui.model import Finding
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles

DIVIDER = -1  # a row that separates the tree node's findings from the others


def finding_line(
    finding: Finding, *, dim: bool = False, mark: str | None = None, new: bool = False
) -> Text:
    """The one-line summary of ``finding`` (plain text, never markup): severity, the reviewer's
    mark (``mark``, a ``Status`` value), code, line, ``新`` when ``new``, message."""
    text = Text(no_wrap=True, overflow="crop", end="")
    letter = styles.SEVERITY_LETTER[finding.severity]
    text.append(f"{letter} ", style=styles.BADGE[finding.severity])
    if mark is not None and mark in styles.MARK_LETTER:
        text.append(f"{styles.MARK_LETTER[mark]} ", style=styles.MARK_STYLE[mark])
    text.append(f"{finding.code} ", style="bold")
    where = f"L{finding.span.line}" if finding.span else "-"
    text.append(f"{where:>5} ", style=styles.MUTED)
    if new:
        text.append("新 ", style="bold")
    dim = dim or mark == "dismissed"
    message = " ".join(neutralise(finding.message, tabs=" ").split())
    text.append(message, style=styles.MUTED if dim else "")
    return text


class FindingsList(ScrollView, can_focus=True):
    """The findings shown (filtered, the tree node's own first), one row each.

    ``order`` holds indices into the findings; the rows are ``order`` with a divider after the
    node's own findings. ``cursor`` is the row under the cursor.
    """

    COMPONENT_CLASSES = {"findings-list--cursor"}  # noqa: RUF012
    DEFAULT_CSS = """
    FindingsList > .findings-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    FindingsList:focus > .findings-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS = [  # noqa: RUF012
        Binding("up,k", "move(-1)", "上移", show=False),
        Binding("down,j", "move(1)", "下移", show=False),
        Binding("pageup", "page(-1)", "上一页", show=False),
        Binding("pagedown", "page(1)", "下一页", show=False),
        Binding("home", "edge(0)", "开头", show=False),
        Binding("end", "edge(1)", "结尾", show=False),
        Binding("enter", "select", "跳转"),  # the footer's keys while it has the focus
        Binding("f", "screen.filter_severity", "级别"),
        Binding("s", "screen.toggle_sort", "排序"),
        Binding("slash", "filter", "筛选"),
    ]

    cursor: reactive[int] = reactive(-1, init=False)

    class Highlighted(Message):
        """The cursor moved to finding ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class FilterRequested(Message):
        """``/`` in the list: filter it by typing."""

    class Selected(Message):
        """Enter (or a click on the cursor row) on finding ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: Sequence[Finding] = ()
        self.order: list[int] = []
        self.own = 0
        self.rows: list[int] = []
        self._row_of: dict[int, int] = {}
        self.marks: Mapping[int, str] = {}  # finding index -> the reviewer's mark
        self.new: AbstractSet[int] = frozenset()
        self._text = lru_cache(maxsize=1024)(self._make_text)

    # -- content -------------------------------------------------------------------------

    def set_marks(self, marks: Mapping[int, str], new: AbstractSet[int]) -> None:
        """Show the reviewer's marks and the new findings on the rows."""
        self.marks = marks
        self.new = new
        self._text.cache_clear()
        self.refresh()

    def load(self, findings: Sequence[Finding], order: list[int], own: int) -> None:
        """Show ``findings[i]`` for ``i`` in ``order``; the first ``own`` belong to the node."""
        keep = self.current
        if findings is not self.findings:
            self._text.cache_clear()
        self.findings = findings
        self.order = list(order)
        self.own = own
        self.rows = (
            [*order[:own], DIVIDER, *order[own:]] if own and own < len(order) else list(order)
        )
        self._row_of = {i: row for row, i in enumerate(self.rows) if i != DIVIDER}
        self.virtual_size = Size(self.size.width, len(self.rows))
        if keep is not None and keep in self._row_of:
            self._move_to(self._row_of[keep])
        else:
            self._move_to(0 if self.rows else -1)
        self.refresh()

    @property
    def current(self) -> int | None:
        """The finding index under the cursor."""
        if 0 <= self.cursor < len(self.rows) and self.rows[self.cursor] != DIVIDER:
            return self.rows[self.cursor]
        return None

    def highlight(self, finding: int) -> None:
        """Move the cursor to finding ``finding`` (if shown)."""
        row = self._row_of.get(finding)
        if row is not None:
            self._move_to(row)

    def _move_to(self, row: int) -> None:
        """Put the cursor on ``row`` (always posts ``Highlighted`` for a finding row)."""
        if row != self.cursor:
            self.cursor = row  # the watcher posts and scrolls
        elif self.current is not None:
            self.post_message(self.Highlighted(self.current))
            self._scroll_to_cursor()

    def watch_cursor(self, old: int, new: int) -> None:
        if self.current is not None:
            self.post_message(self.Highlighted(self.current))
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        def scroll() -> None:
            height = max(1, self.scrollable_content_region.height)
            top = int(self.scroll_y)
            if self.cursor < top:
                self.scroll_to(y=self.cursor, animate=False)
            elif self.cursor >= top + height:
                self.scroll_to(y=self.cursor - height + 1, animate=False)

        scroll()
        self.call_after_refresh(scroll)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))
        self._scroll_to_cursor()

    # -- keys and mouse -------------------------------------------------------------------

    def _step(self, row: int, step: int) -> int:
        """``row`` moved to the nearest finding row in direction ``step`` (clamped)."""
        row = min(max(row, 0), len(self.rows) - 1)
        while 0 <= row < len(self.rows) and self.rows[row] == DIVIDER:
            row += step
        if not 0 <= row < len(self.rows):
            row = min(max(row, 0), len(self.rows) - 1)
            while 0 <= row < len(self.rows) and self.rows[row] == DIVIDER:
                row -= step
        return row

    def action_move(self, step: int) -> None:
        if self.rows:
            self._move_to(self._step(self.cursor + step, step))

    def action_page(self, direction: int) -> None:
        if self.rows:
            height = max(1, self.scrollable_content_region.height - 1)
            self._move_to(self._step(self.cursor + direction * height, direction))

    def action_edge(self, end: int) -> None:
        if self.rows:
            self._move_to(self._step(len(self.rows) - 1, -1) if end else self._step(0, 1))

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_y) + offset.y
        if 0 <= row < len(self.rows) and self.rows[row] != DIVIDER:
            if row == self.cursor:
                self.action_select()
            else:
                self._move_to(row)

    # -- rendering ------------------------------------------------------------------------

    def _make_text(self, index: int, dim: bool) -> Text:
        mark = self.marks.get(index)
        return finding_line(self.findings[index], dim=dim, mark=mark, new=index in self.new)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_y) + y
        base = self.rich_style
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, base)
        index = self.rows[row]
        if index == DIVIDER:
            return Strip([Segment("-" * width, base + styles.MUTED)], width)
        dim = bool(self.own) and row > self.own
        text = self._text(index, dim)
        strip = Strip(list(text.render(self.app.console)), text.cell_len).crop(0, width)
        if strip.cell_length < width:
            strip = Strip([*strip, Segment(" " * (width - strip.cell_length))], width)
        if row == self.cursor:
            cursor: Style = self.get_component_rich_style("findings-list--cursor")
            strip = strip.apply_style(cursor)
        return strip.apply_style(base).simplify()
