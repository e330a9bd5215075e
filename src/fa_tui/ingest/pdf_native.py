"""PDF pages read natively with PDFium: glyph boxes and ruling edges in one pass.

Each ``NativePage`` offers what the reader takes from a pdfplumber page — ``chars``, ``edges``,
``bbox``, ``width``, ``height``, ``images`` and ``find_tables`` (``pdf_grid``: the tables
pdfplumber's finder gives on these edges, without pdfplumber) — with the same boxes as
pdfminer's: ``x0`` the glyph's origin, ``x1`` the origin plus its advance, ``y0`` the baseline
plus the font's descent, ``y1 = y0 + size``, in top-down coordinates (``top = height - y1``).
PDFium's generated characters (the spaces and line breaks it infers) are skipped, as pdfminer
never reports them; an unmapped glyph reads ``(cid:N)`` as in pdfminer. Edges follow
pdfminer's classification of painted paths (a segment is a line, a closed axis-aligned
quadrilateral a rect, anything else a curve) and pdfplumber's conversion to edges; paths in
form XObjects are read with their matrices composed.

PDFium is called through ``ingest/pdfium.py`` (the library loaded directly, its functions
declared once with integer-address prototypes; every call made holding its ``LOCK``).
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import pairwise
from typing import Any, cast

from fa_tui.ingest import pdfium
from fa_tui.ingest.limits import LimitExceeded, ensure_room
from fa_tui.ingest.pdf_grid import SETTINGS, Ruling, Table, edge_dict, find_tables_on
from fa_tui.ingest.pdfium import LOCK, Library, library

Matrix = tuple[float, float, float, float, float, float]
Obj = dict[str, Any]

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_*
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*
_MAX_DEPTH = 16  # form XObjects nested deeper are not read (a malformed or hostile file)
# A path segment as PDFium keeps it (``CFX_Path::Point``): x, y (float), kind (uint8, the
# ``FPDF_SEGMENT_*`` numbers), closes the figure (bool), two bytes of padding.
_SEGMENT = struct.Struct("=ffB?2x")
_POINT = struct.Struct("=2d")  # a glyph's origin, as ``FPDFText_GetCharOrigin`` writes it
_LINEAR = struct.Struct("=4f")  # its linear part: a, b, c, d
_MATRIX = struct.Struct("=6f")  # FS_MATRIX: a, b, c, d, e, f (read at once: ``tuple()`` on a
# ctypes array costs twice the call that fills it)
# Address space left to PDFium for a document or a page, or ``MemoryError`` first: PDFium aborts
# the process when an allocation fails (a batch worker under ``--max-memory`` would die with no
# word of why).
_ROOM = 32 * 1024 * 1024


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _page_matrix(box: tuple[float, float, float, float], rotation: int) -> Matrix:
    """pdfminer's initial CTM: user space to its page space (mediabox origin, rotation)."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


class NativePage:
    """One page's glyphs, edges and geometry, as the PDF reader uses a pdfplumber page."""

    __slots__ = ("bbox", "chars", "height", "images", "page_number", "rulings", "width")

    def __init__(
        self,
        page_number: int,
        width: float,
        height: float,
        chars: list[Obj],
        rulings: list[Ruling],
        images: bool,
    ) -> None:
        self.page_number = page_number
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)
        self.chars = chars
        self.rulings = rulings
        self.images = images

    @property
    def edges(self) -> list[Obj]:
        """The ruling edges as pdfplumber's edge dicts (made on each call)."""
        return [edge_dict(*ruling) for ruling in self.rulings]

    def find_tables(self, table_settings: Mapping[str, Any] | None = None) -> list[Table]:
        """The ruled tables of this page: those pdfplumber's ``TableFinder`` finds on these
        edges with ``pdf_grid.SETTINGS`` (or none), the only settings ``pdf_grid`` knows."""
        if table_settings is not None and dict(table_settings) != SETTINGS:
            raise ValueError(f"pdf_grid finds tables with {SETTINGS} only: {table_settings}")
        return find_tables_on(self.rulings)


