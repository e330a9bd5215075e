"""One look at a whole PDF's bytes: may PDFium be given its pages without pdfminer's guard?

``pdf_guard`` checks each page with pdfminer's parser before PDFium reads it, because PDFium,
in C, can be neither interrupted nor bounded: it inflates a flate bomb and draws a form that
draws itself for ever. That guard costs pdfminer's import and parse (about a third of
reading a 30-page report). Most published reports are plain: no forms drawing forms, a few
megabytes of streams, boxes written out. ``plain`` says so from the bytes alone, in
milliseconds, and says no to anything it does not fully understand — those documents take
the guarded way, as before, with its exact messages.

It looks at every ``stream`` keyword in the file (a superset of the streams PDFium can reach,
whatever the cross-reference table says: the data of each starts after the end of line that
follows the keyword), parses the dictionary written before it (from the nearest ``N G obj``;
the parse must end at that keyword), and decodes each stream but images and font programs
(``_UNDECODED``) with a budget shared by the whole file. A document is
plain when: it is not encrypted; every stream's filters are ones decoded here (ASCIIHex,
ASCII85, Flate; image codecs on images only); the streams decode to at most the page stream
limit in all; no form XObject draws anything (``Do``: no forms inside forms, so no cycle and
no exponential drawing); the ``Do`` operators of all streams together are at most the page
objects limit; no page box is written as a reference (pdfminer's reading names such a page).
A document can only be plainer than each of its pages, so each limit holds for every page.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Iterator

from fa_tui import pattern_cache
from fa_tui.ingest.limits import Limits

_MB = 1024 * 1024
_MAX_STREAMS = 100_000  # more streams than this: let the guard look at each page
_MAX_TOKENS = 10_000  # tokens of one stream dictionary
_WHITE = b"\x00\t\n\x0c\r "
_HEAD_BYTES = 65_536  # the longest stream dictionary read here
_LINE = 4_096  # the longest end of the ``stream`` keyword's line read here
_CHUNK = 16_384  # bytes of a Flate stream given to zlib at a time
_HEADER = pattern_cache.compile(rb"(?<![0-9])\d+[\x00\t\n\x0c\r ]+\d+[\x00\t\n\x0c\r ]+obj$")
_TOKEN = pattern_cache.compile(
    rb"[\x00\t\n\x0c\r ]*(?:%[^\r\n]*[\x00\t\n\x0c\r ]*)*"  # blanks and comments
    rb"(<<|>>|\[|\]|\(|<[^<>]*>|/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*|[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)"
)
_ESCAPE = pattern_cache.compile(rb"#([0-9A-Fa-f]{2})")
# ``/Name Do``: the name drawn (``#xx`` escapes kept: ``unescaped``) and the operator; also
# ``pdf_guard``'s, which follows each name to its form.
DRAWN = pattern_cache.compile(
    rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)[\x00\t\n\x0c\r ]*Do(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])"
)
_BOX_REFERENCE = pattern_cache.compile(
    rb"/(?:MediaBox|CropBox|TrimBox|BleedBox|ArtBox|Rotate)[\x00\t\n\x0c\r ]*"
    rb"(?:\d+[\x00\t\n\x0c\r ]+\d+[\x00\t\n\x0c\r ]+R|\[[^\]]*R)"
)
_FLATE = {b"/FlateDecode", b"/Fl"}
_TEXT_CODECS = {b"/ASCIIHexDecode", b"/AHx", b"/ASCII85Decode", b"/A85"}
# Streams not decoded here: images (PDFium does not decode them to read a page's text) and font
# programs (it does, as pdfminer's guard does not look at them either: a bomb in a font is
# bounded only by ``--max-memory`` in a batch).
_UNDECODED = {b"/Image", b"/Type1C", b"/CIDFontType0C", b"/OpenType"}
_FONT_LENGTHS = (b"/Length1", b"/Length2", b"/Length3")

Value = bytes | list["Value"] | dict[bytes, "Value"]


class _NotPlain(Exception):
    """Something the preflight does not understand or allow: let the guard decide."""


def plain(data: bytes, limits: Limits) -> bool:
    """Whether every page of the PDF ``data`` is within ``limits`` and draws no form inside a
    form, as far as its bytes show (``False`` whenever they do not show it plainly)."""
    try:
        _check(data, limits)
    except (_NotPlain, RecursionError, ValueError, zlib.error):
        return False
    return True


def _check(data: bytes, limits: Limits) -> None:
    if b"/Encrypt" in data or _BOX_REFERENCE.search(data):
        raise _NotPlain
    left = limits.max_page_stream_mb * _MB
    drawings = 0
    for count, keyword in enumerate(_keywords(data)):
        if count >= _MAX_STREAMS:
            raise _NotPlain
        head = _dictionary(data, _header_end(data, keyword), keyword)
        decoded = _decoded(data, _data_start(data, keyword + 6), head, left)
        if decoded is None:
            continue
        left -= len(decoded)
        if left < 0:
            raise _NotPlain
        drawn = len(DRAWN.findall(decoded)) if b"Do" in decoded else 0
        if drawn and _name(head.get(b"/Subtype")) == b"/Form":
            raise _NotPlain  # a form drawing: the guard follows forms inside forms
        drawings += drawn
        if drawings > limits.max_page_objects:
            raise _NotPlain
        if head.get(b"/Type") == b"/ObjStm" and _BOX_REFERENCE.search(decoded):
            raise _NotPlain


def _keywords(data: bytes) -> Iterator[int]:
    """Where each ``stream`` keyword starts (``endstream`` aside; also any such bytes inside
    other data: a superset)."""
    at = data.find(b"stream")
    while at != -1:
        if data[at - 3 : at] != b"end":
            yield at
        at = data.find(b"stream", at + 6)


def _header_end(data: bytes, keyword: int) -> int:
    """The end of the nearest ``N G obj`` before ``keyword`` (within ``_HEAD_BYTES``)."""
    low = max(0, keyword - _HEAD_BYTES)
    at = data.rfind(b"obj", low, keyword)
    while at != -1:
        if _HEADER.search(data, max(low, at - 48), at + 3) and data[at - 3 : at] != b"end":
            return at + 3
        at = data.rfind(b"obj", low, at)
    raise _NotPlain


def _data_start(data: bytes, after: int) -> int:
    """Where a stream's data starts: after the first end of line that follows ``stream``."""
    lf = data.find(b"\n", after, after + _LINE)
    cr = data.find(b"\r", after, after + _LINE if lf == -1 else lf)
    if cr != -1:
        return cr + 2 if data[cr + 1 : cr + 2] == b"\n" else cr + 1
    if lf == -1:
        raise _NotPlain
    return lf + 1


