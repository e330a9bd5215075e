"""Run the registered rules over a report: select, run safely, merge, de-duplicate and sort.

Public API (used by ``fa-tui check`` and the inspector)::

    findings = check_report(report)                       # every rule
    findings = check_report(report, select=("FA2",), ignore=("FA205",))
    findings = check_report(report, previous=last_years_report)  # FA9xx compare with it

A rule function runs once if any of its codes is selected; its findings of codes not selected
are dropped. A rule that raises is a bug in fa-tui: the engine turns it into one ``internal``
finding (with the rule's code, severity error) instead of crashing, so the other rules still
report.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal, InvalidOperation, localcontext
from importlib import import_module
from operator import attrgetter

from msgspec.structs import replace

from fa_tui import pattern_cache
from fa_tui.model import Category, Finding, RelatedSpan, Report, Severity, SourceText, Span
from fa_tui.model.decimals import places_in, show
from fa_tui.rules.registry import RULES, Rule, RuleContext, RuleFunc

_FIGURE_SEPARATORS = pattern_cache.compile(
    r"[,，\s]"
)  # thousands separators and blanks in a figure

# Every rule family; importing one registers its rules.
RULE_MODULES = (
    "completeness",  # FA101–FA109, FA116
    "contents",  # FA117
    "reading",  # FA11x: what of the file could not be read
    "arithmetic",  # FA2xx
    "crosstable",  # FA301–FA310
    "code_names",  # FA311
    "text_table",  # FA401–FA411
    "composition",  # FA412–FA415: listed items and reasons against the tables
    "narrative",  # FA501–FA510
    "rate_bounds",  # FA511–FA512
    "statements",  # FA513–FA514
    "performance",  # FA115, FA210–FA214, FA516: 绩效自评表 and 满意度
    "years",  # FA6xx
    "units",  # FA7xx
    "hygiene",  # FA8xx
    "previous",  # FA9xx: against last year's report (only with one)
)

# Families whose error findings describe broken arithmetic and may be merged by blame.
_ARITHMETIC = (Category.TABLE_INTERNAL, Category.CROSS_TABLE)
# Blame merging compares findings pairwise: beyond this many errors, leave them as they are.
_MAX_MERGE = 400
# Significant digits of the rules' Decimal arithmetic. The default 28 would round sums of the
# 30- and 40-digit figures a damaged file can carry, and report wrong differences.
PRECISION = 120


def load_rules() -> None:
    """Import every rule family so that the registry is complete."""
    modules = sys.modules
    for name in RULE_MODULES:
        qualified = f"fa_tui.rules.{name}"
        if qualified not in modules:  # ``import_module`` of an imported module costs more
            import_module(qualified)


def parse_codes(text: str | None) -> tuple[str, ...]:
    """``"FA2, fa301"`` → ``("FA2", "FA301")`` (comma-separated codes or prefixes)."""
    if not text:
        return ()
    return tuple(c.strip().upper() for c in text.split(",") if c.strip())


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes or prefixes that match no registered rule."""
    load_rules()
    return [c for c in codes if not any(code.startswith(c) for code in RULES)]


def selected_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """Registered rules in code order, kept by ``select`` prefixes, dropped by ``ignore``."""
    load_rules()
    out: list[Rule] = []
    for code in sorted(RULES):
        if select and not any(code.startswith(p) for p in select):
            continue
        if any(code.startswith(p) for p in ignore):
            continue
        out.append(RULES[code])
    return out


def run_rule(rule: Rule, ctx: RuleContext, codes: Collection[str] = ()) -> list[Finding]:
    """The findings of ``rule``'s function, of ``codes`` only (default: every code it owns).

    The function runs once, in a context that refuses codes it does not own; an exception
    becomes one internal-error finding (under ``rule.code``).
    """
    wanted = set(codes or rule.owned)
    try:
        found = list(rule.func(ctx.running(rule)) or ())
    except Exception as exc:  # a rule that raises is a bug: report it, keep going
        return [
            Finding(
                code=rule.code,
                severity=Severity.ERROR,
                category=Category.INTERNAL,
                message=(
                    f"规则 {rule.code} 执行出错（fa-tui 内部缺陷，不是报告的问题）："
                    f"{exc.__class__.__name__}: {exc}"
                ),
            )
        ]
    return [f for f in found if f.code in wanted]


