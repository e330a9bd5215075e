"""The limits of one PDF page, checked before and while pdfplumber works on it.

Before: the page's box attributes are resolved with a budget (pdfplumber resolves them
recursively, and a chain of arrays naming the next one twice is 2^n objects), and its content
streams (forms included) are inflated with a budget (a flate bomb never reaches memory).
While: the layout is made with a device that counts the characters and objects it is given
and looks at the page's clock (pdfplumber then makes a dict of each one: the costly part).
"""

from __future__ import annotations

import zlib
from typing import Any

from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjRef, PDFStream
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from fa_tui.ingest.limits import Clock, LimitExceeded, Limits

# The attributes pdfplumber resolves whole when it makes a page.
_BOXES = ("MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox", "Rotate")
_ATTRIBUTE_NODES = 10_000  # objects a page's box attributes may take (a box is 1 + 4)
_CHECK_EVERY = 1024  # objects between two looks at the clock
_MB = 1024 * 1024


def check_page(page: PDFPage, number: int, limits: Limits) -> None:
    """Refuse page ``number`` before any layout work if it is over a limit."""
    budget = [_ATTRIBUTE_NODES]
    for key in _BOXES:
        if not _bounded(page.attrs.get(key), budget, 0):
            raise LimitExceeded(f"第 {number} 页的页面属性引用过多（循环或层层嵌套的引用）", "")
    _check_streams(page, number, limits)


def _bounded(value: Any, budget: list[int], depth: int) -> bool:
    """Whether ``value`` resolves within ``budget[0]`` objects (spent as it goes)."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 100:
        return False
    if isinstance(value, PDFObjRef):
        try:
            value = value.resolve()
        except Exception:  # a dangling reference: pdfplumber reads it as null
            return True
        return _bounded(value, budget, depth + 1)
    if isinstance(value, list | tuple):
        return all(_bounded(v, budget, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_bounded(v, budget, depth + 1) for v in value.values())
    return True


def _check_streams(page: PDFPage, number: int, limits: Limits) -> None:
    """The page's content streams and the forms its resources name (and theirs), inflated
    up to the limit and no further."""
    left = limits.max_page_stream_mb * _MB
    seen: set[int] = set()
    contents = [_resolved(c, seen) for c in page.contents]
    streams = [c for c in contents if isinstance(c, PDFStream)]
    resources = [page.resources]
    while resources:
        xobjects = _resolved(_get(resources.pop(), "XObject"), seen)
        if not isinstance(xobjects, dict):
            continue
        for value in xobjects.values():
            form = _resolved(value, seen)
            if isinstance(form, PDFStream) and _is_form(form):
                streams.append(form)
                resources.append(_resolved(form.attrs.get("Resources"), seen))
    for stream in streams:
        left -= _decoded_size(stream, left)
        if left < 0:
            raise LimitExceeded(
                f"第 {number} 页的内容解压后超过 {limits.max_page_stream_mb} MB",
                "max_page_stream_mb",
            )


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _resolved(value: Any, seen: set[int]) -> Any:
    """``value`` resolved, ``None`` for a reference already followed (or dangling)."""
    while isinstance(value, PDFObjRef):
        if value.objid in seen:
            return None
        seen.add(value.objid)
        try:
            value = value.resolve()
        except Exception:  # a dangling reference: pdfminer reads it as null
            return None
    return value


def _is_form(stream: PDFStream) -> bool:
    return getattr(stream.get("Subtype"), "name", None) == "Form"


def _decoded_size(stream: PDFStream, limit: int) -> int:
    """The size of ``stream`` decoded, counted up to ``limit + 1`` bytes (Flate only: the
    other filters do not multiply their input by a thousand)."""
    if stream.data is not None:
        return len(stream.data)
    data = stream.rawdata or b""
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(data)
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    inflate = zlib.decompressobj()
    size = 0
    try:
        chunk = inflate.decompress(data, _MB)
        while True:
            size += len(chunk)
            if size > limit or not inflate.unconsumed_tail:
                return size
            chunk = inflate.decompress(inflate.unconsumed_tail, _MB)
    except zlib.error:
        return size  # pdfminer reads what it can of a damaged stream


class _CountingDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, counting what it is given and watching the clock."""

    def __init__(
        self, rsrcmgr: Any, laparams: Any, number: int, limits: Limits, clock: Clock
    ) -> None:
        super().__init__(rsrcmgr, pageno=number, laparams=laparams)
        self.number = number
        self.limits = limits
        self.clock = clock
        self.chars = 0
        self.objects = 0

    def _count(self) -> None:
        self.objects += 1
        if self.objects % _CHECK_EVERY == 0:
            self.clock.check()
        if self.objects > self.limits.max_page_objects:
            raise LimitExceeded(
                f"第 {self.number} 页的对象超过 {self.limits.max_page_objects} 个",
                "max_page_objects",
            )

    def render_char(self, *args: Any, **kwargs: Any) -> Any:
        self.chars += 1
        if self.chars > self.limits.max_page_chars:
            raise LimitExceeded(
                f"第 {self.number} 页文字超过 {self.limits.max_page_chars} 字符", "max_page_chars"
            )
        self._count()
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        self._count()
        super().paint_path(*args, **kwargs)

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._count()
        super().render_image(*args, **kwargs)


def lay_out(page: Any, limits: Limits, clock: Clock) -> None:
    """Make pdfplumber ``page``'s layout with the counting device (``page.layout`` then
    returns it, as pdfplumber would have made it)."""
    pdf = page.pdf
    device = _CountingDevice(pdf.rsrcmgr, pdf.laparams, page.page_number, limits, clock)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    result: LTPage = device.get_result()
    page._layout = result
