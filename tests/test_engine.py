"""The rule engine: selection, safety, blame merging, de-duplication and order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fa_tui.model import Category, Finding, RelatedSpan, Report, Severity, SourceText, Span
from fa_tui.rules.engine import (
    check_report,
    dedupe,
    merge_by_blame,
    parse_codes,
    selected_rules,
    sort_findings,
    unknown_codes,
)
from fa_tui.rules.registry import RULES, Rule, RuleContext


def _report() -> Report:
    source = SourceText(path=Path("x.txt"), encoding="utf-8", lines=("a", "b"), text="a\nb")
    return Report(path=Path("x.txt"), encoding="utf-8", source=source)


def _finding(code: str, line: int, col: int, **kw) -> Finding:
    return Finding(
        code=code,
        severity=kw.pop("severity", Severity.ERROR),
        category=kw.pop("category", Category.TABLE_INTERNAL),
        message=kw.pop("message", f"{code} at {line}:{col}"),
        span=Span.at(line, col, col + 3),
        **kw,
    )


def test_parse_codes_and_prefix_selection() -> None:
    assert parse_codes(" fa2, FA301 ,") == ("FA2", "FA301")
    assert parse_codes(None) == ()
    codes = [r.code for r in selected_rules(("FA2",), ("FA205",))]
    assert codes and all(c.startswith("FA2") for c in codes)
    assert "FA205" not in codes and "FA201" in codes
    assert unknown_codes(["FA2", "FA999", "XY"]) == ["FA999", "XY"]


def test_a_rule_that_raises_becomes_one_internal_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: RuleContext) -> Iterator[Finding]:
        """Raises on purpose."""
        yield from ()
        raise ZeroDivisionError("boom")

    def fine(ctx: RuleContext) -> Iterator[Finding]:
        """Reports one thing."""
        yield ctx.finding("FA998", "正常的发现", Span.at(2, 1, 2))

    monkeypatch.setitem(
        RULES, "FA999", Rule("FA999", "坏规则", Category.UNITS, Severity.INFO, broken)
    )
    monkeypatch.setitem(
        RULES, "FA998", Rule("FA998", "好规则", Category.UNITS, Severity.WARNING, fine)
    )
    findings = check_report(_report(), select=("FA99",))
    assert [(f.code, f.category, f.severity) for f in findings] == [
        ("FA999", Category.INTERNAL, Severity.ERROR),
        ("FA998", Category.UNITS, Severity.WARNING),
    ]
    assert "ZeroDivisionError" in findings[0].message and "boom" in findings[0].message


def test_sorting_puts_file_level_first_then_position() -> None:
    a = _finding("FA202", 10, 5)
    b = _finding("FA201", 3, 9)
    c = Finding(code="FA106", severity=Severity.ERROR, category=Category.COMPLETENESS, message="x")
    assert [f.code for f in sort_findings([a, b, c])] == ["FA106", "FA201", "FA202"]


def test_dedupe_drops_exact_repeats_only() -> None:
    a = _finding("FA201", 3, 9)
    b = _finding("FA201", 3, 9)
    c = _finding("FA201", 3, 9, message="other")
    assert dedupe([a, b, c]) == [a, c]


def test_one_wrong_figure_is_reported_once() -> None:
    # A part (line 5) wrong by 10 breaks its row total (line 5 col 1) and its column total (line 9).
    part = Span.at(5, 20, 26)
    row = _finding(
        "FA204",
        5,
        1,
        difference="-10.00",
        related=[
            RelatedSpan(span=part, note="基本支出"),
            RelatedSpan(span=Span.at(5, 30, 36), note="项目支出"),
        ],
    )
    column = _finding(
        "FA205",
        9,
        1,
        difference="10.00",
        related=[
            RelatedSpan(span=part, note="210 卫生健康支出"),
            RelatedSpan(span=Span.at(7, 20, 26), note="208"),
        ],
    )
    unrelated = _finding("FA201", 20, 1, difference="10.00")
    rounding = _finding("FA205", 30, 1, difference="0.01", severity=Severity.INFO)
    merged = merge_by_blame([row, column, unrelated, rounding])
    assert len(merged) == 3
    blamed = merged[0]
    assert blamed.span == part
    assert "另见 FA205" in blamed.message
    related = {r.span for r in blamed.related}
    assert {row.span, column.span, Span.at(5, 30, 36), Span.at(7, 20, 26)} <= related
    assert unrelated in merged and rounding in merged


def test_different_differences_are_not_merged() -> None:
    shared = Span.at(5, 20, 26)
    a = _finding("FA204", 5, 1, difference="1.00", related=[RelatedSpan(span=shared, note="x")])
    b = _finding("FA205", 9, 1, difference="2.00", related=[RelatedSpan(span=shared, note="y")])
    assert merge_by_blame([a, b]) == [a, b]
