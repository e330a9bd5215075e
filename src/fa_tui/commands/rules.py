"""`fa-tui rules`: list the implemented rules or explain one (being written: see issue 4)."""

from __future__ import annotations

from fa_tui.commands.common import fail


def run_rules(code: str | None) -> None:
    """Print the rule catalogue, or the explanation of rule ``code``."""
    fail("错误：rules 命令尚未实现")
