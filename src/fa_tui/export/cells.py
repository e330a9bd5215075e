"""Report text made safe for a spreadsheet or a Word document: no control characters, never a
formula, and widths counted in terminal cells (a CJK character is two)."""

from __future__ import annotations

from rich.cells import cell_len

from fa_tui import pattern_cache

# XML 1.0 cannot hold these (openpyxl and python-docx refuse them); the report is data.
_ILLEGAL = pattern_cache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with characters XML cannot hold shown as ``\\xNN``."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def width_of(text: str) -> int:
    """The widest line of ``text`` in cells."""
    return max((cell_len(line) for line in text.split("\n")), default=0)
