"""The limits of one PDF page, checked with pdfminer's parser before pdfplumber or PDFium
works on it (``pdf_counted_layout`` counts what pdfplumber's layout is given while it works).

Before: the page's box attributes are resolved with a budget (pdfplumber resolves them
recursively, and a chain of arrays naming the next one twice is 2^n objects), and its content
streams (forms included) are inflated with a budget (a flate bomb never reaches memory). For
PDFium also the forms the page draws (``check_forms``): PDFium, in C, cannot be interrupted,
and draws a form that draws itself for ever, where pdfminer skips the repeated form. A plain
document (``pdf_preflight``) is given to PDFium without this guard.
"""

from __future__ import annotations

import zlib
from typing import Any

from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjRef, PDFStream, resolve1

from fa_tui.ingest.limits import LimitExceeded, Limits, NativeUnsafe
from fa_tui.ingest.pdf_preflight import DRAWN, unescaped

# The attributes pdfplumber resolves whole when it makes a page.
_BOXES = ("MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox", "Rotate")
_ATTRIBUTE_NODES = 10_000  # objects a page's box attributes may take (a box is 1 + 4)
_MB = 1024 * 1024
_FORM_DEPTH = 32  # forms inside forms PDFium may be given
# ``/Name Do``: a name token (``#xx`` escapes allowed) and the operator that draws it.


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


def check_forms(page: PDFPage, number: int, limits: Limits) -> None:
    """Refuse page ``number`` (``NativeUnsafe``) if the forms it draws (``Do``, forms inside
    forms) include a form that draws itself, more than ``limits.max_page_objects`` form
    drawings (each drawing counted, a form drawn twice by one drawn twice is 4) or forms
    nested deeper than ``_FORM_DEPTH``. Run after ``check_page``: the streams it decodes are
    then within the page's stream budget."""
    drawn: dict[tuple[int, int], int] = {}  # (form, resources) -> drawings, itself included
    active: set[int] = set()

    def draws(resources: Any, names: list[str | bytes], depth: int) -> int:
        xobjects = resolve1(_get(resolve1(resources), "XObject"))
        if not isinstance(xobjects, dict):
            return 0
        total = 0
        for name in names:
            ref = xobjects.get(name)
            form = resolve1(ref)
            if not isinstance(form, PDFStream) or not _is_form(form):
                continue
            key = ref.objid if isinstance(ref, PDFObjRef) else id(form)
            if key in active:
                raise NativeUnsafe(f"第 {number} 页的表单对象循环引用（表单绘制自身）", "")
            if depth >= _FORM_DEPTH:
                raise NativeUnsafe(f"第 {number} 页的表单对象嵌套超过 {_FORM_DEPTH} 层", "")
            inner = form.get("Resources") or resources
            memo = (key, id(resolve1(inner)))
            if memo not in drawn:
                active.add(key)
                drawn[memo] = 1 + draws(inner, _drawn_names(form), depth + 1)
                active.discard(key)
            total += drawn[memo]
            if total > limits.max_page_objects:
                raise NativeUnsafe(
                    f"第 {number} 页绘制的表单对象超过 {limits.max_page_objects} 个",
                    "max_page_objects",
                )
        return total

    if not _has_forms(page.resources):
        return
    names = [n for c in page.contents for n in _drawn_names(resolve1(c))]
    draws(page.resources, names, 0)


def _has_forms(resources: Any) -> bool:
    xobjects = resolve1(_get(resolve1(resources), "XObject"))
    return isinstance(xobjects, dict) and any(
        isinstance(x := resolve1(v), PDFStream) and _is_form(x) for v in xobjects.values()
    )


def _drawn_names(stream: Any) -> list[str | bytes]:
    """The names ``stream`` draws with ``Do``, in order, each time it draws them."""
    if not isinstance(stream, PDFStream):
        return []
    try:
        data = stream.get_data()
    except Exception:  # a damaged stream: pdfminer and PDFium read what they can
        data = stream.data or b""
    names: list[str | bytes] = []
    for match in DRAWN.finditer(data):
        raw = unescaped(match.group(1))
        try:
            names.append(raw.decode("utf-8"))
        except UnicodeDecodeError:  # pdfminer keeps such a name as bytes
            names.append(raw)
    return names
