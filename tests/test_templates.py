"""A report's template set is detected from the titles it prints (the national one on a tie)."""

from __future__ import annotations

from pathlib import Path

from conftest import sample_path

from fa_tui.ingest import read_report
from fa_tui.model import TableStatus
from fa_tui.pipeline import analyse


def test_national_reports_are_read_with_the_national_set() -> None:
    for name in ("2024-liling", "2022-liujiang", "2024-panzhihua"):
        report, _ = analyse(read_report(sample_path(name)))
        assert report.template == "national", name


def test_a_report_printing_shanghais_titles_is_read_with_shanghais_set(tmp_path: Path) -> None:
    text = sample_path("2024-liling").read_text(encoding="utf-8")
    variant = text.replace(
        "国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"
    )
    path = tmp_path / "shanghai.txt"
    path.write_text(variant, encoding="utf-8")
    national, national_findings = analyse(read_report(path), template="national")
    assert national.table("公开08表").status is TableStatus.MISSING
    assert any(f.code == "FA102" and "公开08表" in f.message for f in national_findings)
    report, findings = analyse(read_report(path))
    assert report.template == "shanghai"
    t08 = report.table("公开08表")
    assert t08.status is TableStatus.EMPTY and t08.title == "国有资本经营预算财政拨款收入支出决算表"
    assert t08.columns[:3] == ["年初结转和结余", "本年收入", "合计"]
    assert not any(f.code == "FA102" and "公开08表" in f.message for f in findings)
    # The set's own order: 三公 before 政府性基金 and 国有资本经营.
    assert [t.role for t in report.tables[6:9]] == ["公开09表", "公开07表", "公开08表"]
