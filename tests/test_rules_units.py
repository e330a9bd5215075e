"""FA7xx units and number format, and ``figure_scale`` for the text-vs-table rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import load_sample, sample_path
from helpers_rules import run

from fa_tui.model import Severity, Span, TableRole
from fa_tui.rules.engine import check_report
from fa_tui.rules.registry import RuleContext
from fa_tui.rules.units import figure_scale


def test_liling_tables_in_yuan_are_reported_once() -> None:
    findings = check_report(load_sample("2024-liling"), select=("FA701",))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.span == Span.at(80, 4, 6)  # 万元 in 表一's 单位:万元
    for table_id in ("公开01表", "公开02表", "公开05表", "公开06表"):
        assert table_id in finding.message
    assert "13836.6" in finding.message  # the narrative's 收入合计 in 万元
    lines = {r.span.line for r in finding.related}
    assert 117 in lines  # 表一 总计 138,366,269.56
    assert lines & {352, 356}  # where the narrative quotes the same amounts in 万元
    assert (finding.expected, finding.actual) == ("万元", "元")


def test_figure_scale_reads_liling_in_wan() -> None:
    liling = RuleContext(load_sample("2024-liling"))
    for role in (TableRole.T01, TableRole.T03, TableRole.T05, TableRole.T06):
        table = liling.report.table(role)
        assert table is not None and figure_scale(liling, table) == Decimal("0.0001")
    liujiang = RuleContext(load_sample("2022-liujiang"))
    for table in liujiang.report.tables:
        assert figure_scale(liujiang, table) == 1


def test_no_unit_problem_in_the_other_samples() -> None:
    for name in ("2022-liujiang", "2024-lipu", "2023-yanbian", "2024-panzhihua"):
        assert check_report(load_sample(name), select=("FA701",)) == []


def test_implausible_magnitude_alone_is_enough(tmp_path: Path) -> None:
    # Without the narrative amounts, 138,366,269.56 万元 (13,837 亿元) is still implausible.
    lines = sample_path("2024-liling").read_text(encoding="utf-8").split("\n")
    kept = lines[:345]  # up to the end of the tables
    path = tmp_path / "tables-only.txt"
    path.write_text("\n".join(kept), encoding="utf-8")
    findings = run(path, "FA701")
    assert [(f.code, f.severity) for f in findings] == [("FA701", Severity.ERROR)]


def test_fa702_repaired_numbers_are_info() -> None:
    findings = check_report(load_sample("2024-liling"), select=("FA702",))
    assert findings and {f.severity for f in findings} == {Severity.INFO}
    t04 = next(f for f in findings if "公开04表" in f.message)
    assert t04.span == Span.at(199, 17, 32)  # 137,500,26 5.00: the first repaired figure
    assert "137500265.00" in t04.message
    assert check_report(load_sample("2022-liujiang"), select=("FA702",)) == []


def test_fa703_missing_unit(mutate) -> None:
    assert check_report(load_sample("2022-liujiang"), select=("FA703",)) == []
    findings = run(mutate("2022-liujiang", 135, "单位：万元", "单位："), "FA703")
    assert [(f.severity, f.span.line if f.span else None) for f in findings] == [
        (Severity.INFO, 132)
    ]


def test_fa704_mixed_precision(mutate) -> None:
    assert check_report(load_sample("2022-liujiang"), select=("FA704",)) == []
    findings = run(mutate("2022-liujiang", 142, "953.20\t953.20", "953.2\t953.20"), "FA704")
    assert len(findings) == 1
    assert findings[0].severity is Severity.INFO
    assert findings[0].span == Span.at(142, 5, 10)
    assert [r.span.line for r in findings[0].related] == [124]
