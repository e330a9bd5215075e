"""Labels: what a narrative figure is about, and which table quantity that label stands for.

``clean_label`` turns the text before a figure (``（一）2024年度一般公共预算财政拨款支出``) into a
label (``一般公共预算财政拨款支出``); ``match_key`` reduces labels further for comparing two of
them; ``quantity_for`` maps a label, read in its section, to a table cell (``表一 总计``,
``表五 类 208``, ``表六 人员经费合计`` …) following domain.md §2–§3.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from fa_tui import pattern_cache
from fa_tui.model import Table, TableRole, TableStatus
from fa_tui.model.facts import Quantity
from fa_tui.schema.function_classes import FUNCTION_CLASSES

# What a 类 name or a structure label may carry around the bare class name.
_CLASS_NAME_SUFFIX = pattern_cache.compile(r"支出$|（类）|\(类\)")
_CLASS_LABEL_SUFFIX = pattern_cache.compile(r"（类）|\(类\)|支出$|支出合计$")
# Labels that stand for a table quantity (domain.md §2–§3).
_SANGONG_ITEMS = pattern_cache.compile(r"因公出国|公务用车|公务接待")  # the 三公 items of 表九
_GRAND_TOTAL = pattern_cache.compile(r"收[、，,]?支总计|收入总计|支出总计|收入、支出总计")
_INCOME_TOTAL = pattern_cache.compile(r"(?:本年)?收入合计")
_SPENDING_TOTAL = pattern_cache.compile(r"(?:本年)?支出合计")
_FISCAL_BASIC_OR_PROJECT = pattern_cache.compile(r"(?:一般公共预算)?财政拨款(?:基本|项目)支出")
_FISCAL_SPENDING = pattern_cache.compile(r"(?:一般公共预算)?财政拨款支出|一般公共预算支出")
_PERSONNEL_FUNDS = pattern_cache.compile(r"人员经费(?:支出)?")
_PUBLIC_FUNDS = pattern_cache.compile(r"公用经费(?:支出)?")
_OPERATING_FUNDS = pattern_cache.compile(r"机关运行经费(?:支出)?")
# Within 三公: a budget figure rather than an outturn, the vehicle subtotal, and 公务接待 split
# into domestic and foreign reception (no single 表九 cell).
_ENDS_WITH_BUDGET = pattern_cache.compile(r"预算(?:数|为|安排)?$")
_VEHICLE_SUBTOTAL = pattern_cache.compile(r"公务用车购置及运行|公车购置及")
_RECEPTION_KINDS = pattern_cache.compile(r"国内|外事|外宾")

# The 类 a narrative label may name (never 223: ``quantity_for`` reads 国有资本经营预算 as 表八).
CLASS_NAMES: dict[str, str] = {
    code: name for code, name in FUNCTION_CLASSES.items() if code != "223"
}

_ENUM = pattern_cache.compile(
    r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．）)])+"
)
_YEAR = pattern_cache.compile(
    r"^(?:截至|截止)?\d{4}年(?:度|末|底)?(?:\d{1,2}月(?:\d{1,2}日)?)?[，,]?"
)
_LEAD_WORDS = pattern_cache.compile(
    r"^(?:其中[：:，,]?|主要包括[：:]?|包括[：:]?|主要用于以下方面[：:]?|具体情况如下[：:]?|同比|"
    r"本部门|本单位|我部门|我单位|我局|全年|本年度?|开支|[，,；;：:、]|和|及)+"
)
_TAIL_WORDS = pattern_cache.compile(
    r"(?:均为|各为|合计为|共计|总额为|为|是|达到?|约|共|各|总计为)$"
)
_VERBS = pattern_cache.compile(r"(?:开支|实现支出|决算数?为?|执行数为?|实际支出数?为?)$")
_KEY_DROP = pattern_cache.compile(
    r"本年|年度|全年|决算|数|的|“|”|\"|（类）|（款）|（项）|\(类\)|\(款\)|\(项\)"
)


@lru_cache(maxsize=8192)
def clean_label(text: str) -> str:
    """The label in ``text`` (the words just before a figure), without ordinals, years, verbs."""
    label = text.strip("，,；;：:、。 ")
    for _ in range(3):
        before = label
        label = _ENUM.sub("", label)
        label = _YEAR.sub("", label)
        label = _LEAD_WORDS.sub("", label)
        label = _TAIL_WORDS.sub("", label)
        if label == before:
            break
    return label.strip("，,；;：:、。 ")


@lru_cache(maxsize=8192)
def subject_label(label: str) -> str:
    """A label without the outturn verbs (``因公出国（境）费支出决算为`` → ``因公出国（境）费``)."""
    return clean_label(_VERBS.sub("", label))


@lru_cache(maxsize=8192)
def match_key(label: str) -> str:
    """A label reduced for comparison (``本年支出合计`` ~ ``支出合计``)."""
    return _KEY_DROP.sub("", label)


def labels_match(a: str, b: str) -> bool:
    """Whether two labels name the same quantity (one key contains the other)."""
    ka, kb = match_key(a), match_key(b)
    if not ka or not kb:
        return False
    return ka in kb or kb in ka


# --- classification names in the text: 社会保障和就业支出（类）…（款）…（项） -----------------

_CLASS_PATH = pattern_cache.compile(
    r"(?P<lei>[^（()）]{2,24}?)[（(]类[）)](?:(?P<kuan>[^（()）]{1,30}?)[（(]款[）)])?"
    r"(?:(?P<xiang>[^（()）]{1,40}?)[（(]项[）)])?"
)


class ClassPath(NamedTuple):
    """A 功能分类 path named in the text."""

    lei: str
    kuan: str | None
    xiang: str | None
    lei_code: str | None


def class_code(name: str) -> str | None:
    """The 类 code for a 类 name (``社会保障和就业支出`` → ``208``)."""
    key = _CLASS_NAME_SUFFIX.sub("", name)
    for code, class_name in CLASS_NAMES.items():
        if class_name == key or (len(key) >= 3 and class_name.startswith(key)):
            return code
    return None


def class_path(text: str) -> ClassPath | None:
    """The 类/款/项 path written in ``text``, if any."""
    m = _CLASS_PATH.search(text)
    if not m:
        return None
    lei = _ENUM.sub("", m.group("lei")).strip("，,。：: ")
    return ClassPath(lei, m.group("kuan"), m.group("xiang"), class_code(lei))


def class_of_label(label: str) -> str | None:
    """The 类 code a structure label names (``卫生健康（类）支出``, ``住房保障支出``)."""
    if "（项）" in label or "(项)" in label or "（款）" in label:
        return None
    key = _CLASS_LABEL_SUFFIX.sub("", label)
    key = key.removesuffix("支出")
    for code, class_name in CLASS_NAMES.items():
        if key == class_name:
            return code
    return None


# --- label → table quantity --------------------------------------------------------------------

_GENERAL_BUDGET = "一般公共预算"


class LabelContext(NamedTuple):
    """Where a label was read: its section titles (outer to inner) and the heading of its item."""

    sections: tuple[str, ...] = ()
    item: str | None = None

    def in_section(self, word: str) -> bool:
        """Whether any enclosing section title contains ``word``."""
        return any(word in title for title in self.sections)


_INCOME_SOURCES = (
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
_T06_ITEMS = pattern_cache.compile(
    r"^(?:基本工资|津贴补贴|奖金|伙食补助费|绩效工资|机关事业单位基本养老保险缴费|职业年金缴费|职工基本医疗保险缴费|"
    r"公务员医疗补助缴费|其他社会保障缴费|住房公积金|其他工资福利支出|办公费|印刷费|咨询费|手续费|"
    r"水费|电费|邮电费|取暖费|物业管理费|差旅费|维修（护）费|租赁费|培训费|专用材料费|劳务费|"
    r"委托业务费|工会经费|福利费|其他交通费用|其他商品和服务支出|退休费|生活补助|医疗费补助|奖励金)$"
)


@lru_cache(maxsize=8192)
def quantity_for(label: str, context: LabelContext) -> Quantity | None:
    """The table quantity a narrative label stands for, or ``None`` when none fits.

    Cached: a pure function of its arguments, and a ``Quantity`` is frozen (labels repeat).
    """
    text = label.replace("“", "").replace("”", "").replace('"', "")
    if not text:
        return None
    in_3gong = "三公" in text or context.in_section("三公")
    if in_3gong and ("三公" in text or _SANGONG_ITEMS.search(text)):
        return _three_public(text)
    found = _total_or_income(text, context)
    if found is not None:
        return found
    other_fund = context.in_section("政府性基金") or context.in_section("国有资本")
    if other_fund and ("结转" in text or "结余" in text or "收入" in text):
        return None  # 表七/表八 have no such rows
    for read in (_balance, _spending, _funds_and_classes):
        found = read(text, label, context)
        if found is not None:
            return found
    return None


def _total_or_income(text: str, context: LabelContext) -> Quantity | None:
    """Totals of 表一/表三/表四 and the income rows of 表一/表二."""
    if _GRAND_TOTAL.search(text):
        if "财政拨款" in text:
            side = "spending" if "支出总计" in text and "收入" not in text else "income"
            column = "金额" if side == "income" else "合计"
            return Quantity(
                table=TableRole.T04, column=column, name="表四 总计", row="总计", side=side
            )
        rest = text.replace("支出总计", "")
        side = "spending" if "支出总计" in text and "收" not in rest else "income"
        return Quantity(table=TableRole.T01, column="金额", name="表一 总计", row="总计", side=side)
    if _INCOME_TOTAL.fullmatch(text):
        return Quantity(
            table=TableRole.T01,
            column="金额",
            name="表一 本年收入合计",
            row="本年收入合计",
            side="income",
        )
    if _SPENDING_TOTAL.fullmatch(text):
        return Quantity(table=TableRole.T03, column="本年支出合计", name="表三 合计", row="合计")
    if text == "财政拨款收入" and not context.in_section("财政拨款收入支出"):
        name = "表二 合计 财政拨款收入"
        return Quantity(table=TableRole.T02, column="财政拨款收入", name=name, row="合计")
    if text == "一般公共预算财政拨款收入":
        return Quantity(
            table=TableRole.T01,
            column="金额",
            name="表一 一般公共预算财政拨款收入",
            row="一般公共预算财政拨款收入",
            side="income",
        )
    if text in _INCOME_SOURCES:
        return Quantity(table=TableRole.T02, column=text, name=f"表二 合计 {text}", row="合计")
    return None


def _balance(text: str, label: str, context: LabelContext) -> Quantity | None:
    """The carried-over balances of 表一 (年初/年末结转和结余)."""
    if text in ("年初结转和结余", "上年结转和结余"):
        return Quantity(
            table=TableRole.T01,
            column="金额",
            name="表一 年初结转和结余",
            row="年初结转和结余",
            side="income",
        )
    if text == "年末结转和结余":
        return Quantity(
            table=TableRole.T01,
            column="金额",
            name="表一 年末结转和结余",
            row="年末结转和结余",
            side="spending",
        )
    return None


def _in_general_budget(text: str, context: LabelContext) -> bool:
    """Whether the label is about the 一般公共预算 (by its words or its section)."""
    return _GENERAL_BUDGET in text or (
        context.in_section(_GENERAL_BUDGET) and not context.in_section("政府性基金")
    )


def _spending(text: str, label: str, context: LabelContext) -> Quantity | None:
    """基本/项目支出 (表三, 表五, 表七, 表八), 财政拨款支出 (表五) and 人员/公用经费 (表六)."""
    general = _in_general_budget(text, context)
    basic_or_project = text in ("基本支出", "项目支出")
    for word, role, table_name in (
        ("政府性基金", TableRole.T07, "表七"),
        ("国有资本", TableRole.T08, "表八"),
    ):
        if basic_or_project and (word in label or context.in_section(word)):
            return Quantity(table=role, column=text, name=f"{table_name} 合计 {text}", row="合计")
    if basic_or_project and not general:
        return Quantity(table=TableRole.T03, column=text, name=f"表三 合计 {text}", row="合计")
    if _FISCAL_BASIC_OR_PROJECT.fullmatch(text) or (basic_or_project and general):
        column = "基本支出" if "基本" in text else "项目支出"
        return Quantity(table=TableRole.T05, column=column, name=f"表五 合计 {column}", row="合计")
    if _FISCAL_SPENDING.fullmatch(text) and general:
        return Quantity(table=TableRole.T05, column="小计", name="表五 合计", row="合计")
    if _PERSONNEL_FUNDS.fullmatch(text):
        name, row = "表六 人员经费合计", "人员经费合计"
        return Quantity(table=TableRole.T06, column="决算数", name=name, row=row)
    if _PUBLIC_FUNDS.fullmatch(text) or _OPERATING_FUNDS.fullmatch(text):
        name, row = "表六 公用经费合计", "公用经费合计"
        return Quantity(table=TableRole.T06, column="决算数", name=name, row=row)
    return None


def _funds_and_classes(text: str, label: str, context: LabelContext) -> Quantity | None:
    """表七/表八 spending, a 功能分类 类 or 项 (表五, 表一) and the 表六 items."""
    if "政府性基金" in text and text.endswith("支出") and "基本" not in text and "项目" not in text:
        name = "表七 合计 本年支出"
        return Quantity(table=TableRole.T07, column="本年支出小计", name=name, row="合计")
    if "国有资本经营" in text and text.endswith("支出") and "基本" not in text:
        return Quantity(table=TableRole.T08, column="合计", name="表八 合计", row="合计")
    path = class_path(context.item or "") or class_path(text)
    if path is not None and path.xiang:
        name = f"表五 {path.lei}（类）{path.xiang}（项）"
        return Quantity(
            table=TableRole.T05, column="小计", name=name, code=path.lei_code, row=path.xiang
        )
    code = class_of_label(text)
    if code is not None:
        if _in_general_budget(text, context):
            name = f"表五 类 {code}"
            return Quantity(
                table=TableRole.T05, column="小计", name=name, code=code, aggregate=True
            )
        return Quantity(
            table=TableRole.T01,
            column="金额",
            name=f"表一 类 {code}",
            code=code,
            side="spending",
            aggregate=True,
        )
    if (_T06_ITEMS.match(text) and context.in_section("基本支出")) or text == "培训费":
        return Quantity(table=TableRole.T06, column="决算数", name=f"表六 {text}", row=text)
    return None


def _three_public(text: str) -> Quantity | None:
    prefix = "预算数" if _ENDS_WITH_BUDGET.search(text) else "决算数"
    if "因公出国" in text:
        item = "因公出国（境）费"
    elif _VEHICLE_SUBTOTAL.search(text):
        item = "公务用车购置及运行维护费小计"
    elif "公务用车购置" in text:
        item = "公务用车购置费"
    elif "公务用车运行" in text:
        item = "公务用车运行维护费"
    elif "公务接待" in text:
        if _RECEPTION_KINDS.search(text):
            return None
        item = "公务接待费"
    elif "三公" in text:
        item = "合计"
    else:
        return None
    return Quantity(table=TableRole.T09, column=prefix + item, name=f"表九 {prefix}{item}")


def table_usable(table: Table | None) -> bool:
    """A table with figures to compare against."""
    return table is not None and table.status is TableStatus.DATA and bool(table.rows)