@contextmanager
def open_pages(
    data: bytes, max_chars: int | None = None, max_objects: int | None = None
) -> Iterator[tuple[int, Iterator[NativePage]]]:
    """The page count of the PDF ``data`` and an iterator over its pages, each read in one
    pass and its PDFium objects closed before the next is read (bounded memory); a page with
    more than ``max_chars`` characters, or ``max_objects`` characters, paths and images, is
    ``LimitExceeded`` (the characters looked at first, as pdfplumber's reader words it);
    ``pdfium.PdfiumError`` for a document or page PDFium cannot open."""
    ensure_room(_ROOM)
    with pdfium.document(data) as document:
        with LOCK:
            count = library().page_count(document)
        yield count, _pages(document, count, max_chars, max_objects)


def page_count(data: bytes) -> int:
    """The number of pages of the PDF ``data`` (``pdfium.PdfiumError`` for a damaged file)."""
    ensure_room(_ROOM)
    with pdfium.document(data) as document, LOCK:
        return int(library().page_count(document))


def _pages(
    document: int, count: int, max_chars: int | None, max_objects: int | None
) -> Iterator[NativePage]:
    for index in range(count):
        ensure_room(_ROOM)
        with LOCK, pdfium.page(document, index) as page:
            read = read_page(page, index + 1, max_chars, max_objects)
        yield read


def read_page(
    page: int, page_number: int, max_chars: int | None = None, max_objects: int | None = None
) -> NativePage:
    """One loaded PDFium page (its handle) read into a ``NativePage``; over ``max_chars`` or
    ``max_objects``, ``LimitExceeded`` (see ``open_pages``); call holding ``pdfium.LOCK``."""
    lib = library()
    box = _media_box(lib, page)
    rotation = lib.rotation(page) % 4 * 90
    width, height = box[2] - box[0], box[3] - box[1]
    if rotation in (90, 270):
        width, height = height, width
    to_page = _page_matrix(box, rotation)
    with pdfium.text_page(page) as text:
        chars = _chars(lib, text, to_page, height)
    if max_chars is not None and len(chars) > max_chars:
        message = f"第 {page_number} 页文字超过 {max_chars} 字符"
        raise LimitExceeded(message, "max_page_chars")
    edges: list[Ruling] = []
    left = None if max_objects is None else max(max_objects - len(chars), 0)
    images = _objects(lib, page, to_page, height, edges, left)
    if images is None or (max_objects is not None and len(chars) > max_objects):
        message = f"第 {page_number} 页的对象超过 {max_objects} 个"
        raise LimitExceeded(message, "max_page_objects")
    return NativePage(page_number, width, height, chars, edges, images)


def _media_box(lib: Library, page: int) -> tuple[float, float, float, float]:
    """The page's MediaBox as pdfminer takes it: the page's own, else the one it inherits from
    the page tree, which ``FPDFPage_GetMediaBox`` does not look up (pypdfium2 then answers US
    Letter): PDFium's page box, inherited (its CropBox where one is set, else the MediaBox)."""
    rect = (ctypes.c_float * 4)()
    at = ctypes.addressof(rect)
    if lib.media_box(page, at, at + 4, at + 8, at + 12):  # left, bottom, right, top
        return (rect[0], rect[1], rect[2], rect[3])
    if not lib.bounding_box(page, at):  # FS_RECTF: left, top, right, bottom
        return (0.0, 0.0, 612.0, 792.0)  # no box at all: PDFium's page size, US Letter
    return (rect[0], rect[3], rect[2], rect[1])


