"""Read a PDF report (PDFium, or pdfplumber; no OCR) into a ``SourceText`` with page locations.

Per page: ruled tables become tab-separated rows, the other characters printed lines, all in
reading order (top to bottom, single column). Every glyph is read once, in a table cell or in
the text (``pdf_placement``); a figure that fits no cell is a line of its own, listed in
``SourceText.unplaced``. A page whose text mostly reads turned is turned upright first
(``pdf_turned``); glyphs still turned against it outside every cell are left out of the lines
and listed with their page in ``SourceText.turned_text`` (FA118). Running headers and footers
are dropped, lines wrapped at the right margin are joined back into their paragraph, and each
page starts with a marker line ``— n —`` (the shape of a printed page number, which the table
reader skips), so the extracted text shows where every page begins. A PDF without a text layer
(a scan) is refused with one line: fa-tui does not do OCR.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, NamedTuple

from msgspec.structs import replace

from fa_tui.ingest.documents import PageShown, Progress
from fa_tui.ingest.errors import InputError, out_of_memory
from fa_tui.ingest.limits import Clock, LimitExceeded, Limits, NativeUnsafe, alarm, current
from fa_tui.ingest.lines import LineBuilder
from fa_tui.ingest.pdf_aligned import aligned_tables
from fa_tui.ingest.pdf_lines import PrintedLine, build_line, group_lines
from fa_tui.ingest.pdf_margins import drop_margins
from fa_tui.ingest.pdf_paragraphs import Joined, Layout, Piece, continues, join_text, layout
from fa_tui.ingest.pdf_placement import FIGURE, place, unplaced_lines
from fa_tui.ingest.pdf_tables import find_tables, table_rows
from fa_tui.ingest.pdf_turned import left_out, upright
from fa_tui.model.source import Location, SourceText
from fa_tui.model.span import Span

# Which library reads the pages. PDFium (``pdf_native``, the default) reads them as pdfplumber
# does (the parity test) in a fraction of the time: a plain document (``pdf_preflight``, most
# of them) at once, any other with each page first guarded by pdfminer's parser (``pdf_guard``:
# attributes, streams and forms); a document with a form PDFium would draw for ever is read by
# pdfplumber, guarded as ever. pdfplumber stays the parity reference.
PageSource = Literal["native", "pdfplumber"]
_UNMAPPED_SHARE = 0.3


def page_marker(page: int) -> str:
    """The marker line that opens page ``page`` in the extracted text."""
    return f"— {page} —"


def pdf_page_count(path: Path, data: bytes, limits: Limits | None = None) -> int:
    """The number of pages the PDF ``data`` declares, after the checks that need no page
    read: the same ``InputError`` as ``read_pdf`` for a damaged or encrypted file, or one
    with more pages than ``limits`` allow.

    PDFium counts the pages of a plain document (``pdf_preflight``); of any other, or one
    PDFium cannot open, pdfminer parses only the cross-reference table and the catalogue (a
    tenth of a second, imports included, where pdfplumber takes three): a command can refuse
    such a file at once and read the pages later (the inspector reads them in the
    background). ``read_pdf`` counts the pages again and checks their number.
    """
    limits = limits or current()
    count = _plain_page_count(data, limits)
    if count is None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser

        try:
            with _quiet():
                count = _declared_pages(PDFDocument(PDFParser(io.BytesIO(data)), password=""))
        except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file
            raise _unreadable(path, exc) from exc
    _check_page_count(path, count, limits, declared=True)
    return count


def _plain_page_count(data: bytes, limits: Limits) -> int | None:
    """PDFium's page count of a plain document (``None``: not plain, or PDFium cannot)."""
    from fa_tui.ingest.pdf_native import page_count
    from fa_tui.ingest.pdf_preflight import plain
    from fa_tui.ingest.pdfium import PdfiumError

    if not plain(data, limits):
        return None
    try:
        return page_count(data)
    except PdfiumError:
        return None


def _declared_pages(document: Any) -> int:
    """The ``/Count`` of the document's page tree (0 when it states none)."""
    from pdfminer.pdftypes import resolve1

    count = resolve1(resolve1(document.catalog["Pages"]).get("Count", 0))
    return count if isinstance(count, int) and count > 0 else 0


