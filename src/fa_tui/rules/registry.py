"""The rule registry: each rule code with its text for reviewers, and the function checking it.

Each code is declared once, as a ``RuleCode``: a stable kebab-case name, a Chinese title, a
Chinese explanation for a finance reviewer, the category, the default severity and (for codes
whose findings may have no span) the part of the report such a finding belongs to. One rule
function owns one code or several (the FA4xx comparisons share one pass over the facts)::

    @rule(
        RuleCode(
            "FA201", "t01-income-total-equals-items", "表一本年收入合计等于各收入项之和",
            Category.TABLE_INTERNAL, Severity.ERROR, explanation="检查……",
        )
    )
    def t01_income_total(ctx: RuleContext) -> Iterator[Finding]:
        \"\"\"A short note for developers.\"\"\"
        yield ctx.finding("FA201", "…", span, expected=..., actual=...)

A rule function reads a ``RuleContext`` and yields findings of its own codes only (``finding``
refuses any other). A function that cannot apply (table missing, row not found) yields nothing;
it never raises on odd input (if it does, the engine turns the exception into an
internal-error finding).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from inspect import cleandoc

from msgspec import Struct
from msgspec.structs import asdict

from fa_tui import pattern_cache
from fa_tui.model import (
    Category,
    Finding,
    PartName,
    RelatedSpan,
    Report,
    ReportKind,
    Severity,
    Span,
)
from fa_tui.rules.report_index import ReportIndex, determined

RuleFunc = Callable[["RuleContext"], Iterable[Finding]]

# The kinds of report a rule holds for. Most rules read the nine 决算 tables or the 决算
# explanation and hold for final accounts only; the narrative arithmetic, the years, the units
# and the text hygiene hold for any report (a budget's text adds up the same way).
FINAL_ACCOUNTS_ONLY = (ReportKind.FINAL_ACCOUNTS,)
EVERY_REPORT = (ReportKind.FINAL_ACCOUNTS, ReportKind.BUDGET)

# A rule's name: lower-case words joined by hyphens (``t01-income-total-equals-items``).
NAME_PATTERN = pattern_cache.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleCode(Struct, frozen=True):
    """The declaration of one rule code: what a reviewer reads about it."""

    code: str  # ``FA201``
    name: str  # stable kebab-case name, unique: ``t01-income-total-equals-items``
    title: str  # Chinese, one line
    category: Category
    severity: Severity  # the default; a finding may be milder (尾数差异 is info)
    explanation: str  # Chinese, for a finance reviewer: what, against what, why, tolerance
    part: PartName | None = None  # the part a finding without a span belongs to
    kinds: tuple[ReportKind, ...] = FINAL_ACCOUNTS_ONLY  # the reports it holds for


class Rule(RuleCode, frozen=True, kw_only=True):
    """A registered rule code: its declaration and the function that checks it."""

    func: RuleFunc
    owned: tuple[str, ...]  # every code ``func`` owns, this one included, in declaration order


RULES: dict[str, Rule] = {}


def rule(*codes: RuleCode) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as the one checking ``codes``."""
    if not codes:
        raise ValueError("a rule function must own at least one code")
    owned = tuple(c.code for c in codes)

    def register(func: RuleFunc) -> RuleFunc:
        names = {r.name for r in RULES.values()}
        for declared in codes:
            if declared.code in RULES or owned.count(declared.code) > 1:
                raise ValueError(f"rule {declared.code} registered twice")
            if not NAME_PATTERN.fullmatch(declared.name) or declared.name in names:
                raise ValueError(f"rule {declared.code}: bad or repeated name {declared.name!r}")
            names.add(declared.name)
        for declared in codes:
            fields = asdict(declared) | {"explanation": cleandoc(declared.explanation)}
            RULES[declared.code] = Rule(**fields, func=func, owned=owned)
        return func

    return register


def find_rule(key: str) -> Rule | None:
    """The rule of code ``key`` (any case) or of name ``key``."""
    wanted = key.strip()
    found = RULES.get(wanted.upper())
    if found is not None:
        return found
    return next((r for r in RULES.values() if r.name == wanted.lower()), None)


class UnownedCodeError(LookupError):
    """A rule function tried to report a code it does not own (a bug in fa-tui)."""


class RuleContext:
    """What a rule function sees: the report, its shared index, and the codes it may report.

    ``previous`` (last year's report, for the FA9xx rules) is kept in the index
    (``ctx.index.previous``); it is ignored when ``index`` is given.
    """

    __slots__ = ("index", "owned", "report")

    def __init__(
        self,
        report: Report,
        index: ReportIndex | None = None,
        owned: Collection[str] | None = None,
        *,
        previous: Report | None = None,
    ) -> None:
        if index is None:
            # The rules read only the rows whose figures are placed; the index keeps the rest.
            checked = determined(report)
            index = ReportIndex(checked, read=report, previous=previous)
            report = checked
        self.report = report
        self.index = index
        # ``None``: any registered code (a rule function called directly, as tests do).
        self.owned = owned

    def running(self, func_rule: Rule) -> RuleContext:
        """The context for running ``func_rule.func``: same report and index, its codes only."""
        return RuleContext(self.report, self.index, func_rule.owned)

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
        """Build a finding of rule ``code`` (its default severity unless ``severity`` is given).

        Raises ``UnownedCodeError`` when the running function does not own ``code``.
        """
        if self.owned is not None and code not in self.owned:
            raise UnownedCodeError(
                f"{code} is not one of the codes of this rule ({', '.join(self.owned)})"
            )
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
