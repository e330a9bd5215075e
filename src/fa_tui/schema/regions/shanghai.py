"""上海市's 部门决算 template (the 2024 blank template and the district reports built on it).

It prints 表九 (三公) seventh, and 表八 as 国有资本经营预算财政拨款收入支出决算表: with
表七's columns (年初结转和结余, 本年收入, 本年支出 小计/基本支出/项目支出, 年末结转和结余)
instead of the national 合计/基本支出/项目支出. The 本年支出 小计 column keeps the national key
``合计``, so that the rules comparing 表八 with 表四 and the narrative read the same figure.
"""

from __future__ import annotations

from msgspec.structs import replace

from fa_tui.schema.national import T01, T02, T03, T04, T05, T06, T07, T08, T09
from fa_tui.schema.spec import ColumnSum
from fa_tui.schema.templates import TemplateSet, register

T08_WITH_BALANCES = replace(
    T08,
    titles=("国有资本经营预算财政拨款收入支出决算表",),
    title="国有资本经营预算财政拨款收入支出决算表",
    columns=("年初结转和结余", "本年收入", "合计", "基本支出", "项目支出", "年末结转和结余"),
    column_sums=(ColumnSum("合计", ("基本支出", "项目支出")),),
)

SHANGHAI = register(
    TemplateSet(
        "shanghai",
        "上海市部门决算九张公开表（表八含结转结余）",
        (T01, T02, T03, T04, T05, T06, T09, T07, T08_WITH_BALANCES),
    ),
    detect=True,
)