def _chars(lib: Library, tp: int, to_page: Matrix, height: float) -> list[Obj]:
    """The page's glyphs with pdfminer's boxes (``top``/``bottom`` from the page's
    ``height``) and their text object's quarter turn (``turn``, as ``pdf_turned`` reads it).

    PDFium lists a glyph whose code maps to several characters (a ligature: ``fi``, ``ffi``,
    ``1/2``) once per character, each with the glyph's text object, origin and box; pdfminer
    reads it as one glyph of that text, as wide as the glyph: so do these (``_Ligature``).
    """
    from fa_tui.ingest.pdf_turned import quarter

    count = lib.count_chars(tp)
    buffer = (ctypes.c_double * 2)()
    origin_x, origin_y = ctypes.addressof(buffer), ctypes.addressof(buffer) + 8
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    rect_at = ctypes.addressof(rect)
    matrix = (ctypes.c_float * 6)()
    matrix_at = ctypes.addressof(matrix)
    descent = ctypes.c_float()
    descent_at = ctypes.addressof(descent)
    unicode, text_object, origin, loose = lib.unicode, lib.text_object, lib.origin, lib.loose_box
    unpack_point, unpack_linear = _POINT.unpack_from, _LINEAR.unpack_from
    map_error = lib.map_error
    width = ctypes.c_float()
    width_at = ctypes.addressof(width)
    glyph_width = lib.glyph_width
    chars: list[Obj] = []
    last_object: int | None = None
    font = 0
    a = b = c = d = size = desc = 0.0
    advances: dict[int, float] = {}
    fonts: dict[tuple[int, float], tuple[float, dict[int, float]]] = {}  # descent, advances
    # A text object's matrix (its linear part) in page space, and what it makes of its glyphs.
    frames: dict[tuple[float, ...], tuple[float, float, float, float, bool, int | None, bool]] = {}
    upright = True
    turn: int | None = 0  # the quarter turn of the text object's baseline (``pdf_turned``)
    plain = True  # an upright, unrotated, unskewed text object: boxes without the matrix
    last: Obj | None = None
    last_origin: tuple[float, float] | None = None
    last_index = -1
    ligature: _Ligature | None = None  # one whose advance waits for the next glyph's origin
    for index in range(count):
        obj = text_object(tp, index)
        if not obj:
            continue  # PDFium's generated space or line break
        code = unicode(tp, index)
        if code in _BLANKS and lib.generated(tp, index) == 1:
            continue  # a space PDFium sees in a gap inside a text object (its kerning)
        origin(tp, index, origin_x, origin_y)
        ox, oy = point = unpack_point(buffer)
        joined = (
            obj == last_object
            and last_origin == point
            and last_index == index - 1
            and _one_glyph(lib, tp, index)
        )
        if ligature is not None and not joined:
            ligature.finish(obj == last_object, ox, oy)
            ligature = None
        if joined:  # the glyph of ``last`` maps to several characters: one more of them
            last = cast(Obj, last)
            last["text"] += _character(code)
            last_index = index
            loose(tp, index, rect_at)
            along = _along(rect, matrix[0], matrix[1])
            ligature = _Ligature(last, ox, oy, (a, b, c, d, size, desc), along, to_page, height)
            continue
        if obj != last_object:  # some producers make a text object of every glyph
            last_object = obj
            lib.char_matrix(tp, index, matrix_at)
            linear = unpack_linear(matrix)
            known = frames.get(linear)
            if known is None:
                m = _multiply((*linear, 0.0, 0.0), to_page)
                a, b, c, d = m[0], m[1], m[2], m[3]
                upright = a * d > 0 and b * c <= 0
                turn = quarter(a, b)
                plain = b == 0 and c == 0 and a > 0 and d > 0 and to_page[:4] == _IDENTITY[:4]
                frames[linear] = (a, b, c, d, upright, turn, plain)
            else:
                a, b, c, d, upright, turn, plain = known
            size = float(lib.font_size(tp, index))
            font = lib.text_font(obj) or 0
            metrics = fonts.get((font, size))
            if metrics is None:
                desc = 0.0
                if font and lib.descent(font, ctypes.c_float(size), descent_at):
                    desc = min(descent.value, -descent.value)
                metrics = fonts[(font, size)] = (desc, {})
            desc, advances = metrics
        if map_error(tp, index):
            text = f"(cid:{code})"
        else:
            text = chr(code) if 0 < code < 0xD800 else _character(code)
        advance = advances.get(code)
        if advance is None:
            if font and code < 0x10000 and glyph_width(font, code, ctypes.c_float(size), width_at):
                advance = float(width.value)
            else:  # no width for it in the font: PDFium's loose box
                loose(tp, index, rect_at)
                advance = _along(rect, matrix[0], matrix[1])
            advances[code] = advance
        if plain:
            ox += to_page[4]
            oy += to_page[5]
            x0 = ox
            x1 = ox + a * advance
            y0 = oy + d * desc
            y1 = y0 + d * size
        else:
            x0, x1, y0, y1 = _rotated_box(ox, oy, a, b, c, d, size, desc, advance, to_page)
        last = {
            "text": text,
            "x0": x0,
            "x1": x1,
            "size": y1 - y0,
            "upright": upright,
            "turn": turn,
            "top": height - y1,
            "bottom": height - y0,
        }
        last_origin = point
        last_index = index
        chars.append(last)
    if ligature is not None:
        ligature.finish(False, 0.0, 0.0)
    return chars


