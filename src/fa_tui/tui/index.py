"""What the inspector shows, computed once from a report and its findings (no Textual here).

``build_nodes`` turns the outline into the nodes of the parts tree (parts, sections, tables, with
missing parts and missing standard tables kept as nodes), each with the source regions it covers.
``FindingIndex`` says which findings lie in which node, how many, and the worst severity.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from fa_tui.model import (
    PART_ORDER,
    Finding,
    PartName,
    Report,
    ReportKind,
    Section,
    Severity,
    Span,
    Table,
    TableStatus,
)
from fa_tui.schema import template_of


class NodeKind(StrEnum):
    """The kinds of node in the parts tree."""

    PART = "part"
    SECTION = "section"
    TABLE = "table"
    PREVIOUS = "previous"  # last year's report (``--previous``), after the five parts


@dataclass(frozen=True)
class Node:
    """One node of the parts tree and the source it covers.

    ``key`` is unique in a report; ``regions`` are the spans the node covers (a part found inside
    another part covers several); ``anchor`` is where the source view goes for this node.
    """

    key: str
    kind: NodeKind
    label: str
    regions: tuple[Span, ...] = ()
    anchor: int | None = None
    present: bool = True
    part: PartName | None = None
    table: Table | None = None
    role: str | None = None
    status: TableStatus | None = None
    number: str | None = None
    short: str | None = None  # a standard table's short name (表五)
    children: tuple[Node, ...] = field(default=())

    def contains(self, span: Span) -> bool:
        """Whether the start of ``span`` lies in one of this node's regions."""
        return any(_inside(span, region) for region in self.regions)

    def walk(self) -> list[Node]:
        """This node and its descendants, in tree order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def _inside(span: Span, region: Span) -> bool:
    """Whether ``span`` starts within ``region`` (whose end is exclusive)."""
    start = (span.line, span.column)
    return (region.line, region.column) <= start < (region.end_line, region.end_column)


PREVIOUS_KEY = "previous"
PREVIOUS_CODES = "FA9"  # the findings against last year's report


def previous_node(previous: Report) -> Node:
    """Last year's report as a node after the five parts: its parts (present or missing) under
    it; it holds the findings against it (FA9xx)."""
    who = " ".join(str(x) for x in (previous.year, previous.department) if x)
    parts = tuple(
        Node(
            key=f"{PREVIOUS_KEY}:{name.value}",
            kind=NodeKind.PREVIOUS,
            label=previous.part_label(name),
            present=bool((part := previous.part(name)) and part.present),
            part=name,
        )
        for name in PART_ORDER
    )
    return Node(
        key=PREVIOUS_KEY,
        kind=NodeKind.PREVIOUS,
        label=f"上年报告 {who or previous.path.name}",
        children=parts,
    )


def build_nodes(report: Report, previous: Report | None = None) -> list[Node]:
    """The top-level nodes: the five canonical parts in their canonical order (and last year's
    report, when it is compared)."""
    nodes: list[Node] = []
    for name in PART_ORDER:
        part = report.part(name)
        if part is None or not part.present:
            children = _table_nodes(report) if name is PartName.TABLES else ()
            nodes.append(
                Node(
                    key=f"part:{name.value}",
                    kind=NodeKind.PART,
                    label=report.part_label(name),
                    present=False,
                    part=name,
                    children=children,
                )
            )
            continue
        regions = [part.span] if part.span else []
        regions.extend(
            s.span for s in part.sections if not any(_covers(r, s.span) for r in regions)
        )
        children = (
            _table_nodes(report)
            if name is PartName.TABLES
            else tuple(_section_node(name, s) for s in part.sections)
        )
        anchor = part.heading.line if part.heading else (part.span.line if part.span else None)
        nodes.append(
            Node(
                key=f"part:{name.value}",
                kind=NodeKind.PART,
                label=report.part_label(name),
                regions=tuple(regions),
                anchor=anchor,
                part=name,
                children=children,
            )
        )
    if previous is not None:
        nodes.append(previous_node(previous))
    return nodes


def _covers(outer: Span, inner: Span) -> bool:
    return outer.line <= inner.line and inner.end_line <= outer.end_line


def _section_node(part: PartName, section: Section) -> Node:
    label = section_label(section.number, section.title)
    return Node(
        key=f"section:{part.value}:{section.span.line}:{section.level}",
        kind=NodeKind.SECTION,
        label=label,
        regions=(section.span,),
        anchor=section.heading.line,
        part=part,
        number=section.number,
        children=tuple(_section_node(part, c) for c in section.children),
    )


def section_label(number: str | None, title: str) -> str:
    """``一、部门职责``, ``1. 收入``: a space only after a number ending in a full stop."""
    if not number:
        return title
    return f"{number} {title}" if number.endswith((".", "．")) else f"{number}{title}"


def _table_nodes(report: Report) -> tuple[Node, ...]:
    """The tables found, then the standard tables not found (shown as missing; none for a
    budget)."""
    template = template_of(report)
    nodes: list[Node] = []
    found: set[str] = set()
    for i, table in enumerate(report.tables):
        found.add(table.role)
        spec = template.spec(table.role)
        name = spec.short if spec is not None else "其他"
        regions = tuple(s for s in (table.span or table.title_span,) if s is not None)
        anchor = (
            table.title_span.line if table.title_span else (regions[0].line if regions else None)
        )
        nodes.append(
            Node(
                key=f"table:{i}",
                kind=NodeKind.TABLE,
                label=f"{name} {table.title}",
                regions=regions,
                anchor=anchor,
                present=table.status not in (TableStatus.MISSING, TableStatus.UNREADABLE),
                part=PartName.TABLES,
                table=table,
                role=table.role,
                short=spec.short if spec is not None else None,
                status=table.status,
            )
        )
    for spec in template.tables:
        if spec.id in found or report.kind is ReportKind.BUDGET:  # a budget has no 决算表
            continue
        nodes.append(
            Node(
                key=f"table:{spec.id}",
                kind=NodeKind.TABLE,
                label=f"{spec.short} {spec.title}",
                present=False,
                part=PartName.TABLES,
                role=spec.id,
                short=spec.short,
                status=TableStatus.MISSING,
            )
        )
    return tuple(nodes)


def all_nodes(roots: Iterable[Node]) -> list[Node]:
    """Every node under ``roots``, in tree order."""
    out: list[Node] = []
    for root in roots:
        out.extend(root.walk())
    return out


def worst(severities: Iterable[Severity]) -> Severity | None:
    """The most serious of ``severities`` (``None`` for none)."""
    return max(severities, key=lambda s: s.rank, default=None)


class FindingIndex:
    """Findings in position order, and which of them each node holds."""

    def __init__(self, findings: Sequence[Finding], roots: Sequence[Node]) -> None:
        self.findings: list[Finding] = sorted(findings, key=Finding.sort_key)
        self.marks: dict[int, str] = {}  # finding index -> the reviewer's mark (a Status value)
        self.new: frozenset[int] = frozenset()  # findings a revised report's last version lacked
        self.roots = list(roots)
        self.nodes = all_nodes(roots)
        # Findings are sorted by position: each region takes a slice found by bisection, so
        # building the index costs O(nodes * log findings + matches), not nodes * findings.
        placed = [(i, f.span) for i, f in enumerate(self.findings) if f.span is not None]
        starts = [(span.line, span.column) for _, span in placed]
        self._by_node: dict[str, list[int]] = {}
        for node in self.nodes:
            held: set[int] = set()
            for region in node.regions:
                lo = bisect_left(starts, (region.line, region.column))
                hi = bisect_left(starts, (region.end_line, region.end_column))
                held.update(placed[j][0] for j in range(lo, hi))
            if node.kind is NodeKind.PART:
                held.update(
                    i
                    for i, f in enumerate(self.findings)
                    if f.span is None and f.part is not None and f.part == node.part
                )
            if node.key == PREVIOUS_KEY:
                held.update(
                    i for i, f in enumerate(self.findings) if f.code.startswith(PREVIOUS_CODES)
                )
            self._by_node[node.key] = sorted(held)

    def of_node(self, key: str) -> list[int]:
        """Indices (into ``findings``) of the findings in node ``key``."""
        return self._by_node.get(key, [])

    def count(self, key: str) -> int:
        """Number of findings in node ``key``."""
        return len(self.of_node(key))

    def worst(self, key: str) -> Severity | None:
        """The worst severity among the findings of node ``key``."""
        return worst(self.findings[i].severity for i in self.of_node(key))

    def mark_of(self, i: int) -> str:
        """The reviewer's mark on finding ``i`` (``UNMARKED`` when none)."""
        return self.marks.get(i, UNMARKED)

    def passes(self, i: int, flt: FindingFilter) -> bool:
        """Whether finding ``i`` passes ``flt`` (its mark included)."""
        return flt.accepts(self.findings[i], self.marks.get(i, UNMARKED))

    def findings_passing(self, flt: FindingFilter) -> list[int]:
        """Indices of the findings ``flt`` lets through."""
        return [i for i in range(len(self.findings)) if self.passes(i, flt)]

    def open_count(self, key: str) -> int:
        """Findings of node ``key`` the reviewer has not marked yet."""
        return sum(1 for i in self.of_node(key) if i not in self.marks)

    def worst_open(self, key: str) -> Severity | None:
        """The worst severity among the unmarked findings of node ``key``."""
        return worst(self.findings[i].severity for i in self.of_node(key) if i not in self.marks)

    def totals(self) -> dict[Severity, int]:
        """Number of findings per severity."""
        out = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            out[finding.severity] += 1
        return out

    def node_at_line(self, line: int) -> Node | None:
        """The deepest node whose regions contain ``line`` (for following the source)."""
        best: Node | None = None
        for node in self.nodes:
            if any(r.contains_line(line) for r in node.regions):
                best = node
        return best


