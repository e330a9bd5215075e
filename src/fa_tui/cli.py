"""The ``fa-tui`` command line (Typer). Heavy modules are imported inside the commands.

The console script is ``fa_tui.entry:main``: it runs ``check`` without Typer when it can.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from fa_tui import __version__
from fa_tui.commands.check_args import CHECK_OPTIONS, LIMIT_OPTIONS, OptionSpec

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


def _parameter(spec: OptionSpec) -> inspect.Parameter:
    """The Typer parameter of one declared option (``Annotated[type, typer.Option(...)]``)."""
    if spec.flags:
        info: Any = typer.Option(*spec.flags, help=spec.help_text)
    else:
        info = typer.Argument(help=spec.help_text)
    kind = spec.type | None if spec.default is None else spec.type
    default = inspect.Parameter.empty if spec.default is ... else spec.default
    return inspect.Parameter(
        spec.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[kind, info]
    )


def _limited(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with the limit options (``--max-pages`` …) after its own, applied first."""
    names = [spec.name for spec in LIMIT_OPTIONS]

    @functools.wraps(command)
    def run(**values: Any) -> None:
        from fa_tui.commands.common import apply_limits

        apply_limits({name: values.pop(name) for name in names})
        command(**values)

    own = list(inspect.signature(command, eval_str=True).parameters.values())
    own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [*own, *(_parameter(spec) for spec in LIMIT_OPTIONS)]
    )
    return run


@app.command("outline")
@_limited
def outline(
    file: Annotated[Path, typer.Argument(help="Report file (.txt/.md).")],
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """Print the parsed tree of parts, sections and tables."""
    from fa_tui.commands.outline import run_outline

    run_outline(file, fmt)


@app.command("tables")
@_limited
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


def check(**values: Any) -> None:
    """Check reports and print findings; exit 0 (clean), 1 (findings) or 2 (bad input)."""
    from fa_tui.commands.check import CheckOptions, run_check

    run_check(CheckOptions(**values))


# Typer reads the parameters from the signature: one per declared option, in order.
_SIGNATURE = inspect.Signature([_parameter(spec) for spec in CHECK_OPTIONS])
check.__signature__ = _SIGNATURE  # type: ignore[attr-defined]  # a function's, for inspect
app.command("check")(check)


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
@_limited
def open_(
    files: Annotated[
        list[Path], typer.Argument(help="A report file; a folder or several files: a list.")
    ],
    ascii_mode: Annotated[
        bool,
        typer.Option(
            "--ascii", help="No ambiguous-width characters (CJK terminals); or FA_TUI_ASCII=1."
        ),
    ] = False,
    no_mouse: Annotated[
        bool, typer.Option("--no-mouse", help="Leave the mouse to the terminal (select text).")
    ] = False,
    review: Annotated[
        Path | None,
        typer.Option("--review", help="The review file of the marks (default: the user's)."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="Last year's report: its figures are compared."),
    ] = None,
) -> None:
    """Open the report in the inspector (the default command: `fa-tui FILE`)."""
    from fa_tui.commands.open import run_open, run_open_list

    if len(files) == 1 and not files[0].is_dir():
        run_open(
            files[0], ascii_mode=ascii_mode, mouse=not no_mouse, review=review, previous=previous
        )
    else:
        run_open_list(files, ascii_mode=ascii_mode, mouse=not no_mouse)


@app.command("export")
def export(
    files: Annotated[list[Path], typer.Argument(help="Report files or folders.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="xlsx | docx | md")] = "xlsx",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (md: stdout when not given)."),
    ] = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="The review file with the marks (one report).")
    ] = None,
    include_dismissed: Annotated[
        bool, typer.Option("--include-dismissed", help="List findings marked 误报 too.")
    ] = False,
) -> None:
    """Write the 审核意见 (findings, marks and notes) as a workbook, a Word letter or Markdown."""
    from fa_tui.commands.export import run_export

    run_export(files, fmt, output, review, include_dismissed)
