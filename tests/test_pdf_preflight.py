"""The preflight (``pdf_preflight.plain``): which PDFs PDFium is given without pdfminer's guard.

A plain document is read by PDFium straight away and gives exactly what the guarded reading
gives; anything the preflight cannot vouch for (forms inside forms, a stream over the budget,
an encrypted file, a filter it does not decode, a box written as a reference, a dictionary it
cannot read) takes the guarded way.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from hostile import pdf
from hostile.pdf import FONT, pdf_bytes, stream
from msgspec.structs import replace

from fa_tui.ingest import pdf_preflight
from fa_tui.ingest.limits import DEFAULT
from fa_tui.ingest.pdf_preflight import plain
from fa_tui.ingest.pdf_text import pdf_page_count, read_pdf

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = sorted(
    p
    for folder in (FIXTURES, FIXTURES / "layouts", FIXTURES / "text_layers")
    for p in folder.glob("*.pdf")
    if p.name != "scanned.pdf"
)
TEXT = b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources"
    b" << /Font << /F1 3 0 R >> /XObject << /X 5 0 R >> >> /Contents 4 0 R >>"
)


def one_page(content: bytes, *more: bytes, page: bytes = PAGE) -> bytes:
    """A one-page PDF: catalogue, pages, font, content (Flate), ``more`` objects (5, …), page."""
    number = 5 + len(more)
    pages = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % number
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    return pdf_bytes([catalog, pages, FONT, stream(content, compress=True), *more, page])


def form(content: bytes, extra: bytes = b"") -> bytes:
    return stream(content, extra=b" /Type /XObject /Subtype /Form /BBox [0 0 595 842]" + extra)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_fixture_is_plain_and_read_as_the_guarded_way_reads_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = path.read_bytes()
    assert plain(data, DEFAULT)
    straight = read_pdf(path, data)
    monkeypatch.setattr(pdf_preflight, "plain", lambda data, limits: False)
    assert read_pdf(path, data) == straight


def test_a_form_drawing_text_only_is_plain() -> None:
    assert plain(one_page(TEXT + b" /X Do", form(TEXT)), DEFAULT)


@pytest.mark.parametrize(
    "subtype",
    [b"/Subtype /Form", b"/Subtype /Fo#72m", b"/Subtype/Form"],
    ids=["plain", "escaped", "tight"],
)
def test_a_form_drawing_anything_is_not(subtype: bytes) -> None:
    inner = stream(TEXT + b" /Y Do", extra=b" /Type /XObject " + subtype)
    assert not plain(one_page(TEXT + b" /X Do", inner), DEFAULT)


def test_the_hostile_forms_are_not_plain(tmp_path: Path) -> None:
    for make in (pdf.self_referencing_resources, pdf.exponential_forms, pdf.deep_forms):
        assert not plain(make(tmp_path).read_bytes(), DEFAULT), make.__name__


def test_streams_over_the_budget_are_not_plain(tmp_path: Path) -> None:
    one_mb = replace(DEFAULT, max_page_stream_mb=1)
    small = one_page(TEXT + b" " * 900_000)
    assert plain(small, one_mb)
    assert not plain(one_page(TEXT + b" " * 1_100_000), one_mb)
    assert not plain(pdf.flate_bomb(tmp_path, megabytes=80).read_bytes(), DEFAULT)


def test_the_data_starts_after_the_end_of_line_whatever_precedes_it() -> None:
    """PDFium takes a stream's data from the line after ``stream``, junk before it allowed."""
    data = zlib.compress(TEXT + b" " * 1_100_000)
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream junk\r\n" % len(data) + data
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        FONT,
        body + b"\nendstream",
        PAGE,
    ]
    assert not plain(pdf_bytes(objects), replace(DEFAULT, max_page_stream_mb=1))


