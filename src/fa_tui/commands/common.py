"""Helpers shared by the commands: loading a report, failing with one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from fa_tui.ingest import InputError, read_report
from fa_tui.safe_text import neutralise

if TYPE_CHECKING:
    from fa_tui.model import Report


def stderr_line(message: str) -> None:
    """Write ``message`` as one line on stderr, terminal controls (from paths) made visible."""
    sys.stderr.write(neutralise(message.replace("\n", " "), tabs=" ") + "\n")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with ``code``."""
    stderr_line(message)
    raise SystemExit(code)


def apply_limits(given: dict[str, int | None]) -> None:
    """Make the limit options ``given`` (None: the default) the limits of this run, or exit 2
    for one that is not a positive number."""
    from fa_tui.ingest import limits

    chosen = limits.with_options(**given)
    problem = limits.check_positive(chosen)
    if problem:
        fail(problem)
    limits.use(chosen)


def load_or_exit(path: Path, *, facts: bool = False) -> Report:
    """Parse the report at ``path`` or exit 2 with a one-line error.

    Without ``facts`` the pipeline stops after the tables: what ``outline`` and ``tables``
    print. The narrative facts are the costliest stage on a long report.
    """
    from fa_tui.pipeline import Stage, build_report

    try:
        source = read_report(path)
    except InputError as exc:
        fail(str(exc))
    return build_report(source, until=Stage.FACTS if facts else Stage.TABLES)
