"""The PDFium page source (``pdf_native``) reads every PDF fixture as pdfplumber does.

Same glyphs (text, boxes within float32 rounding, upright, quarter turn), the same ruling edges
and tables, and the same ``SourceText`` (lines, locations, unplaced figures, unread pages, text
left out as turned) and findings when the whole reader runs on either source. pdfplumber stays
only as this test's reference (``read_pdf(..., source="pdfplumber")``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hostile.pdf import FI, FI_SIGN, ligature_pdf

from fa_tui.ingest.errors import InputError
from fa_tui.ingest.pdf_native import open_pages
from fa_tui.ingest.pdf_placement import Grid
from fa_tui.ingest.pdf_tables import find_tables
from fa_tui.ingest.pdf_text import read_pdf
from fa_tui.ingest.pdf_turned import turn_of
from fa_tui.pipeline import analyse

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = sorted(
    p
    for folder in (FIXTURES, FIXTURES / "layouts", FIXTURES / "text_layers")
    for p in folder.glob("*.pdf")
)
_KEYS = ("x0", "x1", "top", "bottom", "size")


def _plumber_pages(data: bytes) -> list[tuple[list[dict], list[dict], list[Grid]]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(page.chars, page.edges, find_tables(page)) for page in pdf.pages]


def _shape(grid: Grid) -> list[list[bool]]:
    return [[cell is None for cell in row] for row in grid.rows]


def _numbers(grids: list[Grid]) -> list[float]:
    boxes = [g.bbox for g in grids] + [c for g in grids for r in g.rows for c in r if c]
    return [v for box in boxes for v in box]


def test_the_fixtures_are_found() -> None:
    assert len(PDFS) >= 10


def test_the_first_glyph_of_a_page_has_pdfminer_s_box() -> None:
    data = (FIXTURES / "2024-liling.pdf").read_bytes()
    with open_pages(data) as (count, pages):
        assert count == 14
        page = [p for _, p in zip(range(6), pages, strict=False)][-1]
    char = page.chars[0]
    assert char["text"] == "单" and char["upright"] is True
    assert char["x0"] == pytest.approx(85.0) and char["size"] == pytest.approx(10.5)
    assert char["top"] == pytest.approx(81.1455, abs=1e-4)
    assert char["bottom"] == pytest.approx(91.6455, abs=1e-4)
    assert (page.width, page.height, page.bbox) == (595.0, 842.0, (0.0, 0.0, 595.0, 842.0))


@pytest.mark.parametrize("pdf", PDFS, ids=[p.name for p in PDFS])
def test_glyphs_edges_and_tables_match_pdfplumber(pdf: Path) -> None:
    data = pdf.read_bytes()
    reference = _plumber_pages(data)
    with open_pages(data) as (count, pages):
        native = [(p.chars, p.edges, find_tables(p), p.images) for p in pages]
    assert count == len(reference) == len(native)
    for (chars, edges, tables), (n_chars, n_edges, n_tables, _) in zip(
        reference, native, strict=True
    ):
        assert [c["text"] for c in chars] == [c["text"] for c in n_chars]
        for a, b in zip(chars, n_chars, strict=True):
            assert a["upright"] == b["upright"]
            assert b["turn"] == turn_of(a)  # PDFium's turn, pdfminer's matrix's
            for key in _KEYS:  # PDFium keeps coordinates as float32
                assert b[key] == pytest.approx(a[key], abs=1e-3), (key, a["text"])
        wanted = [e for e in edges if e["orientation"] in ("h", "v")]
        assert len(wanted) == len(n_edges)
        for a, b in zip(wanted, n_edges, strict=True):
            assert (a["object_type"], a["orientation"]) == (b["object_type"], b["orientation"])
            for key in ("x0", "x1", "top", "bottom", "width", "height"):
                assert b[key] == pytest.approx(a[key], abs=1e-3)
        assert [_shape(t) for t in tables] == [_shape(t) for t in n_tables]
        assert _numbers(n_tables) == pytest.approx(_numbers(tables), abs=1e-3)


@pytest.mark.parametrize("pdf", PDFS, ids=[p.name for p in PDFS])
def test_the_reader_and_the_findings_are_the_same(pdf: Path) -> None:
    data = pdf.read_bytes()
    try:
        old = read_pdf(pdf, data, source="pdfplumber")
    except InputError as exc:
        with pytest.raises(InputError) as native_error:
            read_pdf(pdf, data, source="native")
        assert str(native_error.value) == str(exc)
        return
    new = read_pdf(pdf, data, source="native")
    assert new.lines == old.lines
    assert new.locations == old.locations
    assert new.unplaced == old.unplaced
    assert new.unread_pages == old.unread_pages
    assert new.turned_text == old.turned_text
    assert new == old
    _, old_findings = analyse(old)
    _, new_findings = analyse(new)
    assert new_findings == old_findings


def _both(data: bytes) -> list[tuple[list[dict], list[dict]]]:
    """Each page's glyphs as pdfplumber reads them, and as PDFium."""
    reference = _plumber_pages(data)
    with open_pages(data) as (_, pages):
        native = [page.chars for page in pages]
    return [(chars, n) for (chars, _, _), n in zip(reference, native, strict=True)]


