"""Constant regular expressions compiled once per machine, not once per process.

CPython compiles a pattern in Python code (``re._parser``, ``re._compiler``): fa-tui's
module-level patterns (about 250) cost every process about 45 ms before it reads a byte — a
third of a text report's whole ``check``, an eighth of a PDF's. ``compile`` keeps what the
compiler made of each (its code, flags and groups) in one file in the user's cache directory,
per build of Python (version, ``_sre.MAGIC``, code unit size), and makes the pattern from it
with ``_sre.compile``, the call ``re.compile`` itself ends with (the engine validates the
code). The pattern is the same object ``re.compile`` makes (``==`` compares the code). No
file, a file of another Python, a damaged file, a directory that cannot be written, a Python
whose compiler differs: ``re.compile`` compiles it, as it would have. The file is written when
a process ends having compiled a pattern the file lacked (by a new file put in place at once).

Only constant patterns belong here: never one made from user input (the file is on disk).
Measured in bench/README.md ("Patterns compiled once").
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any, AnyStr

_sre: Any = importlib.import_module("_sre")  # the regular expression engine (no stubs)

_HEADER = b"fa-tui patterns 1\n"
_TAG = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.maxunicode}"
_MAX_BYTES = 8 * 1024 * 1024  # a larger file is not read (it is not ours)
_MAX_ENTRIES = 4000

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str | bytes, int]

_known: dict[Key, Entry] | None = None  # read from the file, on first use
_made: dict[Key, Entry] = {}  # compiled by this process, for the file
_enabled = True  # False once this Python's compiler is not the one this module knows


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, made from the cache file when it holds the pattern."""
    flags = int(flags)
    if not _enabled:
        return re.compile(pattern, flags)
    key: Key = (pattern, flags)
    entry = _cache().get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)  # type: ignore[no-any-return]
        except Exception:  # a damaged entry: compile it afresh
            pass
    return _compiled(pattern, flags, key)


def cache_file() -> Path:
    """Where the compiled patterns of this Python are kept: in platformdirs'
    ``user_cache_dir("fa-tui")``, worked out by hand on Linux (the XDG rule platformdirs
    follows there; importing it costs 6 ms, most of a cache's gain on a short ``check``)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        folder = Path(base or os.path.expanduser("~/.cache")) / "fa-tui"
    else:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("fa-tui"))
    return folder / f"patterns-{_TAG}.bin"


def _compiled(pattern: AnyStr, flags: int, key: Key) -> re.Pattern[AnyStr]:
    """The pattern compiled as ``re._compiler.compile`` does it, its parts kept for the file."""
    global _enabled
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        entry: Entry = (
            flags | parsed.state.flags,
            [int(word) for word in code],  # plain ints (opcodes are an int subclass)
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        made: re.Pattern[AnyStr] = _sre.compile(pattern, *entry)
    except re.error:
        raise
    except Exception:  # another Python's compiler: leave it to ``re``
        _enabled = False
        return re.compile(pattern, flags)
    if not _made and made != re.compile(pattern, flags):  # the first one checked against
        _enabled = False  # ``re``'s own: this Python's compiler is not the one known here
        return re.compile(pattern, flags)
    if not _made:
        atexit.register(_save)  # once: ``_made`` only grows
    _made[key] = entry
    return made


def _cache() -> dict[Key, Entry]:
    global _known
    if _known is None:
        _known = _read(cache_file())
    return _known


def _read(path: Path) -> dict[Key, Entry]:
    """The entries of the cache file at ``path`` (none when it is missing, damaged or large)."""
    try:
        with path.open("rb") as file:
            data = file.read(_MAX_BYTES + 1)
    except OSError:
        return {}
    body = data[len(_HEADER) + 4 :]
    if len(data) > _MAX_BYTES or not data.startswith(_HEADER):
        return {}
    if int.from_bytes(data[len(_HEADER) : len(_HEADER) + 4], "big") != zlib.crc32(body):
        return {}
    try:
        entries: Any = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _save() -> None:
    """Write the known and newly compiled entries to the cache file, replacing it at once."""
    if not _made:
        return
    entries = {**_cache(), **_made}
    if len(entries) > _MAX_ENTRIES:
        entries = dict(_made)
    try:
        body = marshal.dumps(entries)
    except ValueError:
        return
    path = cache_file()
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(_HEADER + zlib.crc32(body).to_bytes(4, "big") + body)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
