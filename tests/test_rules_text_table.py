"""FA4xx text vs table on the real samples (liujiang, liling) and mutated copies."""

from __future__ import annotations

import pytest
from conftest import load_sample
from test_rules_narrative import at, run

from fa_tui.model import Severity, TableRole
from fa_tui.pipeline import load_report


def quoted(report) -> list:
    """The findings of FA401–FA411 (the quoted figures; FA412–FA415 are tested apart)."""
    return [f for f in run(report, "FA4") if f.code <= "FA411"]


def test_liling_total_against_table_one_scaled() -> None:
    found = at(run(load_sample("2024-liling"), "FA4"), "FA401", 352)
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.ERROR
    assert (f.expected, f.actual, f.difference) == ("13836.63", "13830.7", "-5.93")
    line = load_sample("2024-liling").source.line(352)
    assert line[f.span.column - 1 : f.span.end_column - 1] == "13830.7"
    assert f.related and f.related[0].span.line == 117  # 表一 总计


def test_liling_rounded_quotes_match() -> None:
    """``13.8`` in the text matches 137,518.16 元 = 13.7518 万元 in 表五; so do the others."""
    findings = quoted(load_sample("2024-liling"))
    assert at(findings, "FA406", 390) == []
    assert {(f.code, f.span.line) for f in findings} == {
        ("FA401", 352),
        ("FA405", 370),
        ("FA405", 374),
        ("FA406", 374),
    }


def test_liujiang_text_agrees_with_tables() -> None:
    assert quoted(load_sample("2022-liujiang")) == []


def test_no_tables_no_findings() -> None:
    for name in ("2024-lipu", "2023-yanbian", "2024-panzhihua"):
        assert run(load_sample(name), "FA4") == []


MUTATIONS = [
    ("2022-liujiang", 401, "均为953.20万元", "均为953.30万元", "FA401", Severity.ERROR),
    (
        "2022-liujiang",
        405,
        "财政拨款收入953.20万元",
        "财政拨款收入952.20万元",
        "FA402",
        Severity.ERROR,
    ),
    ("2022-liujiang", 409, "基本支出525.83万元", "基本支出525.38万元", "FA403", Severity.ERROR),
    ("2022-liujiang", 413, "均为953.20万元", "均为953.21万元", "FA404", Severity.ERROR),
    (
        "2022-liujiang",
        419,
        "财政拨款支出953.20万元",
        "财政拨款支出953.02万元",
        "FA405",
        Severity.ERROR,
    ),
    (
        "2022-liujiang",
        435,
        "支出决算为 43.71 万元",
        "支出决算为 43.17 万元",
        "FA406",
        Severity.ERROR,
    ),
    (
        "2022-liujiang",
        425,
        "卫生健康支出627.68万元",
        "卫生健康支出627.86万元",
        "FA406",
        Severity.ERROR,
    ),
    ("2022-liujiang", 465, "人员经费480.64万元", "人员经费480.46万元", "FA407", Severity.ERROR),
    (
        "2022-liujiang",
        487,
        "支出决算为0.09万元，完成预算的100%，其中",
        "支出决算为0.19万元，完成预算的100%，其中",
        "FA408",
        Severity.ERROR,
    ),
    (
        "2022-liujiang",
        511,
        "机关运行经费支出45.19万元",
        "机关运行经费支出45.91万元",
        "FA409",
        Severity.WARNING,
    ),
    ("2024-liling", 462, "培训费0.38万元", "培训费0.83万元", "FA411", Severity.WARNING),
    ("2024-liling", 442, "**399.57**", "**399.75**", "FA407", Severity.ERROR),
]


@pytest.mark.parametrize(("name", "line", "old", "new", "code", "severity"), MUTATIONS)
def test_quoted_figure_changed_is_reported(mutate, name, line, old, new, code, severity) -> None:
    assert at(run(load_sample(name), "FA4"), code, line) == []
    found = at(run(load_report(mutate(name, line, old, new)), "FA4"), code, line)
    assert len(found) == 1
    assert found[0].severity is severity
    assert found[0].computation and found[0].related


def test_unit_scaled_figure_changed_is_reported(mutate) -> None:
    """A rounded quote that no longer rounds from the 元 figure of 表五 is reported."""
    report = load_report(mutate("2024-liling", 390, "支出决算为13.8万元", "支出决算为13.7万元"))
    found = at(run(report, "FA4"), "FA406", 390)
    assert len(found) == 1 and found[0].expected == "13.75"


def test_figure_quoted_for_an_empty_fund_table_is_reported(mutate) -> None:
    """liujiang publishes 表七 empty with a 说明: 政府性基金 spending of 5万元 contradicts it."""
    line = 473
    assert at(run(load_sample("2022-liujiang"), "FA410"), "FA410", line) == []
    path = mutate("2022-liujiang", line, "财政拨款支出0万元", "财政拨款支出5万元")
    report = load_report(path)
    found = at(run(report, "FA410"), "FA410", line)
    assert len(found) == 1
    finding = found[0]
    assert finding.severity is Severity.ERROR and (finding.expected, finding.actual) == ("0", "5")
    assert report.source.slice(finding.span) == "5"
    table = report.table(TableRole.T07)
    assert table is not None and [r.span for r in finding.related] == [
        table.title_span,
        table.note_span,
    ]