def test_a_glyph_of_several_characters_is_one_glyph_as_wide_as_its_advance() -> None:
    """``ligatures.pdf``: on each page (upright, and shown turned by /Rotate 90, 180, 270) the
    ffi, fl, fi and onehalf glyphs are one glyph each in both sources, reading "ffi", "fl",
    "fi" and "1/2", each as wide as its width in the font (at 12 pt: 9.336, 6, 6 and 10.008;
    an f alone is 3.336), the next glyph starting where it ends; the accent printed with no
    advance at the origin of the "e" after it is a glyph of its own."""
    data = (FIXTURES / "ligatures.pdf").read_bytes()
    pages = _both(data)
    assert len(pages) == 4
    for source in (0, 1):
        for page in pages:
            chars = page[source]
            texts = [c["text"] for c in chars]
            assert "".join(texts) == "The office floor, profit of 1/2 and caf\u00b4e."
            for text, width in (("ffi", 9.336), ("fl", 6.0), ("fi", 6.0), ("1/2", 10.008)):
                k = texts.index(text)
                assert chars[k]["x1"] - chars[k]["x0"] == pytest.approx(width, abs=1e-3), text
                assert chars[k + 1]["x0"] == pytest.approx(chars[k]["x1"], abs=1e-3), text
            k = texts.index("\u00b4")
            assert texts[k + 1] == "e"
            assert chars[k]["x0"] == pytest.approx(chars[k + 1]["x0"], abs=1e-3)
            assert chars[k]["x1"] == pytest.approx(chars[k]["x0"], abs=1e-3)


def test_a_ligature_sign_is_read_as_its_letters_by_pdfium(tmp_path: Path) -> None:
    """A glyph mapped to U+FB01 (the sign "ﬁ", as some tools write a ligature): pdfminer keeps
    the sign; PDFium's text page gives its letters (it decomposes U+FB00-FB06), read as one
    glyph "fi" with the sign's box. The one difference between the sources here, left so:
    "fi" is what is printed, and what a search for "profit" finds."""
    data = ligature_pdf([(0, b"BT /F1 12 Tf 72 700 Td (pro%st) Tj ET" % FI_SIGN)])
    [(plumber, native)] = _both(data)
    assert [c["text"] for c in plumber] == ["p", "r", "o", "\ufb01", "t"]
    assert [c["text"] for c in native] == ["p", "r", "o", "fi", "t"]
    for a, b in zip(plumber, native, strict=True):
        for key in _KEYS:
            assert b[key] == pytest.approx(a[key], abs=1e-3)
    path = tmp_path / "sign.pdf"
    assert read_pdf(path, data, source="pdfplumber").lines == ("— 1 —", "pro\ufb01t")
    assert read_pdf(path, data, source="native").lines == ("— 1 —", "profit")