def test_images_are_not_decoded() -> None:
    image = b"<< /Type /XObject /Subtype /Image /Width 9 /Height 9 /Filter /FlateDecode"
    image += b" /Length 9 >>\nstream\nnot zlib!\nendstream"
    assert plain(one_page(TEXT + b" /X Do", image), replace(DEFAULT, max_page_stream_mb=1))


def test_drawings_over_the_objects_limit_are_not_plain() -> None:
    content = TEXT + b" /X Do" * 11
    assert plain(one_page(content, form(TEXT)), replace(DEFAULT, max_page_objects=11))
    assert not plain(one_page(content, form(TEXT)), replace(DEFAULT, max_page_objects=10))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"/MediaBox [0 0 595 842]", b"/MediaBox 9 0 R"),
        (b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 9 0 R 842]"),
        (b"/Contents 4 0 R >>", b"/Contents 4 0 R /Rotate 9 0 R >>"),
    ],
)
def test_a_box_written_as_a_reference_is_not_plain(old: bytes, new: bytes) -> None:
    assert not plain(one_page(TEXT, page=PAGE.replace(old, new)), DEFAULT)


def test_a_box_reference_inside_an_object_stream_is_not_plain(tmp_path: Path) -> None:
    assert not plain(pdf.exponential_references(tmp_path).read_bytes(), DEFAULT)
    packed = zlib.compress(b"7 0 << /Type /Page /MediaBox 9 0 R >>")
    objstm = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>" % len(packed)
    found = one_page(TEXT, objstm + b"\nstream\n" + packed + b"\nendstream")
    assert not plain(found, DEFAULT)


@pytest.mark.parametrize(
    "filters",
    [b"/LZWDecode", b"/RunLengthDecode", b"[/FlateDecode /ASCII85Decode]", b"/Crypt", b"9 0 R"],
)
def test_a_filter_not_decoded_here_is_not_plain(filters: bytes) -> None:
    content = b"<< /Length 4 /Filter %s >>\nstream\nabcd\nendstream" % filters
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        FONT,
        content,
        PAGE,
    ]
    assert not plain(pdf_bytes(objects), DEFAULT)


def test_text_codecs_before_flate_are_decoded_and_counted() -> None:
    import base64

    data = base64.a85encode(zlib.compress(TEXT + b" " * 1_100_000), adobe=True)
    body = b"<< /Length %d /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" % len(data)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        FONT,
        body + data + b"\nendstream",
        PAGE,
    ]
    assert plain(pdf_bytes(objects), DEFAULT)
    assert not plain(pdf_bytes(objects), replace(DEFAULT, max_page_stream_mb=1))


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.replace(b"/Type /Catalog", b"/Type /Catalog /Encrypt 9 0 R"),
        lambda d: d.replace(b"4 0 obj", b"4 0 xbj"),  # a stream whose object header is lost
        lambda d: d.replace(b"<< /Length", b"<< /Weird ( /Length", 1),  # an unended string
        lambda d: d.replace(b"/Subtype /Form", b"/Subtype 9 0 R"),
    ],
    ids=["encrypted", "no header", "unended string", "subtype reference"],
)
def test_what_the_preflight_cannot_read_is_not_plain(damage) -> None:
    data = one_page(TEXT + b" /X Do", form(TEXT))
    assert plain(data, DEFAULT)
    assert not plain(damage(data), DEFAULT)


def test_a_plain_document_pdfium_cannot_open_is_read_the_guarded_way(tmp_path: Path) -> None:
    """PDFium cannot load a page of a page tree listing its own parent; pdfminer can."""
    path = pdf.page_tree_cycle(tmp_path)
    data = path.read_bytes()
    assert plain(data, DEFAULT)
    assert read_pdf(path, data) == read_pdf(path, data, source="pdfplumber")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pages_are_counted_as_pdfminer_counts_them(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = path.read_bytes()
    counted = pdf_page_count(path, data)
    monkeypatch.setattr(pdf_preflight, "plain", lambda data, limits: False)
    assert pdf_page_count(path, data) == counted > 0
