"""Pause Python's cyclic garbage collector while a report is parsed or checked.

Parsing allocates hundreds of thousands of small objects that all stay alive (spans, amounts,
facts); each automatic collection walks every one of them, which made large reports
quadratic (a 5 MB report spent most of its time in the collector). The parsers create next to
no reference cycles, so collection can wait until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable automatic garbage collection inside the block (re-enabled only if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