_BLANKS = frozenset((0x20, 0x0D, 0x0A))  # what PDFium's generated characters read


def _character(code: int) -> str:
    """The character PDFium read (U+FFFD for a code that is none)."""
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def _along(rect: Any, ua: float, ub: float) -> float:
    """The extent along the baseline of PDFium's loose box ``rect`` (``FS_RECTF``) of a glyph
    whose text object's matrix is ``ua, ub, …`` (user space): its advance, or its ink's
    extent where that reaches further."""
    if abs(ua) >= abs(ub):
        return float(abs(rect[2] - rect[0]) / abs(ua)) if ua else 0.0
    return float(abs(rect[1] - rect[3]) / abs(ub))


def _one_glyph(lib: Library, tp: int, index: int) -> bool:
    """Whether PDFium's characters ``index - 1`` and ``index`` (same text object, same
    origin) are one glyph's: they have the same box (a glyph printed with no advance before
    another, as an accent, has a box of its own)."""
    boxes = (ctypes.c_double * 8)()
    at = ctypes.addressof(boxes)
    for k, i in ((0, index - 1), (4, index)):
        if not lib.char_box(tp, i, at + 8 * k, at + 8 * k + 8, at + 8 * k + 16, at + 8 * k + 24):
            return False
    return tuple(boxes[:4]) == tuple(boxes[4:])


class _Ligature:
    """A glyph of several characters (``fi``, ``ffi``, ``1/2``), boxed as pdfminer does: as
    wide as the glyph's advance.

    PDFium knows no width for it by character (``FPDFFont_GetGlyphWidth`` looks the glyph up
    by its first character: an ``f``'s width) and its API gives no character code, so its
    advance is read off the page: the distance to the next glyph of its text object (exact
    but for char spacing or kerning right after it); the last glyph of its text object, its
    loose box's extent along the baseline (the advance, or the ink where it reaches
    further).
    """

    __slots__ = ("along", "glyph", "height", "ox", "oy", "terms", "to_page")

    def __init__(
        self,
        glyph: Obj,
        ox: float,
        oy: float,
        terms: tuple[float, float, float, float, float, float],
        along: float,
        to_page: Matrix,
        height: float,
    ) -> None:
        self.glyph = glyph
        self.ox, self.oy = ox, oy  # its origin, user space
        self.terms = terms  # its text object's a, b, c, d (page space), size, descent
        self.along = along
        self.to_page = to_page
        self.height = height

    def finish(self, next_in_object: bool, nx: float, ny: float) -> None:
        """Box the glyph, given the origin ``(nx, ny)`` (user space) of the next glyph of its
        text object or, not ``next_in_object``, none."""
        a, b, c, d, size, desc = self.terms
        advance = self.along
        if next_in_object and a * a + b * b > 0:
            pa, pb, pc, pd = self.to_page[:4]
            dx, dy = nx - self.ox, ny - self.oy
            px, py = dx * pa + dy * pc, dx * pb + dy * pd
            step = (px * a + py * b) / (a * a + b * b)
            if step >= 0:
                advance = step
        x0, x1, y0, y1 = _rotated_box(
            self.ox, self.oy, a, b, c, d, size, desc, advance, self.to_page
        )
        self.glyph.update(x0=x0, x1=x1, size=y1 - y0, top=self.height - y1, bottom=self.height - y0)


