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

from fa_tui.ingest.errors import InputError, out_of_memory
from fa_tui.ingest.limits import LimitExceeded, Limits, current
from fa_tui.ingest.lines import LineBuilder
from fa_tui.model.source import Location, SourceText

XML_MAX_DEPTH = 256  # lxml refuses deeper nesting unless told huge_tree (Word nests < 30)

_P = qn("w:p")
_TBL = qn("w:tbl")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_MB = 1024 * 1024
_XML = (".xml", ".rels")
_DTD = b"<!DOCTYPE"
_RATIO_FROM = _MB  # entries smaller than this are not judged by their compression ratio


def read_docx(path: Path, data: bytes, limits: Limits | None = None) -> SourceText:
    """The text of the DOCX ``data`` with a paragraph or table-cell location per line.

    The package's directory is checked against ``limits`` (default: ``limits.current()``)
    before anything is inflated, and its XML parts for a DTD (entity expansion) before
    python-docx parses them.
    """
    limits = limits or current()
    try:
        _check_package(data, limits)
        document = Document(io.BytesIO(data))
        body = document.element.body
        builder = LineBuilder()
        styles: dict[str | None, str | None] = {}
        paragraphs = tables = 0
        for element in _blocks(body):
            if element.tag == _P:
                paragraphs += 1
                _add_paragraph(builder, Paragraph(element, document), paragraphs, styles)
            else:
                tables += 1
                _add_table(builder, Table(element, document), tables, limits.max_grid_columns)
    except LimitExceeded as exc:
        raise InputError(exc.line(path)) from None
    except InputError:
        raise
    except MemoryError:
        raise  # over the memory budget (``commands/budget.py`` words it), never "damaged"
    except Exception as exc:  # python-docx raises its own and arbitrary errors on odd packages
        if out_of_memory(exc):
            raise MemoryError from exc
        if isinstance(exc, etree.XMLSyntaxError) and "excessive depth" in str(exc).lower():
            raise InputError(  # lxml's own limit (without huge_tree), not a damaged file
                f"错误：DOCX 的 XML 嵌套超过 {XML_MAX_DEPTH} 层，已停止读取：{path}"
            ) from None
        if isinstance(exc, (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError)):
            raise InputError(f"错误：DOCX 文件已损坏或不是 Word 文档，无法读取：{path}") from exc
        raise InputError(f"错误：DOCX 文件无法读取（{exc.__class__.__name__}）：{path}") from exc
    if not builder.has_text():
        raise InputError(f"错误：DOCX 文件中没有文字：{path}")
    return builder.source(path, "docx")


def _check_package(data: bytes, limits: Limits) -> None:
    """``LimitExceeded`` for a package over a limit, read from its directory alone (the sizes
    it declares are the most ``zipfile`` inflates), then for an XML part with a DTD."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = package.infolist()
        if len(entries) > limits.max_docx_entries:
            raise LimitExceeded(
                f"DOCX 含有 {len(entries)} 个文件，超过 {limits.max_docx_entries} 个",
                "max_docx_entries",
            )
        if sum(info.file_size for info in entries) > limits.max_docx_mb * _MB:
            raise LimitExceeded(f"DOCX 解压后超过 {limits.max_docx_mb} MB", "max_docx_mb")
        for info in entries:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _RATIO_FROM and ratio > limits.max_docx_ratio:
                raise LimitExceeded(
                    f"DOCX 中的 {info.filename} 压缩比为 {ratio:.0f}:1，超过"
                    f" {limits.max_docx_ratio}:1（疑似压缩炸弹）",
                    "max_docx_ratio",
                )
            if info.filename.lower().endswith(_XML):
                if info.file_size > limits.max_docx_xml_mb * _MB:
                    raise LimitExceeded(
                        f"DOCX 中的 {info.filename} 解压后超过 {limits.max_docx_xml_mb} MB",
                        "max_docx_xml_mb",
                    )
                if _has_dtd(package, info):
                    raise LimitExceeded(
                        f"DOCX 中的 {info.filename} 含有 DTD 实体声明（Word 从不写入，"
                        "可能是实体膨胀攻击）",
                        "",
                    )


def _has_dtd(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the XML part ``info`` declares a DTD (read in chunks, never whole)."""
    tail = b""
    with package.open(info) as member:
        while chunk := member.read(_MB):
            if _DTD in tail + chunk:
                return True
            tail = chunk[-len(_DTD) :]
    return False


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs and tables in document order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def _add_paragraph(
    builder: LineBuilder, paragraph: Paragraph, index: int, styles: dict[str | None, str | None]
) -> None:
    """The paragraph's lines; ``styles`` caches each style id's name (python-docx looks a
    style up through the whole styles part: ~85 % of reading a DOCX, done once per id)."""
    style_id = paragraph._p.style
    if style_id in styles:
        style = styles[style_id]
    else:
        found = paragraph.style
        style = styles[style_id] = found.name if found is not None else None
    location = Location(paragraph=index, style=style)
    for line in paragraph.text.replace("\t", "  ").split("\n"):
        builder.add(line, location)


def _add_table(builder: LineBuilder, table: Table, index: int, grid: int) -> None:
    for number, row in enumerate(table.rows, start=1):
        builder.add("\t".join(_row_fields(row, table, grid)), Location(table=index, row=number))


def _row_fields(row: _Row, table: Table, grid: int) -> list[str]:
    """One field per grid column: merged cells resolved to their first column; a span over
    ``grid`` columns (a hostile ``gridSpan``) counts as ``grid``; a row stops at ``grid``."""
    tr = row._tr
    fields: list[str] = [""] * min(int(getattr(tr, "grid_before", 0) or 0), grid)
    for tc in tr.tc_lst:
        span = max(1, min(int(tc.grid_span or 1), grid))
        text = "" if tc.vMerge == "continue" else _cell_text(_Cell(tc, table))
        fields.append(text)
        fields.extend([""] * (span - 1))
        if len(fields) >= grid:
            break
    fields.extend([""] * min(int(getattr(tr, "grid_after", 0) or 0), grid))
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
