"""`fa-tui FILE` / `fa-tui open FILE`: the inspector.

The file is read before the screen opens, so that an unreadable file gives the same one-line
error and exit status 2 as ``check``. A PDF is only opened then (a damaged or encrypted one is
refused at once): its pages are read inside the app, behind a progress line, and a PDF that
turns out unreadable (no text layer) ends the app with the same one line and exit status 2.
Parsing and checking run inside the app. The preferences (``tui/prefs.py``) are read first.
``fa-tui FILE:LINE`` (as a compiler or ``check`` prints it) opens the source at that line.
``fa-tui DIR`` (or several files) opens the list of the reports first (``run_open_list``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fa_tui.commands.common import fail, stderr_line
from fa_tui.ingest import InputError, open_report

if TYPE_CHECKING:
    from fa_tui.tui.prefs import Prefs

_LINE_SUFFIX = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?:?$")


def split_line(path: Path) -> tuple[Path, int | None]:
    """``report.txt:120`` (or ``report.txt:120:7``, as ``check`` prints) → the file and line 120.

    Only when ``path`` itself does not exist and the path without the suffix does: a file whose
    name ends in ``:120`` is opened as it is.
    """
    match = _LINE_SUFFIX.match(str(path))
    if match is None or path.exists():
        return path, None
    bare = Path(match.group("path"))
    if not bare.exists():
        return path, None
    return bare, int(match.group("line"))


def run_open(
    path: Path,
    *,
    ascii_mode: bool = False,
    mouse: bool = True,
    review: Path | None = None,
    previous: Path | None = None,
) -> None:
    """Read the report (one-line error and exit 2 if unreadable), then run the inspector.

    ``ascii_mode`` (``--ascii``) and ``mouse=False`` (``--no-mouse``) win over the preferences.
    """
    from fa_tui.tui.prefs import load_prefs

    prefs, warning = load_prefs()
    if warning is not None:
        stderr_line(warning)
    path, line = split_line(path)
    try:
        source = open_report(path)
    except InputError as exc:
        fail(str(exc))
    if previous is not None and not previous.is_file():
        fail(f"错误：上年报告不存在：{previous}")
    from fa_tui.tui.app import InspectorApp

    app = InspectorApp(
        source, line=line, review=review, previous=previous, **_display(prefs, warning, ascii_mode)
    )
    app.run(mouse=mouse and prefs.mouse)
    if app.read_error is not None:
        fail(app.read_error)


def run_open_list(paths: Sequence[Path], *, ascii_mode: bool = False, mouse: bool = True) -> None:
    """The inspector over several reports (files, or the reports below folders): a list first."""
    from fa_tui.commands.check import report_files
    from fa_tui.tui.prefs import load_prefs

    prefs, warning = load_prefs()
    if warning is not None:
        stderr_line(warning)
    errors: list[str] = []
    listed = list(report_files(paths, errors))
    files = [p for p, _named in listed]
    for line in errors:
        stderr_line(line)
    missing = [p for p in files if not p.exists()]
    if missing:
        fail(f"错误：文件不存在：{missing[0]}")
    if not files:
        fail("错误：没有找到报告文件（.txt、.md、.pdf、.docx）")
    from fa_tui.tui.app import InspectorApp

    found = [p for p, named in listed if not named]
    app = InspectorApp(None, reports=files, found=found, **_display(prefs, warning, ascii_mode))
    app.run(mouse=mouse and prefs.mouse)


def _display(prefs: Prefs, warning: str | None, ascii_mode: bool) -> dict[str, Any]:
    """The app's options from the preferences (``--ascii`` wins over them)."""
    return {
        "theme": prefs.theme,
        "ascii_mode": ascii_mode or prefs.ascii,
        "severity": prefs.severity,
        "notices": () if warning is None else (warning,),
    }