def read_pdf(
    path: Path,
    data: bytes,
    progress: Progress | None = None,
    limits: Limits | None = None,
    *,
    source: PageSource = "native",
    shown: PageShown | None = None,
) -> SourceText:
    """The text of the PDF ``data`` with a page and line location per extracted line.

    ``progress``, when given, is called after each page with the pages read and the total; an
    exception it raises stops the reading (and comes out as ``InputError``). ``limits``
    (default: ``limits.current()``) bound the pages and the work on each page. ``source`` says
    which library reads the pages (see ``PageSource``); ``shown`` is told each page's printed
    lines as it is read (before the margins are dropped and wrapped lines joined).
    """
    limits = limits or current()
    told = _Told(progress, shown)
    try:
        with _quiet():
            if source == "native":
                try:
                    read = _read_native(data, path, limits, told)
                except NativeUnsafe:  # pdfminer, guarded, skips the form drawn again
                    source = "pdfplumber"
            if source == "pdfplumber":
                with _opened(data) as pdf:
                    read = _read_pages(pdf, path, limits, told)
        pages, heights, widths, pictured, turned = read
    except LimitExceeded as exc:
        raise InputError(exc.line(path)) from None
    except InputError:
        raise
    except MemoryError:
        raise  # over the memory budget (``commands/budget.py`` words it), never "damaged"
    except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file
        if out_of_memory(exc):
            raise MemoryError from exc
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
    text_read = _assemble(pages, where).source(path, "pdf")
    return replace(text_read, unread_pages=unread, turned_text=turned)


@contextmanager
def _opened(data: bytes) -> Iterator[Any]:
    """pdfplumber's ``PDF`` of ``data``, closed without ``PDF.close()``: that makes every page
    it has not made yet (all of them: pages are made here, one at a time), only to close it."""
    from pdfplumber.pdf import PDF

    stream = io.BytesIO(data)
    try:
        yield PDF(stream)
    finally:
        stream.close()


