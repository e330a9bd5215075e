"""FA6xx years and dates."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, load_sample
from test_rules_narrative import at, run

from fa_tui.model import Severity
from fa_tui.pipeline import load_report


def test_stale_self_assessment_table_in_2024_lipu() -> None:
    found = at(run(load_sample("2024-lipu"), "FA6"), "FA604", 196)
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.WARNING and f.actual == "2023" and f.expected == "2024"
    line = load_sample("2024-lipu").source.line(196)
    assert line[f.span.column - 1 : f.span.end_column - 1] == "2023"


def test_stale_as_of_date_panzhihua() -> None:
    found = at(run(load_sample("2024-panzhihua"), "FA6"), "FA602", 95)
    assert len(found) == 1 and found[0].actual == "2023"


@pytest.mark.parametrize("name", SAMPLES)
def test_only_the_known_year_findings(name: str) -> None:
    expected = {"2024-lipu": {("FA604", 196)}, "2024-panzhihua": {("FA602", 95)}}
    found = {(f.code, f.span.line) for f in run(load_sample(name), "FA6")}
    assert found == expected.get(name, set())


MUTATIONS = [
    ("2024-lipu", 72, "一、2024年度", "一、2023年度", "FA601"),
    ("2024-lipu", 116, "2024年度一般公共预算", "2023年度一般公共预算", "FA601"),
    ("2022-liujiang", 521, "截至2022年12月31日", "截至2021年12月31日", "FA602"),
    ("2024-panzhihua", 36, "与2023年相比", "与2022年相比", "FA603"),
    ("2022-liujiang", 531, "《关于开展2022年度", "《关于开展2021年度", "FA604"),
    ("2023-yanbian", 184, "（2023年度）", "（2022年度）", "FA604"),
    ("2022-liujiang", 5, "2023 年 9 月", "2022 年 9 月", "FA605"),
]


@pytest.mark.parametrize(("name", "line", "old", "new", "code"), MUTATIONS)
def test_wrong_year_is_reported(mutate, name, line, old, new, code) -> None:
    assert at(run(load_sample(name), "FA6"), code, line) == []
    found = at(run(load_report(mutate(name, line, old, new)), "FA6"), code, line)
    assert len(found) == 1 and found[0].severity is Severity.WARNING


def test_fixed_years_pass(mutate) -> None:
    fixed = load_report(mutate("2024-panzhihua", 95, "截至2023年12月底", "截至2024年12月底"))
    assert at(run(fixed, "FA6"), "FA602", 95) == []
    fixed = load_report(mutate("2024-lipu", 196, "《2023年度", "《2024年度"))
    assert at(run(fixed, "FA6"), "FA604", 196) == []


def test_published_long_after_its_approval(mutate) -> None:
    """liling is dated 2025年8月27日 (543); a 批复 of 2025年7月1日 stated in the text makes that 57
    days, beyond the 20 the law allows; one of 2025年8月20日 is in time."""
    from fa_tui.pipeline import load_report
    from fa_tui.rules.engine import check_report

    assert check_report(load_sample("2024-liling"), select=("FA606",)) == []
    old = "2024 年度财政拨款收、支总计"
    late = mutate("2024-liling", 364, old, "本部门决算于2025年7月1日经市财政局批复。" + old)
    report = load_report(late)
    (finding,) = check_report(report, select=("FA606",))
    assert finding.span is not None and finding.span.line == 543
    assert finding.actual == "57 日" and "2025年7月1日" in finding.message
    assert report.source.slice(finding.related[0].span).startswith("2025年7月1日")
    in_time = mutate("2024-liling", 364, old, "本部门决算于2025年8月20日经市财政局批复。" + old)
    assert check_report(load_report(in_time), select=("FA606",)) == []


def test_dated_after_the_following_year(mutate) -> None:
    from fa_tui.pipeline import load_report
    from fa_tui.rules.engine import check_report

    report = load_report(mutate("2024-liling", 543, "2025 年 8 月", "2026 年 8 月"))
    (finding,) = check_report(report, select=("FA606",))
    assert finding.expected == "≤ 2025" and finding.actual == "2026"
