"""The arguments of ``fa-tui check`` read without Typer, for a fast start in batches and CI.

Typer builds a pydantic validator for every parameter of the command it runs, which costs more
than checking a report. ``parse_check_args`` reads the common, unambiguous command lines with
the standard library and gives exactly the ``CheckOptions`` Typer would give (a test holds the
two side by side); for anything else (help, a mistake, an unusual spelling) it returns ``None``
and Typer, the authority on the command line, parses it and words the errors.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

from fa_tui.commands.check import CheckOptions

_JOBS = re.compile(r"[0-9]{1,6}")


class _Unsure(Exception):
    """The command line is not one this parser reads with certainty."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # never print or exit
        raise _Unsure(message)


def _formatter(prog: str) -> argparse.HelpFormatter:
    """A formatter of fixed width: argparse builds one per argument, and the default asks
    ``shutil`` for the terminal's width (an import) though this parser never prints help."""
    return argparse.HelpFormatter(prog, width=80)


def _parser() -> _Parser:
    parser = _Parser(
        prog="fa-tui check", add_help=False, allow_abbrev=False, formatter_class=_formatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--format", dest="fmt", default="text")
    parser.add_argument("--output", "-o")
    parser.add_argument("--select")
    parser.add_argument("--ignore")
    parser.add_argument("--fail-on", dest="fail_on", default="error")
    parser.add_argument("--statistics", action="store_true")
    parser.add_argument("--jobs", "-j")
    return parser


def parse_check_args(args: Sequence[str]) -> CheckOptions | None:
    """The options of ``fa-tui check ARGS`` as Typer would read them, or ``None`` when unsure."""
    if any(a in ("-h", "--help") or "\0" in a for a in args):
        return None
    try:
        ns = _parser().parse_args(list(args))
    except _Unsure:
        return None
    if not ns.paths or any(p == "" for p in ns.paths):
        return None
    if ns.output == "" or (ns.jobs is not None and not _JOBS.fullmatch(ns.jobs)):
        return None
    return CheckOptions(
        paths=[Path(p) for p in ns.paths],
        fmt=ns.fmt,
        output=None if ns.output is None else Path(ns.output),
        select=ns.select,
        ignore=ns.ignore,
        fail_on=ns.fail_on,
        statistics=ns.statistics,
        jobs=None if ns.jobs is None else int(ns.jobs),
    )
