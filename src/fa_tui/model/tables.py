"""The nine standard tables (and any other table) as typed rows of exact amounts."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct, field

from fa_tui.model.amount import Amount
from fa_tui.model.span import Span


class TableRole(StrEnum):
    """The role of a table, found by its title (never by its printed label or its order)."""

    T01 = "公开01表"  # 收入支出决算总表
    T02 = "公开02表"  # 收入决算表
    T03 = "公开03表"  # 支出决算表
    T04 = "公开04表"  # 财政拨款收入支出决算总表
    T05 = "公开05表"  # 一般公共预算财政拨款支出决算表
    T06 = "公开06表"  # 一般公共预算财政拨款基本支出决算表
    T07 = "公开07表"  # 政府性基金预算财政拨款收入支出决算表
    T08 = "公开08表"  # 国有资本经营预算财政拨款支出决算表
    T09 = "公开09表"  # 财政拨款“三公”经费支出决算表
    OTHER = "other"


STANDARD_ROLES: tuple[TableRole, ...] = tuple(r for r in TableRole if r is not TableRole.OTHER)

STANDARD_TITLES: dict[TableRole, str] = {
    TableRole.T01: "收入支出决算总表",
    TableRole.T02: "收入决算表",
    TableRole.T03: "支出决算表",
    TableRole.T04: "财政拨款收入支出决算总表",
    TableRole.T05: "一般公共预算财政拨款支出决算表",
    TableRole.T06: "一般公共预算财政拨款基本支出决算表",
    TableRole.T07: "政府性基金预算财政拨款收入支出决算表",
    TableRole.T08: "国有资本经营预算财政拨款支出决算表",
    TableRole.T09: "财政拨款“三公”经费支出决算表",
}

# Column keys per role: the contract between the table parser, the rules and the views.
# Two-sided tables (表一, 表四) key their income side "金额" and their spending side as listed.
INCOME = "income"
SPENDING = "spending"
PERSONNEL = "人员经费"
PUBLIC = "公用经费"

TABLE_COLUMNS: dict[TableRole, tuple[str, ...]] = {
    TableRole.T01: ("金额",),
    TableRole.T02: (
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ),
    TableRole.T03: (
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ),
    TableRole.T04: (
        "金额",
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ),
    TableRole.T05: ("小计", "基本支出", "项目支出"),
    TableRole.T06: ("决算数",),
    TableRole.T07: (
        "年初结转和结余",
        "本年收入",
        "本年支出小计",
        "基本支出",
        "项目支出",
        "年末结转和结余",
    ),
    TableRole.T08: ("合计", "基本支出", "项目支出"),
    TableRole.T09: (
        "预算数合计",
        "预算数因公出国（境）费",
        "预算数公务用车购置及运行维护费小计",
        "预算数公务用车购置费",
        "预算数公务用车运行维护费",
        "预算数公务接待费",
        "决算数合计",
        "决算数因公出国（境）费",
        "决算数公务用车购置及运行维护费小计",
        "决算数公务用车购置费",
        "决算数公务用车运行维护费",
        "决算数公务接待费",
    ),
}


class TableStatus(StrEnum):
    """Whether a standard table is there and carries figures."""

    DATA = "data"
    EMPTY = "empty"  # present with its header, no figures (keep its 说明)
    TITLE_ONLY = "title_only"  # listed by title (附表 list, "见附件") without a body
    MISSING = "missing"


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
    ``人员经费``/``公用经费`` for 表六. ``cells`` maps the column keys of ``TABLE_COLUMNS`` (or, for
    a generic table, the header text) to the printed figure; a blank cell maps to an ``Amount``
    whose value is ``None``.
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

    def value(self, column: str) -> Amount | None:
        """The figure in ``column`` (``None`` when the column is absent)."""
        return self.cells.get(column)


class Table(Struct, kw_only=True):
    """A table found in the report.

    ``role`` says which of the nine it is (by title); ``label`` is the ``公开NN表`` label as
    printed (it may be wrong or missing: that is a finding, not the table's identity).
    ``unit`` is the unit printed with the table; figures are never rescaled.
    """

    role: TableRole
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

    @property
    def id(self) -> str | None:
        """The canonical id (``公开05表``) of a standard table, ``None`` for other tables."""
        return None if self.role is TableRole.OTHER else self.role.value

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