def _decoded(data: bytes, start: int, head: dict[bytes, Value], budget: int) -> bytes | None:
    """The stream's data decoded up to ``budget + 1`` bytes (``None``: not decoded here)."""
    filters = head.get(b"/Filter", [])
    chain = [filters] if isinstance(filters, bytes) else filters
    if not isinstance(chain, list) or not all(isinstance(f, bytes) for f in chain):
        raise _NotPlain
    names = [_name(f) for f in chain]
    subtype = head.get(b"/Subtype")
    if subtype is not None and not _is_name(subtype):
        raise _NotPlain
    if _name(subtype) in _UNDECODED or any(key in head for key in _FONT_LENGTHS):
        return None
    if names and names[0] in _FLATE:  # zlib finds the stream's end itself
        if len(names) > 1:
            raise _NotPlain
        return _inflated(memoryview(data)[start:], budget)
    # Up to ``endstream``, looked for no further than the budget: the streams' sizes count
    # against it, so that all the looking costs at most the budget and one more window.
    end = data.find(b"endstream", start, start + budget + 1)
    if end == -1:
        raise _NotPlain
    raw = data[start:end]
    for k, name in enumerate(names):
        if name in _TEXT_CODECS:
            raw = _text_decoded(name, raw)
        elif name in _FLATE and k == len(names) - 1:
            return _inflated(memoryview(raw), budget)
        else:
            raise _NotPlain  # LZW, run length, crypt, an image codec on a non-image
    return raw


