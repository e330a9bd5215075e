"""Make report text safe to show on a terminal: control characters become visible placeholders.

A report is data, never markup and never terminal commands. Callers hand the result to Rich as
``rich.text.Text`` (never as a markup string); this module takes care of the characters Rich lets
through: C0 controls (ESC starts ANSI/OSC sequences), DEL, C1 controls and bidi overrides.
"""

from __future__ import annotations

import re

from fa_tui import pattern_cache

# A lone surrogate: U+DC80–U+DCFF stands for an undecodable byte (``surrogateescape``, e.g. a
# GBK file name read as UTF-8); no UTF-8 writer accepts one.
_SURROGATE = pattern_cache.compile(r"[\ud800-\udfff]")

# C0 controls except TAB, DEL, C1 controls, and the bidirectional embedding/override/isolate marks.
_UNSAFE = pattern_cache.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CONTROL_PICTURES = 0x2400  # ␀ … ␟ stand for C0 controls


def _byte(code: int, backslash: str = "\\") -> str:
    """An undecodable byte as ``\\xc1`` (``backslash`` doubled inside JSON text)."""
    if 0xDC80 <= code <= 0xDCFF:
        return f"{backslash}x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"  # a lone surrogate that stands for no byte


def visible_bytes(text: str) -> str:
    """``text`` with each undecodable byte of a file name (``\\udcc1``) shown as ``\\xc1``.

    What ``os.fsencode(name).decode("utf-8", "backslashreplace")`` shows, and encodable in
    UTF-8: the form of a path in every output of ``check``.
    """
    return _SURROGATE.sub(lambda m: _byte(ord(m.group(0))), text)


def json_visible_bytes(document: str) -> str:
    """JSON text with each raw lone surrogate written as the escaped text ``\\\\xc1``."""
    return _SURROGATE.sub(lambda m: _byte(ord(m.group(0)), "\\\\"), document)


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xD800 <= code <= 0xDFFF:
        return _byte(code)
    if code < 0x20:
        return chr(_CONTROL_PICTURES + code)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def neutralise(text: str, *, tabs: str | None = None) -> str:
    """``text`` with every terminal control character replaced by a visible placeholder.

    ``tabs``, when given, replaces TAB characters (e.g. with spaces for a one-line label).
    """
    if tabs is not None:
        text = text.replace("\t", tabs)
    return _UNSAFE.sub(_placeholder, text)


# What ``json.dumps(..., ensure_ascii=False)`` leaves raw but a terminal may act on or reorder.
_JSON_RAW = pattern_cache.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """JSON text with DEL, C1 controls and bidi marks escaped as ``\\uXXXX``.

    ``json.dumps`` already escapes C0 controls (ESC included); these others can only occur
    inside JSON strings, so escaping them keeps the document valid and ``json.loads`` returns
    the original characters, while a document printed on a terminal stays inert.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", document)


def is_safe(text: str) -> bool:
    """Whether ``text`` has no character that ``neutralise`` would replace."""
    return _UNSAFE.search(text) is None
