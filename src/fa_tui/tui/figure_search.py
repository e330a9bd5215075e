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
from decimal import Decimal

from fa_tui import pattern_cache

# A run of digits joined by single separators: a space, or a comma or decimal point with at
# most one space on each side. Two spaces (or a tab) end a figure: they separate columns.
_BLANK = "[ \u00a0]"
_JOIN = rf"(?:{_BLANK}?[,，.．]{_BLANK}?|{_BLANK})"
_RUN = pattern_cache.compile(rf"\d(?:{_JOIN}?\d)*")
_QUERY = pattern_cache.compile(r"\d[\d,，\s]*(?:[.．]\s*\d[\d\s]*)?")
_SPACES = pattern_cache.compile(r"[ \u00a0]")
# Where a run that is not one figure is split: at its spaces, then at its commas and points.
_SPLITS = (
    pattern_cache.compile(rf"(?<=\d){_BLANK}(?=\d)"),
    pattern_cache.compile(r"[ \u00a0]*[,，.．][ \u00a0]*"),
)

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
        the same whole part. Compared as digits: a run of a million digits is no number."""
        if self.whole.lstrip("0") != query.whole.lstrip("0"):
            return False
        return query.decimals is None or (self.decimals or "").rstrip("0") == (
            query.decimals.rstrip("0")
        )

    @classmethod
    def of(cls, value: Decimal) -> Figure:
        """The figure of ``value`` (its size: the sign is not printed in the figure)."""
        whole, dot, decimals = format(abs(value), "f").partition(".")
        return cls(whole, decimals if dot else None)


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
    text = line[start:end]
    whole, dot, decimals = text.partition(".")
    if whole.isdigit() and (not dot or decimals.isdigit()):  # the usual case, at once
        yield start, end, Figure(whole, decimals if dot else None)
        return
    figure = _parse_printed(text)
    if figure is not None:
        yield start, end, figure
        return
    for pattern in _SPLITS:
        at = start
        for piece in pattern.finditer(text):
            yield from _split(line, at, start + piece.start())
            at = start + piece.end()
        if at != start:
            yield from _split(line, at, end)
            return
    # a run of digits alone always parses; nothing else is left here


def _digits_pattern(figure: Figure) -> re.Pattern[str]:
    """What every printing of a figure ``figure`` finds contains: its significant digits in
    order, joined as in a figure. A line without it is passed over at the speed of ``re``."""
    digits = figure.whole.lstrip("0") + (figure.decimals or "").rstrip("0")
    return re.compile(f"(?:{_JOIN})?".join(digits or "0"))


def finder(query: str) -> Finder:
    """A function giving the (start, end) of every match of ``query`` in a line."""
    figure = parse_query(query)
    if figure is not None:
        candidates = _digits_pattern(figure)

        def figures(line: str) -> Iterator[tuple[int, int]]:
            if candidates.search(line) is None:
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
        return Figure.of(value).found_by(figure)
    return any(True for _ in finder(query)(text))
