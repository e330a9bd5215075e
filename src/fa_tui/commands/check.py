"""`fa-tui check`: check reports and print findings (being written: see issue 4)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fa_tui.commands.common import fail


@dataclass(frozen=True)
class CheckOptions:
    """The options of ``fa-tui check`` as given on the command line."""

    paths: list[Path]
    fmt: str = "text"
    output: Path | None = None
    select: str | None = None
    ignore: str | None = None
    fail_on: str = "error"
    statistics: bool = False


def run_check(options: CheckOptions) -> None:
    """Check every report under ``options.paths``; exit 0, 1 or 2."""
    fail("错误：check 命令尚未实现")
