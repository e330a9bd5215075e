"""`fa-tui rules`: list the implemented rules or explain one (by code or by name)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from fa_tui.commands.common import fail
from fa_tui.model.findings import CATEGORY_NAMES

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_NAME = {"error": "错误", "warning": "警告", "info": "提示"}  # as the text report tags them


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
            line.append(f"  {_NAME[listed.severity.value]}", style=_STYLE[listed.severity.value])
            category = CATEGORY_NAMES[listed.category]
            line.append(f"  {category}{' ' * (14 - cell_len(category))}")
            line.append(f"  {listed.title}")
            console.print(line, soft_wrap=True)
        return
    rule = find_rule(key)
    if rule is None:
        fail(f"错误：没有规则 {key}（用 fa-tui rules 查看全部规则）")
    console.print(Text(f"{rule.code}  {rule.title}", style="bold"), soft_wrap=True)
    console.print(Text(f"名称：{rule.name}"), soft_wrap=True)
    meta = Text("默认级别：")
    meta.append(_NAME[rule.severity.value], style=_STYLE[rule.severity.value])
    meta.append(f"（--fail-on {rule.severity.value}）", style="dim")
    meta.append(f"    类别：{CATEGORY_NAMES[rule.category]}")
    if rule.part is not None:
        meta.append(f"    所属部分：{rule.part.value}")
    console.print(meta, soft_wrap=True)
    console.print()
    console.print(Text(rule.explanation), soft_wrap=True)
