"""Table parsing on the real samples, on mutated copies and on space-laid-out copies."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from conftest import SAMPLES, sample_lines, sample_path
from hypothesis import given, settings
from hypothesis import strategies as st

from fa_tui.ingest import read_report
from fa_tui.model.report import Report
from fa_tui.model.source import SourceText
from fa_tui.model.tables import (
    INCOME,
    SPENDING,
    RowKind,
    Table,
    TableRole,
    TableStatus,
)
from fa_tui.parse.outline.parts import parse_outline
from fa_tui.parse.tables.build import parse_tables
from fa_tui.schema import NATIONAL, PERSONNEL, PUBLIC, template_named

D, E, T, M = TableStatus.DATA, TableStatus.EMPTY, TableStatus.TITLE_ONLY, TableStatus.MISSING
EXPECTED_STATUS = {
    "2022-liujiang": (D, D, D, D, D, D, E, E, D),
    "2024-liling": (D, D, D, D, D, D, E, E, E),
    "2023-yanbian": (T,) * 13,  # the Sichuan set
    "2024-panzhihua": (T,) * 9,
    "2024-lipu": (M,) * 9,
}


def parse_file(path: Path) -> Report:
    """Outline and tables of a file (the table stage alone, without the later stages)."""
    source = read_report(path)
    report = parse_outline(source)
    report.tables = parse_tables(source, report)
    return report


@cache
def sample(name: str) -> Report:
    return parse_file(sample_path(name))


def table(report: Report, role: TableRole) -> Table:
    found = report.table(role)
    assert found is not None
    return found


def values(tab: Table, *columns: str) -> list[tuple[str | None, str, tuple[str | None, ...]]]:
    """(code, name, printed figures) per row."""
    return [
        (
            r.code,
            r.name,
            tuple(None if r.cells[c].value is None else r.cells[c].text for c in columns),
        )
        for r in tab.rows
    ]


# -- statuses ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_status_of_all_nine_tables(name: str) -> None:
    report = sample(name)
    template = template_named(report.template)
    assert template.name == ("sichuan" if name == "2023-yanbian" else "national")
    standard = [t for t in report.tables if t.role is not TableRole.OTHER]
    assert [t.role for t in standard] == list(template.ids)
    assert tuple(t.status for t in standard) == EXPECTED_STATUS[name]
    for tab in standard:
        spec = template.spec(tab.role)
        assert spec is not None and tab.columns == list(spec.columns)
        if tab.status is TableStatus.MISSING:
            assert tab.span is None and not tab.rows
        else:
            assert tab.span is not None


def test_toc_entries_are_not_tables() -> None:
    for name in ("2024-liling", "2022-liujiang"):
        for tab in sample(name).tables:
            assert tab.span is not None
            assert tab.span.line > 70  # the 目录 lists every title before line 45


def test_title_only_tables_point_at_their_listing() -> None:
    yanbian = sample("2023-yanbian")
    source = read_report(sample_path("2023-yanbian"))
    t05 = table(yanbian, TableRole.T05)
    assert t05.title_span is not None
    assert source.slice(t05.title_span) == "一般公共预算财政拨款支出决算表"
    assert table(yanbian, TableRole.T08).title_span.line == 197  # not 十一's 收入支出 table
    panzhihua = table(sample("2024-panzhihua"), TableRole.T01)
    assert panzhihua.span is not None and panzhihua.span.line == 162
    assert panzhihua.note is not None and "见附件1" in panzhihua.note


# -- 2022-liujiang ----------------------------------------------------------------------------

LIUJIANG_T03 = [
    (None, "合计", ("953.20", "525.83", "427.37")),
    ("201", "一般公共服务支出", ("0.12", "0.00", "0.12")),
    ("20132", "组织事务", ("0.12", "0.00", "0.12")),
    ("2013202", "一般行政管理事务", ("0.12", "0.00", "0.12")),
    ("208", "社会保障和就业支出", ("299.05", "55.82", "243.23")),
    ("20805", "行政事业单位养老支出", ("52.93", "52.93", "0.00")),
    ("2080501", "行政单位离退休", ("1.30", "1.30", "0.00")),
    ("2080505", "机关事业单位基本养老保险缴费支出", ("43.71", "43.71", "0.00")),
    ("2080506", "机关事业单位职业年金缴费支出", ("7.92", "7.92", "0.00")),
    ("20811", "残疾人事业", ("2.90", "2.90", "0.00")),
    ("2081199", "其他残疾人事业支出", ("2.90", "2.90", "0.00")),
    ("20830", "财政代缴社会保险费支出", ("243.23", "0.00", "243.23")),
    ("2083099", "财政代缴其他社会保险费支出", ("243.23", "0.00", "243.23")),
    ("210", "卫生健康支出", ("627.68", "443.66", "184.03")),
    ("21011", "行政事业单位医疗", ("24.95", "24.95", "0.00")),
    ("2101101", "行政单位医疗", ("19.63", "19.63", "0.00")),
    ("2101103", "公务员医疗补助", ("5.31", "5.31", "0.00")),
    ("21013", "医疗救助", ("170.20", "0.00", "170.20")),
    ("2101301", "城乡医疗救助", ("168.91", "0.00", "168.91")),
    ("2101399", "其他医疗救助支出", ("1.29", "0.00", "1.29")),
    ("21015", "医疗保障管理事务", ("432.53", "418.71", "13.82")),
    ("2101501", "行政运行", ("344.33", "344.33", "0.00")),
    ("2101502", "一般行政管理事务", ("13.82", "0.00", "13.82")),
    ("2101550", "事业运行", ("74.38", "74.38", "0.00")),
    ("221", "住房保障支出", ("26.35", "26.35", "0.00")),
    ("22102", "住房改革支出", ("26.35", "26.35", "0.00")),
    ("2210201", "住房公积金", ("26.35", "26.35", "0.00")),
]


def test_liujiang_t03_every_row() -> None:
    t03 = table(sample("2022-liujiang"), TableRole.T03)
    assert t03.label == "公开03表" and t03.unit == "万元"
    assert t03.department == "柳州市柳江区医疗保障局"
    assert values(t03, "本年支出合计", "基本支出", "项目支出") == LIUJIANG_T03
    for row in t03.rows:
        for key in ("上缴上级支出", "经营支出", "对附属单位补助支出"):
            assert row.cells[key].value == Decimal("0.00")
        assert all(a.decimals == 2 and a.unit == "万元" for a in row.cells.values())
    total = t03.rows[0]
    assert total.kind is RowKind.TOTAL and total.code is None
    by_code = {r.code: r for r in t03.rows if r.code}
    assert (by_code["201"].level, by_code["201"].parent) == (1, None)
    assert (by_code["20132"].level, by_code["20132"].parent) == (2, "201")
    assert (by_code["2013202"].level, by_code["2013202"].parent) == (3, "20132")


def test_liujiang_t01_two_sides() -> None:
    t01 = table(sample("2022-liujiang"), TableRole.T01)
    income = t01.find_row(name="本年收入合计", side=INCOME)
    spending = t01.find_row(name="本年支出合计", side=SPENDING)
    assert income is not None and spending is not None
    assert income.cells["金额"].value == spending.cells["金额"].value == Decimal("953.20")
    assert income.kind is RowKind.TOTAL and income.line_no == "27"
    assert income.span.line == spending.span.line == 124
    assert income.span.end_column <= spending.span.column  # each side has its own span
    health = t01.find_row(name="卫生健康支出", side=SPENDING)
    assert health is not None and health.cells["金额"].text == "627.68"
    assert len([r for r in t01.rows if r.side == SPENDING and "、" in r.name]) == 26
    totals = [r for r in t01.rows if r.name == "总计"]
    assert [r.side for r in totals] == [INCOME, SPENDING]


def test_liujiang_t04_columns() -> None:
    t04 = table(sample("2022-liujiang"), TableRole.T04)
    row = t04.find_row(name="卫生健康支出", side=SPENDING)
    assert row is not None
    assert list(row.cells) == list(NATIONAL.spec(TableRole.T04).columns[1:])
    assert row.cells["合计"].text == "627.68"
    assert row.cells["一般公共预算财政拨款"].text == "627.68"
    assert row.cells["政府性基金预算财政拨款"].value == Decimal("0.00")
    income = t04.find_row(name="一般公共预算财政拨款", side=INCOME)
    assert income is not None and list(income.cells) == ["金额"]
    assert income.cells["金额"].text == "953.20"


def test_liujiang_t06_items_and_footers() -> None:
    t06 = table(sample("2022-liujiang"), TableRole.T06)
    personnel = t06.find_row(name="人员经费合计")
    public = t06.find_row(name="公用经费合计")
    assert personnel is not None and public is not None
    assert personnel.cells["决算数"].text == "480.64" and personnel.side == PERSONNEL
    assert public.cells["决算数"].text == "45.19" and public.side == PUBLIC
    assert personnel.kind is RowKind.TOTAL and public.kind is RowKind.TOTAL
    expected = {
        "301": ("479.31", PERSONNEL, 1, None),
        "30101": ("173.44", PERSONNEL, 2, "301"),
        "303": ("1.33", PERSONNEL, 1, None),
        "302": ("45.19", PUBLIC, 1, None),
        "30217": ("0.09", PUBLIC, 2, "302"),
        "30299": ("20.89", PUBLIC, 2, "302"),
        "310": ("0.00", PUBLIC, 1, None),
        "31013": ("0.00", PUBLIC, 2, "310"),
        "399": ("0.00", PUBLIC, 1, None),
    }
    for code, (text, side, level, parent) in expected.items():
        row = t06.find_row(code=code)
        assert row is not None, code
        assert (row.cells["决算数"].text, row.side, row.level, row.parent) == (
            text,
            side,
            level,
            parent,
        )
    codes = [r.code for r in t06.rows if r.code]
    assert len(codes) == len(set(codes)) == 81


def test_liujiang_t09_twelve_values() -> None:
    t09 = table(sample("2022-liujiang"), TableRole.T09)
    assert len(t09.rows) == 1
    row = t09.rows[0]
    assert list(row.cells) == list(NATIONAL.spec(TableRole.T09).columns)
    printed = ["0.09", "0.00", "0.00", "0.00", "0.00", "0.09"] * 2
    assert [row.cells[k].text for k in NATIONAL.spec(TableRole.T09).columns] == printed
    assert row.span.line == 393


@pytest.mark.parametrize("role", [TableRole.T07, TableRole.T08])
def test_liujiang_empty_tables_keep_their_notes(role: TableRole) -> None:
    tab = table(sample("2022-liujiang"), role)
    assert tab.status is TableStatus.EMPTY
    assert tab.note is not None and "故本表无数据" in tab.note
    assert tab.note_span is not None
    assert all(a.value is None for a in tab.amounts())
    assert tab.rows[0].kind is RowKind.TOTAL


def test_liujiang_other_table_is_generic() -> None:
    others = [t for t in sample("2022-liujiang").tables if t.role is TableRole.OTHER]
    assert [t.title for t in others] == ["2022年度部门整体绩效自评表"]
    total = others[0].find_row(name="合计")
    assert total is not None
    assert total.cells["年初预算数"].text == "3438.102"
    assert total.cells["预算执行率(%)"].is_percent
    assert others[0].id is None


# -- 2024-liling --------------------------------------------------------------------------------


def test_liling_labels_out_of_order_do_not_decide_the_role() -> None:
    report = sample("2024-liling")
    t02 = table(report, TableRole.T02)
    assert t02.title == "收入决算表" and t02.label == "公开03表"
    source = read_report(sample_path("2024-liling"))
    assert t02.label_span is not None and source.slice(t02.label_span) == "公开 03 表"
    assert table(report, TableRole.T03).label == "公开03表"
    assert table(report, TableRole.T01).unit == "万元"  # recorded, figures not rescaled
    total = table(report, TableRole.T01).find_row(name="总计", side=INCOME)
    assert total is not None and total.cells["金额"].value == Decimal("138366269.56")


def test_liling_split_digits_repaired_and_flagged() -> None:
    report = sample("2024-liling")
    t04 = table(report, TableRole.T04)
    health = t04.find_row(name="卫生健康支出", side=SPENDING)
    assert health is not None
    total = health.cells["合计"]
    assert total.value == Decimal("137500265.00") and total.repaired
    assert total.text == "137,500,26 5.00"
    assert not health.cells["一般公共预算财政拨款"].repaired
    spent = t04.find_row(name="本年支出合计", side=SPENDING)
    assert spent is not None
    assert spent.cells["合计"].value == Decimal("138307276.56") and spent.cells["合计"].repaired
    opening = t04.find_row(name="年初财政拨款结转和结余", side=INCOME)
    assert opening is not None and opening.cells["金额"].value == Decimal("0.00")
    assert opening.cells["金额"].repaired
    t05 = table(report, TableRole.T05)
    assert values(t05, "小计", "基本支出", "项目支出")[0] == (
        None,
        "合计",
        ("138, 307, 276. 56", "4, 344, 307. 72", "133, 962, 968. 84"),
    )
    first = t05.rows[0].cells["小计"]
    assert first.value == Decimal("138307276.56") and first.decimals == 2 and first.repaired
    assert all(a.repaired for a in t05.amounts() if a.value is not None)


def test_liling_t03_project_column() -> None:
    t03 = table(sample("2024-liling"), TableRole.T03)
    project = {r.code: r.cells["项目支出"] for r in t03.rows}
    assert project[None].value == Decimal("134021961.84")
    assert project["2019999"].value == Decimal("6333.40")
    assert project["2101599"].value == Decimal("893648.00")
    assert project["2101501"].value is None  # blank cell: no value, not zero
    assert t03.find_row(code="2101501").cells["基本支出"].value == Decimal("3384225.40")
    # rows listing only 项: the parent codes still come from the prefix
    row = t03.find_row(code="2101202")
    assert row is not None and (row.level, row.parent) == (3, "21012")


def test_liling_t06_and_empty_tables() -> None:
    report = sample("2024-liling")
    t06 = table(report, TableRole.T06)
    assert t06.find_row(name="人员经费合计").cells["决算数"].value == Decimal("3995723.38")
    assert t06.find_row(name="公用经费合计").cells["决算数"].value == Decimal("348584.34")
    assert t06.find_row(code="30109").cells["决算数"].value is None
    t09 = table(report, TableRole.T09)
    assert t09.status is TableStatus.EMPTY and not t09.rows
    assert t09.note is not None and t09.note.startswith("注：")
    t07 = table(report, TableRole.T07)
    assert t07.note is not None and "说明：我单位没有政府性基金收入" in t07.note


# -- spans and mutations ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
def test_every_cell_span_points_at_its_characters(name: str) -> None:
    source = read_report(sample_path(name))
    count = 0
    for tab in sample(name).tables:
        for row in tab.rows:
            for amount in row.cells.values():
                assert source.slice(amount.span) == amount.text
                count += amount.value is not None
            if row.code_span is not None:
                assert source.slice(row.code_span) == row.code
            if row.name_span is not None:
                assert source.slice(row.name_span) == row.name
    assert count > 100


def test_mutated_copy_parses_to_the_changed_value(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 197, "443.66", "443.67")
    report = parse_file(path)
    row = table(report, TableRole.T03).find_row(code="210")
    assert row is not None
    assert row.cells["基本支出"].value == Decimal("443.67")
    assert row.cells["本年支出合计"].value == Decimal("627.68")
    assert read_report(path).slice(row.cells["基本支出"].span) == "443.67"


def test_mutated_split_digits_are_flagged(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 393, "0.09", "0. 09")
    row = table(parse_file(path), TableRole.T09).rows[0]
    assert row.cells["预算数合计"].value == Decimal("0.09") and row.cells["预算数合计"].repaired
    assert not row.cells["决算数合计"].repaired


def test_wrong_label_is_kept_as_printed(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 263, "公开 05 表", "公开 07 表")
    report = parse_file(path)
    assert table(report, TableRole.T05).label == "公开07表"
    assert table(report, TableRole.T05).status is TableStatus.DATA


def test_unit_on_a_later_line() -> None:
    t01 = table(sample("2022-liujiang"), TableRole.T01)
    assert t01.unit == "万元" and t01.unit_span is not None
    source = read_report(sample_path("2022-liujiang"))
    assert t01.unit_span.line == 90 and source.slice(t01.unit_span) == "万元"


def test_repeated_header_and_blank_line_at_a_page_break(mutate: Callable[..., Path]) -> None:
    header = "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出"
    path = mutate("2022-liujiang", 197, "210\t", f"\n{header}\n栏次\t\t1\t2\t3\t4\t5\t6\n\n210\t")
    t03 = table(parse_file(path), TableRole.T03)
    assert values(t03, "本年支出合计", "基本支出", "项目支出") == LIUJIANG_T03


def test_columns_by_header_names_without_the_numbering_row(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 182, "栏次\t\t1\t2\t3\t4\t5\t6", "")
    t03 = table(parse_file(path), TableRole.T03)
    assert values(t03, "本年支出合计", "基本支出", "项目支出") == LIUJIANG_T03


def test_code_joined_to_its_name_or_split_by_a_blank(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 197, "210\t卫生健康支出\t", "210卫生健康支出\t\t")
    report = parse_file(path)
    row = table(report, TableRole.T03).find_row(code="210")
    assert row is not None and row.name == "卫生健康支出"
    assert row.cells["基本支出"].text == "443.66"
    assert read_report(path).slice(row.code_span) == "210"
    path = mutate("2022-liujiang", 199, "2101101\t", "21011 01\t")
    row = table(parse_file(path), TableRole.T03).find_row(code="2101101")
    assert row is not None and (row.level, row.parent, row.name) == (3, "21011", "行政单位医疗")


# -- space-laid-out copies ----------------------------------------------------------------------

_NUMERIC = re.compile(r"^[-\d,.% ]+$")


def space_layout(text: str, *, centre: bool = False, gutter: int = 3) -> str:
    """Re-lay every run of tab-separated lines out with spaces, as ``pdftotext -layout`` does.

    Columns get the width of their widest cell plus a gutter; figures are right-aligned, text
    left-aligned (or centred); empty cells become blanks.
    """
    lines = text.split("\n")
    out = list(lines)
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
            j += 1
        block = [k for k in range(i, j) if "\t" in lines[k]]
        rows = {k: [c.strip() for c in lines[k].split("\t")] for k in block}
        width: dict[int, int] = {}
        for cells in rows.values():
            for n, cell in enumerate(cells):
                width[n] = max(width.get(n, 0), len(cell))
        for k, cells in rows.items():
            parts = []
            for n, cell in enumerate(cells):
                numeric = bool(cell) and bool(_NUMERIC.match(cell))
                if numeric:
                    parts.append(cell.rjust(width[n]))
                else:
                    parts.append(cell.center(width[n]) if centre else cell.ljust(width[n]))
            out[k] = (" " * gutter).join(parts).rstrip()
        i = j
    return "\n".join(out)


def _figures(report: Report) -> list[tuple]:
    found = []
    for tab in report.tables:
        if tab.role is TableRole.OTHER:
            continue
        found.append((tab.role, tab.status, tab.label, tab.unit))
        for row in tab.rows:
            cells = tuple((k, a.value, a.decimals, a.repaired) for k, a in row.cells.items())
            found.append((row.code, row.name, row.side, row.kind, row.level, cells))
    return found


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
@pytest.mark.parametrize(("centre", "gutter"), [(False, 3), (True, 2)])
def test_space_laid_out_copy_gives_the_same_figures(
    name: str, centre: bool, gutter: int, tmp_path: Path
) -> None:
    text = sample_path(name).read_text(encoding="utf-8")
    copy = tmp_path / f"{name}-layout.txt"
    laid_out = space_layout(text, centre=centre, gutter=gutter)
    assert "\t" not in laid_out
    copy.write_text(laid_out, encoding="utf-8")
    report = parse_file(copy)
    assert _figures(report) == _figures(sample(name))
    source = read_report(copy)
    for tab in report.tables:
        for amount in tab.amounts():
            if amount.value is not None:
                assert source.slice(amount.span) == amount.text


# -- odd input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "支出决算表\n公开 03 表\n单位：万元\n项目\t\t本年支出合计\n科目代码\t科目名称\n合计\t\t1",
        "支出决算表\n\t\t\t\t\n201\t\t\t\t\t\t\t\t\t\t\t\t9" + "9" * 40 + ".5\n2",
        "一般公共预算财政拨款基本支出决算表\n人员经费合计\t\t\t\n301\n303\t\t\t\t\t",
        "收入支出决算总表\n栏次\t\t1\t栏次\t\t2\n\t\t\t\t\t\t\t\t\n总计\t1\t2\t\t3\t4\t5",
        "财政拨款“三公”经费支出决算表\n1\t2\t3\n0.1\t0.2\t0.3\t0.4\tx\n注：",
        "收入决算表\n合计  1,2 3  —  ４５６．７  **8**\n   \n说明：\n2. x",
        "表一：收入支出决算总表\n" + "\t" * 500,
    ],
)
def test_never_raises_on_odd_tables(body: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(body, encoding="utf-8")
    report = parse_file(path)
    assert len([t for t in report.tables if t.role is not TableRole.OTHER]) == 9


def test_parse_is_fast_enough() -> None:
    import time

    source: SourceText = read_report(sample_path("2024-liling"))
    start = time.perf_counter()
    for _ in range(5):
        parse_tables(source, None)
    assert (time.perf_counter() - start) / 5 < 0.5


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(list(sample_lines("2022-liujiang")[80:400])),
            st.sampled_from(list(sample_lines("2024-liling")[75:345])),
            st.text(alphabet="0123456789.,- \t合计栏次项目表注：万元", max_size=40),
        ),
        max_size=60,
    )
)
def test_never_raises_on_shuffled_table_lines(lines: list[str]) -> None:
    source = SourceText(path=Path("x.txt"), encoding="utf-8", lines=tuple(lines))
    tables = parse_tables(source, None)
    assert len([t for t in tables if t.role is not TableRole.OTHER]) == 9
    for tab in tables:
        for amount in tab.amounts():
            assert source.slice(amount.span) == amount.text
