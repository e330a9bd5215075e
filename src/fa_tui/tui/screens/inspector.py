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

from fa_tui.model import PartName, Report, SourceText, Span, TableStatus
from fa_tui.safe_text import neutralise
from fa_tui.tui.index import (
    SEVERITY_CYCLE,
    FindingFilter,
    FindingIndex,
    Node,
    NodeKind,
    build_nodes,
    ordered_for_node,
)
from fa_tui.tui.marks import LineMarks
from fa_tui.tui.messages import JumpToSource
from fa_tui.tui.palette import InspectorCommands
from fa_tui.tui.screens.help import HelpScreen
from fa_tui.tui.screens.prompt import PromptScreen
from fa_tui.tui.widgets.finding_detail import FindingDetail
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.report_header import ReportHeader
from fa_tui.tui.widgets.source_view import SourceView
from fa_tui.tui.widgets.table_view import TableGrid, TableView


class InspectorScreen(Screen[None]):
    """The inspector over one report."""

    COMMANDS = {InspectorCommands}  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    ALLOW_IN_MAXIMIZED_VIEW = "#header, Footer"
    AUTO_FOCUS = "#source-view"  # readable at once; the tree takes over when it is built
    # The panes, by the id of their outermost widget; the screen carries "-pane-<id>" for the
    # pane holding the focus, and the style sheet sizes the panes by it.
    PANES = ("tree", "content", "findings", "detail")

    BINDINGS = [  # noqa: RUF012
        Binding("question_mark", "help", "帮助"),
        Binding("q", "quit", "退出"),
        Binding("right_square_bracket", "next_finding(1)", "下一问题"),
        Binding("left_square_bracket", "next_finding(-1)", "上一问题", show=False),
        Binding("slash", "search", "搜索"),
        Binding("n", "next_match(1)", "下一个匹配", show=False),
        Binding("N,shift+n", "next_match(-1)", "上一个匹配", show=False),
        Binding("g,colon", "goto_line", "跳行", show=False),
        Binding("v", "toggle_view", "表/原文"),
        Binding("f", "filter_severity", "级别"),
        Binding("c", "filter_code", "代码", show=False),
        Binding("x", "clear_filter", "清除筛选", show=False),
        Binding("r", "next_related", "相关位置", show=False),
        Binding("1", "focus_pane('tree')", "目录", show=False),
        Binding("2", "focus_pane('content')", "内容", show=False),
        Binding("3", "focus_pane('findings')", "问题", show=False),
        Binding("4", "focus_pane('detail')", "详情", show=False),
        Binding("z", "maximize_pane", "放大"),
    ]

    def __init__(self, source: SourceText, *, line: int | None = None) -> None:
        super().__init__()
        self.source = source
        self.start_line = line  # go there once the source is shown (``fa-tui FILE:LINE``)
        self.path = source.path
        self.report: Report | None = None
        self.index: FindingIndex | None = None
        self.checked = False  # the findings are in ``index`` (until then it holds no findings)
        self.filter = FindingFilter()
        self.node: Node | None = None
        self.current: int | None = None
        self.related_pos = -1
        self.table_node: Node | None = None

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
            for n in build_nodes(report)
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

    def show_parsed(self, report: Report) -> None:
        """Stage 2: the tables are parsed: put them into the tree."""
        self.report = report
        self.index = FindingIndex([], build_nodes(report))
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
        self._reload_findings()
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
        self.notify(neutralise(error), severity="error", markup=False, timeout=30)

    # -- the tree ---------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _node_highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        # Preview only what the reviewer moves to (not the cursor moved by a reload).
        if event.node.data is not None and self.query_one(PartsTree).has_focus:
            self.open_node(event.node.data, focus=False)

    @on(Tree.NodeSelected, "#tree")
    def _node_selected(self, event: Tree.NodeSelected[Node]) -> None:
        if event.node.data is not None:
            self.open_node(event.node.data, focus=True)

    def open_node_key(self, key: str) -> None:
        """Open the node ``key`` and show it in the tree (from the palette)."""
        tree = self.query_one(PartsTree)
        tree_node = tree.reveal(key)
        if tree_node is not None and tree_node.data is not None:
            self.open_node(tree_node.data, focus=True)

    def open_node(self, node: Node, *, focus: bool) -> None:
        """Show ``node`` in the content pane and put its findings first in the list."""
        self.node = node
        self._reload_findings(node_changed=True)
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
        if node.anchor is None:
            self._switch("source-view")
            what = "表格" if node.kind is NodeKind.TABLE else "部分"
            if focus:
                self.notify(f"该{what}在报告中缺失：{neutralise(node.label)}", markup=False)
            return
        self._switch("source-view")
        source.set_target(None)
        source.show_region(node.anchor)
        if focus:
            source.focus()

    def _show_table(self, focus: bool) -> None:
        node = self.table_node
        assert node is not None and node.table is not None
        assert self.index is not None
        view = self.query_one(TableView)
        view.show_table(node.table, self.index.findings if self.checked else [], node.short)
        self._switch("table-view")
        if focus:
            self.query_one(TableGrid).focus()

    def _switch(self, pane: str) -> None:
        content = self.query_one(ContentSwitcher)
        if content.current != pane:
            content.current = pane
        content.border_title = "表格" if pane == "table-view" else "原文"

    # -- findings ---------------------------------------------------------------------------

    def _reload_findings(self, *, node_changed: bool = False) -> None:
        """Reorder the list for the current node and filter. The finding under the cursor stays,
        unless the reviewer moved to a node with findings of its own: then its first one."""
        if self.index is None or not self.checked:
            return
        key = self.node.key if self.node is not None else None
        order, own = ordered_for_node(self.index, key, self.filter)
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
        listing.border_title = Text(neutralise(title))
        if not order:
            self.query_one(FindingDetail).show(None, None)

    @on(FindingsList.Highlighted)
    def _finding_highlighted(self, event: FindingsList.Highlighted) -> None:
        if self.index is None or not self.checked:
            return
        i = event.index
        self.query_one(FindingDetail).show(
            self.index.findings[i], self.report.source if self.report else None, self._position(i)
        )

    @on(FindingsList.Selected)
    def _finding_selected(self, event: FindingsList.Selected) -> None:
        if self.maximized is not None:
            self.minimize()  # Enter goes to the source: show it
        self.jump_to_finding(event.index)

    def _position(self, i: int) -> str:
        order = self.query_one(FindingsList).order
        return f"{order.index(i) + 1}/{len(order)}" if i in order else ""

    def jump_to_finding(self, i: int) -> None:
        """Go to finding ``i``: list cursor, detail, source view centred on its span."""
        if self.index is None or self.report is None or not self.checked:
            return
        finding = self.index.findings[i]
        self.current = i
        self.related_pos = -1
        listing = self.query_one(FindingsList)
        if i not in listing.order:
            self.filter = FindingFilter()
            self._reload_findings()
        listing.highlight(i)
        self.query_one(FindingDetail).show(finding, self.report.source, self._position(i))
        source = self.query_one(SourceView)
        source.set_target(None)
        if finding.span is None:
            source.set_current(None)
            self.notify("这条问题没有具体位置。", markup=False)
            return
        self._switch("source-view")
        source.set_current(finding.span, finding.severity)
        source.show_span(finding.span)

    def action_next_finding(self, step: int) -> None:
        """Next (``1``) or previous (``-1``) finding in the list, wrapping around."""
        order = self.query_one(FindingsList).order
        if not self.checked:
            self.notify("正在检查，请稍候。")
            return
        if not order:
            self.notify("没有问题。" if not self.filter.describe() else "筛选后没有问题。")
            return
        if self.current in order:
            pos = (order.index(self.current) + step) % len(order)
        else:
            pos = 0 if step > 0 else len(order) - 1
        self.jump_to_finding(order[pos])

    def action_next_related(self) -> None:
        """Visit the related spans of the current finding one by one."""
        if self.index is None or self.current is None:
            self.notify("先选择一条问题。")
            return
        finding = self.index.findings[self.current]
        if not finding.related:
            self.notify("这条问题没有相关位置。")
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
            self.notify("正在检查，请稍候。")
            return
        on_line = [
            i
            for i, f in enumerate(self.index.findings)
            if f.span is not None and f.span.line <= event.line <= f.span.end_line
        ]
        if not on_line:
            self.notify(f"第 {event.line} 行没有问题。", markup=False)
            return
        after = [i for i in on_line if i != self.current]
        self.jump_to_finding(after[0] if after and self.current in on_line else on_line[0])

    # -- views, search, lines ---------------------------------------------------------------

    def action_toggle_view(self) -> None:
        """Switch between the table and its place in the source."""
        content = self.query_one(ContentSwitcher)
        if content.current == "table-view":
            node = self.table_node
            self._switch("source-view")
            source = self.query_one(SourceView)
            if node is not None and node.anchor is not None:
                source.set_node(node.regions)
                source.show_region(node.anchor)
            source.focus()
        elif self.table_node is not None:
            self._show_table(focus=True)
        else:
            self.notify("先在目录中选择一张表。")

    def action_search(self) -> None:
        """Ask for a text and search the source for it."""
        source = self.query_one(SourceView)

        def done(query: str | None) -> None:
            if not query:
                return
            self._switch("source-view")
            count = source.search(query)
            if count:
                self.notify(f"找到 {count} 处。n 下一个，N 上一个。", markup=False)
            else:
                self.notify(f"未找到：{neutralise(query)}", severity="warning", markup=False)

        self.app.push_screen(PromptScreen("搜索：", source.search_text), done)

    def action_next_match(self, step: int) -> None:
        source = self.query_one(SourceView)
        if not source.matches:
            self.notify("没有搜索结果。按 / 搜索。")
            return
        self._switch("source-view")
        source.next_match(step > 0)

    def action_goto_line(self) -> None:
        """Ask for a line number and go there."""

        def done(value: str | None) -> None:
            if value is None or not value.strip():
                return
            text = value.strip().lstrip(":：").removeprefix("L")
            if not text.isdigit():
                self.notify(f"不是行号：{neutralise(value)}", severity="warning", markup=False)
                return
            self.go_to_line(int(text))

        total = self.report.source.line_count if self.report else 0
        self.app.push_screen(PromptScreen(f"跳到行（1-{total}）：", placeholder="行号"), done)

    def go_to_line(self, line: int) -> None:
        """Show source line ``line`` in the middle of the content pane."""
        self._switch("source-view")
        source = self.query_one(SourceView)
        source.set_target(None)
        source.go_to(line)
        source.focus()

    # -- filters ----------------------------------------------------------------------------

    def action_filter_severity(self) -> None:
        """Cycle the severity filter: all, errors, warnings, infos."""
        pos = SEVERITY_CYCLE.index(self.filter.severity)
        severity = SEVERITY_CYCLE[(pos + 1) % len(SEVERITY_CYCLE)]
        self.filter = FindingFilter(severity, self.filter.codes)
        self._reload_findings()

    def action_filter_code(self) -> None:
        """Ask for code prefixes (``FA2,FA301``); empty clears."""

        def done(value: str | None) -> None:
            if value is None:
                return
            self.filter = FindingFilter(self.filter.severity, FindingFilter.parse_codes(value))
            self._reload_findings()

        current = ",".join(self.filter.codes)
        self.app.push_screen(PromptScreen("按代码筛选：", current, "如 FA2,FA301"), done)

    def action_clear_filter(self) -> None:
        self.filter = FindingFilter()
        self._reload_findings()

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

    def action_quit(self) -> None:
        self.app.exit()
