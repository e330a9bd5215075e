"""The source pane: the report text with line numbers and findings highlighted inline.

A ``ScrollView`` with the Line API: only the visible rows are rendered, each from the original
line made safe (``display.display_line``) and styled over exact character spans. Prose is
soft-wrapped to the pane's width (``tui.wrap``): a line takes several screen rows, its number
on the first. Table rows (lines of a parsed table's rows, lines with tabs or with columns
aligned by blanks) and giant lines (over ``MAX_WRAP_CHARS`` characters) stay one row each and
scroll sideways, with ``◀``/``▶`` where they are cut. ``scroll_y`` counts rows; the pointer
(``cursor_line``) is a line; jumps put the row of their span in the middle of the pane.

Rendering costs O(visible rows), whatever the size of the report: display data is made lazily
per line (and, for a very long unwrapped line, only for the chunks that reach the screen), rows
are counted per line only as far as the view has looked (``wrap.RowIndex``, finished in the
background, made again only when the width or the table rows change), search matches and
finding marks are looked up per line, never scanned.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial

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
from textual.timer import Timer

from fa_tui import pattern_cache
from fa_tui.model import Severity, SourceText, Span, Table
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.display import DisplayLine, display_line, styled_line, styled_window
from fa_tui.tui.figure_search import finder
from fa_tui.tui.marks import LineMarks, piece_on_line
from fa_tui.tui.wrap import Row, RowIndex, clip, row_at, row_count, wrap_line

# Search stops collecting matches after this many (a one-letter query on a huge report).
MAX_MATCHES = 100_000
# A longer line is not wrapped (it would fill thousands of rows): it scrolls sideways.
MAX_WRAP_CHARS = 20_000
# Lines counted into rows at once; the rest of a long report is counted in the background.
COUNT_AT_ONCE = 20_000
COUNT_PER_TICK = 4_000
# Columns aligned with blanks (a table laid out with spaces): not prose.
_ALIGNED = pattern_cache.compile(r"\S {3,}\S")


@dataclass(frozen=True)
class Wrapped:
    """A prose line's display text and its rows at one width."""

    text: str
    rows: list[Row]


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
        self.table_lines: frozenset[int] = frozenset()  # lines of parsed table rows
        self._gutter_digits = 3
        self._height = 0
        self._width = 0  # the wrap width when the pane was last sized
        self._wide = 0  # the virtual width: room for the widest unwrapped line
        self._indexes: dict[int, RowIndex] = {}  # by wrap width
        self._counting: Timer | None = None
        self._display = lru_cache(maxsize=4096)(self._make_display)
        self._wrapped = lru_cache(maxsize=1024)(self._make_wrapped)

    # -- content -------------------------------------------------------------------------

    def set_source(self, source: SourceText) -> None:
        """Show ``source`` (resets marks, search and position)."""
        self.source = source
        self._display.cache_clear()
        self.table_lines = frozenset()
        self._gutter_digits = max(3, len(str(source.line_count)))
        # An upper bound of the widest line, without measuring every line: a character takes
        # at most TAB_SIZE cells (a tab) or 8 (a placeholder such as <U+202E>). Scrolling right
        # stops at the visible lines' real end (``action_scroll_columns``).
        longest = max(map(len, source.lines), default=0)
        self._wide = self.gutter_width + 8 * longest + 1
        self.matches, self.matches_by_line, self.match_index, self.search_text = [], {}, None, ""
        self.set_reactive(SourceView.cursor_line, 1)
        self._reindex()
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def set_tables(self, tables: Iterable[Table]) -> None:
        """Keep the lines of the tables' rows unwrapped: they scroll sideways, as tables."""
        lines = frozenset(
            n for t in tables for r in t.rows for n in range(r.span.line, r.span.end_line + 1)
        )
        if lines == self.table_lines or self.source is None:
            return
        top, k = self.row_index.line_at(int(self.scroll_y))
        self.table_lines = lines
        self._reindex()
        index = self.row_index
        self._scroll(y=index.first_row(top) + min(k, index.rows(top) - 1))
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

    # -- wrapping -------------------------------------------------------------------------

    @property
    def wrap_width(self) -> int:
        """Cells of a wrapped row: the pane less gutter and scrollbar (0 before layout).

        The scrollbar is always reckoned with, so that the rows do not change when it shows.
        """
        width = self.size.width - self.styles.scrollbar_size_vertical - self.gutter_width
        return max(0, width) if self.size.width else 0

    def wraps(self, number: int) -> bool:
        """Whether line ``number`` is prose, wrapped to the pane (not a table row)."""
        if self.source is None or number in self.table_lines:
            return False
        line = self.source.line(number)
        return len(line) <= MAX_WRAP_CHARS and "\t" not in line and not _ALIGNED.search(line)

    def _prose(self, number: int) -> str:
        """The display text of a wrapped line (no tabs: controls made visible)."""
        assert self.source is not None
        return neutralise(self.source.line(number))

    def _make_wrapped(self, number: int, width: int) -> Wrapped:
        text = self._prose(number)
        return Wrapped(text, wrap_line(text, width))

    def _rows_of(self, width: int, number: int) -> int:
        if width <= 0 or not self.wraps(number):
            return 1
        return row_count(self._prose(number), width)

    @property
    def row_index(self) -> RowIndex:
        """The rows of the lines at the current width (counted as far as needed)."""
        width = self.wrap_width
        index = self._indexes.get(width)
        if index is None:
            if len(self._indexes) >= 4:
                self._indexes.clear()
            index = RowIndex(partial(self._rows_of, width), self.line_count)
            index.extend(COUNT_AT_ONCE)
            self._indexes[width] = index
        return index

    def _reindex(self) -> None:
        """Count rows afresh (a new source or new table rows)."""
        self._indexes.clear()
        self._wrapped.cache_clear()
        self._sync_size()

    def _sync_size(self) -> None:
        """Give the scroll view the rows counted so far; count the rest in the background."""
        index = self.row_index
        size = Size(self._wide, index.total)
        if self.virtual_size != size:
            self.virtual_size = size
        if index.complete:
            if self._counting is not None:
                self._counting.stop()
                self._counting = None
        elif self._counting is None:
            self._counting = self.set_interval(0.02, self._count_more)

    def _count_more(self) -> None:
        index = self.row_index
        index.extend(index.counted + COUNT_PER_TICK)
        self._sync_size()

    def _span_row(self, line: int, column: int = 1) -> int:
        """The row of the whole view that holds 1-based ``column`` of ``line``."""
        first = self.row_index.first_row(line)
        width = self.wrap_width
        if width <= 0 or not self.wraps(line):
            return first
        rows = self._wrapped(line, width).rows
        return first + row_at(rows, self._display(line).offset(column))

    def screen_row(self, line: int, column: int = 1) -> int:
        """Where ``column`` of ``line`` is on the pane (a row number from its top)."""
        return self._span_row(line, column) - int(self.scroll_y)

    @property
    def _rows_high(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _scroll(self, x: int | None = None, y: int | None = None) -> None:
        """Scroll at once, to rows counted (the virtual size first made to hold them)."""
        self._sync_size()
        self.scroll_to(x=x, y=y, animate=False)

    # -- moving ---------------------------------------------------------------------------

    def validate_cursor_line(self, value: int) -> int:
        return min(max(1, value), max(1, self.line_count))

    def watch_cursor_line(self, old: int, new: int) -> None:
        index = self.row_index
        first, rows = index.first_row(new), index.rows(new)
        top, height = int(self.scroll_y), self._rows_high
        y: int | None = None
        if first < top:
            y = first
        elif first + rows > top + height:
            y = min(first, first + rows - height)
        x = 0 if self.wraps(new) and self.scroll_x else None
        if x is not None or y is not None:
            self._scroll(x=x, y=y)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """When the pane changes size (panes resize with the focus), centre the pointer."""
        width = self.wrap_width
        if event.size.height != self._height or width != self._width:
            self._height, self._width = event.size.height, width
            if self.source is not None:
                self._sync_size()
                self._now_and_after_layout(lambda: self._centre(self.cursor_line))

    def _now_and_after_layout(self, scroll: Callable[[], None]) -> None:
        """Scroll now, and again once a pane that was just shown has its size."""
        scroll()
        self.call_after_refresh(scroll)
        self.refresh()

    def _centre(self, line: int, column: int = 1, x: int | None = None) -> None:
        """Put the row of ``column`` of ``line`` in the middle of the pane."""
        self._scroll(x=x, y=max(0, self._span_row(line, column) - self._rows_high // 2))

    def go_to(self, line: int, *, centre: bool = True) -> None:
        """Put the pointer on ``line``, in the middle of the pane when ``centre``; the view
        starts at the left edge."""
        self.set_reactive(SourceView.cursor_line, self.validate_cursor_line(line))

        def scroll() -> None:
            if centre:
                self._centre(self.cursor_line, x=0)
            else:
                self._scroll(x=0)
                self.watch_cursor_line(0, self.cursor_line)

        self._now_and_after_layout(scroll)

    def show_span(self, span: Span) -> None:
        """Centre the row of ``span``'s start; on an unwrapped line scroll sideways so that
        the start is visible."""
        self.set_reactive(SourceView.cursor_line, self.validate_cursor_line(span.line))
        line = self.cursor_line

        def scroll() -> None:
            if self.wraps(line) and self.wrap_width > 0:
                self._centre(line, span.column, x=0)
                return
            shown = self._display(line)
            start = shown.cell_at(span.column)
            end = shown.cell_at(span.end_column) if span.end_line == span.line else start + 1
            body = max(1, self.scrollable_content_region.width - self.gutter_width - 1)
            x = int(self.scroll_x)
            if start < x or end > x + body:
                x = max(0, start - 4)
            self._centre(line, x=x)

        self._now_and_after_layout(scroll)

    def show_region(self, line: int) -> None:
        """Show a node starting at ``line``: the line near the top of the pane."""
        self.set_reactive(SourceView.cursor_line, self.validate_cursor_line(line))
        self._now_and_after_layout(
            lambda: self._scroll(x=0, y=max(0, self.row_index.first_row(line) - 1))
        )

    def action_cursor(self, delta: int) -> None:
        self.cursor_line += delta

    def action_page(self, direction: int) -> None:
        """A screenful of rows up or down; the pointer moves as far."""
        height = max(1, self._rows_high - 1)
        index = self.row_index
        top = int(self.scroll_y)
        row = max(0, index.first_row(self.cursor_line) + direction * height)
        self.cursor_line = min(index.line_at(row)[0], self.line_count)
        self._scroll(y=max(0, top + direction * height))

    def action_edge(self, end: int) -> None:
        if end:
            self.cursor_line = self.line_count
        else:
            self.cursor_line = 1
            self._scroll(x=0, y=0)

    def action_scroll_columns(self, delta: int) -> None:
        x = max(0, int(self.scroll_x) + delta)
        if delta > 0 and not self._visible_reach(x):
            return  # nothing visible that far right
        self._scroll(x=x)

    def _visible_lines(self) -> range:
        """The lines with a row on the pane."""
        top = int(self.scroll_y)
        first, _ = self.row_index.line_at(top)
        last, _ = self.row_index.line_at(top + self._rows_high - 1)
        return range(first, min(last, self.line_count) + 1)

    def _visible_reach(self, x: int) -> bool:
        """Whether a visible unwrapped line has text at cell ``x`` (measured up to ``x``)."""
        return any(self._display(n).reaches(x) for n in self._visible_lines() if not self.wraps(n))

    def action_activate(self) -> None:
        self.post_message(self.LineActivated(self.cursor_line))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            line, _ = self.row_index.line_at(int(self.scroll_y) + offset.y)
            if line <= self.line_count:
                self.cursor_line = line

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

    def gutter_text(self, number: int, *, scrolled: bool = False) -> Text:
        """The gutter of line ``number``: pointer mark and line number (``◀`` after it when
        the line is scrolled sideways)."""
        pointer = number == self.cursor_line
        severity = self.marks.gutter.get(number)
        if severity is not None:
            style = styles.BADGE[severity]
        elif any(r.contains_line(number) for r in self.node_regions):
            style = styles.GUTTER_NODE
        else:
            style = styles.GUTTER
        text = Text(">" if pointer else " ", style=styles.POINTER if pointer else "")
        text.append(f"{number:>{self._gutter_digits}}", style=style)
        text.append("◀" if scrolled else " ", style=styles.EDGE_HINT if scrolled else "")
        return text

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.source is None:
            return Strip.blank(width, base)
        number, k = self.row_index.line_at(int(self.scroll_y) + y)
        if number > self.line_count:
            return Strip.blank(width, base)
        console = self.app.console
        body_width = max(0, width - self.gutter_width)
        if self.wraps(number) and self.wrap_width > 0:
            gutter = self.gutter_text(number) if k == 0 else Text(" " * self.gutter_width)
            body = self._wrapped_row(number, k, body_width)
        else:
            x = int(self.scroll_x)
            gutter = self.gutter_text(number, scrolled=x > 0)
            body = self._window_row(number, x, body_width)
        strip = Strip(gutter.render(console), self.gutter_width)
        return Strip.join([strip, body]).apply_style(base).simplify()

    def _fit(self, body: Strip, width: int, number: int) -> Strip:
        """``body`` cut or padded to ``width`` cells (padded in the pointer line's colour)."""
        if body.cell_length > width:
            body = body.crop(0, width)
        if body.cell_length < width:
            pad_style = styles.POINTER_LINE if number == self.cursor_line else Style()
            body = Strip([*body, Segment(" " * (width - body.cell_length), pad_style)], width)
        return body

    def _wrapped_row(self, number: int, k: int, width: int) -> Strip:
        """Row ``k`` of wrapped line ``number``, every range cut at the row's ends."""
        wrapped = self._wrapped(number, self.wrap_width)
        k = min(k, len(wrapped.rows) - 1)
        row = wrapped.rows[k]
        last = k == len(wrapped.rows) - 1
        text = Text(wrapped.text[row[0] : row[1]], no_wrap=True, end="")
        if number == self.cursor_line:
            text.stylize(styles.POINTER_LINE, 0, len(text))  # see ``styled_window``
        shown = self._display(number)
        for column, end_column, style in self.line_ranges(number):
            piece = clip(row, shown.offset(column), shown.offset(end_column), last)
            if piece is None:
                continue
            start, end = piece
            if end <= start:  # a zero-width range styles one cell
                end = start + 1
                if end > len(text):
                    text.append(" ")
            text.stylize(style, start, end)
        return self._fit(Strip(list(text.render(self.app.console)), text.cell_len), width, number)

    def _window_row(self, number: int, x: int, width: int) -> Strip:
        """Unwrapped line ``number`` from cell ``x``, ``▶`` at the right when it goes on."""
        shown = self._display(number)
        more = width > 1 and shown.reaches(x + width)
        visible = width - 1 if more else width
        # Only the chunks of the line that reach the screen are styled and rendered.
        window = shown.window(x, visible)
        base_line = styles.POINTER_LINE if number == self.cursor_line else None
        text = styled_window(window, self.line_ranges(number), base_line)
        body = Strip(list(text.render(self.app.console)), text.cell_len)
        body = self._fit(body.crop(x - window.cell, x - window.cell + visible), visible, number)
        if more:
            body = Strip([*body, Segment("▶", styles.EDGE_HINT)], width)
        return body