def by_function(rules: Iterable[Rule]) -> list[tuple[Rule, list[str]]]:
    """Each rule function once (as its first rule), with the codes selected among its own."""
    groups: dict[RuleFunc, tuple[Rule, list[str]]] = {}
    for selected in rules:
        groups.setdefault(selected.func, (selected, []))[1].append(selected.code)
    return list(groups.values())


def check_report(
    report: Report,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    previous: Report | None = None,
) -> list[Finding]:
    """All findings for ``report``: merged by blame, de-duplicated, sorted by position.

    Only the rules that hold for the report's kind run (a budget gets no 决算-table rules).
    ``previous`` is last year's report (parsed up to its facts): the FA9xx rules compare the
    上年 figures ``report`` quotes with it; without it they find nothing.
    """
    ctx = RuleContext(report, previous=previous)
    findings: list[Finding] = []
    with localcontext() as decimal_context:
        decimal_context.prec = PRECISION
        applicable = [r for r in selected_rules(select, ignore) if report.kind in r.kinds]
        for first, codes in by_function(applicable):
            findings.extend(run_rule(first, ctx, codes))
        # Code order, each code's findings as its function made them (a stable sort).
        findings.sort(key=attrgetter("code"))
        merged = merge_by_blame(findings, report.source)
    return sort_findings(dedupe(merged))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Position order (file-level findings first), then code, then worst first."""
    return sorted(findings, key=lambda f: (*f.sort_key(), -f.severity.rank, f.message))


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop exact repeats (same code, span and message), keeping the first."""
    seen: set[tuple[str, Span | None, str]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.code, f.span, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _difference(finding: Finding) -> Decimal | None:
    if finding.difference is None:
        return None
    try:
        return abs(Decimal(finding.difference))
    except InvalidOperation:
        return None


def _spans(finding: Finding) -> list[Span]:
    spans = [finding.span] if finding.span else []
    return spans + [r.span for r in finding.related]


def merge_by_blame(findings: list[Finding], source: SourceText | None = None) -> list[Finding]:
    """Report one wrong figure once, however many relations see it.

    A single wrong figure breaks every relation it takes part in (its row, its column's total,
    the other table that repeats it), each by the same amount. Error findings of the arithmetic
    families that are off by the same amount and share a figure are merged into one finding
    pointing at that shared figure; the other relations' figures become related spans and their
    computations are kept. Findings that share nothing stay separate.
    """
    candidates = [
        (i, f)
        for i, f in enumerate(findings)
        if f.severity is Severity.ERROR
        and f.category in _ARITHMETIC
        and f.span is not None
        and _difference(f) is not None
    ]
    merged_away: set[int] = set()
    replacement: dict[int, Finding] = {}
    remaining = candidates[:_MAX_MERGE]
    while len(remaining) > 1:
        cluster, culprit = _best_cluster(remaining)
        if culprit is None:
            break
        replacement[cluster[0][0]] = _merge(cluster, culprit, source)
        merged_away.update(i for i, _ in cluster[1:])
        taken = {i for i, _ in cluster}
        remaining = [m for m in remaining if m[0] not in taken]
    out: list[Finding] = []
    for i, f in enumerate(findings):
        if i in merged_away:
            continue
        out.append(replacement.get(i, f))
    return out


def _close(a: Decimal, b: Decimal) -> bool:
    """Two differences that one wrong figure explains (earlier rounding may shift one by a cent)."""
    return abs(a - b) <= max(a, b) / 10


def _best_cluster(
    members: list[tuple[int, Finding]],
) -> tuple[list[tuple[int, Finding]], Span | None]:
    """The figure shared by most findings that are off by (nearly) the same amount.

    Ties go to a figure that is some finding's primary span, then to the earliest.
    """
    primaries = {f.span for _, f in members}
    by_span: dict[Span, list[tuple[int, Finding]]] = {}
    for member in members:
        for span in set(_spans(member[1])):
            by_span.setdefault(span, []).append(member)
    best: tuple[tuple[int, bool, list[int]], list[tuple[int, Finding]], Span] | None = None
    for span, sharing in by_span.items():
        if len(sharing) < 2:
            continue
        for _, pivot in sharing:
            d = _difference(pivot) or Decimal(0)
            group = [m for m in sharing if _close(_difference(m[1]) or Decimal(0), d)]
            key = (len(group), span in primaries, [-x for x in span.sort_key()])
            if len(group) >= 2 and (best is None or key > best[0]):
                best = (key, group, span)
    if best is None:
        return [], None
    return best[1], best[2]


def _printed_value(source: SourceText | None, span: Span) -> tuple[Decimal, int] | None:
    """The figure printed at ``span`` and its decimals (separators and spaces dropped)."""
    if source is None:
        return None
    text = _FIGURE_SEPARATORS.sub("", source.slice(span))
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value, places_in(text)


def _suggestion(
    finding: Finding, culprit: Span, source: SourceText | None
) -> tuple[str, str, str] | None:
    """(expected, actual, difference) for the culprit figure: the value that mends the relation."""
    printed = _printed_value(source, culprit)
    if printed is None or finding.difference is None:
        return None
    value, decimals = printed
    diff = Decimal(finding.difference)
    expected = value - diff if finding.span == culprit else value + diff
    change = value - expected
    return show(expected, decimals), show(value, decimals), show(change, decimals, signed=True)


def _merge(
    cluster: list[tuple[int, Finding]], culprit: Span, source: SourceText | None = None
) -> Finding:
    """One finding at ``culprit`` standing for every relation in ``cluster``."""
    diffs = [_difference(f) for _, f in cluster]
    usual = max(diffs, key=diffs.count)
    own = next((f for _, f in cluster if f.span == culprit and _difference(f) == usual), None)
    own = own or next((f for _, f in cluster if f.span == culprit), None)
    base = own or next(f for _, f in cluster if _difference(f) == usual)
    related: list[RelatedSpan] = []
    seen: set[Span] = {culprit}
    notes_for_culprit = ""
    for _, f in cluster:
        items = list(f.related)
        if f.span is not None:
            items.insert(0, RelatedSpan(span=f.span, note=f"{f.code} 合计"))
        for r in items:
            if r.span == culprit:
                notes_for_culprit = notes_for_culprit or r.note
                continue
            if r.span in seen:
                continue
            seen.add(r.span)
            related.append(r)
    computations = [f.computation for _, f in cluster if f.computation]
    codes = sorted({f.code for _, f in cluster})
    others = [c for c in codes if c != base.code]
    message = base.message
    if own is None:
        where = f"（{notes_for_culprit}）" if notes_for_culprit else ""
        message = (
            f"此数{where}同时破坏 {len(cluster)} 处勾稽关系，且差额相同，很可能就是这个数错了："
            + base.message
        )
    if others:
        message += f"（另见 {'、'.join(others)}）"
    update: dict[str, object] = {}
    suggestion = _suggestion(base, culprit, source)
    if suggestion is not None:
        update = dict(zip(("expected", "actual", "difference"), suggestion, strict=True))
        if own is None:
            message = message.replace(
                "很可能就是这个数错了", f"很可能就是这个数错了（应为 {suggestion[0]}）", 1
            )
    return replace(
        base,
        **{
            **update,
            "span": culprit,
            "message": message,
            "related": related,
            "computation": "；".join(dict.fromkeys(computations)) or None,
        },
    )
