"""The detail area: a finding's full message, computation, figures and related spans."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from fa_tui.model import Finding, SourceText, Span
from fa_tui.model.findings import CATEGORY_NAMES
from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.index import SEVERITY_NAMES
from fa_tui.tui.wrap import wrap_line


def where(span: Span | None) -> str:
    """``L12:3-9`` for a span (``-`` for none)."""
    if span is None:
        return "-"
    if span.line == span.end_line:
        return f"L{span.line}:{span.column}-{span.end_column}"
    return f"L{span.line}:{span.column}-L{span.end_line}:{span.end_column}"


def excerpt(source: SourceText | None, span: Span, limit: int = 40) -> str:
    """The characters of ``span`` (one line, safe, at most ``limit`` characters)."""
    if source is None:
        return ""
    text = " ".join(neutralise(source.slice(span), tabs=" ").split())
    return text if len(text) <= limit else text[:limit] + "..."


def detail_text(
    finding: Finding, source: SourceText | None, position: str = "", review: str = ""
) -> Text:
    """Everything about ``finding``, as plain text; ``review`` is the reviewer's mark and note."""
    text = Text()
    text.append(f"{finding.code} ", style="bold")
    text.append(f"[{SEVERITY_NAMES[finding.severity]}]", style=styles.BADGE[finding.severity])
    text.append(f" {CATEGORY_NAMES[finding.category]}")
    text.append(f"  {where(finding.span)}", style=styles.MUTED)
    if position:
        text.append(f"  {position}", style=styles.MUTED)
    text.append("\n")
    if review:
        text.append(neutralise(review, tabs=" "), style="bold")
        text.append("\n")
    text.append(neutralise(finding.message, tabs=" "))
    if finding.span is not None and source is not None:
        text.append("\n原文：", style="bold")
        text.append(excerpt(source, finding.span), style=styles.SPAN[finding.severity])
        place = source.location(finding.span.line, finding.span.column)
        if place is not None and place.describe():
            text.append(f"  （文档{place.describe()}）", style=styles.MUTED)
    if finding.computation:
        text.append("\n计算：", style="bold")
        text.append(neutralise(finding.computation, tabs=" "))
    figures = [
        (name, value)
        for name, value in (
            ("应为", finding.expected),
            ("实为", finding.actual),
            ("差额", finding.difference),
        )
        if value is not None
    ]
    if figures:
        text.append("\n")
        text.append("  ".join(f"{name} {neutralise(value)}" for name, value in figures))
    if finding.related:
        text.append("\n相关位置（r 逐个跳转）：", style="bold")
        for related in finding.related:
            text.append(f"\n  {where(related.span)} ", style=styles.RELATED[finding.severity])
            text.append(neutralise(related.note, tabs=" "))
            snippet = excerpt(source, related.span)
            if snippet:
                text.append(f"  {snippet}", style=styles.MUTED)
    return text


class CellWrapped:
    """``text`` wrapped by terminal cells as the source view wraps (``tui/wrap.py``): a row
    may end between any two Chinese characters, not only at a blank (Rich's wrap moves a run
    of Chinese with no blank in it to a row of its own: ``第 1`` alone, then the sentence)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = Text()
        for k, line in enumerate(self.text.split("\n")):
            for n, (start, end) in enumerate(wrap_line(line.plain, options.max_width)):
                if k or n:
                    rows.append("\n")
                rows.append_text(line[start:end])
        rows.no_wrap = True
        rows.overflow = "crop"
        yield rows


class FindingDetail(VerticalScroll):
    """A scrollable area showing one finding in full."""

    BINDINGS = [  # noqa: RUF012  (shown in the footer while it has the focus)
        Binding("down", "scroll_down", "滚动", key_display="↑↓"),
        Binding("pagedown", "page_down", "翻页", key_display="PgUp/PgDn"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("选择一条问题查看详情。", style=styles.MUTED), id="detail-body")

    def show(
        self,
        finding: Finding | None,
        source: SourceText | None,
        position: str = "",
        review: str = "",
    ) -> None:
        """Show ``finding`` (``None``: a hint), with the reviewer's mark and note (``review``)."""
        body = self.query_one("#detail-body", Static)
        if finding is None:
            body.update(Text("没有问题可显示。", style=styles.MUTED))
        else:
            body.update(CellWrapped(detail_text(finding, source, position, review)))
        self.scroll_home(animate=False)
