"""`fa-tui rules`: list the implemented rules or explain one."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from fa_tui.commands.common import fail

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def run_rules(code: str | None) -> None:
    """Print the rule catalogue, or the explanation of rule ``code``."""
    from fa_tui.rules.engine import load_rules
    from fa_tui.rules.registry import RULES

    load_rules()
    console = Console(highlight=False)
    if code is None:
        for rule in sorted(RULES.values(), key=lambda r: r.code):
            line = Text(rule.code, style="bold")
            line.append(f"  {rule.severity.value:<7}", style=_STYLE[rule.severity.value])
            line.append(f"  {rule.category.value:<14}")
            line.append(f"  {rule.title}")
            console.print(line, soft_wrap=True)
        return
    wanted = code.strip().upper()
    rule = RULES.get(wanted)
    if rule is None:
        fail(f"错误：没有规则 {code}（用 fa-tui rules 查看全部规则）")
    head = Text(f"{rule.code}  {rule.title}", style="bold")
    console.print(head, soft_wrap=True)
    meta = Text("默认级别：")
    meta.append(rule.severity.value, style=_STYLE[rule.severity.value])
    meta.append(f"    类别：{rule.category.value}")
    console.print(meta, soft_wrap=True)
    console.print()
    console.print(Text(rule.doc or "（无说明）"), soft_wrap=True)
