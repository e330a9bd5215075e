"""Stage 1, ingest: a file (text, PDF or DOCX) → ``SourceText``, or ``InputError``.

``text`` decodes text reports and dispatches documents; ``documents`` picks the PDF or DOCX
reader (``pdf_*``, ``docx_text``), which are imported on use; ``errors`` holds ``InputError``.
"""

from fa_tui.ingest.documents import PendingPdf, Progress
from fa_tui.ingest.errors import InputError
from fa_tui.ingest.text import decode_report, open_report, read_report

__all__ = ["InputError", "PendingPdf", "Progress", "decode_report", "open_report", "read_report"]
