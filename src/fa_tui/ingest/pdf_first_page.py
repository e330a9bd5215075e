"""The printed lines of a PDF's first page, read before the inspector is up (its splash).

The page is read by ``read_pdf`` itself, stopped as soon as it has told the first page's lines
(its ``shown`` hook): the same guard, limits, page source and fallback, and the same
``InputError`` for a page it refuses, with nothing of the reading repeated here. The reading
is stopped by an exception that is not an ``Exception``, so that the reader's handlers, which
word every ``Exception`` as a damaged file, let it through, and its ``with`` blocks (the page's
time budget, the PDFium document) close on the way out.
"""

from __future__ import annotations

from fa_tui.ingest.documents import PendingPdf


class _FirstPageRead(BaseException):
    """Page 1 is read: its lines, on the way out of the reader."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        super().__init__()
        self.lines = lines


def first_page_lines(pending: PendingPdf) -> tuple[str, ...]:
    """Page 1's printed lines as ``read_pdf`` tells them (report text: not yet neutralised);
    ``InputError`` when the reader refuses the page or the document."""

    def stop(number: int, lines: tuple[str, ...]) -> None:
        raise _FirstPageRead(lines)

    try:
        pending.read(shown=stop)
    except _FirstPageRead as read:
        return read.lines
    return ()  # not reached: a document without pages is an ``InputError``
