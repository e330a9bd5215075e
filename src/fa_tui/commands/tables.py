"""`fa-tui tables`: print the parsed tables (being written: see issue 3)."""

from __future__ import annotations

from pathlib import Path

from fa_tui.commands.common import fail


def run_tables(path: Path, table: str | None, fmt: str) -> None:
    """Print the tables of the report at ``path``."""
    fail("错误：tables 命令尚未实现")
