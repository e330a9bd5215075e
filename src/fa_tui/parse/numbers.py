"""Printed numbers → exact ``Decimal`` values, repairing extraction damage and saying so.

Handles ``,`` thousands separators, spaces left inside numbers by PDF extraction
(``137,500,26 5.00``, ``138, 307, 276. 56``, ``0. 00``), full-width digits and signs, ``％`` and
``100 %``, negative numbers and markdown emphasis (``**399.57**``). A blank or dash cell has no
value (which is not zero). Nothing here raises on odd input.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model.amount import Amount
from fa_tui.model.decimals import show
from fa_tui.model.span import Span

# Full-width digits, signs and separators → ASCII (same length: positions are kept).
# The full-width comma is left alone: in prose it separates clauses.
_WIDE = str.maketrans("０１２３４５６７８９．－＋％−", "0123456789.-+%-")
_DASHES = frozenset({"-", "--", "—", "——", "–", "－", "/", "／", "…", "……", "—-", "-—"})
_SPACES = " \t\u3000\xa0"
_MAX_DIGITS = 60

# One number in a cell, after width normalisation: sign, digit groups with separators and
# spaces, decimals, percent sign. Spaces are allowed next to separators and between digits.
_CELL = pattern_cache.compile(
    r"^(?P<sign>[-+]\s?)?"
    r"(?P<int>\d(?:[\d, ]*\d)?)"
    r"(?:\s?(?P<dot>\.)\s?(?P<frac>\d(?:[\d ]*\d)?))?"
    r"(?P<pct>\s?%)?$"
)


class ParsedNumber(NamedTuple):
    """A number read from text: value, printed decimals, and where it lay in the text.

    ``start``/``end`` index the number's characters in the text given (markdown and
    surrounding blanks excluded). ``repaired`` says that extraction damage was undone;
    ``note`` then says what, quoting the original.
    """

    value: Decimal
    decimals: int
    is_percent: bool
    start: int
    end: int
    repaired: bool = False
    note: str | None = None
    grouped: bool = False


def normalise_width(text: str) -> str:
    """``text`` with full-width digits, signs and separators made ASCII (same length)."""
    return text.translate(_WIDE)


def is_dash(text: str) -> bool:
    """Whether a cell holds a dash meaning "no value"."""
    return text.strip(_SPACES).replace("*", "") in _DASHES


def _strip_bounds(text: str) -> tuple[int, int]:
    """Start and end of ``text`` without surrounding blanks and ``**`` emphasis."""
    start, end = 0, len(text)
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _SPACES:
            start += 1
            changed = True
        while end > start and text[end - 1] in _SPACES:
            end -= 1
            changed = True
        if text.startswith("**", start) and end - start >= 4 and text.endswith("**", 0, end):
            start += 2
            end -= 2
            changed = True
    return start, end


def _grouping_ok(int_part: str) -> bool:
    """Whether ``1,234,567`` style grouping (no spaces) is regular."""
    groups = int_part.split(",")
    if len(groups) == 1:
        return True
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _build(
    sign: str | None, int_part: str, frac: str | None, spaced: bool, original: str
) -> tuple[Decimal, int, bool, str | None, bool] | None:
    """Value, decimals, repaired, note and grouped from matched pieces (``None`` if unusable).

    ``spaced`` says that blanks were found inside the number (between its first and last digit).
    """
    digits_int = int_part.replace(" ", "")
    grouped = "," in digits_int
    plain_int = digits_int.replace(",", "")
    digits_frac = (frac or "").replace(" ", "")
    if not plain_int or len(plain_int) + len(digits_frac) > _MAX_DIGITS:
        return None
    notes: list[str] = []
    if spaced:
        notes.append("去除了数字中的空格")
    if not _grouping_ok(digits_int):
        notes.append("千分位分隔不规范")
    sign_text = "-" if sign and sign.strip() == "-" else ""
    literal = f"{sign_text}{plain_int}" + (f".{digits_frac}" if frac is not None else "")
    try:
        value = Decimal(literal)
    except InvalidOperation:
        return None
    decimals = len(digits_frac) if frac is not None else 0
    note = f"原文“{original}”：{'；'.join(notes)}" if notes else None
    return value, decimals, bool(notes), note, grouped


def _spaced(match: re.Match[str]) -> bool:
    """Whether the matched number has blanks between its sign or first digit and last digit."""
    last = match.end("frac") if match.group("frac") is not None else match.end("int")
    first = match.start("sign") if match.group("sign") else match.start("int")
    return any(c in _SPACES for c in match.string[first:last])


def parse_number(text: str) -> ParsedNumber | None:
    """Read ``text`` (a whole cell) as one number, or ``None`` when it is not one.

    Blank and dash cells are not numbers (``None``); see ``parse_cell`` for the difference.
    """
    if not text or len(text) > 200:
        return None
    return _parse_number(text)


@lru_cache(maxsize=1 << 16)
def _parse_number(text: str) -> ParsedNumber | None:
    """``parse_number`` of a short non-empty text (cached: cells repeat; the result is frozen)."""
    start, end = _strip_bounds(text)
    if start >= end:
        return None
    core = normalise_width(text[start:end])
    match = _CELL.match(core)
    if match is None:
        return None
    pct = match.group("pct") is not None
    built = _build(
        match.group("sign"),
        match.group("int"),
        match.group("frac"),
        _spaced(match),
        text[start:end],
    )
    if built is None:
        return None
    value, decimals, repaired, note, grouped = built
    return ParsedNumber(value, decimals, pct, start, end, repaired, note, grouped)


def format_number(
    value: Decimal, decimals: int, *, grouped: bool = True, percent: bool = False
) -> str:
    """``value`` printed with ``decimals`` places, optional thousands separators and ``%``."""
    return show(value, decimals, grouped=grouped) + ("%" if percent else "")


def display_amount(amount: Amount) -> str:
    """An amount as printed (grouping kept; repaired damage undone), '' for a blank cell."""
    if amount.value is None:
        return "" if not amount.text.strip() else amount.text.strip()
    parsed = parse_number(amount.text)
    grouped = parsed.grouped if parsed is not None else "," in amount.text
    return format_number(amount.value, amount.decimals, grouped=grouped, percent=amount.is_percent)


def parse_cell(text: str, line: int, column: int, *, unit: str | None = None) -> Amount | None:
    """An ``Amount`` for a table cell whose text starts at 1-based ``column`` of ``line``.

    A blank or dash cell gives an ``Amount`` with value ``None``; text that is not a number
    gives ``None``. The span covers exactly the number's characters (or the dash; a blank cell
    gets an empty span at ``column``).
    """
    shape = _cell_shape(text) if len(text) <= _CACHED_CELL else _shape(text)
    if shape is None:
        return None
    if isinstance(shape, ParsedNumber):
        value, decimals, is_percent, start, end, repaired, note, _ = shape
        return Amount(
            value=value,
            text=text[start:end],
            decimals=decimals,
            unit=None if is_percent else unit,
            is_percent=is_percent,
            span=Span(line=line, column=column + start, end_line=line, end_column=column + end),
            repaired=repaired,
            repair_note=note,
        )
    start, end = shape
    span = Span(line=line, column=column + start, end_line=line, end_column=column + end)
    return Amount(value=None, text=text[start:end], unit=unit, span=span)


def _shape(text: str) -> ParsedNumber | tuple[int, int] | None:
    """What a cell holds: a number, a blank or dash (its extent, ``(0, 0)`` when blank), or text."""
    start, end = _strip_bounds(text)
    if start >= end:
        return 0, 0
    if is_dash(text[start:end]):
        return start, end
    return parse_number(text)


# Cell texts repeat (``0.00``, blanks, dashes, a figure in several tables): shapes are cached.
_CACHED_CELL = 200
_cell_shape = lru_cache(maxsize=1 << 14)(_shape)
