"""FA513, FA514, FA517: comparison words, figures stated twice, changes against both years."""

from __future__ import annotations

from conftest import SAMPLES, load_sample

from fa_tui.model import Finding, Report, Severity
from fa_tui.model.facts import AmountFact, ChangeFact, ComparisonFact, Relation
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


# --- FA517: a change against both years' figures ------------------------------------------------

LILING_458 = "比上年决算数减少27.77万元，降低44.34%"


def _with_last_year(mutate, replacement: str) -> Report:  # type: ignore[no-untyped-def]
    """liling 458 (机关运行经费支出34.86万元，比上年决算数减少27.77万元，降低44.34%) with last
    year's figure stated in the sentence."""
    return load_report(mutate("2024-liling", 458, LILING_458, replacement))


def test_last_years_figure_is_the_base_of_the_change(mutate) -> None:
    report = _with_last_year(mutate, "比上年决算数62.63万元减少27.77万元，降低44.34%")
    changes = [f for f in report.facts if isinstance(f, ChangeFact) and f.span.line == 458]
    assert len(changes) == 1
    change = changes[0]
    assert change.current is not None and change.current.text == "34.86"
    assert change.previous is not None and change.previous.text == "62.63"
    previous = [f for f in report.facts if isinstance(f, AmountFact) and f.role == "previous"]
    assert [(p.amount.text, p.quantity) for p in previous] == [("62.63", None)]
    # 62.63 − 34.86 = 27.77 and 27.77 ÷ 62.63 = 44.34%: nothing to say
    assert findings(report, "FA517") == []
    assert [f for f in findings(report, "FA502") if f.span and f.span.line == 458] == []


def test_change_amount_against_both_years(mutate) -> None:
    report = _with_last_year(mutate, "比上年决算数72.63万元减少27.77万元，降低44.34%")
    found = findings(report, "FA517")
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.ERROR and f.span is not None and f.span.line == 458
    assert report.source.slice(f.span) == "27.77"
    assert (f.expected, f.actual) == ("37.77", "27.77")
    assert [report.source.slice(r.span) for r in f.related] == ["34.86", "72.63"]


def test_direction_word_against_both_years(mutate) -> None:
    report = _with_last_year(mutate, "比上年决算数20.00万元减少27.77万元，降低44.34%")
    found = findings(report, "FA517")
    assert len(found) == 1
    assert report.source.slice(found[0].span) == "减少"
    assert (found[0].expected, found[0].actual) == ("增加", "减少")


def test_rate_against_both_years_without_an_amount(mutate) -> None:
    right = _with_last_year(mutate, "比上年决算数62.63万元降低44.34%")
    assert findings(right, "FA517") == []
    wrong = _with_last_year(mutate, "比上年决算数62.63万元降低50.00%")
    found = findings(wrong, "FA517")
    assert len(found) == 1
    assert wrong.source.slice(found[0].span) == "50.00"
    assert found[0].expected == "44.34%"


def test_within_rounding_of_both_years_is_not_reported(mutate) -> None:
    """62.64 and 34.86 may stand for 62.635 and 34.865, whose difference is 27.77: not
    reported; 62.65 − 34.86 is at least 27.78."""
    assert findings(_with_last_year(mutate, "比上年决算数62.64万元减少27.77万元"), "FA517") == []
    found = findings(_with_last_year(mutate, "比上年决算数62.65万元减少27.77万元"), "FA517")
    assert len(found) == 1 and found[0].expected == "27.79"


def test_no_sample_states_last_years_figure() -> None:
    """The rule says nothing where the facts are not in the report."""
    for name in SAMPLES:
        report = load_sample(name)
        assert not [f for f in report.facts if isinstance(f, ChangeFact) and f.previous], name
        assert findings(report, "FA517") == [], name
