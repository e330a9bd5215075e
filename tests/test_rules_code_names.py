"""FA311: one classification code carries one name in every table."""

from __future__ import annotations

from conftest import SAMPLES, load_sample

from fa_tui.model import Severity
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import check_report


def test_no_sample_names_a_code_two_ways() -> None:
    """liling's 表二 cuts 2101202's name short (…基本医疗保险基金的): the same name."""
    for name in SAMPLES:
        assert check_report(load_sample(name), select=("FA311",)) == [], name


def test_a_code_named_otherwise_in_a_later_table(mutate) -> None:
    path = mutate(
        "2024-liling",
        169,
        "\t财政对城乡居民基本医疗保险基金的补助",
        "\t财政对职工基本医疗保险基金的补助",
    )
    report = load_report(path)
    found = check_report(report, select=("FA311",))
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.WARNING and f.span is not None and f.span.line == 169
    assert report.source.slice(f.span) == "财政对职工基本医疗保险基金的补助"
    assert (
        f.expected == "财政对城乡居民基本医疗保险基金的"
        and "表二" in f.message
        and "表三" in f.message
    )
    assert [r.span.line for r in f.related] == [140]
