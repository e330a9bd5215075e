"""Read PDF and DOCX reports into the same ``SourceText`` that text reports give.

``read_document(path, data)`` is the one entry point; it raises ``InputError``
with a one-line Chinese message for a file that cannot be read. The readers are imported on
use, so that reading a text report never loads pdfplumber or python-docx.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fa_tui.ingest.errors import InputError
from fa_tui.model.source import SourceText

# Told ``(pages read, pages in the document)`` after each page of a PDF.
Progress = Callable[[int, int], None]
# Told each PDF page's printed lines as the page is read (the inspector's preview of the first
# pages, before the whole document is laid out).
PageShown = Callable[[int, tuple[str, ...]], None]

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_SUFFIXES = (".pdf", ".docx")


def document_kind(data: bytes) -> str | None:
    """``"pdf"`` or ``"docx"`` when ``data`` starts with that format's signature, else ``None``.

    A PDF may carry up to 1 KB of junk before ``%PDF-`` (readers accept it); a DOCX is a ZIP.
    """
    if PDF_MAGIC in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return "docx"
    return None


def read_document(path: Path, data: bytes, progress: Progress | None = None) -> SourceText:
    """The text of the PDF or DOCX file ``data`` (read from ``path``), with line locations.

    ``progress`` is told the pages read of a PDF (see ``pdf_text.read_pdf``).
    """
    kind = document_kind(data)
    if kind == "pdf":
        from fa_tui.ingest.pdf_text import read_pdf

        return read_pdf(path, data, progress)
    if kind == "docx":
        from fa_tui.ingest.docx_text import read_docx

        return read_docx(path, data)
    raise InputError(f"错误：不是 PDF 或 DOCX 文件：{path}")


class PendingPdf:
    """A PDF that opens (not damaged, not encrypted, ``pages`` pages) and is still to be read.

    Reading the pages takes about 0.1 s each: the inspector does it in the background, with
    ``read(progress)``. (A plain class: ``check`` imports this module, and no ``dataclasses``.)
    """

    __slots__ = ("data", "pages", "path")

    def __init__(self, path: Path, data: bytes, pages: int) -> None:
        self.path = path
        self.data = data
        self.pages = pages

    def read(self, progress: Progress | None = None, shown: PageShown | None = None) -> SourceText:
        """The PDF's text (``InputError`` when it has no text layer or cannot be decoded);
        ``shown`` is told each page's lines as it is read."""
        from fa_tui.ingest.pdf_text import read_pdf

        return read_pdf(self.path, self.data, progress, shown=shown)


def pending_pdf(path: Path, data: bytes) -> PendingPdf:
    """``data`` as a PDF to read later; ``InputError`` now for one that cannot be opened."""
    from fa_tui.ingest.pdf_text import pdf_page_count

    return PendingPdf(path, data, pdf_page_count(path, data))
