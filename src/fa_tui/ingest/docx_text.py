"""Read a DOCX report: body paragraphs in document order, Word tables as tab-separated rows.

A paragraph gives one line (a manual line break starts another line of the same paragraph); a
tab inside a paragraph becomes two blanks, so that only table rows carry tabs. A table row gives
one line with one tab-separated field per grid column: a merged cell's text stands in its first
(top-left) column and the columns and rows it covers are empty, exactly as a text export lays
out a merged header. Content controls (``w:sdt``, e.g. a table of contents) are read through.
Headers, footers, footnotes, text boxes and Word's automatic list numbers are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from fa_tui.ingest.errors import InputError
from fa_tui.ingest.lines import LineBuilder
from fa_tui.model.source import Location, SourceText

_P = qn("w:p")
_TBL = qn("w:tbl")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_MAX_GRID = 200
# A report's package unpacks to a few MB; far more is a zip bomb, refused before parsing.
_MAX_UNPACKED = 256 * 1024 * 1024


def read_docx(path: Path, data: bytes) -> SourceText:
    """The text of the DOCX ``data`` with a paragraph or table-cell location per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > _MAX_UNPACKED:
            raise InputError(f"错误：DOCX 文件解压后过大，不像一份部门决算报告：{path}")
        document = Document(io.BytesIO(data))
        body = document.element.body
        builder = LineBuilder()
        paragraphs = tables = 0
        for element in _blocks(body):
            if element.tag == _P:
                paragraphs += 1
                _add_paragraph(builder, Paragraph(element, document), paragraphs)
            else:
                tables += 1
                _add_table(builder, Table(element, document), tables)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError) as exc:
        raise InputError(f"错误：DOCX 文件已损坏或不是 Word 文档，无法读取：{path}") from exc
    except Exception as exc:  # python-docx raises its own and arbitrary errors on odd packages
        raise InputError(f"错误：DOCX 文件无法读取（{exc.__class__.__name__}）：{path}") from exc
    if not builder.has_text():
        raise InputError(f"错误：DOCX 文件中没有文字：{path}")
    return builder.source(path, "docx")


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs and tables in document order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def _add_paragraph(builder: LineBuilder, paragraph: Paragraph, index: int) -> None:
    style = paragraph.style.name if paragraph.style is not None else None
    location = Location(paragraph=index, style=style)
    for line in paragraph.text.replace("\t", "  ").split("\n"):
        builder.add(line, location)


def _add_table(builder: LineBuilder, table: Table, index: int) -> None:
    for number, row in enumerate(table.rows, start=1):
        builder.add("\t".join(_row_fields(row, table)), Location(table=index, row=number))


def _row_fields(row: _Row, table: Table) -> list[str]:
    """One field per grid column: merged cells resolved to their first column."""
    tr = row._tr
    fields: list[str] = [""] * min(int(getattr(tr, "grid_before", 0) or 0), _MAX_GRID)
    for tc in tr.tc_lst:
        span = max(1, min(int(tc.grid_span or 1), _MAX_GRID))
        text = "" if tc.vMerge == "continue" else _cell_text(_Cell(tc, table))
        fields.append(text)
        fields.extend([""] * (span - 1))
    fields.extend([""] * min(int(getattr(tr, "grid_after", 0) or 0), _MAX_GRID))
    return fields


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs on one line (joined directly between Chinese characters)."""
    text = ""
    for paragraph in cell.paragraphs:
        part = paragraph.text.replace("\t", " ").replace("\n", " ").strip()
        if not part:
            continue
        if text and (text[-1].isascii() or part[0].isascii()):
            text += " "
        text += part
    return text
