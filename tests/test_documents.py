"""PDF and DOCX reports: the same report, parts, tables and findings as their text, and locations.

The fixtures in ``tests/fixtures`` are made from the text samples by
``tests/fixtures/make_documents.py`` (python-docx and reportlab); the tests only read them, with
the real readers, and compare with the text sample parsed by the real pipeline.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import sample_path
from docx import Document

from fa_tui.ingest import InputError, read_report
from fa_tui.ingest.documents import document_kind, read_document
from fa_tui.ingest.pdf_lines import build_line, group_lines
from fa_tui.ingest.pdf_margins import drop_margins
from fa_tui.ingest.pdf_paragraphs import join_text
from fa_tui.ingest.pdf_tables import find_tables
from fa_tui.ingest.pdf_text import page_marker
from fa_tui.model import Report, SourceText, TableRole, TableStatus
from fa_tui.model.source import Location
from fa_tui.parse.tables.layout import layout
from fa_tui.pipeline import build_report
from fa_tui.rules.engine import check_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NAMES = ("2022-liujiang", "2024-liling")
DOCUMENTS = [f"{name}.{ext}" for name in NAMES for ext in ("docx", "pdf")]
MARKER = re.compile(r"^— (\d+) —$")


@cache
def source_of(filename: str) -> SourceText:
    path = FIXTURES / filename
    return read_document(path, path.read_bytes())


@cache
def report_of(filename: str) -> Report:
    return build_report(source_of(filename))


@cache
def text_report(name: str) -> Report:
    return build_report(read_report(sample_path(name)))


@cache
def findings_of(report: Report) -> list[Any]:
    return check_report(report)


def identity(report: Report) -> tuple[Any, ...]:
    return report.department, report.year, report.unit


def sections(items: list[Any]) -> list[tuple[Any, ...]]:
    return [(s.level, s.number, s.title, sections(s.children)) for s in items]


def parts(report: Report) -> list[tuple[Any, ...]]:
    """Parts with their headings and sections (not their line numbers)."""
    return [
        (p.name, p.present, p.heading_text, p.located_in, sections(p.sections))
        for p in report.parts
    ]


def table_figures(table: Any) -> tuple[Any, ...]:
    rows = [
        (
            row.code,
            row.name,
            row.kind,
            row.side,
            row.line_no,
            sorted(
                (key, a.value, a.text, a.decimals, a.unit, a.repaired)
                for key, a in row.cells.items()
            ),
        )
        for row in table.rows
    ]
    return table.role, table.title, table.label, table.status, table.unit, table.note, rows


def nine(report: Report) -> list[tuple[Any, ...]]:
    return [table_figures(t) for t in report.tables[:9]]


LINE_NUMBER = re.compile(r"第 \d+ 行")


def finding_keys(report: Report, *, other_tables: bool = True) -> list[tuple[Any, ...]]:
    """Findings without their positions (a message may cite a line of the extracted text);
    without those inside other tables (绩效自评表) unless ``other_tables``."""
    others = [t.span for t in report.tables if t.role == TableRole.OTHER and t.span is not None]
    return sorted(
        (f.code, f.severity.value, f.expected, f.actual, LINE_NUMBER.sub("第 N 行", f.message))
        for f in check_report(report)
        if other_tables
        or f.span is None
        or not any(s.line <= f.span.line <= s.end_line for s in others)
    )


def compact(text: str) -> str:
    return "".join(text.split())


# --- the same report as the text ---------------------------------------------------------------


@pytest.mark.parametrize("filename", DOCUMENTS)
def test_document_gives_the_report_of_its_text(filename: str) -> None:
    name = filename.rsplit(".", 1)[0]
    text, document = text_report(name), report_of(filename)
    assert identity(document) == identity(text)
    assert parts(document) == parts(text)
    assert [t.status for t in document.tables[:9]] == [t.status for t in text.tables[:9]]
    assert nine(document) == nine(text)
    assert [table_figures(t) for t in document.tables] == [table_figures(t) for t in text.tables]


@pytest.mark.parametrize("filename", DOCUMENTS)
def test_document_gives_the_findings_of_its_text(filename: str) -> None:
    name = filename.rsplit(".", 1)[0]
    expected = finding_keys(text_report(name))
    assert expected  # the samples do have findings: the comparison means something
    assert finding_keys(report_of(filename)) == expected


def test_nine_tables_have_data_in_both_samples() -> None:
    """The fixtures exercise real tables (not nine 'missing' that would trivially agree)."""
    for name in NAMES:
        statuses = [t.status for t in report_of(f"{name}.pdf").tables[:9]]
        assert statuses.count(TableStatus.DATA) >= 6


@pytest.mark.parametrize("filename", DOCUMENTS)
def test_document_text_is_the_sample_text(filename: str) -> None:
    """Every non-blank line of the sample comes back, in order (PDF: page markers aside)."""
    name = filename.rsplit(".", 1)[0]
    original = [line for line in sample_path(name).read_text("utf-8").split("\n") if line.strip()]
    lines = [line for line in source_of(filename).lines if line.strip()]
    if filename.endswith(".pdf"):
        lines = [line for line in lines if not MARKER.match(line)]
    assert lines == original


def test_unruled_pdf_reads_tables_by_alignment() -> None:
    """Tables drawn without rules: no ruled table is found, yet the nine tables and all
    findings equal the text's. (The 绩效自评表, an 'other' table whose text wraps inside
    narrow cells, is not recovered from alignment: it is not compared.)"""
    path = FIXTURES / "2022-liujiang-unruled.pdf"
    with pdfplumber.open(path) as pdf:
        assert all(find_tables(page) == [] for page in pdf.pages)
    source = read_document(path, path.read_bytes())
    assert sum("\t" in line for line in source.lines) > 200
    document, text = build_report(source), text_report("2022-liujiang")
    assert identity(document) == identity(text)
    assert parts(document) == parts(text)
    assert nine(document) == nine(text)
    assert finding_keys(document, other_tables=False) == finding_keys(text, other_tables=False)


# --- one model -----------------------------------------------------------------------------------


def test_text_reports_have_no_locations() -> None:
    source = read_report(sample_path("2022-liujiang"))
    assert source.locations is None
    assert source.location(10) is None


@pytest.mark.parametrize("filename", DOCUMENTS)
def test_document_source_has_one_location_per_line(filename: str) -> None:
    source = source_of(filename)
    assert source.locations is not None
    assert len(source.locations) == len(source.lines)
    assert source.text == "\n".join(source.lines)
    assert source.encoding == filename.rsplit(".", 1)[1]
    assert source.path == FIXTURES / filename


def test_document_kind_by_signature() -> None:
    assert document_kind((FIXTURES / "2022-liujiang.pdf").read_bytes()) == "pdf"
    assert document_kind((FIXTURES / "2022-liujiang.docx").read_bytes()) == "docx"
    assert document_kind(sample_path("2022-liujiang").read_bytes()) is None
    with pytest.raises(InputError, match="不是 PDF 或 DOCX"):
        read_document(Path("a.txt"), b"plain text")


# --- DOCX locations ------------------------------------------------------------------------------


@cache
def docx_grid(filename: str, table: int) -> list[list[str]]:
    """Cell texts of a Word table by python-docx (which repeats a merged cell in every grid
    position it covers): ``[row][column]``, 0-based."""
    document = Document(str(FIXTURES / filename))
    return [[cell.text for cell in row.cells] for row in document.tables[table - 1].rows]


@pytest.mark.parametrize("name", NAMES)
def test_docx_locations_name_paragraphs_and_cells(name: str) -> None:
    filename = f"{name}.docx"
    source = source_of(filename)
    document = Document(str(FIXTURES / filename))
    assert source.locations is not None
    tables = paragraphs = 0
    for number, (line, where) in enumerate(zip(source.lines, source.locations, strict=True), 1):
        if where.table is not None:
            tables += 1
            assert where.row is not None
            row = docx_grid(filename, where.table)[where.row - 1]
            for index, field in enumerate(line.split("\t")):
                if field:
                    assert row[index] == field
                    column = len("\t".join(line.split("\t")[:index])) + (2 if index else 1)
                    assert source.location(number, column).cell == index + 1
        else:
            paragraphs += 1
            assert where.paragraph is not None
            assert document.paragraphs[where.paragraph - 1].text == line
    assert tables > 100 and paragraphs > 200


@pytest.mark.parametrize("name", NAMES)
def test_docx_findings_point_at_their_cell_or_paragraph(name: str) -> None:
    filename = f"{name}.docx"
    report, source = report_of(filename), source_of(filename)
    document = Document(str(FIXTURES / filename))
    checked = 0
    for finding in check_report(report):
        if finding.span is None or finding.span.line != finding.span.end_line:
            continue
        where = source.location(finding.span.line, finding.span.column)
        assert where is not None
        printed = source.slice(finding.span)
        if where.table is not None:
            assert where.row is not None and where.cell is not None
            assert printed in docx_grid(filename, where.table)[where.row - 1][where.cell - 1]
            assert where.describe().startswith(f"第 {where.table} 个表格")
        else:
            assert where.paragraph is not None
            assert printed in document.paragraphs[where.paragraph - 1].text
            assert where.describe() == f"第 {where.paragraph} 段"
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("name", NAMES)
def test_docx_part_headings_keep_their_heading_style(name: str) -> None:
    source = source_of(f"{name}.docx")
    for part in text_report(name).parts:
        if part.present and part.span is not None:
            line = next(p.span.line for p in report_of(f"{name}.docx").parts if p.name == part.name)
            where = source.location(line)
            assert where is not None and where.style is not None
            if source.line(line).startswith("第"):
                assert where.style == "Heading 1"


def _docx_bytes(build: Any) -> bytes:
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_merged_cells_are_resolved_to_their_first_column() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("表一：收入支出决算总表", style="Heading 3")
        table = document.add_table(rows=3, cols=4)
        table.cell(0, 0).text = "收入"
        table.cell(0, 2).text = "支出"
        table.cell(0, 0).merge(table.cell(0, 1))  # across two columns
        table.cell(0, 2).merge(table.cell(1, 3))  # across two columns and two rows
        table.cell(1, 0).text = "项目"
        table.cell(1, 1).text = "金额"
        for c, text in enumerate(("一、收入", "1.00", "一、支出", "2.00")):
            table.cell(2, c).text = text

    source = read_document(Path("m.docx"), _docx_bytes(build))
    assert source.lines == (
        "表一：收入支出决算总表",
        "收入\t\t支出\t",
        "项目\t金额\t\t",
        "一、收入\t1.00\t一、支出\t2.00",
    )
    assert source.locations is not None
    assert source.locations[0] == Location(paragraph=1, style="Heading 3")
    assert source.location(2, 4) == Location(table=1, row=1, cell=2)  # on the tab after 收入
    assert source.location(2, 5) == Location(table=1, row=1, cell=3)
    assert source.location(4, 1) == Location(table=1, row=3, cell=1)


def test_docx_paragraph_tabs_and_line_breaks() -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph("第一部分\t概况")
        paragraph.add_run().add_break()
        paragraph.add_run("一、主要职能")

    source = read_document(Path("p.docx"), _docx_bytes(build))
    assert source.lines == ("第一部分  概况", "一、主要职能")
    assert source.locations == (Location(paragraph=1, style="Normal"),) * 2


def test_docx_without_text_is_refused() -> None:
    data = _docx_bytes(lambda document: document.add_paragraph(""))
    with pytest.raises(InputError, match="没有文字"):
        read_document(Path("empty.docx"), data)


# --- PDF locations -------------------------------------------------------------------------------


@cache
def pdf_pages(filename: str) -> list[str]:
    with pdfplumber.open(FIXTURES / filename) as pdf:
        return [compact(page.extract_text() or "") for page in pdf.pages]


def on_page(line: str, page_text: str) -> bool:
    """Whether each cell of ``line`` is printed on the page (a cell wrapped inside a narrow
    column is interleaved with its neighbours in pdfplumber's text: its characters)."""
    return all(set(compact(field)) <= set(page_text) for field in line.split("\t"))


@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_carries_a_marker_for_every_page(name: str) -> None:
    filename = f"{name}.pdf"
    source = source_of(filename)
    assert source.locations is not None
    markers = [
        (int(m.group(1)), where)
        for line, where in zip(source.lines, source.locations, strict=True)
        if (m := MARKER.match(line))
    ]
    assert [page for page, _ in markers] == list(range(1, len(pdf_pages(filename)) + 1))
    assert all(where == Location(page=page) for page, where in markers)
    assert page_marker(3) == "— 3 —"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_locations_name_page_and_line(name: str) -> None:
    """Each line lies on the page of the marker before it (its continuations on that page or
    later); on every page the printed lines are numbered 1..n, each used once."""
    filename = f"{name}.pdf"
    source = source_of(filename)
    assert source.locations is not None
    page = 0
    used: dict[int, list[int]] = {}
    for line, where in zip(source.lines, source.locations, strict=True):
        if MARKER.match(line):
            page = where.page or 0
            continue
        assert where.page == page and where.page_line is not None
        pieces = [(where.page, where.page_line)] + [(p, n) for _, p, n in where.pieces]
        assert pieces == sorted(pieces)
        for piece_page, piece_line in pieces:
            used.setdefault(piece_page, []).append(piece_line)
        cut = next((col for col, p, _ in where.pieces if p != where.page), len(line) + 1)
        if "\t" not in line:  # a text line: its start is printed as such on its page
            assert compact(line[: cut - 1])[:6] in pdf_pages(filename)[where.page - 1]
        assert on_page(line[: cut - 1], pdf_pages(filename)[where.page - 1])
        for column, piece_page, _ in where.pieces:
            assert compact(line[column - 1 : column + 5]) in pdf_pages(filename)[piece_page - 1]
    for numbers in used.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("name", NAMES)
def test_pdf_findings_point_at_the_right_page(name: str) -> None:
    filename = f"{name}.pdf"
    report, source = report_of(filename), source_of(filename)
    checked = 0
    for finding in check_report(report):
        if finding.span is None:
            continue
        where = source.location(finding.span.line, finding.span.column)
        assert where is not None and where.page is not None and where.page_line is not None
        assert where.describe() == f"第 {where.page} 页第 {where.page_line} 行"
        page_text = pdf_pages(filename)[where.page - 1]
        line = source.line(finding.span.line)
        assert on_page(line, page_text)
        printed = compact(source.slice(finding.span).split("\n")[0])
        assert printed[:6] in page_text
        checked += 1
    assert checked >= 10


def test_pdf_joined_line_locates_each_printed_line() -> None:
    source = source_of("2022-liujiang.pdf")
    assert source.locations is not None
    across = [
        (number, where)
        for number, where in enumerate(source.locations, start=1)
        if where.pieces and where.pieces[-1][1] != where.page
    ]
    assert across, "a paragraph continued on the next page"
    number, where = across[0]
    column, page, page_line = where.pieces[-1]
    assert source.location(number, 1) == Location(page=where.page, page_line=where.page_line)
    assert source.location(number, column) == Location(page=page, page_line=page_line)
    assert page_line == 1 and page == where.page + 1


# --- scanned and corrupt files -------------------------------------------------------------------


def test_scanned_pdf_says_so_in_one_line() -> None:
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(InputError) as caught:
        read_document(path, path.read_bytes())
    message = str(caught.value)
    assert "\n" not in message
    assert "扫描件" in message and str(path) in message


def _truncated(filename: str, share: float) -> bytes:
    data = (FIXTURES / filename).read_bytes()
    return data[: int(len(data) * share)]


def _zip_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a word document")
    return out.getvalue()


@pytest.mark.parametrize(
    ("label", "data", "kind"),
    [
        ("truncated-pdf", _truncated("2022-liujiang.pdf", 0.4), "PDF"),
        ("garbage-pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF"),
        ("truncated-docx", _truncated("2022-liujiang.docx", 0.3), "DOCX"),
        ("plain-zip", _zip_without_document(), "DOCX"),
    ],
)
def test_corrupt_document_gives_one_line_error(label: str, data: bytes, kind: str) -> None:
    path = Path(f"reports/{label}")
    with pytest.raises(InputError) as caught:
        read_document(path, data)
    message = str(caught.value)
    assert message.startswith("错误：") and kind in message and str(path) in message
    assert "\n" not in message


# --- pieces of the PDF reader on synthetic input -------------------------------------------------


def _chars(text: str, x: float, top: float, size: float = 10.0) -> list[dict[str, Any]]:
    """Characters as pdfplumber gives them: CJK a full size wide, others half."""
    out = []
    for ch in text:
        width = size if ord(ch) > 0x2E80 else size / 2
        out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size,
                    "size": size, "upright": True})  # fmt: skip
        x += width
    return out


