"""The pre-pass that guards PDFium (``pdf_guard.check_page`` and ``check_forms``, pdfminer's
parser alone): what PDFium would not survive is refused before it is given the page, and the
reader then gives the same outcome as the pdfplumber source."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import pdf
from msgspec.structs import replace

from fa_tui.ingest.errors import InputError
from fa_tui.ingest.limits import DEFAULT, NativeUnsafe
from fa_tui.ingest.pdf_guard import check_forms
from fa_tui.ingest.pdf_text import read_pdf

FIXTURES = Path(__file__).parent / "fixtures"


def _check_forms(path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(path.read_bytes())))
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        check_forms(page, number, DEFAULT)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (pdf.self_referencing_resources, "第 1 页的表单对象循环引用"),
        (lambda tmp: pdf.exponential_forms(tmp, depth=30), "第 1 页绘制的表单对象超过 500000 个"),
        (pdf.deep_forms, "第 1 页的表单对象嵌套超过 32 层"),
    ],
)
def test_forms_pdfium_would_not_end_are_refused(
    tmp_path: Path, make: Callable[[Path], Path], words: str
) -> None:
    with pytest.raises(NativeUnsafe, match=words):
        _check_forms(make(tmp_path))


def test_forms_drawn_a_few_times_pass(tmp_path: Path) -> None:
    _check_forms(pdf.exponential_forms(tmp_path, depth=8))  # 255 drawings
    for fixture in sorted(FIXTURES.glob("*.pdf")):
        _check_forms(fixture)


@pytest.mark.parametrize(
    "make",
    [pdf.self_referencing_resources, pdf.deep_forms, pdf.flate_bomb, pdf.exponential_references],
)
def test_native_gives_the_outcome_of_pdfplumber(tmp_path: Path, make: Callable) -> None:
    path = make(tmp_path)
    outcomes = []
    for source in ("native", "pdfplumber"):
        try:
            outcomes.append(read_pdf(path, path.read_bytes(), source=source))
        except InputError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]


def test_an_image_is_not_inflated_by_pdfium(tmp_path: Path) -> None:
    """A 1 GB flate bomb as an image: PDFium's text page does not decode it (the guard does
    not inflate images), the figures are read."""
    script = f"""
import sys, zlib
sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
from hostile.pdf import pdf_bytes, stream, FONT
from fa_tui.ingest.pdf_text import read_pdf
z = zlib.compressobj(9)
data = b"".join(z.compress(b"\\0" * (1 << 20)) for _ in range(1024)) + z.flush()
image = b"<< /Type /XObject /Subtype /Image /Width 16384 /Height 21845 /ColorSpace /DeviceRGB"
image += b" /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>" % len(data)
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >>"
    b" /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>",
    FONT,
    stream(b"BT /F1 12 Tf 72 720 Td (1234.56) Tj ET q 100 0 0 100 72 500 cm /Im1 Do Q"),
    image + b"\\nstream\\n" + data + b"\\nendstream",
]
path = Path({str(tmp_path)!r}) / "image-bomb.pdf"
path.write_bytes(pdf_bytes(objects))
assert read_pdf(path, path.read_bytes(), source="native").lines[1] == "1234.56"
# VmHWM, not ru_maxrss: Linux keeps the forking parent's peak in the child's ru_maxrss
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
print(int(hwm.split()[1]) // 1024)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert int(done.stdout.split()[-1]) < 300, done.stdout


@pytest.mark.parametrize("objects", [50, 500, 1000, 1500, 2000])
def test_the_objects_limit_stops_both_sources_on_the_same_page(objects: int) -> None:
    path = FIXTURES / "2024-liling.pdf"
    limits = replace(DEFAULT, max_page_objects=objects)
    outcomes = []
    for source in ("native", "pdfplumber"):
        try:
            read_pdf(path, path.read_bytes(), limits=limits, source=source)
            outcomes.append("read")
        except InputError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    assert (outcomes[0] == "read") == (objects >= 2000)


def test_two_threads_read_with_pdfium_at_once() -> None:
    """PDFium is not thread-safe: the reader holds one lock for every call into it (the
    inspector reads a PDF while it surveys the list)."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [FIXTURES / "2024-liling.pdf", FIXTURES / "2022-liujiang.pdf"] * 2
    with ThreadPoolExecutor(4) as pool:
        read = list(pool.map(lambda p: read_pdf(p, p.read_bytes(), source="native"), paths))
    assert read[0] == read[2] and read[1] == read[3]
    assert read[0] == read_pdf(paths[0], paths[0].read_bytes(), source="native")


def test_pdfium_is_given_a_page_only_with_room_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium aborts the process when an allocation fails: under a tight address-space limit
    the reader raises ``MemoryError`` (the budget's one line) before it calls PDFium."""
    import resource

    from fa_tui.ingest.limits import address_space, ensure_room

    used = address_space()
    assert used is not None
    tight = (used + 8 * 1024 * 1024, resource.RLIM_INFINITY)
    monkeypatch.setattr(resource, "getrlimit", lambda kind: tight)
    ensure_room(1024 * 1024)
    with pytest.raises(MemoryError):
        ensure_room(32 * 1024 * 1024)
    path = FIXTURES / "2024-liling.pdf"
    with pytest.raises(MemoryError):
        read_pdf(path, path.read_bytes())
