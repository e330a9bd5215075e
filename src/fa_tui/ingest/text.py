"""Read a report file into a ``SourceText``: decode, normalise newlines, keep the original lines.

The file is only ever read. Anything that is not a readable text report raises ``InputError``
with a one-line Chinese message naming the path.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.ingest.documents import PendingPdf, Progress, document_kind, pending_pdf, read_document
from fa_tui.ingest.errors import InputError
from fa_tui.model.source import Location, SourceText

_NEWLINE = pattern_cache.compile(r"\r\n|\r|\n")
_FORM_FEED = "\f"  # a page break in a PDF's text layer
# C0 controls other than TAB, LF, CR, FF, and DEL: a text report carries (almost) none of them.
_BINARY_CONTROLS = pattern_cache.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
# A departmental report is tens to hundreds of KB; far larger files are not reports and would
# only make every stage slow. Refused with a clear message instead (bounded time and memory).
MAX_BYTES = 8 * 1024 * 1024
# PDF and DOCX files carry fonts and images: they may be larger for the same text.
DOCUMENT_MAX_BYTES = 64 * 1024 * 1024
# Undecodable bytes a report may carry (each read as U+FFFD and reported by FA110): at least
# this many, or one in a thousand bytes; more and the file is not text in a known encoding.
_MIN_BAD_BYTES = 16
REPLACEMENT = "\ufffd"
# A line is evidence of UTF-8 in a mixed file when it holds at least this many multi-byte chars.
_UTF8_EVIDENCE = 2

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC/XLS（OLE）"),
    (b"{\\rtf", "RTF"),
)


def read_report(path: str | Path, progress: Progress | None = None) -> SourceText:
    """Read and decode the report at ``path`` (``progress``: the pages read of a PDF)."""
    p = Path(path)
    return decode_report(read_bytes(p), p, progress)


def open_report(path: str | Path) -> SourceText | PendingPdf:
    """The report at ``path``, decoded; a PDF only opened, its pages still to be read.

    Every error that needs no page read (no such file, a damaged or encrypted PDF) is raised
    here, at once, as ``InputError``; the pending PDF's ``read`` may raise the rest.
    """
    p = Path(path)
    data = read_bytes(p)
    if document_kind(data) == "pdf":
        _check_document_size(data, p)
        return pending_pdf(p, data)
    return decode_report(data, p)


def read_bytes(p: Path) -> bytes:
    """The bytes of the file ``p`` (up to the size limits), or ``InputError``."""
    try:
        if not p.exists():
            if p.is_symlink():
                raise InputError(f"错误：符号链接无法解析（目标不存在或循环链接）：{p}")
            raise InputError(f"错误：文件不存在：{p}")
        if p.is_dir():
            raise InputError(f"错误：这是一个目录，不是报告文件：{p}")
        if not p.is_file():
            raise InputError(f"错误：不是普通文件：{p}")
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES and document_kind(data[:1024]) is not None:
                data += handle.read(DOCUMENT_MAX_BYTES + 1 - len(data))
    except PermissionError as exc:
        raise InputError(f"错误：没有权限读取文件：{p}") from exc
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(f"错误：无法读取文件：{p}（{reason}）") from exc
    return data


def _check_document_size(data: bytes, path: Path) -> None:
    if len(data) > DOCUMENT_MAX_BYTES:
        raise InputError(f"错误：文件过大（超过 64 MB），不像一份部门决算报告：{path}")


def decode_report(data: bytes, path: Path, progress: Progress | None = None) -> SourceText:
    """Decode ``data`` (UTF-8, UTF-16 with BOM, GB18030; PDF or DOCX) into a ``SourceText``."""
    kind = document_kind(data)
    if kind is not None:
        _check_document_size(data, path)
        return read_document(path, data, progress)
    if path.suffix.lower() in (".pdf", ".docx"):
        kind_name = path.suffix[1:].upper()
        raise InputError(f"错误：扩展名为 {path.suffix}，但内容不是 {kind_name} 文件：{path}")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"错误：文件过大（超过 {MAX_BYTES // (1024 * 1024)} MB），不像一份部门决算报告：{path}"
        )
    if not data.strip():
        raise InputError(f"错误：文件为空：{path}")
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"错误：暂不支持 {kind} 格式，请提供文本格式的报告：{path}")
    text, encoding = _decode(data, path)
    if _looks_binary(text):
        raise InputError(f"错误：文件似乎是二进制文件，不是文本报告：{path}")
    if not text.strip():
        raise InputError(f"错误：文件为空：{path}")
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    lines, file_lines = split_at_page_breaks(lines)
    return SourceText(
        path=path,
        encoding=encoding,
        lines=tuple(lines),
        text="\n".join(lines),
        locations=page_locations(lines, file_lines),
    )


def split_at_page_breaks(lines: list[str]) -> tuple[list[str], list[int] | None]:
    """``lines`` with each form feed that has text after it on its line starting a new line,
    and each resulting line's 1-based line in the file (``None`` when nothing was split).

    A text layer saved page by page without a newline between pages (``"\\f".join`` of each
    page's text) runs the last line of one page and the first of the next together
    (``… 258.50␌支出决算表``): the title of a table glued to the last row of the one before.
    The form feed goes with the line it starts, so ``page_locations`` counts the new page there.
    """
    if not any(_FORM_FEED in line.lstrip(_FORM_FEED) for line in lines):
        return lines, None
    out: list[str] = []
    file_lines: list[int] = []
    for number, line in enumerate(lines, start=1):
        start = len(line) - len(line.lstrip(_FORM_FEED))
        cut = line.find(_FORM_FEED, start)
        while cut != -1 and line[cut:].strip(_FORM_FEED + " \t\u3000"):
            out.append(line[:cut])
            file_lines.append(number)
            line = line[cut:]
            start = len(line) - len(line.lstrip(_FORM_FEED))
            cut = line.find(_FORM_FEED, start)
        out.append(line)
        file_lines.append(number)
    if len(out) == len(lines):
        return out, None
    return out, file_lines


def page_locations(
    lines: list[str], file_lines: list[int] | None = None
) -> tuple[Location, ...] | None:
    """Each line's page and line on the page when the text holds form feeds (a PDF's text
    layer saved by ``pdftotext`` or pasted from a viewer: one form feed per page break), else
    ``None``. A line that starts with form feeds starts a new page (one per form feed).
    ``file_lines`` (from ``split_at_page_breaks``) gives each line's line in the file, kept in
    the location where it differs from the line's number."""
    if not any(_FORM_FEED in line for line in lines):
        return None
    page, page_line = 1, 0
    out: list[Location] = []
    for line in lines:
        feeds = len(line) - len(line.lstrip(_FORM_FEED))
        if feeds:
            page, page_line = page + feeds, 0
        page_line += 1
        file_line = file_lines[len(out)] if file_lines is not None else None
        if file_line == len(out) + 1:
            file_line = None
        out.append(Location(page=page, page_line=page_line, file_line=file_line))
        page += line.count(_FORM_FEED) - feeds  # a form feed inside or at the end of a line
        if line.count(_FORM_FEED) > feeds:
            page_line = 0
    return tuple(out)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        return _lenient(body, "utf-8", "utf-8-sig", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _lenient(data, "utf-16", "utf-16", path), "utf-16"
    if b"\x00" in data:
        raise InputError(f"错误：文件含有 NUL 字节，似乎是二进制文件：{path}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    # A few stray bytes (a file cut mid-character, a pasted fragment): read the rest, with each
    # undecodable byte shown as U+FFFD (rule FA110 names its lines). Whichever codec leaves fewer
    # bytes undecoded wins; too many of them and the file is not text in a known encoding.
    best = min((_replacing(data, codec) for codec in ("utf-8", "gb18030")), key=_bad_bytes)
    if best.bad_bytes <= _max_bad_bytes(len(data)):
        return best.text, best.codec
    raise InputError(f"错误：无法识别文件编码（支持 UTF-8、UTF-16、GB18030/GBK）：{path}")


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Line by line UTF-8 or GB18030, when a file evidently mixes both (pasted from two sources).

    ``None`` when no line is clearly UTF-8 (then the file is GB18030 or undecodable), or when a
    line is neither. Newline bytes never occur inside a UTF-8 or GB18030 multi-byte character,
    so splitting the bytes at them is safe. A UTF-8 line with a stray byte (it holds UTF-8
    characters around the undecodable one) stays UTF-8, the byte replaced, instead of being
    misread as GB18030.
    """
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    evidence = False
    for raw in lines:
        try:
            utf8 = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(_utf8_with_stray_bytes(raw))
            continue
        evidence = evidence or len(utf8) <= len(raw) - 2 * _UTF8_EVIDENCE
        decoded.append(utf8)
    if not evidence:
        return None
    if all(d is not None for d in decoded):  # UTF-8 throughout, a few stray bytes replaced
        return "\n".join(d for d in decoded if d is not None), "utf-8"
    out: list[str] = []
    for raw, text in zip(lines, decoded, strict=True):
        if text is None:
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                return None
        out.append(text)
    return "\n".join(out), "utf-8+gb18030"


def _utf8_with_stray_bytes(raw: bytes) -> str | None:
    """``raw`` as UTF-8 with its few undecodable bytes replaced, if it is UTF-8 otherwise."""
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count(REPLACEMENT)
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - replaced
    return text if wide >= _UTF8_EVIDENCE and replaced <= wide else None


class _Decoded(NamedTuple):
    text: str
    codec: str
    bad_bytes: int  # U+FFFD characters in ``text``


def _replacing(data: bytes, codec: str) -> _Decoded:
    """``data`` decoded with ``codec``, each undecodable sequence replaced by U+FFFD."""
    text = data.decode(codec, errors="replace")
    return _Decoded(text, codec, text.count(REPLACEMENT))


def _bad_bytes(decoded: _Decoded) -> int:
    return decoded.bad_bytes


def _max_bad_bytes(size: int) -> int:
    """How many undecodable bytes a text report may carry and still be read."""
    return max(_MIN_BAD_BYTES, size // 1000)


def _lenient(data: bytes, codec: str, name: str, path: Path) -> str:
    """``data`` in the codec its byte-order mark declares, a few stray bytes replaced."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        decoded = _replacing(data, codec)
    if decoded.bad_bytes > _max_bad_bytes(len(data)):
        raise InputError(f"错误：文件声明为 {name} 编码，但内容无法按此解码：{path}")
    return decoded.text


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = len(_BINARY_CONTROLS.findall(sample))
    return controls > max(8, int(len(sample) * _MAX_CONTROL_RATIO))
