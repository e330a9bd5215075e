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
from fa_tui.rules.registry import RULES, Rule, RuleContext, RuleFunc, UnownedCodeError


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


def _register(
    monkeypatch: pytest.MonkeyPatch, func: RuleFunc, *codes: tuple[str, Severity]
) -> None:
    """Register ``func`` as the rule of ``codes`` for this test only."""
    owned = tuple(code for code, _ in codes)
    for code, severity in codes:
        rule = Rule(
            code,
            f"test-{code.lower()}",
            "测试规则",
            Category.UNITS,
            severity,
            "测试用。",
            func=func,
            owned=owned,
        )
        monkeypatch.setitem(RULES, code, rule)


def test_a_rule_that_raises_becomes_one_internal_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: RuleContext) -> Iterator[Finding]:
        """Raises on purpose."""
        yield from ()
        raise ZeroDivisionError("boom")

    def fine(ctx: RuleContext) -> Iterator[Finding]:
        """Reports one thing."""
        yield ctx.finding("FA998", "正常的发现", Span.at(2, 1, 2))

    _register(monkeypatch, broken, ("FA999", Severity.INFO))
    _register(monkeypatch, fine, ("FA998", Severity.WARNING))
    findings = check_report(_report(), select=("FA99",))
    assert [(f.code, f.category, f.severity) for f in findings] == [
        ("FA999", Category.INTERNAL, Severity.ERROR),
        ("FA998", Category.UNITS, Severity.WARNING),
    ]
    assert "ZeroDivisionError" in findings[0].message and "boom" in findings[0].message


def test_a_function_owning_several_codes_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[int] = []

    def both(ctx: RuleContext) -> Iterator[Finding]:
        """One pass, two codes: the second code's finding comes first."""
        runs.append(1)
        yield ctx.finding("FA997", "第二个代码", Span.at(1, 1, 2))
        yield ctx.finding("FA996", "第一个代码", Span.at(2, 1, 2))

    _register(monkeypatch, both, ("FA996", Severity.ERROR), ("FA997", Severity.INFO))
    findings = check_report(_report(), select=("FA99",))
    assert len(runs) == 1
    assert [(f.code, f.severity) for f in findings] == [
        ("FA997", Severity.INFO),
        ("FA996", Severity.ERROR),
    ]
    only = check_report(_report(), select=("FA997",))
    assert len(runs) == 2 and [f.code for f in only] == ["FA997"]
    assert [f.code for f in check_report(_report(), select=("FA99",), ignore=("FA997",))] == [
        "FA996"
    ]
    assert len(runs) == 3
    assert check_report(_report(), select=("FA99",), ignore=("FA996", "FA997")) == []
    assert len(runs) == 3


def test_a_finding_of_a_code_the_function_does_not_own_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def stray(ctx: RuleContext) -> Iterator[Finding]:
        """Reports under another rule's code."""
        yield ctx.finding("FA201", "不是本规则的代码", None)

    _register(monkeypatch, stray, ("FA999", Severity.WARNING))
    findings = check_report(_report(), select=("FA999",))
    assert [(f.code, f.category) for f in findings] == [("FA999", Category.INTERNAL)]
    assert "UnownedCodeError" in findings[0].message and "FA201" in findings[0].message
    ctx = RuleContext(_report())
    with pytest.raises(UnownedCodeError):
        ctx.running(RULES["FA999"]).finding("FA201", "x", None)
    assert ctx.finding("FA201", "直接调用时不限代码", None).code == "FA201"


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
