"""Make report text safe to show on a terminal: control characters become visible placeholders.

A report is data, never markup and never terminal commands. Callers hand the result to Rich as
``rich.text.Text`` (never as a markup string); this module takes care of the characters Rich lets
through: C0 controls (ESC starts ANSI/OSC sequences), DEL, C1 controls and bidi overrides.
"""

from __future__ import annotations

import re

# C0 controls except TAB, DEL, C1 controls, and the bidirectional embedding/override/isolate marks.
_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_PICTURES = 0x2400  # ␀ … ␟ stand for C0 controls


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group(0))
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
_JSON_RAW = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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
