"""PDFium loaded directly (``ingest/pdfium.py``): no pypdfium2 in a reading process, the same
library and the same reading whichever of the two loads it first, PDFium's refusals as errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fa_tui.ingest import pdfium
from fa_tui.ingest.pdf_native import open_pages

FIXTURES = Path(__file__).parent / "fixtures"
LILING = FIXTURES / "2024-liling.pdf"


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def test_reading_a_pdf_imports_no_pypdfium2() -> None:
    code = (
        "import sys\n"
        "from fa_tui.ingest import read_report\n"
        f"source = read_report({str(LILING)!r})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('pypdfium2'))\n"
        "assert not loaded, loaded\n"
        "print(len(source.lines))\n"
    )
    assert int(_python(code)) > 100


_GLYPHS = (
    "from fa_tui.ingest.pdf_native import open_pages\n"
    "import json\n"
    f"data = open({str(LILING)!r}, 'rb').read()\n"
    "with open_pages(data) as (_, pages):\n"
    "    page = next(pages)\n"
    "print(json.dumps([(c['text'], c['x0'], c['top']) for c in page.chars]))\n"
)


def test_pypdfium2_loaded_before_or_after_reads_the_same() -> None:
    alone = json.loads(_python(_GLYPHS))
    after_pypdfium2 = json.loads(_python("import pypdfium2\n" + _GLYPHS))
    before = (
        _GLYPHS + "import pypdfium2\n"
        f"document = pypdfium2.PdfDocument({str(LILING)!r})\n"
        "assert document[0].get_textpage().get_text_range().strip()\n"
        "document.close()\n"
    )
    before_pypdfium2 = json.loads(_python(before).splitlines()[0])
    assert alone and alone == after_pypdfium2 == before_pypdfium2


def test_what_pdfium_cannot_open_is_a_pdfium_error() -> None:
    damaged = b"%PDF-1.4\nnot a document\n"
    with pytest.raises(pdfium.PdfiumError, match="cannot open the document"), open_pages(damaged):
        pass
    data = LILING.read_bytes()
    with pdfium.document(data) as document, pdfium.LOCK:
        count = pdfium.library().page_count(document)
        beyond = pytest.raises(pdfium.PdfiumError, match=f"cannot load page {count + 1}")
        with beyond, pdfium.page(document, count):
            pass
