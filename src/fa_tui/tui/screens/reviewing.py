"""The reviewer's marks in the inspector: 已核实 / 误报 / 待说明 and a note on a finding.

``Reviewing`` does it for ``InspectorScreen``, whose actions call it: ``o`` 已核实, ``w`` 误报,
``d`` 待说明 (the same key again clears it), ``e`` the note, ``M`` cycles the list's mark filter,
``E`` exports the 审核意见, ``R`` lists the findings a revised report no longer has.
Each change is saved to the review file at once (``review/session.py``); the list, the tree
counts, the detail and the status line follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from fa_tui.export.output import format_of, write_export
from fa_tui.export.rows import report_sheet
from fa_tui.pipeline import rule_titles
from fa_tui.review.file import ReviewError
from fa_tui.review.marks import Status
from fa_tui.review.session import Review
from fa_tui.safe_text import neutralise
from fa_tui.tui.index import MARK_CYCLE
from fa_tui.tui.screens.prompt import PromptScreen
from fa_tui.tui.screens.resolved import ResolvedScreen
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree

if TYPE_CHECKING:
    from fa_tui.tui.screens.inspector import InspectorScreen

REVIEW_BINDINGS = [
    Binding("o", "mark('confirmed')", "已核实", show=False),
    Binding("w", "mark('dismissed')", "误报", show=False),
    Binding("d", "mark('query')", "待说明", show=False),
    Binding("e", "edit_note", "备注", show=False),
    Binding("M,shift+m", "filter_marks", "按标记筛选", show=False),
    Binding("E,shift+e", "export_review", "导出", show=False),
    Binding("R,shift+r", "show_resolved", "已解决", show=False),
]


class Reviewing:
    """Marks and notes on the findings of ``screen``."""

    def __init__(self, screen: InspectorScreen) -> None:
        self.screen = screen
        self.review: Review | None = None
        self.progress = ""  # 已审 3/35 (新 2 已解决 1), for the status line

    def show(self, review: Review) -> None:
        """The marks are read: show them (list, tree, detail, status line); say what is wrong."""
        self.review = review
        self.apply()
        for notice in review.notices:
            self.screen.say(notice, "warning")

    def apply(self) -> None:
        """Put the review's marks into the index and every pane that shows them."""
        screen = self.screen
        index, review = screen.index, self.review
        if index is None or review is None or not screen.checked:
            return
        index.marks = {}
        for i, finding in enumerate(index.findings):
            status = review.status_of(finding.id)
            if status is not None:
                index.marks[i] = status.value
        index.new = frozenset(i for i, f in enumerate(index.findings) if review.is_new(f.id))
        screen.query_one(FindingsList).set_marks(index.marks, index.new)
        screen.query_one(PartsTree).relabel(index)
        screen.reload_findings()
        done, total = review.progress()
        self.progress = f"已审{done}/{total}"
        if review.revised:
            self.progress += f" 新{len(index.new)} 已解决{len(review.resolved())}"
        screen.update_place()

    def line(self, i: int) -> str:
        """The detail pane's line of the reviewer's mark and note on finding ``i``."""
        index, review = self.screen.index, self.review
        if index is None or review is None:
            return ""
        finding_id = index.findings[i].id
        mark = review.mark_of(finding_id)
        bits = []
        if review.is_new(finding_id):
            bits.append("新问题（上一稿没有）")
        if mark is not None and mark.status is not None:
            bits.append(f"标记：{mark.status.label}")
        if mark is not None and mark.note:
            bits.append(f"备注：{mark.note}")
        return "  ".join(bits)

    def mark(self, value: str) -> None:
        """Give the finding the verdict ``value`` (a ``Status`` value); again clears it."""
        target = self._target()
        if target is None:
            return
        review, i, finding_id = target
        status = Status(value)
        new = None if review.status_of(finding_id) is status else status
        if self._save(lambda: review.set_status(finding_id, new)):
            self.screen.say(f"已标记为{status.label}。" if new else f"已取消“{status.label}”。")
        self._refresh(i)

    def edit_note(self) -> None:
        """Add or edit the finding's note (a one-line dialog; empty clears it)."""
        target = self._target()
        if target is None:
            return
        review, i, finding_id = target
        mark = review.mark_of(finding_id)

        def done(value: str | None) -> None:
            if value is None:
                return
            if self._save(lambda: review.set_note(finding_id, value)):
                self.screen.say("备注已保存。" if value.strip() else "备注已清除。")
            self._refresh(i)

        current = mark.note if mark is not None else ""
        self.screen.app.push_screen(PromptScreen("备注：", current, "审核意见，回车保存"), done)

    def filter_marks(self) -> None:
        """Cycle the list's mark filter: all, unmarked, all but 误报, 已核实, 待说明, 误报."""
        screen = self.screen
        marks = screen.filter.marks
        pos = MARK_CYCLE.index(marks) if marks in MARK_CYCLE else 0
        screen.set_filter(replace(screen.filter, marks=MARK_CYCLE[(pos + 1) % len(MARK_CYCLE)]))

    def show_resolved(self) -> None:
        """List the findings of the last version that this one no longer has."""
        if self.review is None:
            self.screen.say("正在检查，请稍候。")
            return
        self.screen.app.push_screen(ResolvedScreen(self.review.resolved()))

    def export(self) -> None:
        """Ask where to write the 审核意见 (the suffix picks xlsx, docx or md), then write it."""
        screen = self.screen
        if screen.report is None or screen.index is None or not screen.checked:
            screen.say("正在检查，请稍候。")
            return
        default = Path.cwd() / f"{screen.path.stem}-审核意见.xlsx"

        def done(value: str | None) -> None:
            if value is None or not value.strip():
                return
            output = Path(value.strip()).expanduser()
            fmt = format_of(output)
            if fmt is None:
                screen.say("文件名须以 .xlsx、.docx 或 .md 结尾。", "error")
                return
            if output.resolve(strict=False) == screen.path.resolve(strict=False):
                screen.say("不能写到报告文件本身。", "error")
                return
            self._write_export(output, fmt)

        prompt = PromptScreen("导出审核意见到：", str(default), ".xlsx / .docx / .md")
        screen.app.push_screen(prompt, done)

    def _write_export(self, output: Path, fmt: str) -> None:
        screen = self.screen
        assert screen.report is not None and screen.index is not None
        sheet = report_sheet(
            screen.report, screen.index.findings, self.review, titles=rule_titles()
        )
        try:
            write_export([sheet], fmt, output)
        except OSError as exc:
            screen.say(neutralise(f"无法写入 {output}：{exc.strerror or exc}"), "error")
            return
        left_out = f"（误报 {sheet.left_out} 条未列入）" if sheet.left_out else ""
        screen.say(neutralise(f"已导出 {len(sheet.rows)} 条问题{left_out}：{output}"))

    def _target(self) -> tuple[Review, int, str] | None:
        """The review, and the finding a mark applies to: the list's cursor when the list has
        the focus, else the current finding (the one last jumped to), else the list's cursor."""
        screen = self.screen
        if self.review is None or screen.index is None or not screen.checked:
            screen.say("正在检查，请稍候。")
            return None
        listing = screen.query_one(FindingsList)
        i = screen.current
        if listing.has_focus or i is None:
            i = listing.current
        if i is None:
            screen.say("先选择一条问题。")
            return None
        finding_id = screen.index.findings[i].id
        if not finding_id:
            screen.say("这条问题没有编号，无法标记。", "warning")
            return None
        return self.review, i, finding_id

    def _save(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except ReviewError as exc:
            self.screen.say(neutralise(str(exc)), "error")
            return False
        return True

    def _refresh(self, i: int) -> None:
        self.apply()
        self.screen.query_one(FindingsList).highlight(i)
        self.screen.show_detail(i)