@pytest.mark.parametrize("rotation", [0, 90])
def test_a_ligature_ending_its_text_object_is_as_wide_as_its_loose_box(
    tmp_path: Path, rotation: int
) -> None:
    """With no glyph after it to measure its advance by, a ligature is as wide as PDFium's
    loose box along its baseline: the advance, or the ink of the face PDFium draws it with
    where that reaches further (an approximation: it starts where pdfminer's box does, and
    ends no earlier, nor more than a quarter of the size later)."""
    data = ligature_pdf([(rotation, b"BT /F1 12 Tf 72 500 Td (pro%s) Tj ET" % FI)])
    [(plumber, native)] = _both(data)
    assert [c["text"] for c in native] == [c["text"] for c in plumber] == ["p", "r", "o", "fi"]
    a, b = plumber[-1], native[-1]
    assert b["x0"] == pytest.approx(a["x0"], abs=1e-3)
    assert a["x1"] - 1e-3 <= b["x1"] <= a["x1"] + 3.0
    for key in ("top", "bottom", "size"):
        assert b[key] == pytest.approx(a[key], abs=1e-3)


@pytest.mark.parametrize("kerning", [150, 200, 3000])
def test_a_gap_kerned_inside_a_text_object_is_no_glyph(tmp_path: Path, kerning: int) -> None:
    """A ``TJ`` gap (``kerning``/1000 of the size) inside a figure or between two: PDFium's
    text page puts a space of its own there, with the text object of the glyphs around it;
    pdfminer prints none. Read with it, a figure kerned by 1.8 pt would read "1,2 34.50"."""
    line = b"[(Total 1,2)-%d(34.50 and)-3000(12.00.)] TJ" % kerning
    data = ligature_pdf([(0, b"BT /F1 12 Tf 72 500 Td %s ET" % line)])
    [(plumber, native)] = _both(data)
    assert [c["text"] for c in native] == [c["text"] for c in plumber]
    for a, b in zip(plumber, native, strict=True):
        for key in _KEYS:
            assert b[key] == pytest.approx(a[key], abs=1e-3)
    path = tmp_path / "kerned.pdf"
    lines = read_pdf(path, data, source="native").lines
    assert lines == read_pdf(path, data, source="pdfplumber").lines
    if kerning < 250:  # less than a word gap (a quarter of the size): no blank
        assert lines[1].startswith("Total 1,234.50 and")


def test_images_are_seen_on_a_scan() -> None:
    data = (FIXTURES / "scanned.pdf").read_bytes()
    with open_pages(data) as (_, pages):
        read = list(pages)
    assert all(page.images and not page.chars for page in read)


def test_a_damaged_pdf_is_refused_by_both_sources(tmp_path: Path) -> None:
    data = (FIXTURES / "2024-liling.pdf").read_bytes()[:2000]
    for source in ("native", "pdfplumber"):
        with pytest.raises(InputError, match=r"损坏|没有页面|没有文字层"):
            read_pdf(tmp_path / "x.pdf", data, source=source)  # type: ignore[arg-type]


def test_path_segments_read_as_records_equal_the_api_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """The segments of every path, copied as PDFium's records, are what its API returns one by
    one (the build in use keeps them so: else the copy is off and this compares nothing)."""
    from fa_tui.ingest import pdfium

    lib = pdfium.library()
    for pdf in PDFS:
        data = pdf.read_bytes()
        with open_pages(data) as (_, pages):
            packed = [page.edges for page in pages]
        assert lib.packed is True
        monkeypatch.setattr(lib, "packed", False)
        with open_pages(data) as (_, pages):
            assert [page.edges for page in pages] == packed, pdf.name
        monkeypatch.setattr(lib, "packed", True)


def test_a_media_box_inherited_from_the_page_tree_is_the_page_s() -> None:
    """``FPDFPage_GetMediaBox`` does not look up the page tree: an A4 box set on ``/Pages``
    only must not be read as US Letter (every glyph would stand 50 points too high)."""
    import pdfplumber
    from hostile.pdf import FONT, pdf_bytes, stream

    text = b"BT /F1 12 Tf 72 800 Td (1234.56) Tj ET BT /F1 12 Tf 72 40 Td (7.89) Tj ET"
    data = pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
            b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >>"
            b" /Contents 5 0 R >>",
            FONT,
            stream(text),
        ]
    )
    with open_pages(data) as (_, pages):
        page = next(pages)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        reference = pdf.pages[0]
        assert (page.width, page.height) == (reference.width, reference.height) == (595, 842)
        for a, b in zip(reference.chars, page.chars, strict=True):  # Helvetica's metrics: 0.2 pt
            assert b["top"] == pytest.approx(a["top"], abs=0.5)