def _text_decoded(name: bytes, raw: bytes) -> bytes:
    if name in (b"/ASCIIHexDecode", b"/AHx"):
        end = raw.find(b">")
        digits = bytes(b for b in raw[: len(raw) if end == -1 else end] if b not in _WHITE)
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    end = raw.find(b"~>")
    return base64.a85decode(raw[: len(raw) if end == -1 else end] + b"~>", adobe=True)


def _inflated(raw: memoryview, budget: int) -> bytes:
    """``raw`` inflated, at most ``budget + 1`` bytes (a damaged stream: what inflates), fed
    to zlib in chunks until the stream ends (what follows it is never copied whole)."""
    inflate = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    try:
        for at in range(0, len(raw), _CHUNK):
            piece = inflate.decompress(raw[at : at + _CHUNK], budget + 1 - size)
            out.append(piece)
            size += len(piece)
            if size > budget:
                raise _NotPlain
            if inflate.eof:
                break
            while inflate.unconsumed_tail:  # output held back by the limit: more to come
                piece = inflate.decompress(inflate.unconsumed_tail, budget + 1 - size)
                out.append(piece)
                size += len(piece)
                if size > budget:
                    raise _NotPlain
    except zlib.error:
        pass  # PDFium too reads what inflates of a damaged stream, nothing of a non-zlib one
    return b"".join(out)


def _dictionary(data: bytes, start: int, stream_at: int) -> dict[bytes, Value]:
    """The dictionary between an object header ending at ``start`` and its ``stream``
    keyword at ``stream_at`` (``_NotPlain`` unless it is exactly that)."""
    tokens = _tokens(data, start, stream_at)
    value, used = _value(tokens, 0, 0)
    if used != len(tokens) or not isinstance(value, dict):
        raise _NotPlain
    return value


def _tokens(data: bytes, start: int, end: int) -> list[bytes]:
    tokens: list[bytes] = []
    pos = start
    while pos < end:
        match = _TOKEN.match(data, pos, end)
        if match is None:
            if data[pos:end].strip(_WHITE):
                raise _NotPlain
            break
        token = match.group(1)
        if token == b"(":
            token, pos = _literal(data, match.end(), end)
        else:
            pos = match.end()
        tokens.append(token)
        if len(tokens) > _MAX_TOKENS:
            raise _NotPlain
    return tokens


def _literal(data: bytes, pos: int, end: int) -> tuple[bytes, int]:
    """A literal string's token (its text does not matter here) and where it ends."""
    depth = 1
    while pos < end:
        char = data[pos]
        if char == 0x5C:  # backslash: the next byte is escaped
            pos += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return b"()", pos + 1
        pos += 1
    raise _NotPlain


def _value(tokens: list[bytes], at: int, depth: int) -> tuple[Value, int]:
    """The value starting at token ``at`` and the index after it (``N G R`` is one value)."""
    if depth > 64 or at >= len(tokens):
        raise _NotPlain
    token = tokens[at]
    if token == b"<<":
        entries: dict[bytes, Value] = {}
        at += 1
        while at < len(tokens) and tokens[at] != b">>":
            key = tokens[at]
            if not _is_name(key):
                raise _NotPlain
            value, at = _value(tokens, at + 1, depth + 1)
            entries[_name(key)] = value
        if at >= len(tokens):
            raise _NotPlain
        return entries, at + 1
    if token == b"[":
        items: list[Value] = []
        at += 1
        while at < len(tokens) and tokens[at] != b"]":
            item, at = _value(tokens, at, depth + 1)
            items.append(item)
        if at >= len(tokens):
            raise _NotPlain
        return items, at + 1
    if token in (b">>", b"]"):
        raise _NotPlain
    reference = at + 2 < len(tokens) and tokens[at + 2] == b"R"
    if reference and token.isdigit() and tokens[at + 1].isdigit():
        return [b"R", token], at + 3  # a reference: never a name, never a filter
    return token, at + 1


def _is_name(value: Value | None) -> bool:
    return isinstance(value, bytes) and value.startswith(b"/")


def _name(value: Value | None) -> bytes:
    """A name with its ``#xx`` escapes decoded (anything else: empty)."""
    if not _is_name(value):
        return b""
    assert isinstance(value, bytes)
    return unescaped(value)


def unescaped(name: bytes) -> bytes:
    """A PDF name's bytes with its ``#xx`` escapes decoded."""
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)
