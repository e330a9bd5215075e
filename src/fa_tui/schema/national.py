"""The nine national 公开表 (财预〔2016〕143号 and the 部门决算 templates built on it)."""

from __future__ import annotations

from enum import StrEnum

from fa_tui.schema.spec import Codes, ColumnSum, Layout, SideClasses, Sides, TableSpec


class TableRole(StrEnum):
    """The ids of the national tables (constants for the rules that read them), and ``OTHER``."""

    T01 = "公开01表"
    T02 = "公开02表"
    T03 = "公开03表"
    T04 = "公开04表"
    T05 = "公开05表"
    T06 = "公开06表"
    T07 = "公开07表"
    T08 = "公开08表"
    T09 = "公开09表"
    OTHER = "other"  # a table that is not one of the template's


PERSONNEL = "人员经费"
PUBLIC = "公用经费"

T01 = TableSpec(
    id=TableRole.T01,
    number=1,
    short="表一",
    title="收入支出决算总表",
    titles=("收入支出决算总表", "收支决算总表"),
    layout=Layout.TWO_SIDED,
    columns=("金额",),
    sides=Sides(income=("金额",), spending=("金额",)),
    rules=("FA201", "FA202", "FA203", "FA301", "FA302", "FA303", "FA309", "FA401", "FA402"),
)

T02 = TableSpec(
    id=TableRole.T02,
    number=2,
    short="表二",
    title="收入决算表",
    titles=("收入决算表",),
    layout=Layout.CODED,
    codes=Codes.FUNCTIONAL,
    columns=(
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ),
    column_sums=(
        ColumnSum(
            "本年收入合计",
            (
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ),
        ),
    ),
    hierarchy=True,
    rules=("FA204", "FA205", "FA301", "FA305", "FA402"),
)

T03 = TableSpec(
    id=TableRole.T03,
    number=3,
    short="表三",
    title="支出决算表",
    titles=("支出决算表",),
    layout=Layout.CODED,
    codes=Codes.FUNCTIONAL,
    columns=(
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ),
    column_sums=(
        ColumnSum(
            "本年支出合计",
            ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
        ),
    ),
    hierarchy=True,
    rules=("FA204", "FA205", "FA302", "FA305", "FA403"),
)

T04 = TableSpec(
    id=TableRole.T04,
    number=4,
    short="表四",
    title="财政拨款收入支出决算总表",
    titles=("财政拨款收入支出决算总表", "财政拨款收支决算总表"),
    layout=Layout.TWO_SIDED,
    columns=(
        "金额",
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ),
    sides=Sides(
        income=("金额",),
        spending=(
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ),
    ),
    rules=("FA206", "FA303", "FA304", "FA307", "FA309", "FA404"),
)

T05 = TableSpec(
    id=TableRole.T05,
    number=5,
    short="表五",
    title="一般公共预算财政拨款支出决算表",
    titles=("一般公共预算财政拨款支出决算表",),
    layout=Layout.CODED,
    codes=Codes.FUNCTIONAL,
    columns=("小计", "基本支出", "项目支出"),
    column_sums=(ColumnSum("小计", ("基本支出", "项目支出")),),
    hierarchy=True,
    rules=("FA204", "FA205", "FA304", "FA305", "FA306", "FA405", "FA406"),
)

T06 = TableSpec(
    id=TableRole.T06,
    number=6,
    short="表六",
    title="一般公共预算财政拨款基本支出决算表",
    titles=("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"),
    layout=Layout.ECONOMIC,
    codes=Codes.ECONOMIC,
    columns=("决算数",),
    side_classes=(
        SideClasses(PERSONNEL, ("301", "303")),
        SideClasses(PUBLIC, ("302", "307", "310", "399")),
    ),
    rules=("FA207", "FA306", "FA308", "FA310", "FA407", "FA409", "FA411"),
)

T07 = TableSpec(
    id=TableRole.T07,
    number=7,
    short="表七",
    title="政府性基金预算财政拨款收入支出决算表",
    titles=("政府性基金预算财政拨款收入支出决算表",),
    layout=Layout.CODED,
    codes=Codes.FUNCTIONAL,
    columns=(
        "年初结转和结余",
        "本年收入",
        "本年支出小计",
        "基本支出",
        "项目支出",
        "年末结转和结余",
    ),
    hierarchy=True,
    empty_topics=("政府性基金",),
    rules=("FA103", "FA205", "FA208", "FA307", "FA410"),
)

T08 = TableSpec(
    id=TableRole.T08,
    number=8,
    short="表八",
    title="国有资本经营预算财政拨款支出决算表",
    titles=("国有资本经营预算财政拨款支出决算表",),
    layout=Layout.CODED,
    codes=Codes.FUNCTIONAL,
    columns=("合计", "基本支出", "项目支出"),
    column_sums=(ColumnSum("合计", ("基本支出", "项目支出")),),
    hierarchy=True,
    empty_topics=("国有资本经营",),
    rules=("FA103", "FA204", "FA205", "FA307", "FA410"),
)

_THREE_PUBLIC_ITEMS = (
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费小计",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
)

T09 = TableSpec(
    id=TableRole.T09,
    number=9,
    short="表九",
    title="财政拨款“三公”经费支出决算表",
    titles=(
        "财政拨款三公经费支出决算表",
        "一般公共预算财政拨款三公经费支出决算表",
        # Templates that print 会议费 and 培训费 in the same table.
        "财政拨款三公经费及会议费、培训费支出决算表",
        "一般公共预算财政拨款三公经费及会议费、培训费支出决算表",
        "一般公共预算三公经费、会议费、培训费支出决算表",
        "一般公共预算财政拨款三公经费、会议费、培训费支出决算表",
        "财政拨款三公经费、会议费、培训费支出决算表",
    ),
    layout=Layout.SINGLE_ROW,
    columns=tuple(f"{kind}{item}" for kind in ("预算数", "决算数") for item in _THREE_PUBLIC_ITEMS),
    extra_columns=tuple(
        f"{kind}{item}" for kind in ("预算数", "决算数") for item in ("会议费", "培训费")
    ),
    row_synonyms=(
        ("三公经费合计", "合计"),
        ("三公经费支出合计", "合计"),
        ("支出合计", "合计"),
        ("因公出国（境）费用", "因公出国（境）费"),
        ("公务用车费", "公务用车购置及运行维护费小计"),
        ("公务用车购置及运行维护费", "公务用车购置及运行维护费小计"),
        ("公务用车购置", "公务用车购置费"),
    ),
    # 运行费 is what some templates print for 运行维护费 (公务用车购置及运行费 …).
    header_synonyms=(("运行维护费", "运行费"),),
    empty_topics=("三公",),
    rules=("FA103", "FA209", "FA308", "FA408"),
)

NATIONAL_TABLES: tuple[TableSpec, ...] = (T01, T02, T03, T04, T05, T06, T07, T08, T09)