UNMARKED = "none"  # a finding the reviewer has not marked yet


@dataclass(frozen=True)
class FindingFilter:
    """Which findings the list shows: some severities (or all), code prefixes (or all) and
    words typed in the list (each must occur in the code, the message or the location)."""

    levels: frozenset[Severity] = frozenset()
    codes: tuple[str, ...] = ()
    text: str = ""
    marks: frozenset[str] = frozenset()  # the reviewer's marks shown (UNMARKED too); all if empty

    def accepts(self, finding: Finding, mark: str = UNMARKED) -> bool:
        """Whether ``finding``, marked ``mark`` (a ``Status`` value or ``UNMARKED``), passes."""
        if self.marks and mark not in self.marks:
            return False
        if self.levels and finding.severity not in self.levels:
            return False
        if self.codes and not any(finding.code.upper().startswith(c) for c in self.codes):
            return False
        if self.text:
            where = f"L{finding.span.line}" if finding.span else ""
            haystack = f"{finding.code} {where} {finding.message} {finding.table or ''}".lower()
            return all(word in haystack for word in self.text.lower().split())
        return True

    @staticmethod
    def parse_codes(text: str) -> tuple[str, ...]:
        """Code prefixes from user input such as ``FA2, fa301`` (empty clears the filter)."""
        parts = text.replace("，", ",").replace(" ", ",").split(",")
        return tuple(p.strip().upper() for p in parts if p.strip())

    def describe(self) -> str:
        """A short Chinese description for the pane title ('' when nothing is filtered)."""
        bits = []
        if self.levels:
            bits.append(describe_levels(self.levels))
        if self.codes:
            bits.append(",".join(self.codes))
        if self.text:
            bits.append(f"“{self.text}”")
        if self.marks:
            bits.append(describe_marks(self.marks))
        return " ".join(bits)

    @classmethod
    def default_for(cls, findings: Sequence[Finding]) -> FindingFilter:
        """Errors and warnings when infos outnumber them (尾数差异 would fill the list),
        otherwise everything."""
        infos = sum(1 for f in findings if f.severity is Severity.INFO)
        serious = len(findings) - infos
        return cls(SERIOUS) if 0 < serious < infos else cls()


