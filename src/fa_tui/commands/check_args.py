"""The options of ``fa-tui check``, declared once, and read without Typer for a fast start.

``CHECK_OPTIONS`` declares every option; the Typer command (``cli.check``) and the argparse
reader here are both built from it, so adding an option is one edit. Typer builds a pydantic
validator for every parameter of the command it runs, which costs more than checking a report.
``parse_check_args`` reads the common, unambiguous command lines with the standard library and
gives exactly the ``CheckOptions`` Typer would give (a test holds the two side by side); for
anything else (help, a mistake, an unusual spelling) it returns ``None`` and Typer, the
authority on the command line, parses it and words the errors.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from msgspec import Struct

from fa_tui import pattern_cache
from fa_tui.commands.budget import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

FORMATS = ("text", "json", "sarif")
FAIL_ON = {"error": 3, "warning": 2, "info": 1}  # Severity.rank of each level


class CheckOptions(Struct, frozen=True):
    """The options of ``fa-tui check`` as given on the command line."""

    paths: list[Path]
    fmt: str = "text"
    output: Path | None = None
    select: str | None = None
    ignore: str | None = None
    fail_on: str = "error"
    statistics: bool = False
    jobs: int | None = None  # None: one process per CPU
    previous: Path | None = None  # last year's report (one report checked)
    # The limits of one document (``ingest.limits``; None: the default).
    max_pages: int | None = None
    max_page_chars: int | None = None
    max_page_objects: int | None = None
    max_page_stream_mb: int | None = None
    page_seconds: int | None = None
    max_docx_mb: int | None = None
    max_docx_entries: int | None = None
    max_docx_xml_mb: int | None = None
    max_docx_ratio: int | None = None

    def limits(self) -> dict[str, int | None]:
        """The limit options as given, by name (``ingest.limits.with_options``)."""
        return {spec.name: getattr(self, spec.name) for spec in LIMIT_OPTIONS}

    # The budget of each document (``commands/budget.py``; 0: no limit).
    timeout: int = DEFAULT_TIMEOUT  # seconds
    max_memory: int = DEFAULT_MAX_MEMORY  # MB


class OptionSpec(NamedTuple):
    """One parameter of ``fa-tui check``: a ``CheckOptions`` field and how it is spelt."""

    name: str  # the field of ``CheckOptions``
    flags: tuple[str, ...]  # ("--output", "-o"); none for the positional paths
    type: Any  # str, int, bool, Path or list[Path] (Typer adds ``| None`` to a None default)
    default: Any  # ``...``: required
    help: str
    choices: tuple[str, ...] = ()  # listed in the help; ``run_check`` refuses any other

    @property
    def help_text(self) -> str:
        """The help as printed: the choices first (``text | json | sarif``), then ``help``."""
        listed = " | ".join(self.choices)
        return f"{listed}: {self.help}" if listed and self.help else listed or self.help


# The limits of one document (``ingest.limits.Limits``), for check, outline, tables and open.
LIMIT_OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec("max_pages", ("--max-pages",), int, None, "Pages per PDF (default 500)."),
    OptionSpec(
        "max_page_chars", ("--max-page-chars",), int, None, "Characters per PDF page (200000)."
    ),
    OptionSpec(
        "max_page_objects", ("--max-page-objects",), int, None, "Objects per PDF page (500000)."
    ),
    OptionSpec(
        "max_page_stream_mb",
        ("--max-page-stream-mb",),
        int,
        None,
        "MB of a PDF page's content, decompressed (64).",
    ),
    OptionSpec("page_seconds", ("--page-seconds",), int, None, "Seconds per PDF page (20)."),
    OptionSpec("max_docx_mb", ("--max-docx-mb",), int, None, "MB of a DOCX, decompressed (200)."),
    OptionSpec("max_docx_entries", ("--max-docx-entries",), int, None, "Files in a DOCX (10000)."),
    OptionSpec(
        "max_docx_xml_mb", ("--max-docx-xml-mb",), int, None, "MB of one DOCX XML part (16)."
    ),
    OptionSpec(
        "max_docx_ratio", ("--max-docx-ratio",), int, None, "Compression ratio in a DOCX (1000)."
    ),
)

CHECK_OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec("paths", (), list[Path], ..., "Report files or directories."),
    OptionSpec("fmt", ("--format",), str, "text", "", FORMATS),
    OptionSpec("output", ("--output", "-o"), Path, None, "Write the report to FILE."),
    OptionSpec("select", ("--select",), str, None, "Only these codes or prefixes (FA2,FA301)."),
    OptionSpec("ignore", ("--ignore",), str, None, "Skip these codes or prefixes."),
    OptionSpec("fail_on", ("--fail-on",), str, "error", "exit 1 at this level.", tuple(FAIL_ON)),
    OptionSpec(
        "statistics", ("--statistics",), bool, False, "Print the number of findings per code."
    ),
    OptionSpec("jobs", ("--jobs", "-j"), int, None, "Worker processes (default: one per CPU)."),
    OptionSpec(
        "previous", ("--previous",), Path, None, "Last year's report: check the 上年 figures."
    ),
    *LIMIT_OPTIONS,
    # The budget of each document: past it the document is stopped, the batch goes on.
    OptionSpec(
        "timeout", ("--timeout",), int, DEFAULT_TIMEOUT, "Seconds per document (0: no limit)."
    ),
    OptionSpec(
        "max_memory",
        ("--max-memory",),
        int,
        DEFAULT_MAX_MEMORY,
        "MB of memory per document (0: no limit).",
    ),
)

# What Typer reads as the same int as ``int()`` does (no sign, no other script's digits).
_WHOLE = pattern_cache.compile(r"[0-9]{1,6}")


class _Unsure(Exception):
    """The command line is not one this parser reads with certainty."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # never print or exit
        raise _Unsure(message)


