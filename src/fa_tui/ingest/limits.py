"""The limits on what one document may cost to read: stated, checked before the work, reported.

``Limits`` holds every number, with defaults several times what a real 部门决算 needs (the
largest is a few hundred pages, a few thousand characters a page, a DOCX of a few MB). A
command sets the limits it was given with ``use``; the readers read ``current()``. A limit
exceeded stops the reading with ``LimitExceeded`` (turned into one ``InputError`` line naming
the limit and the option that raises it) — never "damaged" for a file that is merely large.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

from msgspec import Struct, structs

# Inherited by worker processes however they are started (fork, spawn or a new interpreter).
_ENV = "FA_TUI_LIMITS"


class Limits(Struct, frozen=True, kw_only=True):
    """How much one document may hold (each raised by the option named in ``OPTIONS``)."""

    max_pages: int = 500  # pages of a PDF
    max_page_chars: int = 200_000  # characters on one PDF page
    max_page_objects: int = 500_000  # characters, paths and images on one PDF page
    max_page_stream_mb: int = 64  # a PDF page's content streams, decompressed
    page_seconds: float = 20.0  # reading one PDF page
    max_docx_mb: int = 200  # a DOCX package, decompressed
    max_docx_entries: int = 10_000  # files in a DOCX package
    max_docx_xml_mb: int = 16  # one XML part of a DOCX (the document body), decompressed
    max_docx_ratio: int = 1_000  # decompressed / compressed size of one entry (a zip bomb)
    max_grid_columns: int = 200  # grid columns of a Word table row (a larger gridSpan is cut)


# The command-line option of each limit, and what it counts (for the messages).
OPTIONS: dict[str, str] = {
    "max_pages": "--max-pages",
    "max_page_chars": "--max-page-chars",
    "max_page_objects": "--max-page-objects",
    "max_page_stream_mb": "--max-page-stream-mb",
    "page_seconds": "--page-seconds",
    "max_docx_mb": "--max-docx-mb",
    "max_docx_entries": "--max-docx-entries",
    "max_docx_xml_mb": "--max-docx-xml-mb",
    "max_docx_ratio": "--max-docx-ratio",
}

DEFAULT = Limits()
_current: Limits | None = None


class LimitExceeded(BaseException):
    """A limit was reached; ``str()`` is the message (without the path), ``name`` the limit."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name

    def line(self, path: object) -> str:
        """The one line for the reviewer: what was exceeded, how to raise it, the file."""
        option = OPTIONS.get(self.name)
        hint = f"（可用 {option} 放宽）" if option else ""
        return f"错误：{self}，已停止读取{hint}：{path}"


class NativeUnsafe(LimitExceeded):
    """A page PDFium must not be given (it would not end, in C): a form that draws itself, too
    many or too deep forms, or pages PDFium and pdfminer count differently. The PDF reader
    then reads the document with pdfminer, guarded (``pdf_text.read_pdf``)."""


def address_space() -> int | None:
    """This process's address space in bytes (Linux), ``None`` where unknown."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def ensure_room(needed: int) -> None:
    """``MemoryError`` unless the address-space limit (``RLIMIT_AS``, the ``--max-memory``
    budget) leaves ``needed`` bytes: for C code that aborts the process when an allocation
    fails (PDFium) instead of letting Python raise ``MemoryError``."""
    try:
        import resource
    except ImportError:  # not POSIX: no limit
        return
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    if soft == resource.RLIM_INFINITY:
        return
    used = address_space()
    if used is not None and soft - used < needed:
        raise MemoryError


def use(limits: Limits) -> None:
    """Make ``limits`` the limits of every reader in this process and in its workers."""
    global _current
    _current = limits
    if limits == DEFAULT:
        os.environ.pop(_ENV, None)
    else:
        import json  # only when limits are given (json costs 1.5 ms of every start)

        os.environ[_ENV] = json.dumps(structs.asdict(limits))


def current() -> Limits:
    """The limits set by ``use`` (in this process or a parent), else the defaults."""
    if _current is not None:
        return _current
    given = os.environ.get(_ENV)
    if given:
        try:
            import json

            return Limits(**json.loads(given))
        except (TypeError, ValueError):
            pass
    return DEFAULT


def with_options(**given: float | int | None) -> Limits:
    """The defaults with the options given (``None``: not given) in their place."""
    values = {name: value for name, value in given.items() if value is not None}
    return structs.replace(DEFAULT, **values) if values else DEFAULT


def check_positive(limits: Limits) -> str | None:
    """The message for a limit that is not a positive number, else ``None``."""
    for name, option in OPTIONS.items():
        if getattr(limits, name) <= 0:
            return f"错误：{option} 必须是正数，而不是 {getattr(limits, name)}"
    return None


class Clock:
    """The time budget of one piece of work (a page): ``check()`` raises once it is spent."""

    __slots__ = ("deadline", "message", "name")

    def __init__(self, seconds: float, message: str, name: str) -> None:
        self.deadline = time.monotonic() + seconds
        self.message = message
        self.name = name

    def check(self) -> None:
        """Raise ``LimitExceeded`` when the budget is spent."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded(self.message, self.name)


@contextmanager
def alarm(clock: Clock) -> Iterator[None]:
    """Also interrupt work that never calls ``clock.check()`` (a library's loop) when the
    budget is spent (``interrupt_after``)."""

    def ring() -> NoReturn:
        raise LimitExceeded(clock.message, clock.name)

    with interrupt_after(max(clock.deadline - time.monotonic(), 0.001), ring):
        yield


@contextmanager
def interrupt_after(seconds: float, ring: Callable[[], NoReturn]) -> Iterator[None]:
    """Call ``ring`` (it raises) in this thread once ``seconds`` have passed: a POSIX interval
    timer, in the main thread only (elsewhere, nothing).

    Nested (a page's time inside a document's): an outer timer due sooner is left to ring;
    else it is suspended and resumes afterwards with the time it had left.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0] if usable else 0.0
    if not usable or 0 < outer_left <= seconds:
        yield
        return

    def handler(_signum: int, _frame: FrameType | None) -> None:
        ring()

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
