"""Pages of the original document: where a source line lies, where a page starts."""

from __future__ import annotations

from fa_tui.model import SourceText


def line_place(source: SourceText, line: int) -> str:
    """``第 3 页第 12 行`` (PDF, text layer) or ``第 2 段`` (DOCX) for 1-based ``line``;
    ``""`` for a text report without pages."""
    where = source.location(line)
    return where.describe() if where is not None else ""


def page_count(source: SourceText) -> int:
    """The number of the last page (0 when the source has no pages)."""
    if source.locations is None:
        return 0
    return max((loc.page for loc in source.locations if loc.page is not None), default=0)


def first_line_of_page(source: SourceText, page: int) -> int | None:
    """The 1-based first source line on page ``page`` (``None`` when there is none)."""
    if source.locations is None:
        return None
    for number, where in enumerate(source.locations, start=1):
        if where.page == page:
            return number
        for _, piece_page, _ in where.pieces:
            if piece_page == page:  # a paragraph from the page before runs onto this one
                return number
    return None
