"""The ``fa-tui`` command line (Typer). Heavy modules are imported inside the commands.

The console script is ``fa_tui.entry:main``: it runs ``check`` without Typer when it can.
"""

from __future__ import annotations

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


@app.command("tables")
def tables(
    file: Annotated[Path, typer.Argument(help="Report file (.txt/.md).")],
    table: Annotated[
        str | None,
        typer.Option("--table", help="One table: 公开05表, 05 or a title such as 支出决算表."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json | csv")] = "text",
) -> None:
    """Print the parsed tables with every figure exactly as printed."""
    from fa_tui.commands.tables import run_tables

    run_tables(file, table, fmt)


@app.command("check")
def check(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories.")],
    fmt: Annotated[str, typer.Option("--format", help="text | json | sarif")] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    select: Annotated[
        str | None, typer.Option("--select", help="Only these codes or prefixes (FA2,FA301).")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Skip these codes or prefixes.")
    ] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="error | warning | info: exit 1 at this level.")
    ] = "error",
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print the number of findings per code.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: one per CPU)."),
    ] = None,
) -> None:
    """Check reports and print findings; exit 0 (clean), 1 (findings) or 2 (bad input)."""
    from fa_tui.commands.check import CheckOptions, run_check

    run_check(
        CheckOptions(
            paths=paths,
            fmt=fmt,
            output=output,
            select=select,
            ignore=ignore,
            fail_on=fail_on,
            statistics=statistics,
            jobs=jobs,
        )
    )


@app.command("rules")
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A rule code such as FA201, or a rule's name.")
    ] = None,
) -> None:
    """List the implemented rules, or explain one."""
    from fa_tui.commands.rules import run_rules

    run_rules(code)


@app.command("open")
def open_(file: Annotated[Path, typer.Argument(help="Report file (.txt/.md).")]) -> None:
    """Open the report in the inspector (the default command: `fa-tui FILE`)."""
    from fa_tui.commands.open import run_open

    run_open(file)
