"""The one error every reader raises for a file that cannot be read."""

from __future__ import annotations


class InputError(Exception):
    """A report that cannot be read; ``str(error)`` is the one-line message for the reviewer."""


def out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is the process running out of memory: a
    ``MemoryError``, or a library that could not be mapped into the address space."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        text = str(seen).lower()
        if isinstance(seen, (ImportError, OSError)) and (
            "failed to map segment" in text or "cannot allocate memory" in text
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
