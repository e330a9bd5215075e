"""FA2xx table-internal arithmetic on the real samples and on one-figure mutations of them."""

from __future__ import annotations

import pytest
from conftest import load_sample, sample_path
from helpers_rules import run, span_of

from fa_tui.model import Severity, TableRole, TableStatus
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import check_report


def test_liujiang_tables_add_up_except_for_rounding() -> None:
    findings = check_report(load_sample("2022-liujiang"), select=("FA2",))
    assert findings, "2022-liujiang has rounding differences"
    assert {f.severity for f in findings} == {Severity.INFO}
    for f in findings:
        assert "尾数差异" in f.message and f.computation and "≠" in f.computation


def test_liujiang_health_row_rounding_is_info() -> None:
    path = sample_path("2022-liujiang")
    findings = run(path, "FA204")
    row = next(f for f in findings if f.span == span_of(path, 197, "627.68"))
    assert row.severity is Severity.INFO
    assert (row.expected, row.actual, row.difference) == ("627.69", "627.68", "-0.01")
    assert row.computation == "443.66 + 184.03 = 627.69 ≠ 627.68"
    assert {r.span for r in row.related} == {
        span_of(path, 197, "443.66"),
        span_of(path, 197, "184.03"),
    }


def test_liling_tables_add_up() -> None:
    assert check_report(load_sample("2024-liling"), select=("FA2",)) == []


# (sample, line, old, new, rule, (span line, text, occurrence), expected, actual)
CASES = [
    ("2022-liujiang", 97, "953.20", "954.20", "FA201", (124, "953.20", 1), "954.20", "953.20"),
    ("2022-liujiang", 105, "627.68", "628.68", "FA202", (124, "953.20", 2), "954.20", "953.20"),
    ("2022-liujiang", 128, "953.20", "954.20", "FA203", (128, "954.20", 1), "953.20", "954.20"),
    ("2022-liujiang", 285, "443.66", "444.66", "FA204", (285, "627.68", 1), "628.69", "627.68"),
    ("2022-liujiang", 158, "19.63", "18.63", "FA205", (157, "24.95", 1), "23.94", "24.95"),
    (
        "2024-liling",
        147,
        "893,648.00",
        "993,648.00",
        "FA205",
        (134, "138,366,269.56", 1),
        "138466269.56",
        "138366269.56",
    ),
    ("2022-liujiang", 232, "627.68", "626.68", "FA206", (232, "626.68", 1), "627.68", "626.68"),
    ("2022-liujiang", 314, "173.44", "174.44", "FA207", (313, "479.31", 1), "480.30", "479.31"),
    (
        "2024-liling",
        266,
        "1,312,581.00",
        "1,412,581.00",
        "FA207",
        (265, "3,995,723.38", 1),
        "4095723.38",
        "3995723.38",
    ),
    ("2022-liujiang", 393, "0.09", "1.09", "FA209", (393, "1.09", 1), "0.09", "1.09"),
]


@pytest.mark.parametrize(
    ("name", "line", "old", "new", "code", "where", "expected", "actual"),
    CASES,
    ids=[f"{c[4]}-{c[0]}-L{c[1]}" for c in CASES],
)
def test_one_changed_figure_gives_exactly_that_error(
    mutate, name, line, old, new, code, where, expected, actual
) -> None:
    assert [f for f in run(sample_path(name), code) if f.severity is Severity.ERROR] == []
    path = mutate(name, line, old, new)
    errors = [f for f in run(path, code) if f.severity is Severity.ERROR]
    assert len(errors) == 1, [f.message for f in errors]
    finding = errors[0]
    assert finding.code == code
    assert finding.span == span_of(path, *where)
    assert (finding.expected, finding.actual) == (expected, actual)
    assert "不是尾数差异" in finding.message
    touched = [finding.span, *(r.span for r in finding.related)]
    assert any(s.line == line for s in touched if s is not None)


def test_t07_balance_identity(mutate) -> None:
    path = mutate(
        "2022-liujiang", 357, "合计\t\t\t\t\t\t\t", "合计\t\t1.00\t2.00\t2.50\t2.50\t0.00\t1.00"
    )
    report = load_report(path)
    table = report.table(TableRole.T07)
    assert table is not None and table.status is TableStatus.DATA
    errors = [f for f in check_report(report, select=("FA208",)) if f.severity is Severity.ERROR]
    assert len(errors) == 1
    assert errors[0].span == span_of(path, 357, "1.00", 2)
    assert (errors[0].expected, errors[0].actual) == ("0.50", "1.00")


def _fa2(path) -> list[tuple[Severity, int | None]]:
    return [(f.severity, f.span.line if f.span else None) for f in run(path, "FA2")]


def test_a_total_of_one_addend_must_match_it_exactly(mutate) -> None:
    """表二 2080505: 本年收入合计 = 财政拨款收入 alone. Both printed to 0.01, the total is that
    one figure rounded the same way: 0.01 apart is an error, not 尾数差异."""
    before = _fa2(sample_path("2022-liujiang"))
    path = mutate("2022-liujiang", 149, "43.71\t43.71", "43.72\t43.71")
    found = run(path, "FA2")
    new = [f for f in found if (f.severity, f.span.line if f.span else None) not in before]
    errors = [f for f in new if f.severity is Severity.ERROR]
    assert errors and all(f.span is not None and f.span.line == 149 for f in errors)
    assert any(f.computation == "43.71 = 43.71 ≠ 43.72" for f in errors), [
        f.computation for f in errors
    ]
    assert all("不是尾数差异" in f.message for f in errors)


def test_a_table_in_yuan_to_the_fen_is_exact(mutate) -> None:
    """2024-liling prints its tables in 元 to the 分: a 0.01 difference is no rounding."""
    assert check_report(load_sample("2024-liling"), select=("FA2",)) == []
    path = mutate("2024-liling", 147, "834,655.00", "834,655.01")
    errors = [f for f in run(path, "FA2") if f.severity is Severity.ERROR]
    assert errors and all("不是尾数差异" in f.message for f in errors)
    assert not [f for f in run(path, "FA2") if f.severity is Severity.INFO]


def test_a_completion_rate_compares_the_budget_of_the_sentence_before(mutate) -> None:
    """``年初预算为 1.30 万元，支出决算为 1.30 万元。完成全年预算的 100%。``: the rate in its
    own sentence is checked against the figures the sentence before states."""
    name, line = "2022-liujiang", 433
    assert [f for f in run(sample_path(name), "FA504") if f.span and f.span.line == line] == []
    # (101% would be within rounding: 1.30 ÷ 1.30 may be up to 100.77%)
    path = mutate(name, line, "完成全年预算的 100%", "完成全年预算的 105%")
    found = [f for f in run(path, "FA504") if f.span and f.span.line == line]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "1.30 ÷ 1.30" in found[0].message


def test_a_completion_rate_of_a_zero_budget_is_an_error(mutate) -> None:
    name, line = "2022-liujiang", 433
    path = mutate(name, line, "年初预算为 1.30 万元", "年初预算为 0 万元")
    found = [f for f in run(path, "FA504") if f.span and f.span.line == line]
    assert [(f.severity, "无法计算完成预算比例" in f.message) for f in found] == [
        (Severity.ERROR, True)
    ]
    assert span_of(path, line, "100") == found[0].span
    stated = "年初预算为 1.30 万元，支出决算为 1.30 万元。完成全年预算的 100%"
    path = mutate(name, line, stated, "年初预算为 0 万元，支出决算为 0 万元。完成全年预算的 0%")
    assert [f for f in run(path, "FA504") if f.span and f.span.line == line] == []