SEVERITY_NAMES: dict[Severity, str] = {
    Severity.ERROR: "错误",
    Severity.WARNING: "警告",
    Severity.INFO: "提示",
}

SERIOUS: frozenset[Severity] = frozenset({Severity.ERROR, Severity.WARNING})

# ``f`` cycles through these: all, errors and warnings, errors, warnings, infos
LEVEL_CYCLE: tuple[frozenset[Severity], ...] = (
    frozenset(),
    SERIOUS,
    frozenset({Severity.ERROR}),
    frozenset({Severity.WARNING}),
    frozenset({Severity.INFO}),
)


# ``M`` cycles through these: all, not yet marked, all but false alarms, each mark alone
MARK_CYCLE: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({UNMARKED}),
    frozenset({UNMARKED, "confirmed", "query"}),
    frozenset({"confirmed"}),
    frozenset({"query"}),
    frozenset({"dismissed"}),
)
MARK_NAMES = {UNMARKED: "未标记", "confirmed": "已核实", "query": "待说明", "dismissed": "误报"}


def describe_marks(marks: frozenset[str]) -> str:
    """``未标记``, ``隐藏误报``, ``已核实`` …: the marks a filter shows."""
    if marks == MARK_CYCLE[2]:
        return "隐藏误报"
    return "+".join(MARK_NAMES[m] for m in MARK_NAMES if m in marks)


def describe_levels(levels: frozenset[Severity]) -> str:
    """``错误+警告``: the severities, most serious first ('全部' for none)."""
    if not levels:
        return "全部"
    ordered = sorted(levels, key=lambda s: -s.rank)
    return "+".join(SEVERITY_NAMES[s] for s in ordered)


def ordered_for_node(
    index: FindingIndex, key: str | None, flt: FindingFilter, *, by_severity: bool = False
) -> tuple[list[int], int]:
    """The findings the list shows, the node's own first: (indices, count of the node's).

    Each group is in position order, or most serious first (then by position) with
    ``by_severity``."""
    own = [i for i in index.of_node(key) if index.passes(i, flt)] if key else []
    own_set = set(own)
    rest = [i for i in range(len(index.findings)) if i not in own_set and index.passes(i, flt)]
    if by_severity:
        rank = [-f.severity.rank for f in index.findings]
        own.sort(key=lambda i: (rank[i], i))
        rest.sort(key=lambda i: (rank[i], i))
    return own + rest, len(own)
