"""Helpers shared by the commands: loading a report, failing with one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

from fa_tui.ingest import InputError


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with ``code``."""
    sys.stderr.write(message.replace("\n", " ") + "\n")
    raise typer.Exit(code)


def load_or_exit(path: Path):
    """Parse the report at ``path`` or exit 2 with a one-line error."""
    from fa_tui.pipeline import load_report

    try:
        return load_report(path)
    except InputError as exc:
        fail(str(exc))
