"""The source pane: the report text with line numbers and findings highlighted inline.

A ``ScrollView`` with the Line API: only the visible lines are rendered, each from the original
line made safe (``display.display_line``) and styled over exact character spans. A pointer line
(``cursor_line``) moves with the keys; jumps put their line in the middle of the pane.

Rendering costs O(visible lines), whatever the size of the report: display data is made lazily
per line (and, for a very long line, only for the chunks that reach the screen), search matches
and finding marks are looked up per line, never scanned.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
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

from fa_tui.model import Severity, SourceText, Span
from fa_tui.tui import styles
from fa_tui.tui.display import DisplayLine, display_line, styled_line, styled_window
from fa_tui.tui.figure_search import finder
from fa_tui.tui.marks import LineMarks, piece_on_line

# Search stops collecting matches after this many (a one-letter query on a huge report).
MAX_MATCHES = 100_000


@dataclass(frozen=True)
class Match:
    """One search match: 1-based line and original [column, end_column)."""

    line: int
    column: int
    end_column: int


class SourceView(ScrollView, can_focus=True):
    """The report text, a line-number gutter, highlighted findings, search and go-to-line."""

    BINDINGS = [  # noqa: RUF012
        Binding("up,k", "cursor(-1)", "上移", show=False),
        Binding("down,j", "cursor(1)", "下移", show=False),
        Binding("pageup", "page(-1)", "上一页", show=False),
        Binding("pagedown,space", "page(1)", "下一页", show=False),
        Binding("home", "edge(0)", "开头", show=False),
        Binding("end", "edge(1)", "结尾", show=False),
        Binding("left,h", "scroll_columns(-8)", "左移", show=False),
        Binding("right,l", "scroll_columns(8)", "右移", show=False),
        Binding("enter", "activate", "本行问题", show=False),
        Binding("slash", "screen.search", "搜索"),  # the footer's keys while it has the focus
        Binding("g", "screen.goto_line", "跳行"),
    ]

    cursor_line: reactive[int] = reactive(1, init=False)

    class LineActivated(Message):
        """Enter on a source line."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source: SourceText | None = None
        self.marks = LineMarks()
        self.node_regions: tuple[Span, ...] = ()
        self.current: tuple[Span, Severity] | None = None
        self.target: Span | None = None
        self.matches: list[Match] = []
        self.matches_by_line: dict[int, list[int]] = {}
        self.match_index: int | None = None
        self.search_text: str = ""  # the last search (``query`` is a DOMNode method)
        self._gutter_digits = 3
        self._height = 0
        self._display = lru_cache(maxsize=4096)(self._make_display)

    # -- content -------------------------------------------------------------------------

    def set_source(self, source: SourceText) -> None:
        """Show ``source`` (resets marks, search and position)."""
        self.source = source
        self._display.cache_clear()
        self._gutter_digits = max(3, len(str(source.line_count)))
        # An upper bound of the widest line, without measuring every line: a character takes
        # at most TAB_SIZE cells (a tab) or 8 (a placeholder such as <U+202E>). Scrolling right
        # stops at the visible lines' real end (``action_scroll_columns``).
        longest = max(map(len, source.lines), default=0)
        self.virtual_size = Size(self.gutter_width + 8 * longest + 1, source.line_count)
        self.matches, self.matches_by_line, self.match_index, self.search_text = [], {}, None, ""
        self.set_reactive(SourceView.cursor_line, 1)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def set_marks(self, marks: LineMarks) -> None:
        """Replace the finding highlights."""
        self.marks = marks
        self.refresh()

    def set_node(self, regions: tuple[Span, ...]) -> None:
        """Mark the lines of the current tree node in the gutter."""
        self.node_regions = regions
        self.refresh()

    def set_current(self, span: Span | None, severity: Severity | None = None) -> None:
        """Emphasise the finding being looked at (``None`` clears)."""
        self.current = (span, severity or Severity.INFO) if span is not None else None
        self.refresh()

    def set_target(self, span: Span | None) -> None:
        """Emphasise a place jumped to from elsewhere (a table cell, a related span)."""
        self.target = span
        self.refresh()

    @property
    def gutter_width(self) -> int:
        """Cells taken by the pointer mark, the line number and a space."""
        return self._gutter_digits + 2

    @property
    def line_count(self) -> int:
        """Number of lines shown."""
        return self.source.line_count if self.source else 0

    def _make_display(self, number: int) -> DisplayLine:
        assert self.source is not None
        return display_line(self.source.line(number))

    # -- moving ---------------------------------------------------------------------------

    def validate_cursor_line(self, value: int) -> int:
        return min(max(1, value), max(1, self.line_count))

    def watch_cursor_line(self, old: int, new: int) -> None:
        top = int(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if new - 1 < top:
            self.scroll_to(y=new - 1, animate=False)
        elif new - 1 >= top + height:
            self.scroll_to(y=new - height, animate=False)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """When the pane changes height (panes resize with the focus), centre the pointer."""
        if event.size.height != self._height:
            self._height = event.size.height
            if self.source is not None:
                self.go_to(self.cursor_line)

    def _now_and_after_layout(self, scroll: Callable[[], None]) -> None:
        """Scroll now, and again once a pane that was just shown has its size."""
        scroll()
        self.call_after_refresh(scroll)
        self.refresh()

    def go_to(self, line: int, *, centre: bool = True) -> None:
        """Put the pointer on ``line``, in the middle of the pane when ``centre``."""
        self.set_reactive(SourceView.cursor_line, self.validate_cursor_line(line))

        def scroll() -> None:
            if centre:
                height = max(1, self.scrollable_content_region.height)
                self.scroll_to(y=max(0, self.cursor_line - 1 - height // 2), animate=False)
            else:
                self.watch_cursor_line(0, self.cursor_line)

        self._now_and_after_layout(scroll)

    def show_span(self, span: Span) -> None:
        """Centre the line of ``span`` and scroll sideways so that its start is visible."""
        self.go_to(span.line)
        line = self._display(span.line)
        start = line.cell_at(span.column)
        end = line.cell_at(span.end_column) if span.end_line == span.line else start + 1

        def scroll() -> None:
            body = max(1, self.scrollable_content_region.width - self.gutter_width)
            x = int(self.scroll_x)
            if start < x or end > x + body:
                self.scroll_to(x=max(0, start - 4), animate=False)

        self._now_and_after_layout(scroll)

    def show_region(self, line: int) -> None:
        """Show a node starting at ``line``: the line near the top of the pane."""
        self.set_reactive(SourceView.cursor_line, self.validate_cursor_line(line))
        self._now_and_after_layout(lambda: self.scroll_to(x=0, y=max(0, line - 2), animate=False))

    def action_cursor(self, delta: int) -> None:
        self.cursor_line += delta

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.cursor_line += direction * height
        self.scroll_to(y=int(self.scroll_y) + direction * height, animate=False)

    def action_edge(self, end: int) -> None:
        self.cursor_line = self.line_count if end else 1

    def action_scroll_columns(self, delta: int) -> None:
        x = max(0, int(self.scroll_x) + delta)
        if delta > 0 and not self._visible_reach(x):
            return  # nothing visible that far right
        self.scroll_to(x=x, animate=False)

    def _visible_reach(self, x: int) -> bool:
        """Whether a visible line has text at cell ``x`` (measures those lines up to ``x``)."""
        top = int(self.scroll_y) + 1
        bottom = min(self.line_count, top + self.scrollable_content_region.height - 1)
        return any(self._display(n).reaches(x) for n in range(top, bottom + 1))

    def action_activate(self) -> None:
        self.post_message(self.LineActivated(self.cursor_line))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self.cursor_line = int(self.scroll_y) + offset.y + 1

    # -- search ---------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find ``query`` everywhere (``figure_search.finder``); go to the first match after
        the pointer."""
        self.search_text = query
        self.matches = []
        self.matches_by_line = {}
        self.match_index = None
        if self.source and query:
            found = finder(query)  # a figure however printed, else the text
            for number, text in enumerate(self.source.lines, start=1):
                for start, end in found(text):
                    self.matches_by_line.setdefault(number, []).append(len(self.matches))
                    self.matches.append(Match(number, start + 1, end + 1))
                    if len(self.matches) >= MAX_MATCHES:
                        break
                if len(self.matches) >= MAX_MATCHES:
                    break
        if self.matches:
            lines = [m.line for m in self.matches]
            first = bisect_left(lines, self.cursor_line)
            self._select_match(first if first < len(self.matches) else 0)
        self.refresh()
        return len(self.matches)

    def next_match(self, forward: bool = True) -> Match | None:
        """Go to the next (or previous) match, wrapping around."""
        if not self.matches:
            return None
        if self.match_index is None:
            return self._select_match(0)
        step = 1 if forward else -1
        return self._select_match((self.match_index + step) % len(self.matches))

    def _select_match(self, index: int) -> Match:
        self.match_index = index
        match = self.matches[index]
        self.show_span(Span.at(match.line, match.column, match.end_column))
        return match

    # -- rendering ------------------------------------------------------------------------

    def line_ranges(self, number: int) -> list[tuple[int, int, Style]]:
        """Every styled range of line ``number``, in the order they are applied."""
        ranges = list(self.marks.ranges.get(number, ()))
        for i in self.matches_by_line.get(number, ()):
            match = self.matches[i]
            style = styles.CURRENT_MATCH if i == self.match_index else styles.MATCH
            ranges.append((match.column, match.end_column, style))
        if self.source is not None:
            if self.current is not None:
                span, severity = self.current
                piece = piece_on_line(span, number, self.source)
                if piece is not None:
                    ranges.append((*piece, styles.SPAN[severity] + styles.CURRENT))
            if self.target is not None:
                piece = piece_on_line(self.target, number, self.source)
                if piece is not None:
                    ranges.append((*piece, styles.TARGET))
        return ranges

    def line_text(self, number: int) -> Text:
        """Line ``number`` as styled text (without gutter)."""
        base = styles.POINTER_LINE if number == self.cursor_line else None
        return styled_line(self._display(number), self.line_ranges(number), base)

    def gutter_text(self, number: int) -> Text:
        """The gutter of line ``number``: pointer mark and line number."""
        pointer = number == self.cursor_line
        severity = self.marks.gutter.get(number)
        if severity is not None:
            style = styles.BADGE[severity]
        elif any(r.contains_line(number) for r in self.node_regions):
            style = styles.GUTTER_NODE
        else:
            style = styles.GUTTER
        text = Text(">" if pointer else " ", style=styles.POINTER if pointer else "")
        text.append(f"{number:>{self._gutter_digits}} ", style=style)
        return text

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        number = int(self.scroll_y) + y + 1
        base = self.rich_style
        if self.source is None or number > self.line_count:
            return Strip.blank(width, base)
        console = self.app.console
        gutter = Strip(self.gutter_text(number).render(console), self.gutter_width)
        body_width = max(0, width - self.gutter_width)
        x = int(self.scroll_x)
        # Only the chunks of the line that reach the screen are styled and rendered.
        window = self._display(number).window(x, body_width)
        base_line = styles.POINTER_LINE if number == self.cursor_line else None
        text = styled_window(window, self.line_ranges(number), base_line)
        body = Strip(list(text.render(console)), text.cell_len)
        body = body.crop(x - window.cell, x - window.cell + body_width)
        if body.cell_length < body_width:
            pad_style = styles.POINTER_LINE if number == self.cursor_line else Style()
            body = Strip(
                [*body, Segment(" " * (body_width - body.cell_length), pad_style)], body_width
            )
        return Strip.join([gutter, body]).apply_style(base).simplify()
