"""Drop a PDF's running headers and footers: page numbers (``— 4 —``, ``第 4 页``, ``4/20``) and
lines repeated at the top or bottom of many pages.

Only lines in the top or bottom band of a page (8 % of its height) are candidates, so that a
report's own text is never dropped for looking like a page number. A line is a running header
or footer when it is repeated on half the pages and on three of them at least (on both pages of
a two-page document).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from fa_tui import pattern_cache
from fa_tui.ingest.pdf_lines import PrintedLine

_BAND = 0.08
_PAGE_NUMBER = pattern_cache.compile(
    r"^[\s\-—－–_·.]*(?:第\s*)?[0-9]{1,4}\s*(?:页)?(?:\s*(?:/|of|共)\s*[0-9]{1,4}\s*页?)?[\s\-—－–_·.]*$"
    r"|^(?:page|p\.)\s*[0-9]{1,4}(?:\s*of\s*[0-9]{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = pattern_cache.compile(r"[0-9]+")
_REPEAT_SHARE = 0.5
_REPEAT_MIN = 3


def _band(line: PrintedLine, height: float) -> str | None:
    if line.row:
        return None
    if line.bottom <= height * _BAND:
        return "top"
    if line.top >= height * (1 - _BAND):
        return "bottom"
    return None


def _key(line: PrintedLine, band: str) -> tuple[str, str]:
    return band, _DIGITS.sub("#", "".join(line.text.split()))


def drop_margins(
    pages: Sequence[Sequence[PrintedLine]], heights: Sequence[float]
) -> list[list[PrintedLine]]:
    """The pages' lines without page numbers and without lines repeated in the margin bands."""
    counts: Counter[tuple[str, str]] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        keys = {_key(line, band) for line in lines if (band := _band(line, height))}
        counts.update(keys)
    needed = max(2, min(_REPEAT_MIN, len(pages)), int(len(pages) * _REPEAT_SHARE + 0.5))
    kept: list[list[PrintedLine]] = []
    for lines, height in zip(pages, heights, strict=True):
        page: list[PrintedLine] = []
        for line in lines:
            band = _band(line, height)
            if band is not None and (
                _PAGE_NUMBER.match(line.text.strip()) or counts[_key(line, band)] >= needed
            ):
                continue
            page.append(line)
        kept.append(page)
    return kept
