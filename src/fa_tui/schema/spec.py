"""What a standard table is: the declaration every layer reads (parsers, rules, views).

A ``TableSpec`` is data, not code: its id and short name, its printed titles, how it is laid out,
which columns it has and which of them are codes, the identities its figures obey, the words
that say in the 情况说明 why it is empty, and the rules that read it. A ``TemplateSet`` (see
``templates``) is the ordered list of tables a region publishes.
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Layout(StrEnum):
    """How a table's rows are printed (which builder reads it)."""

    TWO_SIDED = "two_sided"  # income rows ‖ spending rows on one line (表一, 表四)
    CODED = "coded"  # 科目代码 / 科目名称 rows: 合计, then 类/款/项 (表二, 表三, 表五 …)
    ECONOMIC = "economic"  # 经济分类 blocks side by side, 人员经费/公用经费 footer (表六)
    SINGLE_ROW = "single_row"  # one figure row under a multi-row header (表九)
    # A regional table whose columns the schema does not fix: each figure keyed by the header
    # text above it (like an 'other' table), checked by no identity.
    GENERIC = "generic"


class Codes(StrEnum):
    """Which classification the table's code column holds."""

    NONE = "none"
    FUNCTIONAL = "functional"  # 功能分类: 类 3 digits, 款 5, 项 7
    ECONOMIC = "economic"  # 经济分类: 类 3 digits, 款 5


class Sides(Struct, frozen=True):
    """The column keys of each side of a two-sided table."""

    income: tuple[str, ...]
    spending: tuple[str, ...]


class SideClasses(Struct, frozen=True):
    """An economic table's side (``人员经费``) and the 经济分类 classes that belong to it."""

    side: str
    classes: tuple[str, ...]


class ColumnSum(Struct, frozen=True):
    """On every row: ``total`` = Σ ``parts`` (the 栏次 identities, rule FA204)."""

    total: str
    parts: tuple[str, ...]


class TableSpec(Struct, frozen=True, kw_only=True):
    """One standard table.

    ``id`` is the canonical ``公开NN表`` (a table is found by its title, never by its printed
    label); ``short`` is how messages and the tree name it (``表五``); ``titles`` are the
    printed titles it is recognised by, blanks and quotes removed, the canonical one first.
    ``columns`` are the column keys: the contract between the table parser, the rules and the
    views (rows map these keys to figures).
    """

    id: str
    number: int
    short: str
    title: str
    titles: tuple[str, ...]
    layout: Layout
    codes: Codes = Codes.NONE
    columns: tuple[str, ...]
    sides: Sides | None = None
    side_classes: tuple[SideClasses, ...] = ()
    column_sums: tuple[ColumnSum, ...] = ()
    hierarchy: bool = False  # 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 in every column (FA205)
    # Columns some templates print besides ``columns`` (会议费 and 培训费 beside the 三公 items):
    # read when the header names them, kept in the rows, checked by no identity.
    extra_columns: tuple[str, ...] = ()
    header_synonyms: tuple[tuple[str, str], ...] = ()  # header words that mean the same
    # Item labels that name a column's item, for a table printed with its items as rows
    # (公务用车费 → 公务用车购置及运行维护费小计).
    row_synonyms: tuple[tuple[str, str], ...] = ()
    empty_topics: tuple[str, ...] = ()  # a 情况说明 section on these says the table is nil (FA103)
    rules: tuple[str, ...] = ()  # the rule codes that read this table

    def side_keys(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Column keys of the income side and of the spending side (two-sided tables)."""
        if self.sides is None:
            return (), self.columns
        return self.sides.income, self.sides.spending
