"""A tiny PDF writer (objects as bytes, a correct xref), the hostile PDFs made with it, and pages
in a Latin font whose glyphs may carry several characters (``ligature_pdf``)."""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
LINE = b"1234.56 2345.67 3456.78 4567.89 5678.90 6789.01 7890.12 8901.23 9012.34 0123.45"


def pdf_bytes(objects: list[bytes], *, header: bytes = b"%PDF-1.4\n", xref: bool = True) -> bytes:
    """A PDF of ``objects`` (object ``k`` is ``objects[k - 1]``; object 1 the catalogue)."""
    out = bytearray(header + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


def stream(data: bytes, *, extra: bytes = b"", compress: bool = False) -> bytes:
    """A stream object's body (``compress``: Flate)."""
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_content(lines: int, repeat: int = 1, size: int = 6) -> bytes:
    """A page's content: ``lines`` lines of figures (``repeat`` times ``LINE`` each)."""
    body = [b"BT /F1 %d Tf %d TL 20 830 Td" % (size, size + 1)]
    text = b" ".join([LINE] * repeat)
    body.extend(b"(%s) Tj T*" % text for _ in range(lines))
    body.append(b"ET")
    return b"\n".join(body)


def text_pdf(
    pages: int,
    content: bytes,
    *,
    media_box: bytes = b"[0 0 595 842]",
    compress: bool = True,
) -> bytes:
    """``pages`` pages, each showing ``content`` (one shared stream) in Helvetica."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT, stream(content, compress=compress)]
    kids = []
    for _ in range(pages):
        kids.append(b"%d 0 R" % (len(objects) + 1))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents 4 0 R >>" % media_box
        )
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    return pdf_bytes(objects)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def dense_pdf(tmp: Path, pages: int = 600) -> Path:
    """A report-sized page of dense figures, ``pages`` times (600: over the page limit)."""
    return _write(tmp / f"dense-{pages}.pdf", text_pdf(pages, text_content(110)))


def huge_page_pdf(tmp: Path) -> Path:
    """One page with 320,000 characters of figures: over the characters-per-page limit."""
    content = text_content(400, repeat=10, size=1)
    return _write(tmp / "huge-page.pdf", text_pdf(1, content))


def tiny_objects_pdf(tmp: Path, objects: int = 10_000) -> Path:
    """Three pages of figures, each also filled with ``objects`` one-point squares (a chart
    or a pattern drawn as many tiny paths: every one an object to read)."""
    squares = b"\n".join(
        b"%d %d 1 1 re f" % (20 + (k % 100) * 5, 20 + (k // 100 % 100) * 5) for k in range(objects)
    )
    return _write(tmp / "tiny-objects.pdf", text_pdf(3, text_content(10) + b"\n" + squares))


def many_streams_pdf(tmp: Path, streams: int = 99_000) -> Path:
    """A page of figures, ``streams`` tiny image streams it never draws and, last, one of
    40 MB with no end of line in it (a file of 50 MB): the preflight looks at every stream,
    and must not search the rest of the file from each one."""
    image = stream(b"x" * 20, extra=b" /Type /XObject /Subtype /Image /Width 1 /Height 1")
    padding = stream(b"\0" * (40 << 20), extra=b" /Type /XObject /Subtype /Image")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream(text_content(20), compress=True),
        *([image] * streams),
        padding,
    ]
    return _write(tmp / "many-streams.pdf", pdf_bytes(objects))


def self_referencing_resources(tmp: Path) -> Path:
    """A page whose form XObject draws itself twice, its resources naming themselves: drawn
    naively, 2^depth forms."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R /Contents 5 0 R >>",
        b"<< /Font << /F1 7 0 R >> /XObject << /X1 6 0 R >> /Self 4 0 R >>",
        stream(b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET /X1 Do"),
        stream(
            b"BT /F1 12 Tf 72 700 Td (7.89) Tj ET /X1 Do /X1 Do",
            extra=b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 4 0 R",
        ),
        FONT,
    ]
    return _write(tmp / "self-resources.pdf", pdf_bytes(objects))


def page_tree_cycle(tmp: Path) -> Path:
    """A page tree whose intermediate node lists its own parent among its kids."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R 3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
        FONT,
        stream(b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET"),
    ]
    return _write(tmp / "tree-cycle.pdf", pdf_bytes(objects))


def deep_page_tree(tmp: Path, depth: int = 20_000) -> Path:
    """One page under ``depth`` nested /Pages nodes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages%s /Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    page = len(objects) + 1
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
        % (page - 1, page + 1, page + 2)
    )
    objects.append(FONT)
    objects.append(stream(b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET"))
    return _write(tmp / "deep-tree.pdf", pdf_bytes(objects))


@cache
def _blanks_zipped(megabytes: int) -> bytes:
    """``megabytes`` MB of blanks, Flate (made once a process: 1 GB takes seconds)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


def flate_bomb(tmp: Path, megabytes: int = 1024) -> Path:
    """A page whose content stream inflates to ``megabytes`` MB of blanks (about 1 MB zipped)."""
    data = _blanks_zipped(megabytes)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    return _write(tmp / "flate-bomb.pdf", pdf_bytes(objects))


def huge_media_box(tmp: Path) -> Path:
    """A page 10^9 points square with a few figures on it."""
    content = b"BT /F1 12 Tf 72 720 Td (1234.56 7.89) Tj ET"
    data = text_pdf(1, content, media_box=b"[0 0 1000000000 1000000000]")
    return _write(tmp / "huge-mediabox.pdf", data)


def junk_before_header(tmp: Path) -> Path:
    """900 bytes of junk before ``%PDF-`` (readers accept up to 1 KB)."""
    data = text_pdf(1, text_content(20))
    return _write(tmp / "junk-header.pdf", b"\x00junk\xff" * 150 + data)


def truncated_xref(tmp: Path) -> Path:
    """A PDF cut in the middle of its cross-reference table."""
    data = text_pdf(3, text_content(20))
    cut = data.index(b"xref") + 40
    return _write(tmp / "truncated-xref.pdf", data[:cut])


def exponential_references(tmp: Path, depth: int = 60) -> Path:
    """A page whose MediaBox is a chain of arrays each naming the next twice: resolved
    naively, 2^depth objects (a resource graph that refers back into itself)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /CropBox 6 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream(b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET"),
    ]
    for level in range(depth):
        nxt = len(objects) + 2
        objects.append(b"[%d 0 R %d 0 R]" % (nxt, nxt) if level < depth - 1 else b"[0 0 595 842]")
    return _write(tmp / "exponential-references.pdf", pdf_bytes(objects))


def exponential_forms(tmp: Path, depth: int = 40) -> Path:
    """A page drawing a form that draws the next one twice, ``depth`` times (no form draws
    itself): drawn naively, 2^depth forms, each printing a figure."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream(b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET /X Do"),
    ]
    for level in range(depth):
        number = len(objects) + 1
        draws = b" /X Do /X Do" if level < depth - 1 else b""
        objects.append(
            stream(
                b"BT /F1 12 Tf 72 700 Td (7.89) Tj ET" + draws,
                extra=b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources"
                b" << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >>" % (number + 1),
            )
        )
    return _write(tmp / "exponential-forms.pdf", pdf_bytes(objects))


def deep_forms(tmp: Path, depth: int = 40) -> Path:
    """A page drawing a chain of ``depth`` forms, each drawing the next once."""
    path = exponential_forms(tmp, depth)
    data = path.read_bytes().replace(b" /X Do /X Do", b" /X Do")
    return _write(tmp / "deep-forms.pdf", data)


# --- a font whose glyphs carry several characters (ligatures) ------------------------------------

# Codes of the ligature font (``ligature_pdf``): WinAnsi, with 0x80-0x83 the glyphs fi, fl, ffi and
# fi again; its ToUnicode maps 0x80 to "fi", 0x81 to "fl", 0x82 to "ffi", 0x83 to U+FB01 (the
# ligature character "ﬁ"), 0xBD (onehalf) to "1/2". The accent 0xB4 has no advance: printed
# before a letter, it sits over it.
FI, FL, FFI, FI_SIGN, HALF, ACUTE = b"\x80", b"\x81", b"\x82", b"\x83", b"\xbd", b"\xb4"
LIGATURE_WIDTHS = {  # in 1/1000 of the size: Helvetica's (its ffi made up); others none
    **{ord(ch): 278 for ch in " ,./ft"},
    **{ord(ch): 556 for ch in "0123456789adehnop"},
    ord("T"): 611,
    ord("c"): 500,
    ord("i"): 222,
    ord("l"): 222,
    ord("r"): 333,
    0x80: 500,
    0x81: 500,
    0x82: 778,
    0x83: 500,
    0xB4: 0,
    0xBD: 834,
}
_LIGATURE_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7E> <0020>
endbfrange
6 beginbfchar
<80> <00660069>
<81> <0066006C>
<82> <006600660069>
<83> <FB01>
<B4> <00B4>
<BD> <0031002F0032>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""
# The content that shows a text upright on a page of ``box`` shown turned by each /Rotate.
_UPRIGHT = {
    0: b"1 0 0 1 %(x0)g %(y0)g",
    90: b"0 1 -1 0 %(x1)g %(y0)g",
    180: b"-1 0 0 -1 %(x1)g %(y1)g",
    270: b"0 -1 1 0 %(x0)g %(y1)g",
}


def ligature_pdf(
    pages: list[tuple[int, bytes]], box: tuple[float, float, float, float] = (0, 0, 595, 842)
) -> bytes:
    """Pages of MediaBox ``box``, each ``(rotation, text operators)``: the operators (``BT …
    ET``, font ``/F1``) are drawn so that they read upright as shown (in the coordinates of
    the page as shown, from its lower left corner). The font, not embedded, is not one of
    the standard 14 (pdfminer reads its widths from the file, as PDFium does)."""
    widths = b" ".join(b"%d" % LIGATURE_WIDTHS.get(code, 0) for code in range(32, 256))
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /FaTuiSans /FirstChar 32 /LastChar 255"
        b" /Widths [%s] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding"
        b" /Differences [128 /fi /fl /ffi /fi] >> /FontDescriptor 4 0 R /ToUnicode 5 0 R >>"
        % widths
    )
    descriptor = (
        b"<< /Type /FontDescriptor /FontName /FaTuiSans /Flags 32 /FontBBox [-166 -225 1000 931]"
        b" /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 >>"
    )
    x0, y0, x1, y1 = box
    corners = {b"x0": x0, b"y0": y0, b"x1": x1, b"y1": y1}
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font, descriptor, stream(_LIGATURE_CMAP)]
    kids = []
    for rotation, text in pages:
        turn = _UPRIGHT[rotation] % corners
        objects.append(stream(b"q %s cm %s Q" % (turn, text)))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%g %g %g %g] /Rotate %d"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (x0, y0, x1, y1, rotation, len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return pdf_bytes(objects)
