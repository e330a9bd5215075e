"""Search that finds a figure however it is printed: ``371501.36`` finds ``371,501.36``,
``371，501.36`` and the forms split by extraction (``371, 501. 36``, ``371 501.36``).

A query that is a figure (digits, thousands separators, at most one decimal point) is compared
with the figures of the text by value, on figure boundaries: ``1501.36`` never matches inside
``371,501.36``. A query without decimals also finds the figures whose whole part it is
(``371501`` finds ``371,501.36``). Any other query is found as text, ignoring case. Matches are
(start, end) offsets into the line that cover the whole printed figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

# A run of digits joined by single separators: a space, or a comma or decimal point with at
# most one space on each side. Two spaces (or a tab) end a figure: they separate columns.
_BLANK = "[ \u00a0]"
_JOIN = rf"(?:{_BLANK}?[,，.．]{_BLANK}?|{_BLANK})"
_RUN = re.compile(rf"\d(?:{_JOIN}?\d)*")
_QUERY = re.compile(r"\d[\d,，\s]*(?:[.．]\s*\d[\d\s]*)?")
_SPACES = re.compile(r"[ \u00a0]")

Finder = Callable[[str], Iterator[tuple[int, int]]]


@dataclass(frozen=True)
class Figure:
    """A figure as a query or as printed: its whole part and its decimals (digits only)."""

    whole: str
    decimals: str | None

    @property
    def value(self) -> Decimal:
        """The figure's value."""
        return Decimal(self.whole + (f".{self.decimals}" if self.decimals is not None else ""))

    def found_by(self, query: Figure) -> bool:
        """Whether ``query`` finds this figure: the same value, or (a query without decimals)
        the same whole part."""
        if query.decimals is None:
            return int(self.whole) == int(query.whole)
        return self.value == query.value


def parse_query(query: str) -> Figure | None:
    """The figure that ``query`` is (``None``: a text query)."""
    text = query.strip()
    if not text or _QUERY.fullmatch(text) is None:
        return None
    text = re.sub(r"[,，\s]", "", text).replace("．", ".")
    whole, dot, decimals = text.partition(".")
    return Figure(whole, decimals if dot else None)


def _valid_whole(whole: str) -> bool:
    """Whether the printed whole part (spaces removed) has its commas at thousands places."""
    groups = re.split("[,，]", whole)
    return all(g for g in groups) and all(len(g) == 3 for g in groups[1:])


def _parse_printed(text: str) -> Figure | None:
    """The figure a run of the text prints (``None``: the run is not one figure)."""
    compact = _SPACES.sub("", text).replace("．", ".")
    whole, dot, decimals = compact.partition(".")
    if "." in decimals or not _valid_whole(whole) or re.search("[,，]", decimals):
        return None
    return Figure(re.sub("[,，]", "", whole), decimals if dot else None)


def printed_figures(line: str) -> Iterator[tuple[int, int, Figure]]:
    """Every figure printed in ``line``: (start, end, figure), in order.

    A run that is not one figure (``100.00 200.00`` laid out with one space, ``2023.12.31``)
    is split at its spaces, then at its commas and points.
    """
    for run in _RUN.finditer(line):
        yield from _split(line, run.start(), run.end())


def _split(line: str, start: int, end: int) -> Iterator[tuple[int, int, Figure]]:
    figure = _parse_printed(line[start:end])
    if figure is not None:
        yield start, end, figure
        return
    for pattern in (rf"(?<=\d){_BLANK}(?=\d)", r"[ \u00a0]*[,，.．][ \u00a0]*"):
        pieces = list(re.finditer(pattern, line[start:end]))
        if pieces:
            at = start
            for piece in pieces:
                yield from _split(line, at, start + piece.start())
                at = start + piece.end()
            yield from _split(line, at, end)
            return
    # a run of digits alone always parses; nothing else is left here


def finder(query: str) -> Finder:
    """A function giving the (start, end) of every match of ``query`` in a line."""
    figure = parse_query(query)
    if figure is not None:
        # Cheap rejection: a line without the query's first digit holds no match.
        first = figure.whole.lstrip("0")[:1] or "0"

        def figures(line: str) -> Iterator[tuple[int, int]]:
            if first not in line:
                return
            for start, end, printed in printed_figures(line):
                if printed.found_by(figure):
                    yield start, end

        return figures
    pattern = re.compile(re.escape(query), re.IGNORECASE)

    def text(line: str) -> Iterator[tuple[int, int]]:
        for m in pattern.finditer(line):
            yield m.start(), m.end()

    return text


def cell_matches(query: str, text: str, value: Decimal | None = None) -> bool:
    """Whether a table cell showing ``text`` (a figure of ``value``, if it is one) is found by
    ``query``: a figure query by value, whatever the printing; a text query in ``text``."""
    figure = parse_query(query)
    if figure is None:
        wanted = query.strip().lower()
        return bool(wanted) and wanted in text.lower()
    if value is not None and value.is_finite():
        size = abs(value)
        if figure.decimals is None:
            return int(size.to_integral_value(rounding=ROUND_DOWN)) == int(figure.whole)
        return size == figure.value
    return any(True for _ in finder(query)(text))
