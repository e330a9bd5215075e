"""The one error every reader raises for a file that cannot be read."""

from __future__ import annotations


class InputError(Exception):
    """A report that cannot be read; ``str(error)`` is the one-line message for the reviewer."""
