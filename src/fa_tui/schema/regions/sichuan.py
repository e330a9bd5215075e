"""四川省's 部门决算 template: thirteen tables (the 2023 reports built on it list them as 附表).

Besides the national nine it prints four detail tables: 财政拨款支出决算明细表,
一般公共预算财政拨款支出决算明细表, 一般公共预算财政拨款项目支出决算表 and
国有资本经营预算财政拨款收入支出决算表 (fifth, seventh, ninth and eleventh). Their columns vary
between editions of the template, so they are read by their headers (``Layout.GENERIC``) and no
identity is declared for them; the national nine keep their roles (the rules read them) and
take the template's numbers.
"""

from __future__ import annotations

from msgspec.structs import replace

from fa_tui.schema.national import T01, T02, T03, T04, T05, T06, T07, T08, T09
from fa_tui.schema.spec import Layout, TableSpec
from fa_tui.schema.templates import TemplateSet, register


def _detail(number: int, short: str, title: str) -> TableSpec:
    """A Sichuan detail table, read by its headers."""
    return TableSpec(
        id=f"四川{number:02d}表",
        number=number,
        short=short,
        title=title,
        titles=(title,),
        layout=Layout.GENERIC,
        columns=(),
    )


SC05 = _detail(5, "川表五", "财政拨款支出决算明细表")
SC07 = _detail(7, "川表七", "一般公共预算财政拨款支出决算明细表")
SC09 = _detail(9, "川表九", "一般公共预算财政拨款项目支出决算表")
SC11 = _detail(11, "川表十一", "国有资本经营预算财政拨款收入支出决算表")

SICHUAN = register(
    TemplateSet(
        "sichuan",
        "四川省部门决算十三张公开表",
        (
            T01,
            T02,
            T03,
            T04,
            SC05,
            replace(T05, number=6),
            SC07,
            replace(T06, number=8),
            SC09,
            replace(T07, number=10),
            SC11,
            replace(T08, number=12),
            replace(T09, number=13),
        ),
    ),
    detect=True,
)
