"""pdfplumber's layout of one page made with a device that counts what it is given.

The characters and objects (paths, images) a page's layout is given are counted against the
page limits, and the page's clock looked at every ``_CHECK_EVERY`` objects (pdfplumber then
makes a dict of each one, which is what a dense page costs). Only the pdfplumber page source
uses it (``pdf_text.read_pdf(source="pdfplumber")``).
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from fa_tui.ingest.limits import Clock, LimitExceeded, Limits

_CHECK_EVERY = 1024  # objects between two looks at the clock


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
