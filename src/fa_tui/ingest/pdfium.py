"""PDFium, the C library pypdfium2 ships, loaded and called directly through ctypes.

The reader needs two dozen of PDFium's functions. pypdfium2's Python layer declares all of
them (its bindings module) and wraps each document, page and text page in Python objects: its
import costs about 16 ms of every process that reads a PDF, more than PDFium takes to open a
30-page report and load its pages. So the library file pypdfium2 ships is found next to
``pypdfium2_raw`` without running that package, loaded with ``ctypes.CDLL``, and given the
same initialisation pypdfium2 gives it (a later one, if something imports pypdfium2 — the
guarded reader's pdfplumber — does nothing: PDFium initialises once). Where the file is not
there (a PDFium of the system, another layout), pypdfium2 loads it, as before.

The functions are declared here, once, with plain ``c_void_p``/``c_int`` argument types
(addresses passed as integers, results read from preallocated buffers): ctypes' typed
wrappers build an object per call, which would cost more than the reading itself (a
report's 40,000 glyphs).

PDFium is not thread-safe: every call into it is made holding ``LOCK`` (the inspector reads a
PDF in one thread while another surveys the list; two documents read at once would crash).
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Any, cast

LOCK = threading.RLock()  # held by every call into PDFium, in any thread

if sys.platform.startswith(("win32", "cygwin", "msys")):
    _FILE = "pdfium.dll"
elif sys.platform.startswith(("darwin", "ios")):
    _FILE = "libpdfium.dylib"
else:
    _FILE = "libpdfium.so"


class PdfiumError(RuntimeError):
    """PDFium could not open a document, a page or its text (``FPDF_GetLastError``'s code)."""


class _Config(ctypes.Structure):
    """``FPDF_LIBRARY_CONFIG``, version 2 (what pypdfium2 initialises PDFium with)."""

    _fields_ = (
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.c_void_p),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
    )


class Library:
    """The PDFium functions the reader calls, with integer-address prototypes."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        p, i, f, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double

        def fn(name: str, restype: Any, *argtypes: Any) -> Any:
            function = lib[name]
            function.restype = restype
            function.argtypes = list(argtypes)
            return function

        self.load_document = fn("FPDF_LoadMemDocument64", p, p, ctypes.c_size_t, p)
        self.close_document = fn("FPDF_CloseDocument", None, p)
        self.last_error = fn("FPDF_GetLastError", ctypes.c_ulong)
        self.page_count = fn("FPDF_GetPageCount", i, p)
        self.load_page = fn("FPDF_LoadPage", p, p, i)
        self.close_page = fn("FPDF_ClosePage", None, p)
        self.rotation = fn("FPDFPage_GetRotation", i, p)
        self.media_box = fn("FPDFPage_GetMediaBox", i, p, p, p, p, p)
        self.bounding_box = fn("FPDF_GetPageBoundingBox", i, p, p)
        self.load_text = fn("FPDFText_LoadPage", p, p)
        self.close_text = fn("FPDFText_ClosePage", None, p)
        self.count_chars = fn("FPDFText_CountChars", i, p)
        self.unicode = fn("FPDFText_GetUnicode", ctypes.c_uint, p, i)
        self.text_object = fn("FPDFText_GetTextObject", p, p, i)
        self.origin = fn("FPDFText_GetCharOrigin", i, p, i, p, p)
        self.loose_box = fn("FPDFText_GetLooseCharBox", i, p, i, p)
        self.char_box = fn("FPDFText_GetCharBox", i, p, i, p, p, p, p)
        self.map_error = fn("FPDFText_HasUnicodeMapError", i, p, i)
        self.generated = fn("FPDFText_IsGenerated", i, p, i)
        self.char_matrix = fn("FPDFText_GetMatrix", i, p, i, p)
        self.font_size = fn("FPDFText_GetFontSize", d, p, i)
        self.text_font = fn("FPDFTextObj_GetFont", p, p)
        self.descent = fn("FPDFFont_GetDescent", i, p, f, p)
        self.glyph_width = fn("FPDFFont_GetGlyphWidth", i, p, ctypes.c_ushort, f, p)
        self.count_objects = fn("FPDFPage_CountObjects", i, p)
        self.page_object = fn("FPDFPage_GetObject", p, p, i)
        self.object_type = fn("FPDFPageObj_GetType", i, p)
        self.object_matrix = fn("FPDFPageObj_GetMatrix", i, p, p)
        self.count_form_objects = fn("FPDFFormObj_CountObjects", i, p)
        self.form_object = fn("FPDFFormObj_GetObject", p, p, ctypes.c_ulong)
        self.count_segments = fn("FPDFPath_CountSegments", i, p)
        self.segment = fn("FPDFPath_GetPathSegment", p, p, i)
        self.segment_point = fn("FPDFPathSegment_GetPoint", i, p, p, p)
        self.segment_type = fn("FPDFPathSegment_GetType", i, p)
        self.segment_close = fn("FPDFPathSegment_GetClose", i, p)
        self.packed: bool | None = None  # path segments read as records (``pdf_native``)


_library: Library | None = None


def library() -> Library:
    """PDFium, loaded and initialised on first use."""
    global _library
    with LOCK:
        if _library is None:
            _library = Library(_load())
        return _library


def _load() -> ctypes.CDLL:
    """The library file next to ``pypdfium2_raw``, initialised; else pypdfium2's own."""
    if "pypdfium2_raw.bindings" not in sys.modules:
        spec = find_spec("pypdfium2_raw")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            path = Path(folder) / _FILE
            if path.is_file():
                lib = ctypes.CDLL(str(path))
                config = _Config(version=2, m_pUserFontPaths=None, m_pIsolate=None)
                lib.FPDF_InitLibraryWithConfig(ctypes.byref(config))
                return lib
    import pypdfium2  # noqa: F401  (initialises the library)
    import pypdfium2_raw.bindings as bindings

    return cast(ctypes.CDLL, bindings._libs["pdfium"])


@contextmanager
def document(data: bytes) -> Iterator[int]:
    """The PDF ``data`` opened by PDFium (its handle; ``data`` is read in place while open)."""
    lib = library()
    with LOCK:
        handle = lib.load_document(data, len(data), None)
        if not handle:
            raise PdfiumError(f"PDFium cannot open the document (error {lib.last_error()})")
    try:
        yield cast(int, handle)
    finally:
        with LOCK:
            lib.close_document(handle)


@contextmanager
def page(document: int, index: int) -> Iterator[int]:
    """Page ``index`` (0-based) of an open document, loaded (its handle); call holding ``LOCK``."""
    lib = library()
    handle = lib.load_page(document, index)
    if not handle:
        raise PdfiumError(f"PDFium cannot load page {index + 1} (error {lib.last_error()})")
    try:
        yield cast(int, handle)
    finally:
        lib.close_page(handle)


@contextmanager
def text_page(page: int) -> Iterator[int]:
    """The text of a loaded page (its handle); call holding ``LOCK``."""
    lib = library()
    handle = lib.load_text(page)
    if not handle:
        raise PdfiumError("PDFium cannot read the page's text")
    try:
        yield cast(int, handle)
    finally:
        lib.close_text(handle)