def _rotated_box(
    ox: float,
    oy: float,
    a: float,
    b: float,
    c: float,
    d: float,
    size: float,
    desc: float,
    advance: float,
    to_page: Matrix,
) -> tuple[float, float, float, float]:
    """pdfminer's box of a glyph under a general matrix: its two corners (0, descent) and
    (advance, descent + size) transformed."""
    pa, pb, pc, pd, pe, pf = to_page
    px, py = ox * pa + oy * pc + pe, ox * pb + oy * pd + pf
    xa, ya = px + c * desc, py + d * desc
    xb, yb = px + a * advance + c * (desc + size), py + b * advance + d * (desc + size)
    return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)


def _objects(
    lib: Library, page: int, to_page: Matrix, height: float, edges: list[Ruling], left: int | None
) -> bool | None:
    """Append the edges of the page's painted paths; whether it shows an image (``None``:
    more than ``left`` paths and images)."""
    matrix = (ctypes.c_float * 6)()
    matrix_at = ctypes.addressof(matrix)
    point = (ctypes.c_float * 2)()
    lines: list[Ruling] = []
    rects: list[Ruling] = []
    curves: list[Ruling] = []
    images = False
    budget = -1 if left is None else left

    def walk(objects: list[int], outer: Matrix, depth: int) -> None:
        nonlocal images, budget
        for obj in objects:
            kind = lib.object_type(obj)
            if kind in (_PATH, _IMAGE) and left is not None:
                budget -= 1
                if budget < 0:
                    return
            if kind == _IMAGE:
                images = True
            elif kind in (_PATH, _FORM):
                lib.object_matrix(obj, matrix_at)
                m = _multiply(cast(Matrix, _MATRIX.unpack_from(matrix)), outer)
                if kind == _PATH:
                    _path(lib, obj, m, height, point, lines, rects, curves)
                elif depth < _MAX_DEPTH:
                    n = lib.count_form_objects(obj)
                    walk([lib.form_object(obj, k) for k in range(n)], m, depth + 1)

    count = lib.count_objects(page)
    walk([lib.page_object(page, k) for k in range(count)], to_page, 0)
    if left is not None and budget < 0:
        return None
    edges.extend(lines)
    edges.extend(rects)
    edges.extend(curves)
    return images


def _path(
    lib: Library,
    obj: int,
    m: Matrix,
    height: float,
    point: Any,
    lines: list[Ruling],
    rects: list[Ruling],
    curves: list[Ruling],
) -> None:
    """pdfminer's shapes of one path object (one per subpath) as pdfplumber's edges."""
    segments = _segments(lib, obj, point)
    if len(segments) == 5 and _rectangle(segments, m, height, rects):
        return
    a, b, c, d, e, f = m
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    bezier = 0
    for x, y, kind, closed in segments:
        xy = (x * a + y * c + e, x * b + y * d + f)
        if kind == _MOVETO:
            if shape:
                subpaths.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [xy], 0
        elif kind == _BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only a curve's end point
            shape.append("c")
            pts.append(xy)
        else:
            shape.append("l")
            pts.append(xy)
        if closed and pts:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        subpaths.append(("".join(shape), pts))
    for text, points in subpaths:
        _shape(text, points, height, lines, rects, curves)


def _rectangle(
    segments: Sequence[tuple[float, float, int, bool]],
    m: Matrix,
    height: float,
    rects: list[Ruling],
) -> bool:
    """Whether the five ``segments`` (m l l l l, the last closing it or not) are, through
    ``m``, an axis-aligned rectangle (its four edges appended to ``rects``): what ``_shape``
    makes of them, without its general walk (a ruled table's cells are thousands of them)."""
    (x0, y0, k0, c0), (x1, y1, k1, c1), (x2, y2, k2, c2), (x3, y3, k3, c3), (x4, y4, k4, _) = (
        segments
    )
    if k0 != _MOVETO or k1 != _LINETO or k2 != _LINETO or k3 != _LINETO or k4 != _LINETO:
        return False
    if c0 or c1 or c2 or c3:
        return False
    a, b, c, d, e, f = m
    first = (x0 * a + y0 * c + e, x0 * b + y0 * d + f)
    if (x4 * a + y4 * c + e, x4 * b + y4 * d + f) != first:
        return False
    (ax, ay), (bx, by) = first, (x1 * a + y1 * c + e, x1 * b + y1 * d + f)
    cx, cy = x2 * a + y2 * c + e, x2 * b + y2 * d + f
    dx, dy = x3 * a + y3 * c + e, x3 * b + y3 * d + f
    if not (
        (ax == bx and by == cy and cx == dx and dy == ay)
        or (ay == by and bx == cx and cy == dy and dx == ax)
    ):
        return False
    _rect_edges((ax, ay), (cx, cy), height, rects)
    return True


