"""`fa-tui rules`: list the implemented rules or explain one (by code or by name)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from fa_tui.commands.common import fail

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def run_rules(key: str | None) -> None:
    """Print the rule catalogue, or the declaration of the rule of code or name ``key``."""
    from fa_tui.rules.engine import load_rules
    from fa_tui.rules.registry import RULES, find_rule

    load_rules()
    console = Console(highlight=False)
    if key is None:
        rules = sorted(RULES.values(), key=lambda r: r.code)
        name_width = max(len(r.name) for r in rules)
        for listed in rules:
            line = Text(listed.code, style="bold")
            line.append(f"  {listed.name:<{name_width}}")
            line.append(f"  {listed.severity.value:<7}", style=_STYLE[listed.severity.value])
            line.append(f"  {listed.category.value:<14}")
            line.append(f"  {listed.title}")
            console.print(line, soft_wrap=True)
        return
    rule = find_rule(key)
    if rule is None:
        fail(f"错误：没有规则 {key}（用 fa-tui rules 查看全部规则）")
    console.print(Text(f"{rule.code}  {rule.title}", style="bold"), soft_wrap=True)
    console.print(Text(f"名称：{rule.name}"), soft_wrap=True)
    meta = Text("默认级别：")
    meta.append(rule.severity.value, style=_STYLE[rule.severity.value])
    meta.append(f"    类别：{rule.category.value}")
    if rule.part is not None:
        meta.append(f"    所属部分：{rule.part.value}")
    console.print(meta, soft_wrap=True)
    console.print()
    console.print(Text(rule.explanation), soft_wrap=True)