def _formatter(prog: str) -> argparse.HelpFormatter:
    """A formatter of fixed width: argparse builds one per argument, and the default asks
    ``shutil`` for the terminal's width (an import) though this parser never prints help."""
    return argparse.HelpFormatter(prog, width=80)


def _parser() -> _Parser:
    parser = _Parser(
        prog="fa-tui check", add_help=False, allow_abbrev=False, formatter_class=_formatter
    )
    for spec in CHECK_OPTIONS:
        if not spec.flags:
            parser.add_argument(spec.name, nargs="*")
        elif spec.type is bool:
            parser.add_argument(*spec.flags, dest=spec.name, action="store_true")
        else:  # read as text, converted (or found unsure) by ``_value``
            parser.add_argument(*spec.flags, dest=spec.name, default=spec.default)
    return parser


def _value(spec: OptionSpec, given: Any) -> Any:
    """The value Typer would give ``spec`` for ``given`` (argparse's text); ``_Unsure`` when
    Typer might read it otherwise or refuse it."""
    if given is None or spec.type is bool or given is spec.default:
        return given
    if spec.type == list[Path]:
        if not given or "" in given:
            raise _Unsure(spec.name)
        return [Path(p) for p in given]
    if spec.type is Path:
        if given == "":
            raise _Unsure(spec.name)
        return Path(given)
    if spec.type is int:
        if not _WHOLE.fullmatch(given):
            raise _Unsure(spec.name)
        return int(given)
    return given


def parse_check_args(args: Sequence[str]) -> CheckOptions | None:
    """The options of ``fa-tui check ARGS`` as Typer would read them, or ``None`` when unsure."""
    if any(a in ("-h", "--help") or "\0" in a for a in args):
        return None
    try:
        ns = _parser().parse_args(list(args))
        values = {spec.name: _value(spec, getattr(ns, spec.name)) for spec in CHECK_OPTIONS}
    except _Unsure:
        return None
    return CheckOptions(**values)
