"""FA117: the 目录 lists the printed tables, each under its place in the report."""

from __future__ import annotations

from conftest import SAMPLES, load_sample

from fa_tui.model import Severity
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import check_report


def fa117(report):
    return check_report(report, select=("FA117",))


def test_samples_list_their_tables() -> None:
    for name in SAMPLES:
        assert fa117(load_sample(name)) == [], name


def test_a_table_missing_from_the_contents(mutate) -> None:
    """liling's 目录 lists the nine tables (lines 16–24); without 表六's entry, 表六 is unlisted."""
    path = mutate("2024-liling", 21, "- 六、一般公共预算财政拨款基本支出决算明细表", "")
    report = load_report(path)
    (finding,) = fa117(report)
    assert finding.severity is Severity.WARNING and finding.span is not None
    assert finding.message.startswith("目录未列出表六")
    assert report.source.slice(finding.span) == "一般公共预算财政拨款基本支出决算明细表"


def test_a_contents_entry_under_another_number(mutate) -> None:
    path = mutate("2024-liling", 17, "- 二、收入决算表", "- 三、收入决算表")
    report = load_report(path)
    (finding,) = fa117(report)
    assert finding.span is not None and finding.span.line == 17
    assert (finding.expected, finding.actual) == ("2", "3")
    assert report.source.slice(finding.span).startswith("三、收入决算表")
