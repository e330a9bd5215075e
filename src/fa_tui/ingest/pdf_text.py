"""Read a PDF report (pdfplumber; no OCR, no network) into a ``SourceText`` with page locations.

Per page: ruled tables become tab-separated rows, the other characters printed lines, all in
reading order (top to bottom, single column). Every glyph is read once, in a table cell or in
the text (``pdf_placement``); a figure that fits no cell is a line of its own, listed in
``SourceText.unplaced``. Running headers and footers are dropped, lines wrapped at the right
margin are joined back into their paragraph, and each page starts with a marker line ``— n —``
(the shape of a printed page number, which the table reader skips), so the extracted text
shows where every page begins. A PDF without a text layer (a scan) is refused
with one line: fa-tui does not do OCR.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from msgspec.structs import replace

from fa_tui.ingest.documents import Progress
from fa_tui.ingest.errors import InputError
from fa_tui.ingest.lines import LineBuilder
from fa_tui.ingest.pdf_aligned import aligned_tables
from fa_tui.ingest.pdf_lines import PrintedLine, build_line, group_lines
from fa_tui.ingest.pdf_margins import drop_margins
from fa_tui.ingest.pdf_paragraphs import Joined, Layout, Piece, continues, join_text, layout
from fa_tui.ingest.pdf_placement import FIGURE, place, unplaced_lines
from fa_tui.ingest.pdf_tables import find_tables, table_rows
from fa_tui.model.source import Location, SourceText
from fa_tui.model.span import Span

PageSource = Literal["native", "pdfplumber"]
_UNMAPPED_SHARE = 0.3
# A departmental report has tens of pages; reading is about 0.1 s a page.
MAX_PAGES = 500


def page_marker(page: int) -> str:
    """The marker line that opens page ``page`` in the extracted text."""
    return f"— {page} —"


def pdf_page_count(path: Path, data: bytes) -> int:
    """The number of pages the PDF ``data`` declares, after the checks that need no page
    read: the same ``InputError`` as ``read_pdf`` for a damaged or encrypted file.

    PDFium parses only the cross-reference table and the catalogue: a command can refuse such
    a file at once and read the pages later (the inspector reads them in the background).
    ``read_pdf`` counts the pages again and checks their number.
    """
    from fa_tui.ingest.pdf_native import page_count

    try:
        count = page_count(data)
    except Exception as exc:  # PDFium's error on a damaged or encrypted file
        raise _unreadable(path, exc) from exc
    return count if isinstance(count, int) and count > 0 else 0


def read_pdf(
    path: Path, data: bytes, progress: Progress | None = None, *, source: PageSource = "native"
) -> SourceText:
    """The text of the PDF ``data`` with a page and line location per extracted line.

    ``progress``, when given, is called after each page with the pages read and the total; an
    exception it raises stops the reading (and comes out as ``InputError``). ``source`` says
    which library reads the pages: PDFium (``pdf_native``) or pdfplumber.
    """
    try:
        with _quiet(), _open_pages(data, source) as (total, pdf_pages):
            _check_page_count(path, total)
            pages: list[list[PrintedLine]] = []
            heights: list[float] = []
            widths: list[float] = []
            pictured: list[bool] = []  # whether the page shows images (a scan, if no text)
            for page in pdf_pages:
                pages.append(_page_lines(page))
                heights.append(float(page.height))
                widths.append(float(page.width))
                pictured.append(bool(page.images))
                if progress is not None:
                    progress(len(pages), total)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file
        raise _unreadable(path, exc) from exc
    visible = [line.text for lines in pages for line in lines if line.text.strip()]
    if not visible:
        raise InputError(
            f"错误：PDF 没有文字层（可能是扫描件），fa-tui 不做文字识别，无法检查：{path}"
        )
    text = "".join(visible)
    if text.count("(cid:") * 6 > len(text) * _UNMAPPED_SHARE:
        raise InputError(f"错误：PDF 的文字无法解码（字体缺少字符映射）：{path}")
    unread = tuple(
        number
        for number, (lines, images) in enumerate(zip(pages, pictured, strict=True), start=1)
        if images and not any(line.text.strip() for line in lines)
    )
    pages = drop_margins(pages, heights)
    where = layout(pages, widths)
    return replace(_assemble(pages, where).source(path, "pdf"), unread_pages=unread)


@contextmanager
def _open_pages(data: bytes, source: PageSource) -> Iterator[tuple[int, Iterator[Any]]]:
    """The page count and the pages, each read when the iterator reaches it."""
    if source == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            yield len(pdf.pages), iter(pdf.pages)
        return
    from fa_tui.ingest.pdf_native import open_pages

    with open_pages(data) as opened:
        yield opened


def _check_page_count(path: Path, count: int) -> None:
    if count > MAX_PAGES:
        raise InputError(f"错误：PDF 超过 {MAX_PAGES} 页，不像一份部门决算报告：{path}")
    if count == 0:
        raise InputError(f"错误：PDF 文件没有页面：{path}")


def _unreadable(path: Path, exc: Exception) -> InputError:
    if _encrypted(exc):
        return InputError(f"错误：PDF 文件已加密，无法读取：{path}")
    return InputError(f"错误：PDF 文件已损坏，无法读取：{path}")


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep pdfminer's warnings about odd PDFs (fonts, xref repairs) off the terminal."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _encrypted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name:
            return True
        seen = seen.__cause__ or seen.__context__
    if "password" in str(exc).lower():  # pypdfium2's PdfiumError names PDFium's error
        return True
    return any("Password" in type(arg).__name__ for arg in getattr(exc, "args", ()))


def _page_lines(page: Any) -> list[PrintedLine]:
    """Table rows and text lines of one page, top to bottom (each glyph in exactly one)."""
    tables = find_tables(page)
    placement = place(page.chars, tables)
    chars = placement.free
    left = min((c["x0"] for c in chars if str(c["text"]).strip()), default=0.0)
    groups = [g for g in group_lines(chars) if any(str(c["text"]).strip() for c in g)]
    lines = aligned_tables(groups, [build_line(group, left) for group in groups])
    for t, table in enumerate(tables):
        lines.extend(table_rows(t, table, placement.cells))
    lines.extend(unplaced_lines(placement.unplaced, left))
    return sorted((line for line in lines if line.text.strip()), key=lambda line: line.top)


def _assemble(pages: list[list[PrintedLine]], where: Layout) -> LineBuilder:
    """Page markers and extracted lines, wrapped lines joined."""
    builder = LineBuilder()
    current: Joined | None = None
    last: Piece | None = None
    pending: int | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            pieces = tuple((col, p.page, p.page_line) for col, p in current.starts)
            first = current.first
            builder.add(
                current.text, Location(page=first.page, page_line=first.page_line, pieces=pieces)
            )
            if first.line.unplaced:
                number = len(builder.lines)
                builder.unplaced.extend(
                    Span.at(number, m.start() + 1, m.end() + 1)
                    for m in FIGURE.finditer(current.text)
                )
            current = None

    for number, lines in enumerate(pages, start=1):
        if pending is not None:  # the previous page had no line of its own
            flush()
            builder.add(page_marker(pending), Location(page=pending))
        pending = number
        for index, line in enumerate(lines, start=1):
            piece = Piece(line, number, index)
            new_page = index == 1 and last is not None and last.page == number - 1
            if current is not None and last is not None and continues(last, piece, where, new_page):
                current.text = join_text(current.text, line.text)
                current.starts.append((len(current.text) - len(line.text) + 1, piece))
            else:
                flush()
                if pending is not None:
                    builder.add(page_marker(pending), Location(page=pending))
                    pending = None
                current = Joined(line.text, piece)
            last = piece
    flush()
    if pending is not None:
        builder.add(page_marker(pending), Location(page=pending))
    return builder
