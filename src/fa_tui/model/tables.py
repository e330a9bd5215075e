"""Tables as typed rows of exact amounts (what each standard table is: ``fa_tui.schema``)."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct, field

from fa_tui.model.amount import Amount
from fa_tui.model.span import Span
from fa_tui.schema.national import TableRole

__all__ = ["INCOME", "SPENDING", "Row", "RowKind", "Table", "TableRole", "TableStatus"]


# Row sides: the income and spending sides of a two-sided table (表一, 表四).
INCOME = "income"
SPENDING = "spending"


class TableStatus(StrEnum):
    """Whether a standard table is there and carries figures."""

    DATA = "data"
    EMPTY = "empty"  # present with its header, no figures (keep its 说明)
    TITLE_ONLY = "title_only"  # listed by title (附表 list, "见附件") without a body
    MISSING = "missing"
    # not found while pages without a text layer may hold it, or found with figures that could
    # be placed in no row (a text layer read column by column): never "empty"
    UNREADABLE = "unreadable"


class RowKind(StrEnum):
    """What a row stands for."""

    TOTAL = "total"  # 合计 / 本年收入合计 / 总计 / 人员经费合计 …
    ITEM = "item"  # an income or spending item, a classification row
    HEADER = "header"  # a placeholder row such as 类/款/项 in an empty table


class Row(Struct, kw_only=True):
    """One row of a table (one side of a row for two-sided tables).

    ``code`` is the classification code as printed (功能分类 3/5/7 digits, 经济分类 3/5 digits);
    ``level`` is 1/2/3 for 类/款/项 (经济分类: 1 for 301, 2 for 30101); ``parent`` is the code of
    the parent row by prefix. ``side`` is ``income``/``spending`` for 表一/表四 and
    ``人员经费``/``公用经费`` for 表六. ``cells`` maps the column keys of the table's ``TableSpec``
    (or, for a generic table, the header text) to the printed figure; a blank cell maps to an
    ``Amount`` whose value is ``None``.

    ``undetermined`` (未能确定栏目): the row's figures were read from text without ruling, where
    empty cells leave no trace, and fit its columns in more than one way (or in none) that the
    table's identities allow; ``cells`` then holds only the figures every such way puts in the
    same column, ``unplaced`` the others in printed order. No rule reads an undetermined row.
    """

    code: str | None = None
    name: str
    kind: RowKind = RowKind.ITEM
    level: int | None = None
    parent: str | None = None
    side: str | None = None
    line_no: str | None = None  # 行次 as printed
    span: Span
    name_span: Span | None = None
    code_span: Span | None = None
    cells: dict[str, Amount] = field(default_factory=dict)
    undetermined: bool = False
    unplaced: list[Amount] = field(default_factory=list)

    def value(self, column: str) -> Amount | None:
        """The figure in ``column`` (``None`` when the column is absent)."""
        return self.cells.get(column)


class Table(Struct, kw_only=True):
    """A table found in the report.

    ``role`` is the id of the standard table it is (found by title: ``公开05表``), or
    ``TableRole.OTHER``; ``label`` is the ``公开NN表`` label as
    printed (it may be wrong or missing: that is a finding, not the table's identity).
    ``unit`` is the unit printed with the table; figures are never rescaled.
    """

    role: str
    title: str
    title_span: Span | None = None
    label: str | None = None
    label_span: Span | None = None
    status: TableStatus
    unit: str | None = None
    unit_span: Span | None = None
    department: str | None = None
    span: Span | None = None
    note: str | None = None
    note_span: Span | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    parse_error: str | None = None  # the parser failed on this table's body (a bug in fa-tui)
    # Figures printed in the table's text that no row holds (a text layer read column by
    # column, a line of figures beside no row): reported, never read.
    unplaced: list[Amount] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        """The canonical id (``公开05表``) of a standard table, ``None`` for other tables."""
        return None if self.role == TableRole.OTHER else str(self.role)

    def find_row(
        self, *, code: str | None = None, name: str | None = None, side: str | None = None
    ) -> Row | None:
        """The first row with this code (preferred) or whose name contains ``name``."""
        for row in self.rows:
            if side is not None and row.side != side:
                continue
            if code is not None and row.code == code:
                return row
        if name is None:
            return None
        for row in self.rows:
            if side is not None and row.side != side:
                continue
            if name in row.name.replace(" ", ""):
                return row
        return None

    def amounts(self) -> list[Amount]:
        """Every figure of the table, in row order."""
        return [a for row in self.rows for a in row.cells.values()]
