"""Values the rule functions derive from one report and share: computed on first use, then kept.

Whole values are ``cached_property`` attributes. Values looked up by key (a part, a quantity)
are memo tables, typed here and filled by the family that computes an entry (it knows how).
The units values are computed by ``rules.units``, imported when first needed: the rule
families import the registry, which imports this module.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from msgspec.structs import replace

from fa_tui.model import PartName, Report, Table, TableStatus
from fa_tui.model.facts import Fact, FactBase, Quantity

if TYPE_CHECKING:
    from fa_tui.rules.text_table import TableFigure
    from fa_tui.rules.units import TextAmount, UnitVerdict


def determined(report: Report) -> Report:
    """``report`` as the rules read it (the report itself when every figure sits in its cell).

    A table with rows whose figures could not be placed in their columns (``Row.undetermined``)
    or with figures that no row holds (``Table.unplaced``) is read as not readable, its
    undetermined rows left out: their figures may be in any of several columns or rows, and
    the other rows alone would make its sums and the comparisons with other tables wrong (a
    missing figure reads as a zero). FA113 and FA114 report such tables."""
    if not any(_uncertain(table) for table in report.tables):
        return report
    tables = [
        replace(
            table,
            status=TableStatus.UNREADABLE,
            rows=[r for r in table.rows if not r.undetermined],
        )
        if _uncertain(table)
        else table
        for table in report.tables
    ]
    return replace(report, tables=tables)


def _uncertain(table: Table) -> bool:
    """Whether some printed figure of ``table`` is in no cell for certain."""
    return bool(table.unplaced) or any(r.undetermined for r in table.rows)


class ReportIndex:
    """The shared, derived data of one report for one run of the rules.

    ``report`` is what the rules check (``determined``); ``read`` is the report as read,
    undetermined rows included (the reading rules report them); ``previous`` is last year's
    report, when given (``fa-tui check --previous``: the FA9xx rules compare with it).
    """

    def __init__(
        self, report: Report, read: Report | None = None, previous: Report | None = None
    ) -> None:
        self.report = report
        self.read = read if read is not None else report
        self.previous = previous

    @cached_property
    def facts_by_kind(self) -> dict[type[FactBase], list[Fact]]:
        """The narrative facts grouped by their exact type, each group in document order."""
        by_kind: dict[type[FactBase], list[Fact]] = {}
        for fact in self.report.facts:
            by_kind.setdefault(type(fact), []).append(fact)
        return by_kind

    @cached_property
    def reading_lines(self) -> tuple[str, ...]:
        """The report's lines as the narrative reads them: figures a text layer printed on the
        line below put back in their blanks (``parse.narrative.displaced``)."""
        from fa_tui.parse.narrative.displaced import restored_lines
        from fa_tui.parse.narrative.sentences import table_lines

        return restored_lines(self.report.source, table_lines(self.report))

    def reading_line(self, number: int) -> str:
        """1-based line ``number`` as the narrative reads it ('' when out of range)."""
        lines = self.reading_lines
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    @cached_property
    def part_lines(self) -> dict[PartName, list[tuple[int, str]]]:
        """Memo (FA1xx): (line number, text) of every line a part covers, its sections included."""
        return {}

    @cached_property
    def part_text(self) -> dict[PartName, str]:
        """Memo (FA1xx): a part's lines joined, without blanks and ``*`` emphasis."""
        return {}

    @cached_property
    def table_figures(self) -> dict[Quantity, TableFigure | None]:
        """Memo (FA4xx, FA505): a quantity's table figure in 万元, ``None`` when not found.

        A long report quotes the same few table cells thousands of times.
        """
        return {}

    @cached_property
    def narrative_amounts(self) -> list[TextAmount]:
        """The amounts in 万元 quoted on the report's non-table lines (FA7xx)."""
        from fa_tui.rules.units import scan_narrative_amounts

        return scan_narrative_amounts(self.report)

    @cached_property
    def unit_verdict(self) -> UnitVerdict:
        """Which 万元-labelled tables are really printed in 元, and the evidence (FA701, FA4xx)."""
        from fa_tui.rules.units import judge_units

        return judge_units(self)
