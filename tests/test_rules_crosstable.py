"""FA3xx cross-table relations on the real samples and on one-figure mutations of them."""

from __future__ import annotations

import pytest
from conftest import load_sample, sample_path
from helpers_rules import run, span_of

from fa_tui.model import Severity
from fa_tui.rules.engine import check_report


def test_liujiang_tables_agree_with_each_other() -> None:
    assert check_report(load_sample("2022-liujiang"), select=("FA3",)) == []


def test_liling_only_real_difference_is_the_housing_fund() -> None:
    path = sample_path("2024-liling")
    findings = check_report(load_sample("2024-liling"), select=("FA3",))
    assert [(f.code, f.severity) for f in findings] == [("FA310", Severity.WARNING)]
    housing = findings[0]
    assert housing.span == span_of(path, 276, "378,507.36")
    assert (housing.expected, housing.actual, housing.difference) == (
        "371501.36",
        "378507.36",
        "+7006.00",
    )
    assert [r.span for r in housing.related] == [span_of(path, 252, "371, 501. 36", 2)]


# (sample, line, old, new, rule, severity, (span line, text, occurrence), expected, actual)
CASES = [
    (
        "2022-liujiang",
        142,
        "953.20\t953.20",
        "953.20\t954.20",
        "FA301",
        Severity.ERROR,
        (142, "954.20", 1),
        "953.20",
        "954.20",
    ),
    (
        "2022-liujiang",
        197,
        "627.68",
        "628.68",
        "FA302",
        Severity.ERROR,
        (197, "628.68", 1),
        "627.68",
        "628.68",
    ),
    (
        "2022-liujiang",
        224,
        "953.20",
        "954.20",
        "FA303",
        Severity.ERROR,
        (224, "954.20", 1),
        "953.20",
        "954.20",
    ),
    (
        "2022-liujiang",
        285,
        "627.68",
        "628.68",
        "FA304",
        Severity.ERROR,
        (285, "628.68", 1),
        "627.68",
        "628.68",
    ),
    # all income is 一般公共预算财政拨款: 表五 must equal 表三
    (
        "2022-liujiang",
        289,
        "5.31\t5.31",
        "6.31\t5.31",
        "FA305",
        Severity.ERROR,
        (289, "6.31", 1),
        "5.31",
        "6.31",
    ),
    # 其他收入 exists: 表五 may be smaller than 表三, but not larger
    (
        "2024-liling",
        251,
        "834, 655. 00\t\t834, 655. 00",
        "994, 655. 00\t\t834, 655. 00",
        "FA305",
        Severity.WARNING,
        (251, "994, 655. 00", 1),
        "≤ 893648.00",
        "994655.00",
    ),
    (
        "2022-liujiang",
        342,
        "480.64",
        "481.64",
        "FA306",
        Severity.ERROR,
        (272, "525.83", 1),
        "526.83",
        "525.83",
    ),
    (
        "2022-liujiang",
        251,
        "953.20\t953.20\t0.00",
        "953.20\t953.20\t1.00",
        "FA307",
        Severity.ERROR,
        (251, "1.00", 1),
        "0",
        "1.00",
    ),
    (
        "2022-liujiang",
        330,
        "公务接待费\t0.09",
        "公务接待费\t1.09",
        "FA308",
        Severity.WARNING,
        (330, "1.09", 1),
        "≤ 0.09",
        "1.09",
    ),
    (
        "2022-liujiang",
        232,
        "627.68\t627.68",
        "727.68\t727.68",
        "FA309",
        Severity.WARNING,
        (232, "727.68", 1),
        "≤ 627.68",
        "727.68",
    ),
    (
        "2022-liujiang",
        324,
        "住房公积金\t26.35",
        "住房公积金\t27.35",
        "FA310",
        Severity.WARNING,
        (324, "27.35", 1),
        "26.35",
        "27.35",
    ),
]


@pytest.mark.parametrize(
    ("name", "line", "old", "new", "code", "severity", "where", "expected", "actual"),
    CASES,
    ids=[f"{c[4]}-{c[0]}-L{c[1]}" for c in CASES],
)
def test_one_changed_figure_breaks_that_relation(
    mutate, name, line, old, new, code, severity, where, expected, actual
) -> None:
    before = [f for f in run(sample_path(name), code) if f.severity.rank >= Severity.WARNING.rank]
    assert all(f.span and f.span.line != line for f in before)
    path = mutate(name, line, old, new)
    after = [f for f in run(path, code) if f.severity.rank >= Severity.WARNING.rank]
    new_ones = [f for f in after if f not in before]
    assert len(new_ones) == 1, [f.message for f in new_ones]
    finding = new_ones[0]
    assert (finding.code, finding.severity) == (code, severity)
    assert finding.span == span_of(path, *where)
    assert (finding.expected, finding.actual) == (expected, actual)
    touched = [finding.span, *(r.span for r in finding.related)]
    assert any(s.line == line for s in touched if s is not None)


def test_liling_legitimate_difference_is_not_flagged() -> None:
    # 表三 2101599 is 893,648.00, 表五 834,655.00: the 58,993.00 of 其他收入 explains it.
    findings = check_report(load_sample("2024-liling"), select=("FA305",))
    assert findings == []


def test_a_wrong_figure_repeated_in_several_relations_is_reported_once(mutate) -> None:
    # 表三 210 卫生健康 本年支出合计 is in its row, its column, and 表一: one finding, at it.
    path = mutate("2022-liujiang", 197, "627.68", "637.68")
    errors = [f for f in run(path, "FA2", "FA3") if f.severity is Severity.ERROR]
    assert len(errors) == 1, [f.message for f in errors]
    finding = errors[0]
    assert finding.span == span_of(path, 197, "637.68")
    assert (finding.expected, finding.actual, finding.difference) == ("627.68", "637.68", "+10.00")
    assert "另见" in finding.message
    lines = {r.span.line for r in finding.related}
    assert {183, 105} <= lines  # 表三 合计 and 表一 卫生健康支出