def _read_pages(pdf: Any, path: Path, limits: Limits, told: _Told) -> PagesRead:
    """Each page's lines, height, width and whether it shows images, one page at a time.

    Each page is checked before its layout is made (``pdf_guard``), read within its time
    budget, and closed once read: pdfplumber keeps every object of a page it has read
    (about 28 MB a dense page) until the page is closed, and pdfminer every object it has
    parsed (the decoded content streams) until its cache is emptied.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    from fa_tui.ingest.pdf_counted_layout import lay_out
    from fa_tui.ingest.pdf_guard import check_page

    total = _declared_pages(pdf.doc)
    _check_page_count(path, total, limits, declared=True)
    read = _Pages(told)
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        _check_page_count(path, number, limits)
        clock = _page_clock(limits, number)
        with alarm(clock):
            check_page(page_obj, number, limits)
            page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
            lay_out(page, limits, clock)
            read.add(number, max(total, number), _page_lines(page, clock))
        doctop += float(page.height)
        page.close()
        pdf.doc._cached_objs.clear()
        pdf.doc._parsed_objs.clear()
    return read.result(path)


PagesRead = tuple[
    list[list[PrintedLine]], list[float], list[float], list[bool], tuple[tuple[int, str], ...]
]


class PageRead(NamedTuple):
    """One page read: its lines, its size as read (turned, for a page read turned
    upright: ``pdf_turned``), whether it shows images, and what its glyphs left out as turned
    against its text read (``''``: none)."""

    lines: list[PrintedLine]
    width: float
    height: float
    images: bool
    turned: str


def _page_clock(limits: Limits, number: int) -> Clock:
    """The time budget of page ``number``."""
    message = f"第 {number} 页读取超过 {limits.page_seconds:g} 秒"
    return Clock(limits.page_seconds, message, "page_seconds")


class _Pages:
    """The pages read so far: each one's lines, height, width and whether it shows images (a
    scan, if it has no text), the text left out as turned by page; whom to tell of each
    (``_Told``)."""

    def __init__(self, told: _Told) -> None:
        self.told = told
        self.lines: list[list[PrintedLine]] = []
        self.heights: list[float] = []
        self.widths: list[float] = []
        self.pictured: list[bool] = []
        self.turned: list[tuple[int, str]] = []

    def add(self, number: int, total: int, page: PageRead) -> None:
        """Page ``number`` (of ``total``) is read."""
        self.lines.append(page.lines)
        self.heights.append(page.height)
        self.widths.append(page.width)
        self.pictured.append(page.images)
        if page.turned:
            self.turned.append((number, page.turned))
        self.told.page(number, page.lines)
        self.told(number, total)

    def result(self, path: Path) -> PagesRead:
        """What was read (``InputError`` for a document without pages)."""
        if not self.lines:
            raise InputError(f"错误：PDF 文件没有页面：{path}")
        return self.lines, self.heights, self.widths, self.pictured, tuple(self.turned)


class _Told:
    """Whom to tell after each page: ``shown`` its lines (``page``), ``progress`` the count."""

    __slots__ = ("progress", "shown")

    def __init__(self, progress: Progress | None, shown: PageShown | None) -> None:
        self.progress = progress
        self.shown = shown

    def __call__(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def page(self, number: int, lines: list[PrintedLine]) -> None:
        if self.shown is not None:
            self.shown(number, tuple(line.text for line in lines))


def _read_native(data: bytes, path: Path, limits: Limits, told: _Told) -> PagesRead:
    """The pages read by PDFium: straight away when the document is plain
    (``pdf_preflight``), else each page guarded first (``_PageGuard``), as also when PDFium
    cannot open the plain document or one of its pages (the guarded way says why)."""
    from fa_tui.ingest.pdf_preflight import plain
    from fa_tui.ingest.pdfium import PdfiumError

    if plain(data, limits):
        try:
            return _read_native_pages(data, path, limits, told, None)
        except PdfiumError:
            pass
    return _read_native_pages(data, path, limits, told, _PageGuard(data, path, limits))


def _read_native_pages(
    data: bytes, path: Path, limits: Limits, told: _Told, guard: _PageGuard | None
) -> PagesRead:
    """As ``_read_pages``, the pages read by PDFium (``pdf_native``), each first given to
    ``guard`` (none: a plain document) within the page's time budget; the characters per page
    are limited, the time per page is looked at between steps."""
    from fa_tui.ingest.pdf_native import open_pages

    read = _Pages(told)
    with open_pages(data, limits.max_page_chars, limits.max_page_objects) as (total, native):
        _check_page_count(path, total, limits, declared=True)
        if guard is not None and total != len(guard.pages):  # pdfminer reads them instead
            raise NativeUnsafe("PDFium 与 pdfminer 读出的页数不同", "")
        for number in range(1, total + 1):
            clock = _page_clock(limits, number)
            with alarm(clock):
                if guard is not None:
                    guard.check(number)
                page = next(native)
                read.add(number, total, _page_lines(page, clock))
    return read.result(path)


class _PageGuard:
    """pdfminer's parser alone (no layout) over the pages PDFium is to read: ``check_page``
    (a page's attributes and streams) and ``check_forms`` (the forms it draws) before PDFium,
    which cannot be interrupted, is given the page. ``NativeUnsafe`` (a form PDFium would draw
    for ever) is left to the reader's caller."""

    def __init__(self, data: bytes, path: Path, limits: Limits) -> None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self.limits = limits
        self.document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        _check_page_count(path, _declared_pages(self.document), limits, declared=True)
        self.pages = list(PDFPage.create_pages(self.document))
        _check_page_count(path, len(self.pages), limits)

    def check(self, number: int) -> None:
        """Page ``number`` (1-based) checked; pdfminer's parsed objects dropped after it."""
        from fa_tui.ingest.pdf_guard import check_forms, check_page

        page = self.pages[number - 1]
        check_page(page, number, self.limits)
        check_forms(page, number, self.limits)
        self.document._cached_objs.clear()
        self.document._parsed_objs.clear()


def _check_page_count(path: Path, count: int, limits: Limits, declared: bool = False) -> None:
    """``InputError`` for more pages than the limit (``declared``: the document says so)."""
    if count > limits.max_pages:
        has = f"PDF 有 {count} 页，" if declared else "PDF "
        message = f"{has}超过 {limits.max_pages} 页"
        raise InputError(LimitExceeded(message, "max_pages").line(path))


def _unreadable(path: Path, exc: Exception) -> InputError:
    if _encrypted(exc):
        return InputError(f"错误：PDF 文件已加密，无法读取：{path}")
    if _caused_by(exc, RecursionError):
        return InputError(f"错误：PDF 的页面树或对象嵌套过深（或循环引用），无法读取：{path}")
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


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(arg, kind) for arg in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _encrypted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name:
            return True
        seen = seen.__cause__ or seen.__context__
    return any("Password" in type(arg).__name__ for arg in getattr(exc, "args", ()))


def _page_lines(page: Any, clock: Clock | None = None) -> PageRead:
    """Table rows and text lines of one page, top to bottom (each glyph in exactly one), the
    page first turned upright when most of its text reads turned (``pdf_turned``); ``clock`` is
    looked at between the steps."""
    page = upright(page)
    tables = find_tables(page)
    if clock is not None:
        clock.check()
    placement = place(page.chars, tables)
    if clock is not None:
        clock.check()
    chars = placement.free
    left = min((c["x0"] for c in chars if str(c["text"]).strip()), default=0.0)
    groups = [g for g in group_lines(chars) if any(str(c["text"]).strip() for c in g)]
    lines = aligned_tables(groups, [build_line(group, left) for group in groups])
    for t, table in enumerate(tables):
        lines.extend(table_rows(t, table, placement.cells))
    lines.extend(unplaced_lines(placement.unplaced, left))
    return PageRead(
        sorted((line for line in lines if line.text.strip()), key=lambda line: line.top),
        float(page.width),
        float(page.height),
        bool(page.images),
        left_out(placement.rotated) if placement.rotated else "",
    )


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