def test_laid_out_lines_keep_their_columns_for_the_table_reader() -> None:
    rows = [
        [("项目", 60), ("本年支出合计", 200), ("基本支出", 300)],
        [("合计", 60), ("953.20", 215), ("525.83", 310)],
        [("卫生健康支出", 60), ("627.68", 215), ("443.66", 310)],
    ]
    chars = [
        c for k, row in enumerate(rows) for text, x in row for c in _chars(text, x, 100 + 20 * k)
    ]
    lines = [build_line(group, 60) for group in group_lines(chars)]
    assert all(line.laid_out for line in lines)
    grid = layout([(n, line.text) for n, line in enumerate(lines, start=1)])
    assert [[(c.text, c.index) for c in g.cells] for g in grid[1:]] == [
        [("合计", 0), ("953.20", 1), ("525.83", 2)],
        [("卫生健康支出", 0), ("627.68", 1), ("443.66", 2)],
    ]


def test_running_headers_and_page_numbers_are_dropped() -> None:
    from fa_tui.ingest.pdf_lines import PrintedLine

    def line(text: str, top: float) -> PrintedLine:
        return PrintedLine(text, 60, 300, top, top + 10, 10)

    pages = [
        [line("某局 2022 年部门决算", 20), line(f"正文第 {n} 页", 300), line(f"— {n} —", 810)]
        for n in range(1, 5)
    ]
    pages[1].append(line("12", 400))  # a lone figure in the body stays
    kept = drop_margins(pages, [842.0] * 4)
    assert [[x.text for x in page] for page in kept] == [
        ["正文第 1 页"],
        ["正文第 2 页", "12"],
        ["正文第 3 页"],
        ["正文第 4 页"],
    ]


def test_wrapped_words_are_joined() -> None:
    assert join_text("基本支出525.", "83万元") == "基本支出525.83万元"
    assert join_text("the final", "accounts") == "the final accounts"
    assert join_text("infor-", "mation") == "information"


def test_docx_zip_bomb_is_refused_before_parsing() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        block = b"\0" * (1024 * 1024)
        for _ in range(300):  # 300 MB unpacked, a few hundred KB packed
            member.write(block)
    with pytest.raises(InputError, match="解压后超过"):
        read_document(Path("bomb.docx"), out.getvalue())
