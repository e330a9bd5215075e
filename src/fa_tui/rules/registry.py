"""The rule registry: each rule is a small function with a code, a title, a category and a severity.

A rule reads a ``RuleContext`` and yields ``Finding`` objects. A rule that cannot apply (table
missing, row not found) yields nothing; it never raises on odd input (if it does, the engine turns
the exception into an internal-error finding).

    @rule("FA201", "表一本年收入合计等于各收入项之和", Category.TABLE_INTERNAL, Severity.ERROR)
    def income_total(ctx: RuleContext) -> Iterator[Finding]:
        \"\"\"Docstring written for a reviewer: what is checked and why.\"\"\"
        ...
        yield ctx.finding("FA201", "…", span, expected=..., actual=...)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from inspect import cleandoc
from typing import Any

from msgspec import Struct, field

from fa_tui.model import Category, Finding, RelatedSpan, Report, Severity, Span

RuleFunc = Callable[["RuleContext"], Iterable[Finding]]


class Rule(Struct, frozen=True):
    """A registered rule."""

    code: str
    title: str
    category: Category
    severity: Severity
    func: RuleFunc

    @property
    def doc(self) -> str:
        """The rule's explanation for a reviewer (its docstring)."""
        return cleandoc(self.func.__doc__ or "")


RULES: dict[str, Rule] = {}


def rule(
    code: str, title: str, category: Category, severity: Severity
) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as rule ``code``."""

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, title, category, severity, func)
        return func

    return register


class RuleContext(Struct):
    """What a rule sees: the report, plus a cache for values derived once and shared by rules."""

    report: Report
    cache: dict[str, Any] = field(default_factory=dict)

    def finding(
        self,
        code: str,
        message: str,
        span: Span | None,
        *,
        severity: Severity | None = None,
        related: list[RelatedSpan] | None = None,
        expected: object = None,
        actual: object = None,
        difference: object = None,
        computation: str | None = None,
    ) -> Finding:
        """Build a finding of rule ``code`` (its default severity unless ``severity`` is given)."""
        registered = RULES[code]
        return Finding(
            code=code,
            severity=severity or registered.severity,
            category=registered.category,
            message=message,
            span=span,
            related=related or [],
            expected=None if expected is None else str(expected),
            actual=None if actual is None else str(actual),
            difference=None if difference is None else str(difference),
            computation=computation,
        )
