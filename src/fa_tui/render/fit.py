"""Fitting the text report into a terminal's width: wrapping and windows, never inside a figure.

Widths are terminal cells (``rich.cells.cell_len``: a Chinese character takes two). A line is
cut only between *units*: a run of narrow characters without a blank (a figure such as
``1,234.56`` or ``±0.02``, a code, a word, a path) is one unit, every wide character is one,
and punctuation sticks to its neighbour (``，`` ``）`` ``”`` to the unit before it, ``（`` ``“``
to the unit after), so that no line starts with a comma or ends with an opening bracket.

``wrap`` breaks a message into lines; ``window`` picks the part of a long source line around a
figure, with ``…`` where it was cut.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO

from rich.cells import cell_len

from fa_tui.render.styled import Styled, plain

ELLIPSIS = "…"
DEFAULT_WIDTH = 80
MIN_WIDTH = 40  # below this the layout would only get worse: lines overflow instead
# Stick to the unit before them (never start a line) / after them (never end a line).
_CLOSING = frozenset("，。、；：！？）》」』】〕”’%‰…,.;:!?)]}")
_OPENING = frozenset("（《「『【〔“‘([{")


def output_width(stream: IO[str], environ: Mapping[str, str] | None = None) -> int:
    """The width to lay the text report out in: ``COLUMNS``, else the terminal's, else 80.

    A pipe or a file has no width of its own; 80 columns keeps the report readable when it is
    paged or pasted.
    """
    env = os.environ if environ is None else environ
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


_WIDE: dict[str, bool] = {}  # a character's answer, once asked (a report asks thousands of times)


def _is_wide(char: str) -> bool:
    """Whether ``char`` takes two cells; none below U+1100 (the first wide block, Hangul Jamo)."""
    if char < "\u1100":
        return False
    wide = _WIDE.get(char)
    if wide is None:
        wide = _WIDE[char] = cell_len(char) > 1
    return wide


def units(text: str) -> list[str]:
    """``text`` cut into the units a line may break between (blanks are units of their own)."""
    raw: list[str] = []
    k = 0
    n = len(text)
    while k < n:
        char = text[k]
        end = k + 1
        if char.isspace():
            while end < n and text[end].isspace():
                end += 1
        elif not _is_wide(char) and char not in _OPENING and char not in _CLOSING:
            while end < n:
                nxt = text[end]
                if nxt.isspace() or _is_wide(nxt) or nxt in _OPENING:
                    break
                if nxt in _CLOSING and not (end + 1 < n and _inner(nxt, text[end + 1])):
                    break
                end += 1
        raw.append(text[k:end])
        k = end
    return _glue(raw)


def _inner(mark: str, following: str) -> bool:
    """Whether ``mark`` sits inside a figure or word (``1,234`` ``0.5`` ``a.b``), not after it."""
    return mark in ",.:" and not following.isspace() and not _is_wide(following)


def _glue(raw: list[str]) -> list[str]:
    out: list[str] = []
    pending = ""  # opening marks waiting for the unit they open
    for unit in raw:
        if unit.isspace():
            if pending:
                out.append(pending)
                pending = ""
            out.append(unit)
        elif all(c in _OPENING for c in unit):
            pending += unit
        elif unit[0] in _CLOSING and out and not out[-1].isspace() and not pending:
            out[-1] += unit
        else:
            out.append(pending + unit)
            pending = ""
    if pending:
        out.append(pending)
    return out


def wrap(text: str, width: int, *, first: int = 0, indent: int = 0) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between units only.

    The first line starts after ``first`` cells (what precedes it on the line), the others
    after ``indent`` cells; the lines returned hold the text only. A unit wider than a line is
    left whole: the line overflows rather than a figure being cut.
    """
    return [plain(line) for line in wrap_styled([(text, "")], width, first=first, indent=indent)]


def wrap_styled(segments: Styled, width: int, *, first: int = 0, indent: int = 0) -> list[Styled]:
    """``wrap`` for styled segments: each unit keeps the style of its segment."""
    lines: list[Styled] = []
    current: Styled = []
    used = first
    for text, style in segments:
        for unit in units(text):
            size = cell_len(unit)
            if unit.isspace():
                if current:
                    current.append((unit, style))
                    used += size
                continue
            if current and used + size > width:
                lines.append(_rstrip(current))
                current, used = [], indent
            current.append((unit, style))
            used += size
    if current or not lines:
        lines.append(_rstrip(current))
    return [_merged(line) for line in lines]


def _rstrip(line: Styled) -> Styled:
    while line and line[-1][0].isspace():
        line.pop()
    return line


def _merged(line: Styled) -> Styled:
    """Adjacent units of one style as one segment."""
    out: Styled = []
    for text, style in line:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def window(line: str, start: int, width: int, room: int) -> tuple[str, int, int]:
    """The part of ``line`` to show in ``room`` cells around cells ``[start, start + width)``.

    Returns the text (``…`` where the line was cut), and the start and width of the underline
    in it. A line that fits is returned whole; otherwise whole units are added on either side
    of the underlined ones, the shorter side first, while they fit.
    """
    if cell_len(line) <= room:
        return line, start, width
    parts = units(line)
    edges = [0]
    for part in parts:
        edges.append(edges[-1] + cell_len(part))
    end = start + width
    first = max(k for k in range(len(parts)) if edges[k] <= start)
    last = min((k for k in range(len(parts)) if edges[k + 1] >= end), default=len(parts) - 1)
    last = max(last, first)

    def cost(i: int, j: int) -> int:  # cells of parts[i..j] with their ellipses
        return edges[j + 1] - edges[i] + (i > 0) + (j < len(parts) - 1)

    if cost(first, last) > room:  # the underlined text alone is too long: show its beginning
        lead = ELLIPSIS if first > 0 else ""
        text = cut("".join(parts[first:]), room - len(lead) - 1)
        shown = lead + text + ELLIPSIS
        offset = len(lead) + start - edges[first]
        return shown, offset, max(min(width, cell_len(shown) - 1 - offset), 1)
    i, j = first, last
    while True:
        left = start - edges[i]
        right = edges[j + 1] - end
        grow_left = i > 0 and cost(i - 1, j) <= room
        grow_right = j < len(parts) - 1 and cost(i, j + 1) <= room
        if grow_left and (left <= right or not grow_right):
            i -= 1
        elif grow_right:
            j += 1
        else:
            break
    lead = ELLIPSIS if i > 0 else ""
    tail = ELLIPSIS if j < len(parts) - 1 else ""
    middle = parts[i : j + 1]
    offset = len(lead) + start - edges[i]
    if lead and i < first and middle[0].isspace():  # one blank between … and the text
        offset -= cell_len(middle[0]) - 1
        middle[0] = " "
    if tail and j > last and middle[-1].isspace():
        middle[-1] = " "
    return lead + "".join(middle) + tail, offset, width


def cut(text: str, room: int) -> str:
    """The longest beginning of ``text`` that fits in ``room`` cells (whole characters)."""
    used = 0
    for k, char in enumerate(text):
        used += cell_len(char)
        if used > room:
            return text[:k]
    return text