def _rect_edges(
    corner: tuple[float, float], opposite: tuple[float, float], height: float, rects: list[Ruling]
) -> None:
    """pdfplumber's four edges of a rectangle given two opposite corners (bottom-up)."""
    (xa, ya), (xb, yb) = corner, opposite
    left, right, low, high = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    top, bottom = height - high, height - low
    rects.append(("rect_edge", left, right, top, top, "h", high, high))
    rects.append(("rect_edge", left, right, bottom, bottom, "h", low, low))
    rects.append(("rect_edge", left, left, top, bottom, "v", low, high))
    rects.append(("rect_edge", right, right, top, bottom, "v", low, high))


def _segments(lib: Library, obj: int, point: Any) -> Sequence[tuple[float, float, int, bool]]:
    """The segments of path ``obj``: point, kind (``_LINETO``…) and whether it closes.

    Read in one copy where PDFium's segments are, as its source has it, one array of
    ``_SEGMENT`` records (the segment handles of a path are their addresses); checked for each
    path (its last handle where the array says) and once, against the API, for the build of
    PDFium in use (``_Lib.packed``). Otherwise: four calls a segment.
    """
    count = lib.count_segments(obj)
    if count < 2:
        return _segments_one_by_one(lib, obj, count, point)
    first = lib.segment(obj, 0)
    if lib.packed is None:
        lib.packed = _packed_like_the_api(lib, obj, count, first, point)
    if lib.packed and lib.segment(obj, count - 1) == first + (count - 1) * _SEGMENT.size:
        return list(_SEGMENT.iter_unpack(ctypes.string_at(first, count * _SEGMENT.size)))
    return _segments_one_by_one(lib, obj, count, point)


def _segments_one_by_one(
    lib: Library, obj: int, count: int, point: Any
) -> list[tuple[float, float, int, bool]]:
    at_x = ctypes.addressof(point)
    out: list[tuple[float, float, int, bool]] = []
    for k in range(count):
        segment = lib.segment(obj, k)
        kind = lib.segment_type(segment)
        lib.segment_point(segment, at_x, at_x + 4)
        out.append((point[0], point[1], kind, bool(lib.segment_close(segment))))
    return out


def _packed_like_the_api(lib: Library, obj: int, count: int, first: int, point: Any) -> bool:
    """Whether this PDFium keeps a path's segments as ``_SEGMENT`` records, as the API reads
    them (the record's point, kind and close flag) — looked at once, on one path."""
    if lib.segment(obj, count - 1) != first + (count - 1) * _SEGMENT.size:
        return False
    packed = list(_SEGMENT.iter_unpack(ctypes.string_at(first, count * _SEGMENT.size)))
    return packed == _segments_one_by_one(lib, obj, count, point)


def _shape(
    shape: str,
    pts: list[tuple[float, float]],
    height: float,
    lines: list[Ruling],
    rects: list[Ruling],
    curves: list[Ruling],
) -> None:
    """pdfminer's ``paint_path`` of one subpath, then pdfplumber's ``obj_to_edges``."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if shape in ("mlh", "ml"):
        (xa, ya), (xb, yb) = pts[0], pts[1]
        x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        top, bottom = height - y1, height - y0
        lines.append(("line", x0, x1, top, bottom, "h" if top == bottom else "v", y0, y1))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            _rect_edges(pts[0], pts[2], height, rects)
            return
    down = [(x, height - y) for x, y in pts]
    for (xa, ta), (xb, tb) in pairwise(down):
        orientation = "v" if xa == xb else ("h" if ta == tb else None)
        if orientation is None:
            continue  # neither horizontal nor vertical: the table finder ignores it
        x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ta, tb), max(ta, tb)
        curves.append(("curve_edge", x0, x1, top, bottom, orientation, None, None))
