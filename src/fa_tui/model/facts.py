"""Facts read from the narrative: typed statements with the figures they quote and their spans.

Every figure is an ``Amount`` (exact ``Decimal``, printed decimals, unit, span in the original
file). A fact also carries the ``label`` it is about (normalised text such as ``基本支出``), the
span of the whole clause, the heading it sits under and, where a table holds the same quantity,
a ``Quantity`` naming the table cell (``表一 总计`` …).

Kinds (each class's msgspec tag, read as ``fact.kind`` and written as ``"kind"`` in JSON, so
that ``msgspec.json.decode(data, type=list[Fact])`` picks the class):

- ``amount``      ``基本支出525.83万元``
- ``share``       ``占55.16%`` with the part and the whole it is a share of
- ``change``      ``同比增加44.93万元，增长1.60%`` with the current value it refers to
- ``completion``  ``年初预算为41.23万元，支出决算为43.71万元，完成年初预算的106.02%``
- ``total``       a total and its listed parts (``其中：…``), with their changes, or the items a
                  ``主要包括`` list names without amounts
- ``count``       ``7个项目``, ``保有量为1辆``
- ``average``     ``平均每辆0.31万元`` with the total and the count it divides
- ``comparison``  ``决算数大于年初预算数`` with the budget and outturn it compares
- ``year``        a year or date (``截至2023年12月底``, ``与2023年相比``, ``《2023年度…》``)
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from msgspec import Struct, field

from fa_tui.model.amount import Amount
from fa_tui.model.span import Span
from fa_tui.model.tables import TableRole


class Quantity(Struct, frozen=True, kw_only=True):
    """A table cell (or an aggregate of rows) that a narrative label stands for.

    ``code``/``row`` select the row (code preferred, by prefix when ``aggregate`` is true),
    ``side`` the side of a two-sided table, ``column`` the table's column key (``fa_tui.schema``);
    ``name`` is the Chinese description shown to a reviewer (``表一 总计``).
    """

    table: TableRole
    column: str
    code: str | None = None
    row: str | None = None
    side: str | None = None
    aggregate: bool = False
    name: str


class Direction(StrEnum):
    """The direction a change word states."""

    UP = "up"  # 增加 / 增长 / 上升 / 提高
    DOWN = "down"  # 减少 / 下降 / 降低
    FLAT = "flat"  # 持平
    UNCLEAR = "unclear"  # template text ``增加（减少）``


class ChangeBasis(StrEnum):
    """What a change is measured against."""

    PREVIOUS_YEAR = "previous_year"
    BUDGET = "budget"


class YearRole(StrEnum):
    """Where a year appears."""

    AS_OF = "as_of"  # 截至2023年12月31日
    COMPARISON = "comparison"  # 与2023年相比 / 较2023年度 / 比2023年
    DOCUMENT = "document"  # 《2023年度…》
    ATTACHMENT = "attachment"  # 绩效自评表（2023年度）
    HEADING = "heading"  # a part or section heading
    SUBJECT = "subject"  # a sentence opening with the year of the figures it states
    COVER_DATE = "cover_date"  # 2023 年 9 月 on the cover or under the signature


class FactBase(Struct, kw_only=True, tag_field="kind"):
    """What every fact has: where it is and what it is about."""

    span: Span  # the clause or sentence the fact was read from
    label: str = ""  # normalised label ("基本支出"); "" when the text names none
    label_span: Span | None = None
    section: str | None = None  # the innermost heading the fact sits under
    paragraph: int = 0  # index of the paragraph (facts of one paragraph share it)
    sentence: int = 0  # global index of the sentence

    @property
    def kind(self) -> str:
        """The kind of fact (``amount``, ``share``…): the tag of its class."""
        tag = self.__struct_config__.tag
        assert isinstance(tag, str)  # every fact class declares a string tag
        return tag


class AmountFact(FactBase, kw_only=True, tag="amount"):
    """An amount stated for a label. ``role`` is ``plain``, ``budget``, ``outturn`` or
    ``previous`` (last year's figure a change is measured from: ``比上年的900万元``)."""

    amount: Amount
    role: Literal["plain", "budget", "outturn", "previous"] = "plain"
    quantity: Quantity | None = None


class ShareFact(FactBase, kw_only=True, tag="share"):
    """``占X%``: the part (an amount or a count, when stated) as a share of a whole.

    ``whole`` is the figure the whole resolves to (the total before ``其中``, a figure with the
    ``whole_label``, or the sum of the group's parts); ``group`` numbers the shares stated
    together (their printed shares usually add up to 100%).
    """

    share: Amount
    part: Amount | None = None
    whole_label: str | None = None
    whole: Amount | None = None
    whole_is_sum: bool = False
    whole_parts: list[Amount] = field(default_factory=list)
    group: int = 0
    is_count: bool = False


class ChangeFact(FactBase, kw_only=True, tag="change"):
    """``同比增加44.93万元，增长1.60%``: the change of ``current`` against a basis.

    ``amount`` and ``rate`` are as printed (non-negative); ``direction`` is the word before the
    amount, ``rate_direction`` the word before the rate; ``previous`` is last year's figure when
    the sentence states it (``比上年的900万元增加100万元``).
    """

    current: Amount | None = None
    current_label: str | None = None
    direction: Direction | None = None
    direction_word: str | None = None
    direction_span: Span | None = None
    amount: Amount | None = None
    rate_direction: Direction | None = None
    rate_word: str | None = None
    rate_word_span: Span | None = None
    rate: Amount | None = None
    basis: ChangeBasis = ChangeBasis.PREVIOUS_YEAR
    compared_year: int | None = None
    previous: Amount | None = None  # last year's figure, when the sentence states it

    def signed_amount(self) -> Decimal | None:
        """The change with its sign (``None`` when no amount or no clear direction)."""
        if self.amount is None or self.amount.value is None:
            return None
        direction = self.direction or self.rate_direction
        if direction is Direction.UP:
            return self.amount.value
        if direction is Direction.DOWN:
            return -self.amount.value
        if direction is Direction.FLAT:
            return Decimal(0)
        return None


class CompletionFact(FactBase, kw_only=True, tag="completion"):
    """Budget against outturn: ``完成年初预算的104.60%`` and the figures when stated."""

    rate: Amount | None = None
    budget: Amount | None = None
    outturn: Amount | None = None
    budget_word: str | None = None
    quantity: Quantity | None = None  # the table cell of the outturn


class PartItem(Struct, kw_only=True):
    """One listed part of a total, with its change when stated."""

    label: str
    label_span: Span | None = None
    amount: Amount
    change: Decimal | None = None  # signed change of this part
    change_amount: Amount | None = None


class NamedItem(Struct, frozen=True, kw_only=True):
    """One item a list names without an amount: ``基本工资`` in ``主要包括：基本工资、津贴补贴``."""

    label: str  # as printed, blanks and trailing ``等`` removed
    span: Span


class TotalFact(FactBase, kw_only=True, tag="total"):
    """A stated total and its listed parts (``其中：`` or ``主要包括：``).

    ``exhaustive`` is false for ``主要包括`` lists (the parts may not cover the total).
    ``topic`` is ``三公`` or ``政府采购`` for those breakdowns (checked by their own rules).
    ``named`` holds the items of a list that names them without amounts (``人员经费480.64万元，
    主要包括：基本工资、津贴补贴…``); such a fact has no ``parts``.
    """

    total: Amount
    total_change: Decimal | None = None
    total_change_amount: Amount | None = None
    parts: list[PartItem] = field(default_factory=list)
    exhaustive: bool = True
    topic: str | None = None
    named: list[NamedItem] = field(default_factory=list)


class CountFact(FactBase, kw_only=True, tag="count"):
    """A count: ``7个项目``, ``保有量为1辆``, ``5批次``."""

    count: Amount


class AverageFact(FactBase, kw_only=True, tag="average"):
    """``平均每辆0.31万元``: an average with the total and the count it divides."""

    average: Amount
    total: Amount | None = None
    count: Amount | None = None


class Relation(StrEnum):
    """How one figure stands to another, as the text words it."""

    GREATER = "greater"  # 大于 / 高于 / 超过 / 多于
    LESS = "less"  # 小于 / 低于 / 少于
    EQUAL = "equal"  # 等于 / 持平 / 一致 / 相等


class ComparisonFact(FactBase, kw_only=True, tag="comparison"):
    """``决算数大于年初预算数``: the words comparing the outturn with the budget, and the budget
    and outturn the paragraph stated before them (``None`` when it stated none)."""

    relation: Relation  # the outturn's relation to the budget
    word: str  # the relation word as printed (``大于``)
    word_span: Span
    budget: Amount | None = None
    outturn: Amount | None = None


class YearFact(FactBase, kw_only=True, tag="year"):
    """A year or date, with the role it plays."""

    year: int
    month: int | None = None
    role: YearRole
    text: str


Fact = (
    AmountFact
    | ShareFact
    | ChangeFact
    | CompletionFact
    | TotalFact
    | CountFact
    | AverageFact
    | ComparisonFact
    | YearFact
)

FACT_TYPES = (
    AmountFact,
    ShareFact,
    ChangeFact,
    CompletionFact,
    TotalFact,
    CountFact,
    AverageFact,
    ComparisonFact,
    YearFact,
)
