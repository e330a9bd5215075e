"""The time and memory budget of checking one document (``--timeout``, ``--max-memory``).

Memory is the address space a process may add while it checks (``RLIMIT_AS`` on POSIX, on top
of what it had when the budget was set): past it an allocation fails and Python raises
``MemoryError``. Time: in a batch the parent kills a worker past its deadline
(``commands/pool.py``); a single document is checked in-process under a ``SIGALRM`` timer
that raises ``OverTime`` (a ``BaseException``, so no ``except Exception`` of a reader keeps
going). A worker costs nothing there, and the timer stops pure-Python loops, where every
known hang is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from msgspec import Struct

from fa_tui.ingest.limits import address_space

DEFAULT_TIMEOUT = 120  # seconds per document; the largest real report takes a few
DEFAULT_MAX_MEMORY = 2048  # MB per document; the largest real report needs a few hundred


class Budget(Struct, frozen=True):
    """Seconds and megabytes one document may take (0: no limit)."""

    seconds: int = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MAX_MEMORY


class OverTime(BaseException):
    """The document's time budget ran out (raised by the timer)."""


def timeout_line(path: Path, budget: Budget) -> str:
    """The line listing a document stopped for its time."""
    return f"已停止：{path} 检查超过 {budget.seconds} 秒（可用 --timeout 放宽）"


def memory_line(path: Path, budget: Budget) -> str:
    """The line listing a document stopped for its memory."""
    if not budget.memory_mb:
        return f"已停止：{path} 检查时内存不足"
    return f"已停止：{path} 检查内存超过 {budget.memory_mb} MB（可用 --max-memory 放宽）"


def is_out_of_memory(exc: ImportError) -> bool:
    """Whether importing failed for want of address space (``dlopen``: cannot map)."""
    text = str(exc).lower()
    return "failed to map segment" in text or "cannot allocate memory" in text


def limit_memory(budget: Budget) -> Any:
    """Cap this process's address space at its present size plus the budget.

    Returns what ``restore_memory`` needs (``None``: nothing was changed).
    """
    if not budget.memory_mb:
        return None
    try:
        import resource
    except ImportError:  # not POSIX: no limit
        return None
    now = address_space()
    if now is None:
        return None
    old = resource.getrlimit(resource.RLIMIT_AS)
    wanted = now + budget.memory_mb * 1024 * 1024
    hard = old[1]
    if hard != resource.RLIM_INFINITY and wanted > hard:
        wanted = hard
    if old[0] != resource.RLIM_INFINITY and old[0] <= wanted:
        return None  # already as tight
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return None
    return old


def restore_memory(old: Any) -> None:
    """Undo ``limit_memory``."""
    if old is None:
        return
    import resource

    resource.setrlimit(resource.RLIMIT_AS, old)


@contextmanager
def _timer(seconds: int) -> Iterator[None]:
    """Raise ``OverTime`` in this (main) thread after ``seconds`` (0: never)."""
    if seconds <= 0:
        yield
        return
    from fa_tui.ingest.limits import interrupt_after

    def ring() -> NoReturn:
        raise OverTime

    with interrupt_after(seconds, ring):
        yield


@contextmanager
def within(budget: Budget) -> Iterator[None]:
    """Check one document in this process within ``budget``; limits restored after."""
    old = limit_memory(budget)
    try:
        with _timer(budget.seconds):
            yield
    finally:
        restore_memory(old)
