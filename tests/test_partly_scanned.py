"""A PDF with pages that have no text layer: those pages are named, the tables that may be in
them are unreadable (not missing), and the text pages are read as usual."""

from __future__ import annotations

from pathlib import Path

from fa_tui.ingest import read_report
from fa_tui.model import PartName, Span, TableStatus
from fa_tui.model.source import page_ranges
from fa_tui.pipeline import analyse

PDF = Path(__file__).resolve().parent / "fixtures" / "partly-scanned.pdf"
SCANNED = Path(__file__).resolve().parent / "fixtures" / "2022-liujiang.pdf"


def test_the_pages_without_text_are_known() -> None:
    source = read_report(PDF)
    assert source.unread_pages == (2, 3)
    assert read_report(SCANNED).unread_pages == ()


def test_fa111_names_the_pages_at_the_first_ones_marker() -> None:
    report, findings = analyse(read_report(PDF))
    (fa111,) = [f for f in findings if f.code == "FA111"]
    assert fa111.message == (
        "第 2–3 页没有文字层（可能是扫描件），fa-tui 不做文字识别，这些页的内容未检查"
    )
    assert fa111.span == Span.at(6, 1, 6)
    assert report.source.line(6) == "— 2 —"


def test_tables_in_unread_pages_are_unreadable_not_missing() -> None:
    report, findings = analyse(read_report(PDF))
    assert [t.status for t in report.tables] == [TableStatus.UNREADABLE] * 9
    assert all("第 2–3 页没有文字层" in (t.note or "") for t in report.tables)
    assert not [f for f in findings if f.code in ("FA101", "FA102")]


def test_the_text_pages_are_read() -> None:
    report, _ = analyse(read_report(PDF))
    present = {p.name for p in report.parts if p.present}
    assert {PartName.OVERVIEW, PartName.TABLES, PartName.EXPLANATION, PartName.GLOSSARY} <= present
    assert (report.department, report.year) == ("上海市云岭区水务局", 2024)


def test_page_ranges() -> None:
    assert page_ranges((5, 6, 7, 9, 16, 15)) == "第 5–7、9、15–16 页"
    assert page_ranges([3]) == "第 3 页"
