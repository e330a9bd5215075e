"""The main screen: header, parts tree, content (source or table), findings list and detail.

The screen owns the state (report, findings, filter, current node and finding); the panes only
display and post messages. Every action is reachable from the keyboard.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Static, Tree

from fa_tui.model import (
    Finding,
    PartName,
    Report,
    Severity,
    SourceText,
    Span,
    Table,
    TableStatus,
)
from fa_tui.review.session import Review
from fa_tui.safe_text import neutralise
from fa_tui.tui.clipboard import finding_text, save_copy, shown_path
from fa_tui.tui.index import (
    LEVEL_CYCLE,
    FindingFilter,
    FindingIndex,
    Node,
    NodeKind,
    build_nodes,
    ordered_for_node,
)
from fa_tui.tui.marks import LineMarks
from fa_tui.tui.messages import JumpToSource
from fa_tui.tui.pages import first_line_of_page, line_place, page_count
from fa_tui.tui.palette import InspectorCommands
from fa_tui.tui.screens.help import HelpScreen
from fa_tui.tui.screens.prompt import PromptScreen
from fa_tui.tui.screens.reviewing import REVIEW_BINDINGS, Reviewing
from fa_tui.tui.table_search import table_matches
from fa_tui.tui.widgets.finding_detail import FindingDetail
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.report_header import ReportHeader
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.status_line import StatusLine
from fa_tui.tui.widgets.table_view import (
    TableGrid,
    TableView,
    cell_on_line,
    find_cell,
    overlaps,
)


class InspectorScreen(Screen[None]):
    """The inspector over one report (the reviewer's marks: ``reviewing.py``)."""

    COMMANDS = {InspectorCommands}  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    ALLOW_IN_MAXIMIZED_VIEW = "#header, Footer"
    AUTO_FOCUS = "#source-view"  # readable at once; the tree takes over when it is built
    # The panes, by the id of their outermost widget; the screen carries "-pane-<id>" for the
    # pane holding the focus, and the style sheet sizes the panes by it.
    PANES = ("tree", "content", "findings", "detail")

    # Shown in the footer: the few keys of every pane; each pane shows its own keys first
    # (bindings on the pane widgets, shown while they have the focus).
    BINDINGS = [  # noqa: RUF012
        Binding("question_mark", "help", "帮助"),
        Binding("right_square_bracket", "next_finding(1)", "下一问题"),
        Binding("left_square_bracket", "next_finding(-1)", "上一问题", show=False),
        Binding("y", "copy_finding", "复制"),
        Binding("q", "quit", "退出"),
        Binding("slash", "search", "搜索", show=False),
        Binding("n", "next_match(1)", "下一个匹配", show=False),
        Binding("N,shift+n", "next_match(-1)", "上一个匹配", show=False),
        Binding("g,colon", "goto_line", "跳行", show=False),
        Binding("v", "toggle_view", "表/原文", show=False),
        Binding("f", "filter_severity", "级别", show=False),
        Binding("s", "toggle_sort", "排序", show=False),
        Binding("c", "filter_code", "代码", show=False),
        Binding("x", "clear_filter", "清除筛选", show=False),
        Binding("r", "next_related", "相关位置", show=False),
        Binding("1", "focus_pane('tree')", "目录", show=False),
        Binding("2", "focus_pane('content')", "内容", show=False),
        Binding("3", "focus_pane('findings')", "问题", show=False),
        Binding("4", "focus_pane('detail')", "详情", show=False),
        Binding("z", "maximize_pane", "放大", show=False),
        *REVIEW_BINDINGS,
        Binding("escape", "back", "返回列表", show=False),
    ]

    def __init__(
        self, source: SourceText, *, line: int | None = None, severity: Severity | None = None
    ) -> None:
        super().__init__()
        self.source = source
        self.start_line = line  # go there once the source is shown (``fa-tui FILE:LINE``)
        self.path = source.path
        self.report: Report | None = None
        self.index: FindingIndex | None = None
        self.checked = False  # the findings are in ``index`` (until then it holds no findings)
        self.filter = FindingFilter(frozenset({severity}) if severity else frozenset())
        self.filter_chosen = severity is not None  # a chosen filter: the default is not applied
        self.by_severity = False  # the list's order: by position, or most serious first
        self.node: Node | None = None
        self.current: int | None = None
        self.related_pos = -1
        self.table_node: Node | None = None
        # The tree nodes the tree was moved to by jumps, whose NodeHighlighted is still to come
        # (no preview to open: quick jumps can queue several).
        self.followed: set[str] = set()
        self.reviewing = Reviewing(self)  # the reviewer's marks (once read)
        self.previous: Report | None = None  # last year's report, compared (``--previous``)
        # The table cells found by the last search: (row, column index), in ``found_in``.
        self.cell_hits: list[tuple[int, int]] = []
        self.cell_hit = -1
        self.found_in: Table | None = None

    def compose(self) -> ComposeResult:
        yield ReportHeader(id="header")
        with Horizontal(id="body"):
            yield PartsTree(id="tree")
            with Vertical(id="main"):
                with ContentSwitcher(initial="source-view", id="content"):
                    yield SourceView(id="source-view")
                    yield TableView(id="table-view")
                with Horizontal(id="bottom"):
                    yield FindingsList(id="findings")
                    yield FindingDetail(id="detail")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReportHeader).show(None, None, self.display_path)
        self.query_one("#tree").border_title = "目录"
        self.query_one("#content").border_title = "原文"
        self.query_one("#findings").border_title = "问题"
        self.query_one("#detail").border_title = "详情"
        for pane in ("#tree", "#findings"):
            self.query_one(pane).loading = True
        source = self.query_one(SourceView)
        source.set_source(self.source)  # the text is readable at once; the rest fills in
        self._set_pane_class("content")
        if self.start_line is not None:
            self.call_after_refresh(self.go_to_line, self.start_line)
        self.set_interval(0.2, self.update_place)
        self.watch(source, "cursor_line", self._show_place)

    def say(self, message: str, severity: str = "information") -> None:
        """Tell the reviewer something on the status line (never cut at its start)."""
        self.query_one(StatusLine).say(message, severity)

    def update_place(self) -> None:
        """The status line's right end: the source line under the cursor (and its PDF page)."""
        source = self.query_one(SourceView)
        line, total = source.cursor_line, self.source.line_count
        place = f"L{line}/{total}"
        location = self.source.location(line)
        if location is not None and location.page is not None:
            place = f"第{location.page}页 " + place
        if self.reviewing.progress:
            place = f"{self.reviewing.progress}  {place}"
        self.query_one(StatusLine).set_place(place)

    def _show_place(self, line: int | None = None) -> None:
        """The content pane's title: the page and line of the pointer line in the original."""
        content = self.query_one(ContentSwitcher)
        if content.current == "table-view":
            content.border_title = "表格"
            return
        place = line_place(self.source, self.query_one(SourceView).cursor_line)
        content.border_title = f"原文  {place}" if place else "原文"

    @property
    def display_path(self) -> str:
        """The file's name, as shown in the header."""
        return self.path.name

    # -- loading --------------------------------------------------------------------------

    def show_outline(self, report: Report) -> None:
        """Stage 1: the header and the tree of parts and sections (tables still parsing)."""
        self.report = report
        nodes = [
            replace(n, children=()) if n.part is PartName.TABLES and n.present else n
            for n in build_nodes(report, self.previous)
        ]
        self.index = FindingIndex([], nodes)
        self.query_one(ReportHeader).show(report, None, self.display_path)
        tree = self.query_one(PartsTree)
        tree.load(self.index, pending=f"part:{PartName.TABLES.value}")
        tree.loading = False
        source = self.query_one(SourceView)
        untouched = source.cursor_line == 1 and source.scroll_offset == (0, 0)
        if untouched and self.focused in (None, source):
            self.set_focus(tree)  # the reviewer has not started reading yet: start from the tree
        self._follow_line(source.cursor_line)  # the tree's cursor shows where the reader is

    def show_parsed(self, report: Report) -> None:
        """Stage 2: the tables are parsed: put them into the tree."""
        self.report = report
        self.index = FindingIndex([], build_nodes(report, self.previous))
        self.query_one(SourceView).set_tables(report.tables)  # table rows stay unwrapped
        tables = next(n for n in self.index.roots if n.part is PartName.TABLES)
        self.query_one(PartsTree).update_branch(tables, self.index)

    def show_findings(self, report: Report, index: FindingIndex, marks: LineMarks) -> None:
        """Stage 3: the findings: counts, highlights, the list."""
        self.report = report
        self.index = index
        self.checked = True
        self.query_one(ReportHeader).show(report, index.totals(), self.display_path)
        self.query_one(SourceView).set_marks(marks)
        self.query_one(PartsTree).relabel(index)
        self.query_one("#findings").loading = False
        if not self.filter_chosen:
            self.filter = FindingFilter.default_for(index.findings)
        self.reload_findings()
        content = self.query_one(ContentSwitcher)
        if content.current == "table-view" and self.table_node is not None:
            grid = self.query_one(TableGrid)
            where = grid.cursor_coordinate
            self._show_table(focus=False)
            grid.cursor_coordinate = where

    def show_failure(self, error: str) -> None:
        """Tell the reviewer that the report could not be analysed."""
        for pane in ("#tree", "#content", "#findings"):
            self.query_one(pane).loading = False
        detail = self.query_one(FindingDetail)
        detail.query_one("#detail-body", Static).update(Text(neutralise(error), style="bold red"))
        self.say(neutralise(error), severity="error")

    # -- the tree ---------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _node_highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        # Preview only what the reviewer moves to (not the cursor moved by a reload).
        data = event.node.data
        if data is None:
            return
        if data.key in self.followed:
            self.followed.discard(data.key)
            return
        tree = self.query_one(PartsTree)
        if not tree.has_focus:
            return
        if data.kind is NodeKind.PART:
            tree.follow(data.key)  # the part in use is the one expanded
        if self.node is None or data.key != self.node.key:
            self.open_node(data, focus=False)

    @on(Tree.NodeSelected, "#tree")
    def _node_selected(self, event: Tree.NodeSelected[Node]) -> None:
        if event.node.data is not None:
            self.open_node(event.node.data, focus=True)

    def open_node_key(self, key: str) -> None:
        """Open the node ``key`` and show it in the tree (from the palette)."""
        tree = self.query_one(PartsTree)
        tree.follow(key)
        tree_node = tree.by_key.get(key)
        if tree_node is not None and tree_node.data is not None:
            self.open_node(tree_node.data, focus=True)

    def open_node(self, node: Node, *, focus: bool) -> None:
        """Show ``node`` in the content pane and put its findings first in the list."""
        self.node = node
        self.reload_findings(node_changed=True)
        table = node.table
        if (
            node.kind is NodeKind.TABLE
            and table is not None
            and table.status is not TableStatus.MISSING
        ):
            self.table_node = node
            if table.rows or table.status is not TableStatus.DATA or node.anchor is None:
                self._show_table(focus)
                return
        source = self.query_one(SourceView)
        source.set_node(node.regions)
        if node.kind is NodeKind.PREVIOUS:
            if focus and self.previous is not None:
                state = "" if node.present else "（缺失）"
                self.say(neutralise(f"上年报告 {self.previous.path.name}：{node.label}{state}"))
            return
        if node.anchor is None:
            self._switch("source-view")
            what = "表格" if node.kind is NodeKind.TABLE else "部分"
            if focus:
                self.say(f"该{what}在报告中缺失：{neutralise(node.label)}")
            return
        self._switch("source-view")
        source.set_target(None)
        source.show_region(node.anchor)
        if focus:
            source.focus()

    def _show_table(self, focus: bool, cell: tuple[int, str] | None = None) -> None:
        """Show ``table_node``'s table, the current finding's cells marked most, the cursor on
        ``cell`` (row, column key) when given."""
        node = self.table_node
        assert node is not None and node.table is not None
        assert self.index is not None
        view = self.query_one(TableView)
        findings = self.index.findings if self.checked else []
        view.show_table(node.table, findings, node.short, self._current_finding(), cell)
        self._switch("table-view")
        if focus:
            self.query_one(TableGrid).focus()

    def _current_finding(self) -> Finding | None:
        if self.index is None or not self.checked or self.current is None:
            return None
        return self.index.findings[self.current]

    def _table_nodes(self) -> list[Node]:
        """The tree's nodes of parsed tables with rows."""
        if self.index is None:
            return []
        return [
            n
            for n in self.index.nodes
            if n.kind is NodeKind.TABLE and n.table is not None and n.table.rows
        ]

    def _table_place(self, span: Span) -> tuple[Node, tuple[int, str]] | None:
        """The table node and cell (row, column key) that ``span`` lies in, if any."""
        for node in self._table_nodes():
            assert node.table is not None
            if node.contains(span):
                cell = find_cell(node.table, span)
                if cell is not None:
                    return node, cell
        return None

    def _table_at_line(self, line: int) -> tuple[Node, tuple[int, str] | None] | None:
        """The table printed on source ``line`` and its first cell on that line."""
        for node in self._table_nodes():
            assert node.table is not None
            if any(r.contains_line(line) for r in node.regions):
                return node, cell_on_line(node.table, line)
        return None

    def _switch(self, pane: str) -> None:
        content = self.query_one(ContentSwitcher)
        if content.current != pane:
            content.current = pane
        self._show_place()
        self.call_after_refresh(self._show_place)  # after the jump that follows has moved it

    # -- findings ---------------------------------------------------------------------------

    def reload_findings(self, *, node_changed: bool = False) -> None:
        """Reorder the list for the current node and filter. The finding under the cursor stays,
        unless the reviewer moved to a node with findings of its own: then its first one."""
        if self.index is None or not self.checked:
            return
        key = self.node.key if self.node is not None else None
        order, own = ordered_for_node(self.index, key, self.filter, by_severity=self.by_severity)
        listing = self.query_one(FindingsList)
        listing.load(self.index.findings, order, own)
        if node_changed and own and self.current not in order[:own]:
            listing.highlight(order[0])
        elif self.current is not None:
            listing.highlight(self.current)
        total = len(self.index.findings)
        title = f"问题 {len(order)}/{total}"
        if self.node is not None and own:
            title += f"  本节点 {own}"
        described = self.filter.describe()
        if described:
            title += f"  筛选：{described}"
        hidden = total - len(self.index.findings_passing(self.filter))
        if hidden:
            title += f" 隐藏{hidden}(x)"
        if self.by_severity:
            title += "  按级别"
        listing.border_title = Text(neutralise(title))
        if not order:
            self.query_one(FindingDetail).show(None, None)

    @on(FindingsList.Highlighted)
    def _finding_highlighted(self, event: FindingsList.Highlighted) -> None:
        if self.index is None or not self.checked:
            return
        self.show_detail(event.index)

    def show_detail(self, i: int) -> None:
        """Show finding ``i`` in the detail pane."""
        if self.index is None:
            return
        source = self.report.source if self.report else None
        self.query_one(FindingDetail).show(
            self.index.findings[i], source, self._position(i), self.reviewing.line(i)
        )

    @on(FindingsList.Selected)
    def _finding_selected(self, event: FindingsList.Selected) -> None:
        if self.maximized is not None:
            self.minimize()  # Enter goes to the source: show it
        self.jump_to_finding(event.index)

    def _position(self, i: int) -> str:
        order = self.query_one(FindingsList).order
        return f"{order.index(i) + 1}/{len(order)}" if i in order else ""

    def jump_to_finding(self, i: int, *, to_table: bool = True) -> None:
        """Go to finding ``i``: list cursor, detail, and its cell in its table (the cursor on
        it) or, for a finding in no table's cell (or not ``to_table``), the source view centred
        on its span. The source follows in both cases (``v`` shows it)."""
        if self.index is None or self.report is None or not self.checked:
            return
        finding = self.index.findings[i]
        self.current = i
        self.related_pos = -1
        listing = self.query_one(FindingsList)
        if i not in listing.order:
            self.filter = FindingFilter()
            self.reload_findings()
        listing.highlight(i)
        self.show_detail(i)
        source = self.query_one(SourceView)
        source.set_target(None)
        if finding.span is None:
            source.set_current(None)
            self.say("这条问题没有具体位置。")
            return
        source.set_current(finding.span, finding.severity)
        source.show_span(finding.span)
        self._follow_line(finding.span.line)
        reading = isinstance(self.focused, (SourceView, TableGrid))
        place = self._table_place(finding.span) if to_table else None
        if place is not None:
            self.table_node, cell = place
            self._show_table(focus=reading, cell=cell)
            return
        self._switch("source-view")
        if reading:
            source.focus()

    def _follow_line(self, line: int) -> None:
        """Let the tree show where ``line`` lies (its part expanded, the cursor on its node)."""
        tree = self.query_one(PartsTree)
        if self.index is None:
            return
        node = self.index.node_at_line(line)
        if node is None:  # before the first part (the cover): the first part
            node = next((n for n in self.index.roots if n.present), None)
        if node is not None:
            if tree.by_key.get(node.key) is not tree.cursor_node:
                self.followed.add(node.key)  # its NodeHighlighted is no preview to open
            tree.follow(node.key)

    def action_next_finding(self, step: int) -> None:
        """Next (``1``) or previous (``-1``) finding in the list, wrapping around."""
        order = self.query_one(FindingsList).order
        if not self.checked:
            self.say("正在检查，请稍候。")
            return
        if not order:
            self.say("没有问题。" if not self.filter.describe() else "筛选后没有问题。")
            return
        if self.current in order:
            pos = (order.index(self.current) + step) % len(order)
        else:
            pos = 0 if step > 0 else len(order) - 1
        self.jump_to_finding(order[pos])

    def action_next_related(self) -> None:
        """Visit the related spans of the current finding one by one."""
        if self.index is None or self.current is None:
            self.say("先选择一条问题。")
            return
        finding = self.index.findings[self.current]
        if not finding.related:
            self.say("这条问题没有相关位置。")
            return
        self.related_pos = (self.related_pos + 1) % len(finding.related)
        self._show_span(finding.related[self.related_pos].span, focus=False)

    # -- jumps from the panes -----------------------------------------------------------

    @on(JumpToSource)
    def _jump_to_source(self, event: JumpToSource) -> None:
        if self.maximized is not None:
            self.minimize()
        self._show_span(event.span, focus=True)

    def _show_span(self, span: Span, *, focus: bool) -> None:
        self._switch("source-view")
        source = self.query_one(SourceView)
        source.set_target(span)
        source.show_span(span)
        if focus:
            source.focus()

    @on(SourceView.LineActivated)
    def _line_activated(self, event: SourceView.LineActivated) -> None:
        if self.index is None or not self.checked:
            self.say("正在检查，请稍候。")
            return
        on_line = [
            i
            for i, f in enumerate(self.index.findings)
            if f.span is not None and f.span.line <= event.line <= f.span.end_line
        ]
        if not on_line:
            self.say(f"第 {event.line} 行没有问题。")
            return
        # Enter again on the line: the next of its findings, round all of them
        pos = on_line.index(self.current) + 1 if self.current in on_line else 0
        self.jump_to_finding(on_line[pos % len(on_line)], to_table=False)  # stay in the source

    # -- views, search, lines ---------------------------------------------------------------

    def action_toggle_view(self) -> None:
        """Switch between a table cell and its place in the source: the cell under the cursor
        (the current finding's, highlighted by severity) and its source line, and back."""
        content = self.query_one(ContentSwitcher)
        if content.current == "table-view":
            self._table_to_source()
        else:
            self._source_to_table()

    def _table_to_source(self) -> None:
        node = self.table_node
        grid = self.query_one(TableGrid)
        source = self.query_one(SourceView)
        self._switch("source-view")
        if node is not None:
            source.set_node(node.regions)
        here = grid.current_cell()
        span = grid.spans.get((grid.cursor_row, here[1])) if here is not None else None
        finding = self._current_finding()
        if span is not None:
            primary = finding.span if finding is not None else None
            on_finding = primary is not None and overlaps(primary, span)
            source.set_target(None if on_finding else span)
            source.show_span(span)
        elif node is not None and node.anchor is not None:
            source.show_region(node.anchor)
        source.focus()

    def _source_to_table(self) -> None:
        """The table cell at the source's pointer line: the current finding's, the place
        jumped to, or the first cell on the line; else the table last chosen."""
        source = self.query_one(SourceView)
        line = source.cursor_line
        finding = self._current_finding()
        place: tuple[Node, tuple[int, str] | None] | None = None
        for span in (finding.span if finding is not None else None, source.target):
            if place is None and span is not None and span.contains_line(line):
                place = self._table_place(span)
        if place is None:
            place = self._table_at_line(line)
        if place is not None:
            self.table_node = place[0]
            self._show_table(focus=True, cell=place[1])
        elif self.table_node is not None:
            self._show_table(focus=True)
        else:
            self.say("先在目录中选择一张表。")

    def action_search(self) -> None:
        """Ask for a text or a figure and search the source (and the table shown) for it."""
        source = self.query_one(SourceView)
        in_table = self.query_one(ContentSwitcher).current == "table-view"

        def done(query: str | None) -> None:
            if not query:
                return
            count = source.search(query)
            shown = neutralise(query)
            if in_table and self.query_one(TableGrid).table is not None:
                cells = self._search_table(query)
                if cells:
                    self.say(f"表中找到 {cells} 处（原文 {count} 处）。n 下一个，N 上一个。")
                elif count:
                    self.say(f"表中未找到：{shown}；原文中有 {count} 处（v 看原文）。", "warning")
                else:
                    self.say(f"未找到：{shown}", severity="warning")
                return
            self._switch("source-view")
            if count:
                self.say(f"找到 {count} 处。n 下一个，N 上一个。")
            else:
                self.say(f"未找到：{shown}", severity="warning")

        self.app.push_screen(PromptScreen("搜索：", source.search_text, "文字或数字"), done)

    def _search_table(self, query: str) -> int:
        """Find ``query`` in the cells of the table shown; the cursor to the first hit at or
        after it. Returns the number of cells found."""
        grid = self.query_one(TableGrid)
        assert grid.table is not None
        self.found_in = grid.table
        self.cell_hits = table_matches(grid.table, grid.columns, query)
        self.cell_hit = -1
        if self.cell_hits:
            here = (grid.cursor_row, grid.cursor_column)
            first = next((k for k, hit in enumerate(self.cell_hits) if hit >= here), 0)
            self._go_to_cell_hit(first)
        return len(self.cell_hits)

    def _go_to_cell_hit(self, k: int) -> None:
        self.cell_hit = k
        row, column = self.cell_hits[k]
        self.query_one(TableGrid).move_cursor(row=row, column=column, centre=True)

    def action_next_match(self, step: int) -> None:
        """Next (``1``) or previous (``-1``) match: in the table shown, else in the source."""
        source = self.query_one(SourceView)
        grid = self.query_one(TableGrid)
        if self.query_one(ContentSwitcher).current == "table-view" and source.search_text:
            if grid.table is not self.found_in and grid.table is not None:
                self._search_table(source.search_text)  # another table: the same search
                if self.cell_hits:
                    return
            if self.cell_hits:
                k = self.cell_hit + step if self.cell_hit >= 0 else (0 if step > 0 else -1)
                self._go_to_cell_hit(k % len(self.cell_hits))
                self.say(f"表中第 {self.cell_hit + 1}/{len(self.cell_hits)} 处。")
                return
        if not source.matches:
            self.say("没有搜索结果。按 / 搜索。")
            return
        self._switch("source-view")
        source.next_match(step > 0)

    def action_goto_line(self) -> None:
        """Ask for a line number (or ``p12``: the first line of page 12) and go there."""
        pages = page_count(self.source)

        def done(value: str | None) -> None:
            if value is None or not value.strip():
                return
            text = value.strip().lstrip(":：").removeprefix("L")
            page = text.lower().removeprefix("p").removeprefix("页").strip()
            if text[:1] in "pP页" and page.isdigit():
                self.go_to_page(int(page))
                return
            if not text.isdigit():
                self.say(f"不是行号：{neutralise(value)}", severity="warning")
                return
            self.go_to_line(int(text))

        total = self.source.line_count
        label = f"跳到行（1-{total}）或页（p1-p{pages}）：" if pages else f"跳到行（1-{total}）："
        self.app.push_screen(PromptScreen(label, placeholder="行号"), done)

    def go_to_page(self, page: int) -> None:
        """Show the first line of page ``page`` of the original (a PDF's, or a text layer's)."""
        line = first_line_of_page(self.source, page)
        if line is None:
            pages = page_count(self.source)
            message = f"没有第 {page} 页（共 {pages} 页）。" if pages else "这份报告没有页码。"
            self.notify(message, severity="warning", markup=False)
            return
        self.go_to_line(line)

    def go_to_line(self, line: int) -> None:
        """Show source line ``line`` in the middle of the content pane."""
        self._switch("source-view")
        source = self.query_one(SourceView)
        source.set_target(None)
        source.go_to(line)
        source.focus()
        self._follow_line(line)

    # -- filters ----------------------------------------------------------------------------

    def action_filter_severity(self) -> None:
        """Cycle the severity filter: all, errors and warnings, errors, warnings, infos."""
        levels = self.filter.levels
        pos = LEVEL_CYCLE.index(levels) if levels in LEVEL_CYCLE else 0
        self.set_filter(replace(self.filter, levels=LEVEL_CYCLE[(pos + 1) % len(LEVEL_CYCLE)]))

    def set_filter(self, flt: FindingFilter) -> None:
        self.filter = flt
        self.filter_chosen = True
        self.reload_findings()

    def action_filter_code(self) -> None:
        """Ask for code prefixes (``FA2,FA301``); empty clears."""

        def done(value: str | None) -> None:
            if value is None:
                return
            self.set_filter(replace(self.filter, codes=FindingFilter.parse_codes(value)))

        current = ",".join(self.filter.codes)
        self.app.push_screen(PromptScreen("按代码筛选：", current, "如 FA2,FA301"), done)

    @on(FindingsList.FilterRequested)
    def _filter_text(self) -> None:
        """Filter the list by the words typed, as they are typed; Esc restores the filter."""
        before = self.filter

        def changed(value: str) -> None:
            self.filter = replace(before, text=value.strip())
            self.reload_findings()

        def done(value: str | None) -> None:
            if value is None:
                self.filter = before
                self.reload_findings()
                return
            self.set_filter(replace(before, text=value.strip()))

        prompt = PromptScreen("筛选问题：", before.text, "代码、文字或 L行号", on_change=changed)
        self.app.push_screen(prompt, done)

    def action_toggle_sort(self) -> None:
        """Order the list by position, or most serious first."""
        self.by_severity = not self.by_severity
        self.reload_findings()
        self.say("问题按级别排序（错误在前）。" if self.by_severity else "问题按位置排序。")

    def show_review(self, review: Review) -> None:
        """The reviewer's marks on the findings are read: show them."""
        self.reviewing.show(review)

    def action_mark(self, value: str) -> None:
        """Mark the finding 已核实 / 误报 / 待说明 (``value``: a ``Status`` value)."""
        self.reviewing.mark(value)

    def action_edit_note(self) -> None:
        """Add or edit the finding's note."""
        self.reviewing.edit_note()

    def action_filter_marks(self) -> None:
        """Cycle the mark filter."""
        self.reviewing.filter_marks()

    def action_export_review(self) -> None:
        """Write the 审核意见 (asks where)."""
        self.reviewing.export()

    def action_show_resolved(self) -> None:
        """List the findings the last version had and this one has not."""
        self.reviewing.show_resolved()

    def action_clear_filter(self) -> None:
        self.set_filter(FindingFilter())

    # -- focus, help, quit ----------------------------------------------------------------

    def _set_pane_class(self, pane: str) -> None:
        for name in self.PANES:
            self.set_class(name == pane, f"-pane-{name}")

    def pane_of(self, widget: Widget | None) -> str | None:
        """The pane (``tree``, ``content``, ``findings``, ``detail``) holding ``widget``."""
        while widget is not None and widget is not self:
            if widget.id in self.PANES:
                return widget.id
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = self.pane_of(event.widget)
        if pane is not None:
            self._set_pane_class(pane)

    def action_maximize_pane(self) -> None:
        """Let the focused pane fill the screen, or bring the others back (Esc also does)."""
        if self.maximized is not None:
            self.minimize()
            return
        pane = self.pane_of(self.focused)
        if pane is not None:
            self.maximized = self.query_one(f"#{pane}")

    def action_focus_pane(self, pane: str) -> None:
        if self.maximized is not None and self.maximized.id != pane:
            self.minimize()
        target: Widget
        if pane == "content":
            content = self.query_one(ContentSwitcher)
            target = (
                self.query_one(TableGrid)
                if content.current == "table-view"
                else self.query_one(SourceView)
            )
        else:
            target = self.query_one(f"#{pane}")
        target.focus()

    def action_help(self) -> None:
        pane = self.pane_of(self.focused)
        if pane == "content" and self.query_one(ContentSwitcher).current == "table-view":
            pane = "table"
        self.app.push_screen(HelpScreen(pane))

    def action_copy_finding(self) -> None:
        """Copy the finding shown in the detail as plain text: to the terminal's clipboard
        (OSC 52) and to ``copied.txt`` in the state directory (see ``clipboard``)."""
        if self.index is None or not self.checked:
            self.say("正在检查，请稍候。")
            return
        shown = self.query_one(FindingsList).current
        if shown is None:
            self.say("没有可复制的问题：先在问题列表中选择一条。", severity="warning")
            return
        text = finding_text(self.index.findings[shown], self.source, self.display_path)
        self.app.copy_to_clipboard(text)
        try:
            path = save_copy(text)
        except OSError as exc:
            self.say(f"已复制到剪贴板（无法另存：{exc.strerror or exc}）", severity="warning")
            return
        self.say(f"已复制到剪贴板（另存于 {shown_path(path)}）")

    def action_quit(self) -> None:
        self.app.exit()

    def action_back(self) -> None:
        """Esc: restore a maximised pane; else back to the report list, if there is one."""
        if self.maximized is not None:
            self.minimize()
            return
        back = getattr(self.app, "back_to_list", None)
        if back is not None:
            back()
