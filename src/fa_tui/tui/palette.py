"""The command palette: jump to a part, section, table, finding or line (its texts in Chinese)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.index import NodeKind

if TYPE_CHECKING:
    from fa_tui.tui.screens.inspector import InspectorScreen

KIND_NAMES = {NodeKind.PART: "部分", NodeKind.SECTION: "小节", NodeKind.TABLE: "表格"}
PLACEHOLDER = "搜索部分、表格、问题，或输入 :行号…"
NO_MATCHES = "没有匹配项"


class ChinesePalette(CommandPalette):
    """Textual's command palette with its visible texts in Chinese."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", "到最后", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "到最前", show=False),
        Binding("down", "cursor_down", "下一条命令", show=False),
        Binding("escape", "escape", "关闭命令面板"),
        Binding("pagedown", "command_list('page_down')", "下一页", show=False),
        Binding("pageup", "command_list('page_up')", "上一页", show=False),
        Binding("up", "command_list('cursor_up')", "上一条命令", show=False),
    ]

    def __init__(self, *, placeholder: str = PLACEHOLDER, **kwargs: Any) -> None:
        super().__init__(placeholder=placeholder, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with the "no matches" line in Chinese."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


# Commands of the inspector offered in the palette (name, action of the screen).
ACTIONS: tuple[tuple[str, str], ...] = (
    ("导出审核意见（xlsx / docx / md）", "export_review"),
    ("上一稿以来已解决的问题", "show_resolved"),
)


def _candidates(screen: InspectorScreen) -> list[tuple[str, Text, Callable[[], None]]]:
    """(search text, display, command) for every node and finding of the report."""
    out: list[tuple[str, Text, Callable[[], None]]] = []
    index = screen.index
    if index is None:
        return out
    for name, action in ACTIONS:
        display = Text("命令  ", style=styles.MUTED)
        display.append(name)
        out.append((f"命令 {name}", display, getattr(screen, f"action_{action}")))
    for node in index.nodes:
        label = neutralise(node.label, tabs=" ")
        kind = KIND_NAMES[node.kind]
        search = f"{kind} {label} {node.role or ''}"
        display = Text(f"{kind}  ", style=styles.MUTED)
        display.append(label)
        if node.anchor:
            display.append(f"  L{node.anchor}", style=styles.MUTED)
        out.append((search, display, partial(screen.open_node_key, node.key)))
    for i, finding in enumerate(index.findings):
        message = " ".join(neutralise(finding.message, tabs=" ").split())
        where = f"L{finding.span.line}" if finding.span else "-"
        search = f"问题 {finding.code} {where} {message}"
        display = Text(f"问题  {finding.code} ", style=styles.BADGE[finding.severity])
        display.append(f"{where} ", style=styles.MUTED)
        display.append(message)
        out.append((search, display, partial(screen.jump_to_finding, i)))
    return out


class InspectorCommands(Provider):
    """Parts, sections, tables, findings, and ``行 N`` / ``:N`` to go to a line."""

    @property
    def inspector(self) -> InspectorScreen:
        """The screen the palette was opened from: only the inspector declares this provider."""
        from fa_tui.tui.screens.inspector import InspectorScreen  # here: it imports this module

        screen = self.screen
        assert isinstance(screen, InspectorScreen)
        return screen

    async def discover(self) -> Hits:
        for _, display, command in _candidates(self.inspector):
            if display.plain.startswith(("部分", "表格")):
                yield DiscoveryHit(display, command, text=display.plain)

    async def search(self, query: str) -> Hits:
        line = _line_number(query)
        if line is not None:
            yield Hit(
                1.0,
                Text(f"跳到第 {line} 行"),
                partial(self.inspector.go_to_line, line),
                text=f"跳到第 {line} 行",
            )
        matcher = self.matcher(query)
        for search, display, command in _candidates(self.inspector):
            score = matcher.match(search)
            if score > 0:
                yield Hit(score, display, command, text=display.plain)


def _line_number(query: str) -> int | None:
    """``123``, ``:123``, ``L123``, ``行123`` or ``行 123`` → 123."""
    q = query.strip().lstrip(":：").removeprefix("行").removeprefix("L").removeprefix("l").strip()
    return int(q) if q.isdigit() else None
