"""A classification code printed over 类 / 款 / 项 columns is the row's code, never figures.

The PDFs (``tests/fixtures/layouts/code_columns.py``) reproduce the layouts of real reports:
three code columns under a 类/款/项 header row, the 类/款/项 header on the 合计 row, no such
header at all, a one-cell ``201 06 01``, the code and name one piece in an unruled table, and
表六's 类 | 款 columns in both blocks. The text grids below check the same on tab- and
space-separated text.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from msgspec.structs import replace

from fa_tui.ingest import read_report
from fa_tui.model import Finding, Report, RowKind, Table
from fa_tui.parse.tables.coded import build_coded
from fa_tui.parse.tables.codes import CodeColumns, CodeJoiner, find_code_columns
from fa_tui.parse.tables.generic import build_generic
from fa_tui.parse.tables.grid import split_code
from fa_tui.parse.tables.layout import GridLine, layout
from fa_tui.pipeline import analyse
from fa_tui.schema.national import T03, T05

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COLUMNS = FIXTURES / "code-columns.pdf"
CELLS = FIXTURES / "code-cells.pdf"


@cache
def _analysed(path: Path) -> tuple[Report, list[Finding]]:
    return analyse(read_report(path))


def _table(path: Path, role: str) -> Table:
    table = _analysed(path)[0].table(role)
    assert table is not None
    return table


def _figure(table: Table, code: str | None, key: str) -> Decimal | None:
    row = table.find_row(code=code) if code else table.find_row(name="合计")
    assert row is not None, code
    amount = row.value(key)
    assert amount is not None, (code, key)
    return amount.value


def _grid(*lines: str) -> list[GridLine]:
    return layout(list(enumerate(lines, start=1)))


# --- the PDFs -------------------------------------------------------------------------------


def test_three_code_columns_under_a_header_row_make_one_code() -> None:
    table = _table(COLUMNS, "公开03表")
    assert [(r.code, r.name, r.kind, r.level, r.parent) for r in table.rows] == [
        (None, "合计", RowKind.TOTAL, None, None),
        ("201", "一般公共服务支出", RowKind.ITEM, 1, None),
        ("20106", "财政事务", RowKind.ITEM, 2, "201"),
        ("2010601", "行政运行", RowKind.ITEM, 3, "20106"),
        ("2010602", "一般行政管理事务", RowKind.ITEM, 3, "20106"),
        ("208", "社会保障和就业支出", RowKind.ITEM, 1, None),
        ("20805", "行政事业单位养老支出", RowKind.ITEM, 2, "208"),
        ("2080505", "机关事业单位养老保险缴费", RowKind.ITEM, 3, "20805"),
    ]
    assert _figure(table, "2010601", "本年支出合计") == Decimal("1511.90")
    assert _figure(table, "2010601", "基本支出") == Decimal("1490.10")
    assert _figure(table, "2010601", "项目支出") == Decimal("21.80")
    assert _figure(table, "2010601", "上缴上级支出") is None
    assert _figure(table, "2010602", "基本支出") is None
    assert _figure(table, "2010602", "项目支出") == Decimal("108.20")
    assert _figure(table, None, "本年支出合计") == Decimal("1650.10")
    assert _figure(table, "20805", "基本支出") == Decimal("30.00")


def test_the_code_keeps_the_span_of_the_cells_it_was_printed_in() -> None:
    report, _ = _analysed(COLUMNS)
    table = _table(COLUMNS, "公开03表")
    spans = {r.code: r.code_span for r in table.rows if r.code}
    for code, printed in (("201", "201"), ("20106", "201\t06"), ("2010601", "201\t06\t01")):
        span = spans[code]
        assert span is not None
        assert report.source.slice(span) == printed
    row = table.find_row(code="2010601")
    assert row is not None and row.name_span is not None
    assert report.source.slice(row.name_span) == "行政运行"
    amount = row.value("项目支出")
    assert amount is not None and report.source.slice(amount.span) == "21.80"


def test_the_level_header_printed_on_the_total_row_is_no_row_of_its_own() -> None:
    table = _table(COLUMNS, "公开02表")
    assert [r.code for r in table.rows] == [
        None, "201", "20106", "2010601", "2010602", "208", "20805", "2080505",
    ]  # fmt: skip
    total = table.rows[0]
    assert (total.name, total.kind) == ("合计", RowKind.TOTAL)
    assert _figure(table, None, "本年收入合计") == Decimal("1656.30")
    assert _figure(table, None, "财政拨款收入") == Decimal("1650.10")
    assert _figure(table, None, "其他收入") == Decimal("6.20")
    assert _figure(table, "2010601", "其他收入") == Decimal("0.01")
    assert _figure(table, "2010602", "本年收入合计") == Decimal("114.39")


def test_code_columns_without_a_level_header_are_found_by_their_shape() -> None:
    table = _table(COLUMNS, "公开08表")
    assert [(r.code, r.name) for r in table.rows] == [
        ("223", "国有资本经营预算支出"),
        ("22301", "改革成本支出"),
        ("2230102", "国有企业改革成本支出"),
        ("2230199", "其他改革成本支出"),
        (None, "合计"),  # printed in the 类 column
    ]
    assert _figure(table, "2230199", "合计") == Decimal("5.00")
    assert _figure(table, "2230199", "基本支出") is None
    assert _figure(table, "2230199", "项目支出") == Decimal("5.00")
    assert _figure(table, None, "基本支出") == Decimal("40.00")


def test_a_code_in_one_cell_with_blanks() -> None:
    report, _ = _analysed(CELLS)
    table = _table(CELLS, "公开05表")
    assert [r.code for r in table.rows] == ["201", "20106", "2010601", "2010602", None]
    row = table.find_row(code="2010601")
    assert row is not None and row.code_span is not None
    assert report.source.slice(row.code_span) == "201 06 01"
    assert _figure(table, "2010601", "小计") == Decimal("1511.90")
    assert _figure(table, "2010602", "项目支出") == Decimal("108.20")


def test_the_code_and_the_name_in_one_piece_of_an_unruled_table() -> None:
    report, _ = _analysed(CELLS)
    table = _table(CELLS, "公开07表")
    assert [(r.code, r.name) for r in table.rows] == [
        (None, "合计"),
        ("212", "城乡社区支出"),
        ("21208", "土地出让收入安排的支出"),
        ("2120804", "土地开发支出"),
        ("2120899", "其他土地出让支出"),
    ]
    row = table.find_row(code="2120804")
    assert row is not None and row.code_span is not None and row.name_span is not None
    assert report.source.slice(row.code_span) == "212 08 04"
    assert report.source.slice(row.name_span) == "土地开发支出"
    assert _figure(table, "2120804", "基本支出") == Decimal("3.00")
    assert _figure(table, "2120899", "年初结转和结余") is None


def test_economic_class_and_item_columns_in_both_blocks() -> None:
    table = _table(CELLS, "公开06表")
    got = [(r.side, r.code, r.name, r.level, r.value("决算数")) for r in table.rows]
    assert [(s, c, n, lv, a.value if a else None) for s, c, n, lv, a in got] == [
        ("人员经费", "301", "工资福利支出", 1, Decimal("1400.10")),
        ("人员经费", "30101", "基本工资", 2, Decimal("600.00")),
        ("人员经费", "30102", "津贴补贴", 2, Decimal("800.10")),
        ("人员经费", "303", "对个人和家庭的补助", 1, Decimal("10.00")),
        ("人员经费", "30302", "退休费", 2, Decimal("10.00")),
        ("公用经费", "302", "商品和服务支出", 1, Decimal("50.00")),
        ("公用经费", "30201", "办公费", 2, Decimal("20.00")),
        ("公用经费", "30211", "差旅费", 2, Decimal("30.00")),
        ("公用经费", "310", "资本性支出", 1, Decimal("30.00")),
        ("公用经费", "31002", "办公设备购置", 2, Decimal("30.00")),
        ("人员经费", None, "人员经费合计", None, Decimal("1410.10")),
        ("公用经费", None, "公用经费合计", None, Decimal("80.00")),
    ]


def test_no_code_is_added_up_as_money() -> None:
    # Only the parts and tables these PDFs leave out are reported: no arithmetic finding.
    for path in (COLUMNS, CELLS):
        _, findings = _analysed(path)
        assert [f.code for f in findings if not f.code.startswith("FA1")] == []


def test_a_wrong_figure_beside_code_columns_is_found_at_its_row() -> None:
    source = read_report(COLUMNS)
    number = source.lines.index("201\t06\t01\t行政运行\t1,511.90\t1,490.10\t21.80\t\t\t") + 1
    lines = list(source.lines)
    lines[number - 1] = lines[number - 1].replace("21.80", "21.70")
    report, findings = analyse(replace(source, lines=tuple(lines)))
    # It breaks its row (FA204) and its 款's sum (FA205) by the same amount: one finding, at it.
    (wrong,) = [f for f in findings if f.code.startswith("FA2")]
    assert wrong.code == "FA204"
    assert wrong.span is not None and wrong.span.line == number
    assert report.source.slice(wrong.span) == "21.70"
    assert "很可能就是这个数错了（应为 21.80）" in wrong.message
    assert "表三“2010601 行政运行”本年支出合计为 1511.90，分栏之和为 1511.80" in wrong.message


# --- text grids -----------------------------------------------------------------------------

T03_HEADER = (
    "项目\t\t\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出"
)


def test_code_columns_by_header_and_by_shape() -> None:
    rows = (
        "201\t\t\t一般公共服务支出\t5.00",
        "201\t06\t\t财政事务\t5.00",
        "201\t06\t01\t行政运行\t5.00",
    )
    assert find_code_columns(_grid("类\t款\t项\t科目名称\t合计", *rows)) == CodeColumns(
        ((0, 1, 2),)
    )
    assert find_code_columns(_grid(*rows)) == CodeColumns(((0, 1, 2),))
    # 类 and 款 only (表六), two blocks on one line
    economic = _grid("类\t款\t\t\t类\t款\t\t", "301\t01\t基本工资\t1.00\t302\t01\t办公费\t2.00")
    assert find_code_columns(economic) == CodeColumns(((0, 1), (4, 5)))


def test_columns_that_only_look_like_codes_are_figures() -> None:
    # One code column: the codes are whole (3, 5, 7 digits), the next column is the name.
    assert find_code_columns(_grid("201\t一般公共服务支出\t5.00", "20106\t财政事务\t5.00")) == (
        CodeColumns()
    )
    # 行次 numbers after a name, and small figures after a 3-digit code, are no code parts.
    assert find_code_columns(
        _grid("\t10\t\t十、节能环保支出\t41\t0.00", "\t11\t\t十一\t42\t0.00")
    ) == (CodeColumns())
    assert find_code_columns(_grid("201\t12\t3.00", "208\t15\t4.00")) == CodeColumns()
    # A 类/款 header over a column holding figures is no code header.
    assert find_code_columns(_grid("类\t款\t名称", "201\t1.50\t一般", "208\t2.50\t社保")) == (
        CodeColumns()
    )


def test_the_joiner_reads_subtotal_rows_and_keeps_broken_codes_as_printed() -> None:
    joiner = CodeJoiner((0, 1, 2))
    lines = _grid(
        "201\t\t\t一般公共服务支出\t5.00",
        "201\t06\t\t财政事务\t5.00",
        "\t06\t01\t行政运行\t5.00",  # no 类: no code
        "201\t\t01\t行政运行\t5.00",  # a 项 under an empty 款: no code
        "合计\t\t\t\t5.00",
        "2010601\t\t\t行政运行\t5.00",  # a whole code in the 类 column
        "类\t款\t项\t合计\t5.00",
    )
    joined = [joiner.join(line) for line in lines]
    assert [j.code for j in joined] == ["201", "20106", None, None, None, None, None]
    assert [[c.text for c in j.orphans] for j in joined][2:4] == [["06", "01"], ["201", "01"]]
    assert [[c.text for c in j.texts] for j in joined][4:] == [["合计"], ["2010601"], []]


def test_broken_code_parts_stay_before_the_name_and_the_whole_code_is_read() -> None:
    grid = _grid(
        T03_HEADER,
        "类\t款\t项\t合计\t15.00\t15.00\t\t\t\t",
        "201\t\t\t一般公共服务支出\t15.00\t15.00\t\t\t\t",
        "\t06\t\t财政事务\t10.00\t10.00\t\t\t\t",
        "2010601\t\t\t行政运行\t5.00\t5.00\t\t\t\t",
    )
    rows = build_coded(grid, T03, "万元", tabbed=True)
    assert [(r.code, r.name) for r in rows] == [
        (None, "合计"),
        ("201", "一般公共服务支出"),
        (None, "06 财政事务"),
        ("2010601", "行政运行"),
    ]
    assert rows[2].name_span is not None
    assert grid[3].raw[rows[2].name_span.column - 1 : rows[2].name_span.end_column - 1] == (
        "06\t\t财政事务"
    )
    assert [r.value("本年支出合计").value for r in rows] == [  # type: ignore[union-attr]
        Decimal("15.00"), Decimal("15.00"), Decimal("10.00"), Decimal("5.00"),
    ]  # fmt: skip


def _spaced(*fields: str) -> str:
    """A space-laid-out line: three code columns, the name, three right-aligned figures."""
    widths = (5, 5, 5, 12)
    text = "".join(f.ljust(w) for f, w in zip(fields[:4], widths, strict=True))
    return text + "".join(f.rjust(12) for f in fields[4:])


def test_code_columns_of_space_laid_out_text() -> None:
    grid = _grid(
        _spaced("", "", "", "", "合计", "基本支出", "项目支出"),
        _spaced("类", "款", "项", "合计", "1,620.10", "1,490.10", "130.00"),
        _spaced("201", "", "", "一般公共服务支出", "1,620.10", "1,490.10", "130.00"),
        _spaced("201", "06", "", "财政事务", "1,620.10", "1,490.10", "130.00"),
        _spaced("201", "06", "01", "行政运行", "1,511.90", "1,490.10", "21.80"),
        _spaced("201", "06", "02", "一般行政管理事务", "108.20", "", "108.20"),
    )
    assert find_code_columns(grid) == CodeColumns(((0, 1, 2),))
    rows = build_coded(grid, T05, "万元", tabbed=False)
    assert [(r.code, r.name) for r in rows] == [
        (None, "合计"),
        ("201", "一般公共服务支出"),
        ("20106", "财政事务"),
        ("2010601", "行政运行"),
        ("2010602", "一般行政管理事务"),
    ]
    cells = {k: a.value for k, a in rows[4].cells.items()}
    assert cells == {"小计": Decimal("108.20"), "基本支出": None, "项目支出": Decimal("108.20")}


def test_other_tables_take_the_code_from_code_columns_too() -> None:
    grid = _grid(
        "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出",
        "类\t款\t项\t\t\t",
        "204\t\t\t公共安全支出\t87.00\t16.00",
        "204\t06\t\t司法\t87.00\t16.00",
        "204\t06\t01\t行政运行\t16.00\t16.00",
    )
    columns, rows = build_generic(grid, "元")
    assert columns == ["合计", "基本支出"]
    assert [(r.code, r.name) for r in rows] == [
        ("204", "公共安全支出"),
        ("20406", "司法"),
        ("2040601", "行政运行"),
    ]


def test_split_code_reads_a_code_with_blanks_before_the_name() -> None:
    assert split_code("201 06 01 行政运行") == ("2010601", 0, 9, "行政运行", 10)
    assert split_code("201 06 01行政运行") == ("2010601", 0, 9, "行政运行", 9)
    assert split_code("201 06") == ("20106", 0, 6, "", 6)
    assert split_code("2010601机关") == ("2010601", 0, 7, "机关", 7)
    assert split_code("201 2024年") is None
