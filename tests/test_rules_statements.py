"""FA513: comparison words against the budget and outturn they compare, on real samples."""

from __future__ import annotations

from conftest import SAMPLES, load_sample

from fa_tui.model import Finding, Report, Severity
from fa_tui.model.facts import ComparisonFact, Relation
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import check_report


def findings(report: Report, code: str) -> list[Finding]:
    return check_report(report, select=(code,))


def test_comparisons_are_read_with_the_paragraphs_figures() -> None:
    """liujiang 437: 年初预算为 20.62 万元，支出决算为 7.92 万元，完成…。决算数小于预算数…"""
    report = load_sample("2022-liujiang")
    comparisons = [f for f in report.facts if isinstance(f, ComparisonFact)]
    assert len(comparisons) == 13  # one per 项 of 情况说明 五(三)
    found = [c for c in comparisons if c.span.line == 437]
    assert len(found) == 1
    c = found[0]
    assert c.relation is Relation.LESS and c.word == "小于"
    assert c.budget is not None and c.budget.text == "20.62"
    assert c.outturn is not None and c.outturn.text == "7.92"
    assert report.source.slice(c.word_span) == "小于"


def test_every_sample_states_its_comparisons_right() -> None:
    for name in SAMPLES:
        assert findings(load_sample(name), "FA513") == [], name


def test_greater_said_of_a_smaller_outturn(mutate) -> None:
    path = mutate("2022-liujiang", 437, "决算数小于预", "决算数大于预")
    report = load_report(path)
    found = findings(report, "FA513")
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.ERROR and f.span is not None and f.span.line == 437
    assert report.source.slice(f.span) == "大于"
    assert (f.expected, f.actual) == ("小于", "大于")
    assert [report.source.slice(r.span) for r in f.related] == ["20.62", "7.92"]


def test_a_changed_figure_contradicts_the_words(mutate) -> None:
    """liling 420: 年初预算为380.36万元，支出决算为338.4万元 … 决算数小于年初预算数; an outturn
    of 388.4 is not smaller."""
    report = load_report(mutate("2024-liling", 420, "支出决算为338.4万元", "支出决算为388.4万元"))
    found = findings(report, "FA513")
    assert len(found) == 1 and report.source.slice(found[0].span) == "小于"
    assert found[0].expected == "大于"


def test_equal_words_against_rounding(mutate) -> None:
    """持平 of figures that may round to each other is not contradicted; of others it is."""
    line = "年初预算为380.36万元，支出决算为338.4万元，完成年初预算的88.97%，决算数小于年初预算数"
    same = "年初预算为380.36万元，支出决算为380.4万元，完成年初预算的88.97%，决算数与年初预算数持平"
    assert findings(load_report(mutate("2024-liling", 420, line, same)), "FA513") == []
    other = same.replace("380.4万元", "381.4万元")
    found = findings(load_report(mutate("2024-liling", 420, line, other)), "FA513")
    assert [f.expected for f in found] == ["大于"]


def test_every_sample_states_each_quantity_alike() -> None:
    for name in SAMPLES:
        assert findings(load_sample(name), "FA514") == [], name


def test_personnel_costs_stated_twice_differently(mutate) -> None:
    """yanbian: 人员经费 344.48 (77) is restated in 157 (both 表六 人员经费合计)."""
    report = load_report(
        mutate("2023-yanbian", 157, "人员经费支出344.48万元", "人员经费支出345.48万元")
    )
    found = findings(report, "FA514")
    assert len(found) == 1
    f = found[0]
    assert f.span is not None and f.span.line == 157 and report.source.slice(f.span) == "345.48"
    assert (f.expected, f.actual) == ("344.48", "345.48")
    assert [(r.span.line, report.source.slice(r.span)) for r in f.related] == [(77, "344.48")]


def test_another_name_for_the_same_cell_is_not_compared(mutate) -> None:
    """liujiang: 公用经费 45.19 (467) and 机关运行经费 (511) both stand for 表六 公用经费合计,
    but a report may count 机关运行经费 otherwise (FA409 warns of that): FA514 stays quiet."""
    report = load_report(
        mutate("2022-liujiang", 511, "机关运行经费支出45.19万元", "机关运行经费支出45.91万元")
    )
    assert findings(report, "FA514") == []


def test_rounded_restatement_agrees(mutate) -> None:
    """yanbian 157 restates 人员经费 344.48 as 344.5: within its rounding, not a finding."""
    report = load_report(
        mutate("2023-yanbian", 157, "人员经费支出344.48万元", "人员经费支出344.5万元")
    )
    assert findings(report, "FA514") == []
    report = load_report(
        mutate("2023-yanbian", 157, "人员经费支出344.48万元", "人员经费支出344.6万元")
    )
    assert [f.span.line for f in findings(report, "FA514") if f.span] == [157]
