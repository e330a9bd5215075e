"""`fa-tui FILE` / `fa-tui open FILE`: the inspector.

The file is read before the screen opens, so that an unreadable file gives the same one-line
error and exit status 2 as ``check``. A PDF is only opened then (a damaged or encrypted one is
refused at once): its pages are read inside the app, behind a progress line, and a PDF that
turns out unreadable (no text layer) ends the app with the same one line and exit status 2.
Parsing and checking run inside the app. The preferences (``tui/prefs.py``) are read first.
On a terminal, a PDF's first page is read and shown at once on a splash drawn before Textual is
imported (``tui/splash.py``, ``tui/splash_terminal.py``); the app's loading screen then takes
over. A page the reader refuses there ends with the same one line and exit status 2.
``fa-tui FILE:LINE`` (as a compiler or ``check`` prints it) opens the source at that line.
``fa-tui DIR`` (or several files) opens the list of the reports first (``run_open_list``).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fa_tui import pattern_cache
from fa_tui.commands.common import fail, stderr_line
from fa_tui.ingest import InputError, PendingPdf, open_report

if TYPE_CHECKING:
    from fa_tui.tui.app import InspectorApp
    from fa_tui.tui.prefs import Prefs

_LINE_SUFFIX = pattern_cache.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?:?$")


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
    display = _display(prefs, warning, ascii_mode)
    mouse = mouse and prefs.mouse

    def inspector() -> InspectorApp:
        from fa_tui.tui.app import InspectorApp

        return InspectorApp(source, line=line, review=review, previous=previous, **display)

    if isinstance(source, PendingPdf) and _splash_wanted():
        app = _run_after_splash(source, inspector, mouse=mouse, ascii_mode=display["ascii_mode"])
    else:
        app = inspector()
        app.run(mouse=mouse)
    if app.read_error is not None:
        fail(app.read_error)


def _splash_wanted() -> bool:
    """Whether to draw the splash: a terminal of this process's own on both ends (POSIX)."""
    try:
        from fa_tui.tui.splash_terminal import splash_possible
    except ImportError:  # no termios (Windows): Textual alone
        return False
    return splash_possible(sys.stdin, sys.stdout)


def _run_after_splash(
    pending: PendingPdf,
    inspector: Callable[[], InspectorApp],
    *,
    mouse: bool,
    ascii_mode: bool,
) -> InspectorApp:
    """Show the splash, read page 1 onto it, then import and run the app, which takes the
    terminal over as its driver starts; a page refused ends here (one line, exit 2), the
    terminal restored first."""
    from fa_tui.ingest.pdf_first_page import first_page_lines
    from fa_tui.tui.splash import READING, opening, splash_frame, splash_rows
    from fa_tui.tui.splash_terminal import SplashTerminal, handing_over

    width, height = shutil.get_terminal_size()  # as Textual's driver measures the screen
    name = pending.path.name

    def show(splash: SplashTerminal, status: str, lines: tuple[str, ...] | None) -> None:
        rows = splash_rows(name, status, lines, width, height, ascii_mode=ascii_mode)
        splash.write(splash_frame(rows, height))

    with SplashTerminal(sys.stdin, sys.stdout) as splash:
        show(splash, READING, None)
        try:
            lines = first_page_lines(pending)
        except InputError as exc:
            refused = str(exc)
        else:
            show(splash, opening(pending.pages), lines)
            app = inspector()
            app.driver_class = handing_over(app.driver_class, splash.hand_over)
            app.run(mouse=mouse)
            return app
    fail(refused)


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
