"""Hostile documents in the inspector: the reading stops at its limit with the same one line
as ``check`` (the app ends with exit status 2), never a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import docx, pdf

from fa_tui.ingest import InputError, PendingPdf, open_report
from fa_tui.tui.app import InspectorApp


async def test_a_flate_bomb_pdf_ends_the_inspector_with_the_named_limit(tmp_path: Path) -> None:
    opened = open_report(pdf.flate_bomb(tmp_path))
    assert isinstance(opened, PendingPdf)  # opening needs no page: the limit is met reading
    app = InspectorApp(opened)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):
            if app.read_error is not None:
                break
            await pilot.pause(0.05)
    assert app.read_error is not None and "64 MB" in app.read_error
    assert "--max-page-stream-mb" in app.read_error and "已损坏" not in app.read_error
    assert app.return_code == 2


@pytest.mark.parametrize("make", [docx.zip_bomb, docx.billion_laughs, pdf.dense_pdf])
def test_documents_refused_before_the_screen_opens(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    """What can be refused without reading a page is refused at once, as ``check`` does."""
    with pytest.raises(InputError) as refused:
        open_report(make(tmp_path))
    assert "已损坏" not in str(refused.value) and "\n" not in str(refused.value)
