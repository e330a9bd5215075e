"""Template sets: the ordered tables a region publishes, and the registry of sets by name.

A report is read with one template set (``Report.template`` names it): the one named by the
caller, else the detected set (``DETECTED``) whose tables' titles the report prints most of,
the national set on a tie. A region that prints other tables, or its tables under other
titles, registers its own set in one module of ``fa_tui.schema.regions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from fa_tui.schema.national import NATIONAL_TABLES
from fa_tui.schema.spec import TableSpec

DEFAULT = "national"


class TemplateSet:
    """An ordered, named set of standard tables, with lookups built once."""

    __slots__ = ("_by_id", "by_title_length", "description", "name", "tables")

    def __init__(self, name: str, description: str, tables: Iterable[TableSpec]) -> None:
        self.name = name
        self.description = description
        self.tables: tuple[TableSpec, ...] = tuple(tables)
        self._by_id = {spec.id: spec for spec in self.tables}
        if len(self._by_id) != len(self.tables):
            raise ValueError(f"template {name}: a table id is declared twice")
        # Longest title first, so that 财政拨款收入支出决算总表 is not read as 收入支出决算总表.
        self.by_title_length: tuple[tuple[str, TableSpec], ...] = tuple(
            sorted(
                ((title, spec) for spec in self.tables for title in spec.titles),
                key=lambda pair: -len(pair[0]),
            )
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The table ids in publication order."""
        return tuple(spec.id for spec in self.tables)

    def spec(self, table_id: str) -> TableSpec | None:
        """The declaration of table ``table_id`` (``None`` for a table not in this set)."""
        return self._by_id.get(table_id)

    def by_number(self, number: int) -> TableSpec | None:
        """The table numbered ``number`` (``公开05表`` → 5)."""
        return next((spec for spec in self.tables if spec.number == number), None)

    def __repr__(self) -> str:
        return f"TemplateSet({self.name!r}, {len(self.tables)} tables)"


NATIONAL = TemplateSet(DEFAULT, "全国通用九张公开表", NATIONAL_TABLES)

TEMPLATES: dict[str, TemplateSet] = {NATIONAL.name: NATIONAL}
# The sets a report's template is chosen among when none is named (the national one first).
DETECTED: list[TemplateSet] = [NATIONAL]


def register(template: TemplateSet, *, detect: bool = False) -> TemplateSet:
    """Make ``template`` available by its name (a regional set, or a test's); with ``detect``,
    a report that prints more of its tables' titles than of any other set's is read with it."""
    TEMPLATES[template.name] = template
    if detect and template not in DETECTED:
        DETECTED.append(template)
    return template


class _Templated(Protocol):
    template: str | None


def template_of(report: _Templated) -> TemplateSet:
    """The template set ``report`` was read with."""
    return template_named(report.template)


def template_named(name: str | None) -> TemplateSet:
    """The set called ``name`` (the national set for ``None``); ``KeyError`` for an unknown one."""
    return NATIONAL if name is None else TEMPLATES[name]
