"""Time to the first text of a report opened in the inspector, on a terminal (the splash).

    uv run python bench/first_text.py              # ../shared/real if it exists, else the fixtures
    uv run python bench/first_text.py --runs 7 FILE ...
    uv run python bench/first_text.py --no-bytecode-cache

Each file is opened as a reviewer opens it, ``fa-tui FILE`` as a process on a pseudo-terminal
of 80×24 (``TERM=xterm-256color``, the pty its controlling terminal), and what it writes is read
as it comes. Two times from the start of the process: until the first printed line of page 1
is on the screen (for a PDF; the splash draws it before Textual is imported), and until
Textual's first frame (its footer drawn after its driver started). Then, the text seen, ``q``
is typed until the process ends; its exit status must be 0. A ``.txt`` sample and the
``.docx`` fixture are timed too (no splash: their text is Textual's first frame).
Each run is made with the splash and without it, as the inspector was before (the pty then not
the child's controlling terminal, which fa-tui leaves to Textual alone). Times are the minimum
of ``--runs`` interleaved runs, with the bytecode cache on (as ``bench/run.py``;
``--no-bytecode-cache``: every module compiled at every start, as in this project's
environment, which sets ``PYTHONDONTWRITEBYTECODE`` and ships no ``.pyc``). Target: page 1's
text in under 0.5 s on the real PDFs.
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import REAL, child_env, fa_tui_script  # noqa: E402

from fa_tui.ingest import PendingPdf, open_report  # noqa: E402
from fa_tui.ingest.pdf_first_page import first_page_lines  # noqa: E402
from fa_tui.safe_text import neutralise  # noqa: E402

TARGET_SECONDS = 0.5
COLUMNS, ROWS = 80, 24
TEXTUAL_STARTED = "\x1b[?1004h"  # focus events: written by Textual's driver as it starts
TEXTUAL_FOOTER = "退出"  # every screen's footer (q 退出)
_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")


@dataclass
class Opened:
    """One run: seconds to the report's text and to Textual's first frame, the exit status."""

    text: float | None
    frame: float | None
    status: int


def marker(path: Path) -> str:
    """A piece of report text the first screen shows: page 1's first line (its first ten
    characters, for a PDF), else the file's first non-blank line."""
    opened = open_report(path)
    if isinstance(opened, PendingPdf):
        lines = [line for line in first_page_lines(opened) if line.strip()]
    else:
        lines = [line for line in opened.lines if line.strip()]
    return neutralise(lines[0], tabs=" ").strip()[:10] if lines else ""


def open_once(
    path: Path, env: dict[str, str], text: str, *, splash: bool = True, timeout: float = 60.0
) -> Opened:
    """Open ``path`` on a fresh pty and time it (see the module's docstring); without
    ``splash`` the pty is not the child's controlling terminal, which fa-tui then leaves to
    Textual alone (as before the splash)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [fa_tui_script(), str(path)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=(lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0)) if splash else None,
    )
    os.close(slave)
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    raw = ""
    seen_text: float | None = None
    seen_frame: float | None = None
    last_q = 0.0
    deadline = start + timeout
    try:
        while proc.poll() is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.005)
            now = time.perf_counter()
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                raw += decoder.decode(chunk)
                if seen_text is None and text and text in _ESCAPE.sub("", raw):
                    seen_text = now - start
                started = raw.find(TEXTUAL_STARTED)
                drawn = started >= 0 and TEXTUAL_FOOTER in _ESCAPE.sub("", raw[started:])
                if seen_frame is None and drawn:
                    seen_frame = now - start
            waited = seen_text is not None or not text or now - start > 10
            if seen_frame is not None and waited and now - last_q > 0.2:
                os.write(master, b"q")
                last_q = now
    finally:
        if proc.poll() is None:
            proc.kill()
        status = proc.wait()
        os.close(master)
    return Opened(seen_text, seen_frame, status)


def files(given: list[Path]) -> list[Path]:
    """The files named, else the real PDFs (or the PDF fixtures), a sample and the DOCX."""
    if given:
        return given
    fixtures = ROOT / "tests" / "fixtures"
    pdfs = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    pdfs = pdfs or sorted(p for p in fixtures.glob("*.pdf") if p.name != "scanned.pdf")
    return [*pdfs, ROOT / "sample_reports" / "2024-liling.txt", fixtures / "2024-liling.docx"]


def best(opened: list[Opened], field: str) -> float | None:
    """The least of the times ``field`` of ``opened`` (``None`` if never seen)."""
    times = [t for t in (getattr(o, field) for o in opened) if t is not None]
    return min(times) if times else None


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5, help="runs per file (the minimum is kept)")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="every module compiled at every start (PYTHONDONTWRITEBYTECODE, no cache written)",
    )
    args = parser.parse_args()
    paths = files(args.files)
    with tempfile.TemporaryDirectory(prefix="fa-tui-first-text-") as tmp:
        env = child_env(Path(tmp) / "pycache")
        if args.no_bytecode_cache:
            env.pop("PYTHONPYCACHEPREFIX")
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        for name in ("COLUMNS", "LINES"):
            env.pop(name, None)
        env["TERM"] = "xterm-256color"
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            env[name] = str(Path(tmp) / name.lower())
        texts = {path: marker(path) for path in paths}
        open_once(paths[0], env, texts[paths[0]])  # warm the bytecode cache
        runs: dict[tuple[Path, bool], list[Opened]] = {}
        for _ in range(args.runs):
            for path in paths:
                for splash in (True, False):
                    opened = open_once(path, env, texts[path], splash=splash)
                    runs.setdefault((path, splash), []).append(opened)
    cache = "no bytecode cache" if args.no_bytecode_cache else "bytecode cached"
    print(f"time from the process's start, {COLUMNS}x{ROWS} pty, {cache}, min of {args.runs} runs")
    print(f"  {'':<40} {'with the splash':^25} {'without (before)':^25}")
    print(f"  {'file':<40} {'text':>12} {'Textual':>12} {'text':>12} {'Textual':>12}  exit")
    worst = 0.0
    for path in paths:
        now, before = runs[(path, True)], runs[(path, False)]
        statuses = sorted({o.status for o in now + before})
        row = [best(now, "text"), best(now, "frame"), best(before, "text"), best(before, "frame")]
        print(f"  {path.name:<40} " + " ".join(f"{ms(t):>12}" for t in row) + f"  {statuses}")
        if path.suffix == ".pdf":
            worst = max(worst, row[0] if row[0] is not None else float("inf"))
    met = "MET" if worst < TARGET_SECONDS else "NOT MET"
    print(f"  target: page 1's text < {TARGET_SECONDS:.1f} s (PDFs): worst {ms(worst)} -> {met}")


if __name__ == "__main__":
    main()
