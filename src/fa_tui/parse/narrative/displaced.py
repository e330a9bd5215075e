"""Figures a PDF's text layer prints on the line below their sentence, put back in their blanks.

A template filled in with another font: its text layer sets each filled-in figure a little
lower than the words around it, so the extracted text prints the words with a blank where each
figure goes (``一般公共预算财政拨款支出 万元，占本年支出合计的 。与 年``) and the figures on the
next line (``2940.05 100.00% 2023``). Laid out by blanks (``pdftotext -layout``) each figure
stands under its blank; read plainly they follow in order, one per blank.

The figures are read in their blanks (each keeps its own characters' span on its own line).
Where blanks and figures do not pair up one to one, the lines are read as printed: a wrong
placement would make a wrong fact, and an unread figure is only a fact not read.
"""

from __future__ import annotations

from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model import SourceText

# A figure, or a quotation mark: set in the filled-in font too (``“三公”经费`` prints as
# ``三公 经费`` over ``“ ”``).
_FIGURE = r"[-−]?\d[\d,]*(?:\.\d+)?%?|[“”‘’]"
_FIGURES_ONLY = pattern_cache.compile(
    rf"[ \t\u3000\f]*(?:{_FIGURE})(?:[ \t\u3000]+(?:{_FIGURE}))*[ \t\u3000]*"
)
_TOKEN = pattern_cache.compile(_FIGURE)
_OPENING = frozenset("“‘")
_GAP = pattern_cache.compile(r"[ \u3000]+")
_WIDE_GAP = pattern_cache.compile(r"[ \u3000]{2,}")  # a line laid out by blanks
# What follows a figure: a line that starts with one of these lost the figure before it.
_AFTER_FIGURE = frozenset("万元亿千%％，。；：、）)")
_BLANK = " \t\u3000\f"


class Insert(NamedTuple):
    """A figure to read at ``column`` (0-based, before that character) of its host line."""

    column: int
    line: int  # 1-based line the figure is printed on
    start: int  # 0-based column range of the figure on that line
    end: int


def displaced_figures(source: SourceText, skip: set[int]) -> dict[int, list[Insert]]:
    """For each host line (1-based), the figures printed on the line right below it.

    ``skip``: lines that are not narrative (table rows); neither a host nor its figures.
    """
    out: dict[int, list[Insert]] = {}
    lines = source.lines
    for number in range(2, len(lines) + 1):
        below = lines[number - 1]
        if number in skip or number - 1 in skip or not _FIGURES_ONLY.fullmatch(below):
            continue
        host = lines[number - 2]
        if not host.strip(_BLANK) or _FIGURES_ONLY.fullmatch(host) or "\t" in host:
            continue
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(below)]
        if _WIDE_GAP.search(host.strip(_BLANK)):
            placed = _by_columns(host, tokens)
        else:
            placed = _in_order(host, tokens, below[tokens[0][0] : tokens[0][1]])
        if placed is not None:
            out[number - 1] = [
                Insert(column, number, start, end)
                for column, (start, end) in zip(placed, tokens, strict=True)
            ]
    return out


def _by_columns(host: str, tokens: list[tuple[int, int]]) -> list[int] | None:
    """Layout text: each figure in the wide blank of ``host`` it stands under, one per blank
    (wide characters drift the columns: under it means overlapping it, no other blank)."""
    text_start = len(host) - len(host.lstrip(_BLANK))
    text_end = len(host.rstrip(_BLANK))
    gaps = [(m.start(), m.end()) for m in _WIDE_GAP.finditer(host, text_start, text_end)]
    if text_start:
        gaps.insert(0, (0, text_start))
    gaps.append((text_end, max(text_end, tokens[-1][1]) + 1))
    columns: list[int] = []
    used: set[int] = set()
    for start, end in tokens:
        hits = [k for k, (a, b) in enumerate(gaps) if a < end and start < b]
        if len(hits) != 1 or hits[0] in used:
            return None
        used.add(hits[0])
        a, b = gaps[hits[0]]
        columns.append(b if a == 0 else a)
    return columns


def _in_order(host: str, tokens: list[tuple[int, int]], first_token: str) -> list[int] | None:
    """Plain text: the figures fill the blanks between the words in order; one more figure
    than blanks goes before the line's first character when that character follows a figure
    (``；`` / ``15.16%``) or the first is an opening quotation mark."""
    text_start = len(host) - len(host.lstrip(_BLANK))
    text_end = len(host.rstrip(_BLANK))
    gaps = [m.start() for m in _GAP.finditer(host, text_start, text_end)]
    if len(tokens) == len(gaps) and gaps:
        return gaps
    if len(tokens) == len(gaps) + 1 and _first_goes_before(host[text_start], first_token):
        return [text_start, *gaps]
    return None


def _first_goes_before(first_char: str, first_token: str) -> bool:
    """Whether the first figure or mark belongs before the line's first character."""
    return first_char in _AFTER_FIGURE or first_token in _OPENING


def restored_lines(source: SourceText, skip: set[int]) -> tuple[str, ...]:
    """Every line as read: a host line with its figures in its blanks (the blanks they fill
    dropped), their own line left empty.

    For rules that read words, not positions (``…无“三公”经费支出``); columns are the printed
    line's only where nothing was moved.
    """
    displaced = displaced_figures(source, skip)
    if not displaced:
        return source.lines
    lines = list(source.lines)
    for number, inserts in displaced.items():
        host = source.line(number)
        pieces: list[str] = []
        pos = 0
        for insert in inserts:
            pieces.append(host[pos : insert.column])
            pieces.append(source.line(insert.line)[insert.start : insert.end])
            pos = insert.column
            while pos < len(host) and host[pos] in " \u3000":  # the blank it filled
                pos += 1
        pieces.append(host[pos:])
        lines[number - 1] = "".join(pieces)
    for inserts in displaced.values():
        for insert in inserts:
            lines[insert.line - 1] = ""
    return tuple(lines)
