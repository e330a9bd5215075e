"""The ``fa-tui`` command line (Typer). Heavy modules are imported inside the commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from fa_tui import __version__

app = typer.Typer(
    name="fa-tui",
    help="部门决算公开报告检查工具 — inspect and check departmental final-accounts reports.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

COMMANDS = ("open", "check", "rules", "outline", "tables")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fa-tui {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """fa-tui FILE opens the inspector; the commands below check, list and print."""


@app.command("outline")
def outline(
    file: Annotated[Path, typer.Argument(help="Report file (.txt/.md).")],
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """Print the parsed tree of parts, sections and tables."""
    from fa_tui.commands.outline import run_outline

    run_outline(file, fmt)


def main() -> None:
    """Console-script entry: `fa-tui FILE` is `fa-tui open FILE`; errors are one line, exit 2."""
    argv = sys.argv[1:]
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        argv = ["open", *argv]
    try:
        app(args=argv, prog_name="fa-tui")
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        sys.exit(130)
    except Exception as exc:  # a bug: still one line for the reviewer, details on demand
        if os.environ.get("FA_TUI_DEBUG"):
            raise
        sys.stderr.write(
            f"内部错误：{exc.__class__.__name__}: {exc}（设置 FA_TUI_DEBUG=1 查看详情）\n"
        )
        sys.exit(2)
