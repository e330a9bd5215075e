"""Tables read from a PDF's text layer saved as plain text, without ruling.

Three committed fixtures (``tests/fixtures/text_layers/``), written by hand in the forms the
text layer takes:

* ``raw-mode.txt`` (``pdftotext -raw``, a viewer's copy): cells separated by one blank, empty
  cells left out, names and figures wrapped onto the next lines, form feeds between pages;
* ``layout-mode.txt`` (``pdftotext -layout``): columns laid out by blanks, headers over
  several columns and lines, figures printed on a line of their own above their row, no 栏次;
* ``column-order.txt`` (``pdftotext``): the page read column by column, figures far from
  their labels;
* ``names-above.txt`` (a viewer's copy of a PDF whose name cells sit a little higher than
  their rows): each row's name on the line above its code and figures;
* ``names-centred.txt``: names and some figures on the line above the code, names of two lines
  centred on their row (one line above it, one below), a 类 row whose name is on its line;
* ``names-below.txt``: names on the code's line, wrapped onto the line below.

Placed figures are checked at their cells; figures that fit their columns in more than one
way are 未能确定栏目 (``Row.undetermined``), figures in no row make the table 无法读取, and no
arithmetic rule reads either.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from msgspec.structs import replace

from fa_tui.ingest import read_report
from fa_tui.model import Finding, Report, Row, Table, TableRole, TableStatus
from fa_tui.model.tables import INCOME, SPENDING
from fa_tui.parse.tables.placement import Figures, candidates
from fa_tui.parse.tables.unruled import build_unruled, is_unruled
from fa_tui.pipeline import analyse
from fa_tui.rules.report_index import determined
from fa_tui.schema import ColumnSum
from fa_tui.schema.national import T03, T05

HERE = Path(__file__).parent / "fixtures" / "text_layers"
RAW, LAYOUT, COLUMN = HERE / "raw-mode.txt", HERE / "layout-mode.txt", HERE / "column-order.txt"
NAMES_ABOVE = HERE / "names-above.txt"
NAMES_CENTRED, NAMES_BELOW = HERE / "names-centred.txt", HERE / "names-below.txt"
D = Decimal


def _checked(path: Path) -> tuple[Report, list[Finding]]:
    return analyse(read_report(path))


def _table(report: Report, role: TableRole) -> Table:
    found = report.table(role)
    assert found is not None
    return found


def _cells(row: Row) -> dict[str, Decimal | None]:
    return {k: a.value for k, a in row.cells.items()}


def _row(table: Table, code: str | None = None, name: str | None = None) -> Row:
    found = table.find_row(code=code, name=name)
    assert found is not None, (code, name)
    return found


T05_EXPECTED = {
    "201": (D("1620.10"), D("1490.10"), D("130.00")),
    "20106": (D("1620.10"), D("1490.10"), D("130.00")),
    "2010601": (D("1511.90"), D("1490.10"), D("21.80")),
    "2010602": (D("108.20"), None, D("108.20")),  # placed by the hierarchy: 基本 is full
    "208": (D("30.00"), D("30.00"), None),
    "20805": (D("30.00"), D("30.00"), None),
    "2080505": (D("30.00"), D("30.00"), None),
}


def _t05_figures(table: Table) -> dict[str | None, tuple[Decimal | None, ...]]:
    return {
        r.code or r.name: tuple(r.cells[k].value for k in T05.columns)
        for r in table.rows
        if not r.undetermined
    }


# -- raw mode: single blanks, empty cells dropped ------------------------------------------------


def test_form_feeds_are_page_breaks_and_never_in_titles() -> None:
    source = read_report(RAW)
    assert source.locations is not None
    pages = {loc.page for loc in source.locations}
    assert pages == set(range(1, 8))  # six form feeds
    report, _ = _checked(RAW)
    titles = [t.title for t in report.tables if t.title_span is not None]
    assert titles and all("\f" not in t for t in titles)
    t03 = _table(report, TableRole.T03)
    assert t03.title == "支出决算表"
    # The 款 row printed after a page break is the row of its own code.
    assert _row(t03, code="20805").span.line == 43


def test_a_form_feed_inside_a_line_starts_the_next_page_line(tmp_path: Path) -> None:
    """Pages saved without a newline between them (``"\\f".join`` of the pages' text): the
    page's last row and the next page's first line are one file line, read as two."""
    text = RAW.read_text(encoding="utf-8")
    assert "\n\f" in text
    glued = tmp_path / "glued.txt"
    glued.write_text(text.replace("\n\f", "\f"), encoding="utf-8")
    source, original = read_report(glued), read_report(RAW)
    assert source.lines == original.lines
    assert source.locations is not None and original.locations is not None
    feeds = text.count("\n\f")
    file_lines = [loc.file_line for loc in source.locations]
    assert file_lines[-1] == len(original.lines) - feeds
    assert [replace(loc, file_line=None) for loc in source.locations] == list(original.locations)
    first = next(n for n, line in enumerate(source.lines, start=1) if line.startswith("\f"))
    assert source.locations[first - 1].describe() == f"第 2 页第 1 行（文件第 {first - 1} 行）"
    report, findings = _checked(glued)
    expected, expected_findings = _checked(RAW)
    assert [t.title for t in report.tables] == [t.title for t in expected.tables]
    assert [(f.code, f.span) for f in findings] == [(f.code, f.span) for f in expected_findings]


def test_a_form_feed_with_nothing_after_it_splits_nothing(tmp_path: Path) -> None:
    path = tmp_path / "trailing.txt"
    path.write_text("第一页\f \n\f第二页\n", encoding="utf-8")
    source = read_report(path)
    assert source.lines == ("第一页\f ", "\f第二页")
    assert source.locations is not None
    assert [(loc.page, loc.page_line, loc.file_line) for loc in source.locations] == [
        (1, 1, None), (3, 1, None)
    ]  # fmt: skip


def test_raw_mode_t05_is_placed_by_the_identities_and_the_hierarchy() -> None:
    report, _ = _checked(RAW)
    t05 = _table(report, TableRole.T05)
    assert t05.status is TableStatus.DATA
    assert not any(r.undetermined for r in t05.rows)
    figures = _t05_figures(t05)
    assert {k: v for k, v in figures.items() if k in T05_EXPECTED} == T05_EXPECTED
    assert figures["合计"] == (D("1650.10"), D("1520.10"), D("130.00"))
    # A figure keeps its span: the printed characters.
    source = read_report(RAW)
    amount = _row(t05, code="2010602").cells["项目支出"]
    assert source.slice(amount.span) == "108.20"


def test_raw_mode_wrapped_names_and_figures_join_their_row() -> None:
    report, _ = _checked(RAW)
    t03 = _table(report, TableRole.T03)
    row = _row(t03, code="2080505")
    assert row.name == "机关事业单位基本养老保险缴费支出"
    assert [a.value for a in (*row.cells.values(), *row.unplaced)] == [D("30.00"), D("30.00")]
    # 行政运行's figures follow on two lines of their own.
    row = _row(t03, code="2010601")
    assert row.cells["本年支出合计"].value == D("1511.90")
    assert [a.value for a in row.unplaced] == [D("1490.10"), D("21.80")]


def test_raw_mode_rows_of_six_columns_are_undetermined_with_the_agreed_cell_placed() -> None:
    report, findings = _checked(RAW)
    t03 = _table(report, TableRole.T03)
    assert t03.status is TableStatus.DATA
    assert all(r.undetermined for r in t03.rows)
    total = _row(t03, name="合计")
    # Every placement puts the first figure in 本年支出合计; 基本 and 项目 look like 上缴上级 …
    assert _cells(total) == {"本年支出合计": D("1650.10")}
    assert [a.value for a in total.unplaced] == [D("1520.10"), D("130.00")]
    fa113 = [f for f in findings if f.code == "FA113"]
    assert len(fa113) == 1
    assert fa113[0].message.startswith("公开03表（支出决算表）有 8 行的数字未能确定栏目（合计、")
    assert fa113[0].span == total.span


def test_raw_mode_t01_labels_take_the_figures_after_them() -> None:
    report, _ = _checked(RAW)
    t01 = _table(report, TableRole.T01)
    got = [(r.side, r.name, r.cells["金额"].value) for r in t01.rows]
    assert got == [
        (INCOME, "一、一般公共预算财政拨款收入", D("1650.10")),
        (INCOME, "二、政府性基金预算财政拨款收入", None),
        (INCOME, "八、其他收入", None),
        (INCOME, "本年收入合计", D("1650.10")),
        (INCOME, "年初结转和结余", None),
        (INCOME, "总计", D("1650.10")),
        (SPENDING, "一、一般公共服务支出", D("1620.10")),
        (SPENDING, "二、外交支出", None),
        (SPENDING, "八、社会保障和就业支出", D("30.00")),
        (SPENDING, "本年支出合计", D("1650.10")),
        (SPENDING, "年末结转和结余", None),
        (SPENDING, "总计", D("1650.10")),
    ]


def test_raw_mode_t06_figures_in_no_row_make_it_unreadable_never_empty() -> None:
    report, findings = _checked(RAW)
    t06 = _table(report, TableRole.T06)
    assert t06.status is TableStatus.UNREADABLE
    assert t06.rows == []
    assert [(a.value, a.span.line) for a in t06.unplaced] == [
        (D("1490.10"), 71), (D("30.00"), 73), (D("1490.10"), 75), (D("30.00"), 77)
    ]  # fmt: skip
    fa114 = [f for f in findings if f.code == "FA114"]
    assert [f.message for f in fa114] == [
        "公开06表（一般公共预算财政拨款基本支出决算表）中的数字 “1,490.10”、“30.00”、"
        "“1,490.10”、“30.00”未能对应到表的行和栏，未参与核对"
    ]
    # Reported by FA114, so not again as a table that could not be read (FA102).
    assert not [f for f in findings if f.code == "FA102" and "公开06表" in f.message]


def test_raw_mode_has_no_arithmetic_finding() -> None:
    _, findings = _checked(RAW)
    assert [f for f in findings if f.code[:3] in ("FA2", "FA3", "FA4")] == []


def test_names_printed_above_their_rows_name_the_row_below() -> None:
    """The 类 rows tell the layout: the line above ``201`` names 一般公共服务 (the line below
    names its 款): every name goes with the row under it, a name wrapped onto the row's line
    continues it, and the header's words name no row."""
    report, findings = _checked(NAMES_ABOVE)
    t05 = _table(report, TableRole.T05)
    assert t05.status is TableStatus.DATA
    assert [(r.code, r.name) for r in t05.rows] == [
        (None, "合计"),
        ("201", "一般公共服务支出"),
        ("20106", "财政事务"),
        ("2010601", "行政运行"),
        ("2010602", "一般行政管理事务"),
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
    ]
    assert not any(r.undetermined for r in t05.rows)
    figures = _t05_figures(t05)
    assert {k: v for k, v in figures.items() if k in T05_EXPECTED} == T05_EXPECTED
    assert figures["合计"] == (D("1650.10"), D("1520.10"), D("130.00"))
    assert [f for f in findings if f.code[:3] in ("FA2", "FA3", "FA4")] == []


@pytest.mark.parametrize("path", [NAMES_CENTRED, NAMES_BELOW])
def test_names_centred_on_their_rows_or_wrapped_below_them(path: Path) -> None:
    report, findings = _checked(path)
    t05 = _table(report, TableRole.T05)
    assert [(r.code, r.name) for r in t05.rows] == [
        (None, "合计"),
        ("201", "一般公共服务支出"),
        ("20106", "财政事务"),
        ("2010601", "行政运行"),
        ("2010602", "一般行政管理事务"),
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
    ]
    assert not any(r.undetermined for r in t05.rows)
    figures = _t05_figures(t05)
    assert {k: v for k, v in figures.items() if k in T05_EXPECTED} == T05_EXPECTED
    assert figures["合计"] == (D("1650.10"), D("1520.10"), D("130.00"))
    assert [
        f for f in findings if f.code in ("FA113", "FA114") or f.code[:3] in ("FA2", "FA3")
    ] == []


# -- layout mode: columns by blanks, headers over several columns --------------------------------


def test_layout_mode_t05_figures_above_their_row_join_it() -> None:
    report, _ = _checked(LAYOUT)
    t05 = _table(report, TableRole.T05)
    assert t05.status is TableStatus.DATA
    assert not any(r.undetermined for r in t05.rows)
    figures = _t05_figures(t05)
    assert {k: v for k, v in figures.items() if k in T05_EXPECTED} == T05_EXPECTED
    assert figures["合计"] == (D("1650.10"), D("1520.10"), D("130.00"))
    assert _row(t05, code="2080505").name == "机关事业单位基本养老保险缴费支出"


def test_layout_mode_t04_places_only_what_is_certain() -> None:
    report, findings = _checked(LAYOUT)
    t04 = _table(report, TableRole.T04)
    income = {r.name: r for r in t04.rows if r.side == INCOME}
    # Its figure printed on the line above it: the label's figure is not said.
    assert income["一、一般公共预算财政拨款"].undetermined
    assert income["本年收入合计"].cells["金额"].value == D("1650.10")
    assert not income["本年收入合计"].undetermined
    spending = [r for r in t04.rows if r.side == SPENDING]
    # Two figures in four columns: nothing says which of 一般公共预算 … holds the second.
    assert spending and all(r.undetermined for r in spending)
    assert [a.value for a in spending[0].unplaced] == [D("1620.10"), D("1620.10")]
    assert [(a.value, a.span.line) for a in t04.unplaced] == [(D("1650.10"), 28)]
    assert [f for f in findings if f.code[:3] in ("FA2", "FA3", "FA4")] == []


# -- default pdftotext: column by column --------------------------------------------------------


def test_column_order_figures_far_from_their_labels_are_reported() -> None:
    report, findings = _checked(COLUMN)
    t05 = _table(report, TableRole.T05)
    assert t05.status is TableStatus.UNREADABLE
    assert t05.rows == []
    assert [a.value for a in t05.unplaced] == [
        D("1620.10"), D("1620.10"), D("1650.10"), D("1490.10"), D("1490.10"), D("1520.10")
    ]  # fmt: skip
    assert [f.code for f in findings if f.code in ("FA103", "FA113", "FA114")] == ["FA114"]


# -- the pieces ---------------------------------------------------------------------------------


def test_is_unruled_tells_single_blanks_from_layout_and_tabs() -> None:
    assert is_unruled(["201 一般公共服务支出 1.00 1.00", "合计 2.00 2.00"])
    assert not is_unruled(["201  一般公共服务支出   1.00", "合计  2.00"])
    assert not is_unruled(["201\t一般公共服务支出\t1.00", "合计\t2.00"])
    assert not is_unruled(["一段文字", "201 一般公共服务支出 1.00"])


def _amounts(*texts: str) -> Figures:
    from fa_tui.parse.numbers import parse_cell

    found = [parse_cell(t, 1, 1 + 10 * i) for i, t in enumerate(texts)]
    assert all(a is not None for a in found)
    return Figures([a for a in found if a is not None], 2)


def test_candidates_keep_the_placements_the_row_identity_allows() -> None:
    sums = (ColumnSum("小计", ("基本支出", "项目支出")),)
    keys = ("小计", "基本支出", "项目支出")
    assert candidates(_amounts("10.00", "10.00"), keys, sums) == [(0, 1), (0, 2)]
    assert candidates(_amounts("3.00", "1.00", "2.00"), keys, sums) == [(0, 1, 2)]
    assert candidates(_amounts("3.00", "1.00"), keys, sums) == []
    # Within the rounding of the printed figures (1.01 + 2.01 = 3.02 printed as 3.01).
    assert candidates(_amounts("3.01", "1.01", "2.01"), keys, sums) == [(0, 1, 2)]
    assert candidates(_amounts("3.04", "1.01", "2.01"), keys, sums) == []


def test_a_row_with_a_wrong_figure_is_undetermined_not_guessed() -> None:
    lines = [
        (1, "合计 10.00 10.00"),
        (2, "201 一般公共服务支出 10.00 10.00"),
        (3, "201 06 财政事务 10.00 9.00"),  # 10.00 ≠ 9.00 in any two of three columns
    ]
    rows, stray = build_unruled(lines, T05, "万元")
    assert stray == []
    by_code = {r.code or r.name: r for r in rows}
    assert by_code["20106"].undetermined
    assert by_code["20106"].cells == {}
    assert [a.value for a in by_code["20106"].unplaced] == [D("10.00"), D("9.00")]
    # 合计 = 201 in 小计 and in one of 基本/项目, which the hierarchy cannot tell apart.
    assert by_code["合计"].undetermined and by_code["201"].undetermined
    assert _cells(by_code["合计"]) == {"小计": D("10.00")}


def test_every_column_printed_is_placed_even_when_it_breaks_the_identity() -> None:
    rows, _ = build_unruled([(1, "201 一般公共服务支出 10.00 3.00 3.00")], T05, "万元")
    assert not rows[0].undetermined
    assert _cells(rows[0]) == {"小计": D("10.00"), "基本支出": D("3.00"), "项目支出": D("3.00")}


def test_the_rules_read_no_undetermined_row() -> None:
    lines = [(1, "合计 10.00 10.00"), (2, "201 一般公共服务支出 10.00 10.00")]
    rows, _ = build_unruled(lines, T03, "万元")
    assert all(r.undetermined for r in rows)
    report, _ = _checked(RAW)
    view = determined(report)
    t03 = _table(view, TableRole.T03)
    assert t03.status is TableStatus.UNREADABLE and t03.rows == []
    assert _table(view, TableRole.T05).status is TableStatus.DATA


def test_the_rules_read_no_table_with_figures_in_no_row() -> None:
    """A figure the table prints but no row holds may be an addend of its sums: the rules
    read the table as unreadable (its placed rows kept), not its sums as short of it."""
    report, _ = _checked(RAW)
    t05 = _table(report, TableRole.T05)
    assert t05.status is TableStatus.DATA and not t05.unplaced
    assert _table(determined(report), TableRole.T05).status is TableStatus.DATA
    stray = next(iter(_row(t05, code="2010602").cells.values()))
    tables = [replace(t, unplaced=[stray]) if t is t05 else t for t in report.tables]
    view = _table(determined(replace(report, tables=tables)), TableRole.T05)
    assert view.status is TableStatus.UNREADABLE
    assert view.rows == t05.rows


@pytest.mark.parametrize("path", [RAW, LAYOUT, COLUMN, NAMES_ABOVE, NAMES_CENTRED, NAMES_BELOW])
def test_tables_json_carries_undetermined_rows_and_unplaced_figures(path: Path) -> None:
    from fa_tui.commands.tables import tables_document

    report, _ = _checked(path)
    document = tables_document(report, report.tables)
    rows = [row for t in document["tables"] for row in t["rows"]]
    assert all(isinstance(row["undetermined"], bool) for row in rows)
    for table, doc in zip(report.tables, document["tables"], strict=True):
        assert len(doc["unplaced"]) == len(table.unplaced)
        for row, row_doc in zip(table.rows, doc["rows"], strict=True):
            assert row_doc["undetermined"] is row.undetermined
            assert [c["text"] for c in row_doc["unplaced"]] == [a.text for a in row.unplaced]


def test_a_layout_line_splits_a_figure_squeezed_against_a_label() -> None:
    """``pdftotext -layout`` / pdfplumber's layout text leaves one blank between a figure and
    the next column's label: two cells. A line of single blanks has no such border."""
    from fa_tui.parse.tables.layout import split_spaces

    line = "  一、一般公共预算财政拨款收入    9746.50 一、一般公共服务支出     85.27"
    cells = split_spaces(line)
    assert [c.text for c in cells] == [
        "一、一般公共预算财政拨款收入",
        "9746.50",
        "一、一般公共服务支出",
        "85.27",
    ]
    assert all(line[c.start : c.end] == c.text for c in cells)
    assert [c.text for c in split_spaces("  本年收入合计 9746.50      本年支出合计")] == [
        "本年收入合计",
        "9746.50",
        "本年支出合计",
    ]
    raw = "一、一般公共预算财政拨款收入 9746.50 一、一般公共服务支出 85.27"
    assert [c.text for c in split_spaces(raw)] == [raw]
