"""ASCII mode's characters: what each character of East Asian width "ambiguous" becomes.

``tui/ambiguous.py`` says why and applies them to what Textual draws; they live here, without
Textual, so that the splash drawn before Textual is imported (``tui/splash.py``) narrows its
text the same way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len

# Spelt out, for text whose columns matter to nobody (a finding's message).
SPELT: dict[str, str] = {
    "…": "...",
    "≠": "!=",
    "≤": "<=",
    "≥": ">=",
    "≈": "~",
    "×": "x",
    "÷": "/",
    "±": "+/-",
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "Σ": "sum",
    "½": "1/2",
    "①": "(1)",
    "②": "(2)",
    "③": "(3)",
    "④": "(4)",
    "⑤": "(5)",
    "⑥": "(6)",
    "⑦": "(7)",
    "⑧": "(8)",
    "⑨": "(9)",
    "⑩": "(10)",
}

# One cell for one cell, for text laid out by columns (the report, the panes).
ONE_CELL: dict[str, str] = {
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": ".",
    "·": ".",
    "•": "*",
    "—": "-",
    "–": "-",
    "―": "-",
    "‖": "|",
    "×": "x",
    "÷": "/",
    "≠": "#",
    "≈": "~",
    "≤": "<",
    "≥": ">",
    "±": "+",
    "°": "o",
    "§": "S",
    "¶": "P",
    "Σ": "E",
    "√": "v",
    "※": "*",
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "↔": "-",
    "▶": ">",
    "▸": ">",
    "►": ">",
    "▼": "v",
    "▾": "v",
    "◀": "<",
    "▲": "^",
    "●": "*",
    "○": "o",
    "◎": "o",
    "◆": "*",
    "◇": "o",
    "■": "#",
    "□": "#",
    "★": "*",
    "☆": "*",
    "█": "#",
    "▌": "|",
    "▐": "|",
    "▏": "|",
    "▕": "|",
}

FALLBACK = "?"


def is_ambiguous(ch: str) -> bool:
    """Whether a terminal may draw ``ch`` one or two cells wide (East Asian width "A")."""
    return unicodedata.east_asian_width(ch) == "A"


@lru_cache(maxsize=4096)
def cell_safe(ch: str) -> str:
    """``ch`` if it is not ambiguous, else a narrow character as wide as Rich measures ``ch``:
    one cell, or nothing for a zero-width mark (a combining accent, a variation selector)."""
    if not is_ambiguous(ch):
        return ch
    if cell_len(ch) == 0:
        return ""
    if ch in ONE_CELL:
        return ONE_CELL[ch]
    name = unicodedata.name(ch, "")
    if name.startswith("BOX DRAWINGS"):
        if "AND" in name or ("HORIZONTAL" in name) == ("VERTICAL" in name):
            return "+"  # a corner, a junction, a crossing
        return "-" if "HORIZONTAL" in name else "|"
    if "BLOCK" in name or "SHADE" in name:  # scrollbar and progress glyphs: drawn by colour
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and folded.isascii() and folded.isprintable():
        return folded  # a fullwidth-compatible form: Ⅰ → I, ① → 1
    return FALLBACK


def cell_safe_text(text: str) -> str:
    """``text`` with each ambiguous character replaced by ``cell_safe`` (same cells)."""
    if text.isascii():
        return text
    return "".join(cell_safe(ch) for ch in text)


def narrow(text: str) -> str:
    """``text`` with no ambiguous character, spelt out where a longer form reads better."""
    if text.isascii():
        return text
    return "".join(SPELT.get(ch) or cell_safe(ch) for ch in text)


def has_ambiguous(text: str) -> bool:
    """Whether ``text`` holds a character of East Asian width "A"."""
    return not text.isascii() and any(is_ambiguous(ch) for ch in text)
