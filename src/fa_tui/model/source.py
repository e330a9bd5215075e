"""The decoded text of a report, its original lines, and for documents where each line lies."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from fa_tui.model.span import Span


class Location(Struct, frozen=True):
    """Where one line of a PDF's or DOCX's extracted text lies in the original document.

    PDF: ``page`` (1-based) and ``page_line``, the 1-based line on that page counted over the
    lines fa-tui reads (running headers and footers left out; a table row is one line). A line
    joined from lines wrapped in the PDF lists in ``pieces`` where each further printed line
    starts: ``(column, page, page_line)`` with the 1-based column in the extracted line.
    DOCX: ``paragraph`` (1-based, body paragraphs in document order, table cells not counted)
    with its ``style``; or ``table`` (1-based, in document order), ``row`` and ``cell`` (1-based
    grid column; merged cells are read at their first column).
    Text layer saved as a text file: ``page`` and ``page_line`` counted from its form feeds;
    ``file_line`` when the line's number in the file differs (a form feed inside a file line
    starts a new line).
    """

    page: int | None = None
    page_line: int | None = None
    pieces: tuple[tuple[int, int, int], ...] = ()
    paragraph: int | None = None
    style: str | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    file_line: int | None = None

    def describe(self) -> str:
        """The location in words for a reviewer (``第 3 页第 12 行``, ``第 2 段``)."""
        if self.page is not None:
            if self.page_line is None:
                return f"第 {self.page} 页"
            where = f"第 {self.page} 页第 {self.page_line} 行"
            return where if self.file_line is None else f"{where}（文件第 {self.file_line} 行）"
        if self.table is not None:
            text = f"第 {self.table} 个表格第 {self.row} 行"
            return text if self.cell is None else f"{text}第 {self.cell} 格"
        if self.paragraph is not None:
            return f"第 {self.paragraph} 段"
        return ""


class SourceText(Struct, frozen=True):
    """A report's text as decoded from its file.

    ``lines`` are the original lines without their line terminators (CRLF and CR normalised);
    line ``n`` (1-based) is ``lines[n - 1]``. Nothing downstream re-reads the file.
    For a PDF or DOCX, ``lines`` is the extracted text and ``locations[n - 1]`` says where line
    ``n`` lies in the document; for a text file ``locations`` is ``None``. ``unplaced`` are the
    figures of a PDF that fit no cell of the ruled table they sit in or beside (each printed on
    an extracted line of its own, so that nothing is lost; the FA1xx rules report them).
    """

    path: Path
    encoding: str
    lines: tuple[str, ...]
    text: str = ""
    unplaced: tuple[Span, ...] = ()
    locations: tuple[Location, ...] | None = None
    # PDF pages (1-based) that carry images but no text layer: scanned, so not read.
    unread_pages: tuple[int, ...] = ()
    # PDF pages (1-based) with text printed turned against the page's own text (a sideways
    # margin note), left out of ``lines``: each page with what that text reads.
    turned_text: tuple[tuple[int, str], ...] = ()

    def __repr__(self) -> str:
        """The path, encoding and lines (the joined ``text`` and ``locations`` left out)."""
        return f"SourceText(path={self.path!r}, encoding={self.encoding!r}, lines={self.lines!r})"

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` ('' when out of range)."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    def slice(self, span: Span) -> str:
        """The characters covered by ``span`` (lines joined with '\\n')."""
        if span.line == span.end_line:
            return self.line(span.line)[span.column - 1 : span.end_column - 1]
        parts = [self.line(span.line)[span.column - 1 :]]
        parts.extend(self.line(n) for n in range(span.line + 1, span.end_line))
        parts.append(self.line(span.end_line)[: span.end_column - 1])
        return "\n".join(parts)

    def line_span(self, start: int, end: int | None = None) -> Span:
        """A span covering whole lines ``start`` .. ``end`` (inclusive)."""
        last = start if end is None else end
        return Span(line=start, column=1, end_line=last, end_column=len(self.line(last)) + 1)

    @property
    def line_count(self) -> int:
        """Number of lines."""
        return len(self.lines)

    def location(self, line: int, column: int = 1) -> Location | None:
        """Where 1-based ``line`` at 1-based ``column`` lies in the document (``None`` for text).

        In a DOCX table row the column picks the cell (cells are tab-separated); in a PDF line
        joined from wrapped lines it picks the printed line.
        """
        if self.locations is None or not 1 <= line <= len(self.locations):
            return None
        where = self.locations[line - 1]
        if where.table is not None and where.cell is None:
            cell = self.line(line)[: max(column - 1, 0)].count("\t") + 1
            return Location(table=where.table, row=where.row, cell=cell)
        if where.pieces:
            page, page_line = where.page, where.page_line
            for start, piece_page, piece_line in where.pieces:
                if column >= start:
                    page, page_line = piece_page, piece_line
            return Location(page=page, page_line=page_line)
        return where


def page_ranges(pages: tuple[int, ...] | list[int]) -> str:
    """``第 5–16、20 页``: sorted page numbers with runs joined by an en dash."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    text = "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    return f"第 {text} 页"
