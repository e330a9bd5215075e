"""Landscape table pages are read as they are shown (/Rotate 90, 180, 270 and a wide MediaBox),
and a page whose text reads sideways as its text reads.

``rotated.pdf`` (``tests/fixtures/layouts/rotated.py``): page 1 upright (表八) with a note printed
sideways in its left margin; pages 2, 3 and 4 portrait pages shown turned by /Rotate 90, 180 and
270, their content drawn to read upright on screen (表三, 表五, 表二); page 5 a landscape
MediaBox (表七); page 6 shown turned by /Rotate 90 with its content drawn unturned, so that it
reads sideways, top to bottom (表六); page 7 the same under /Rotate 270, reading bottom to top
(the 决算情况说明 part: heading, a wrapped paragraph, a small ruled table). Pages 1-6 have a line
of text, the table's title and unit above a ruled table. Rendered with ``pdftoppm``, pages 1-5
read upright and pages 6 and 7 sideways; the page sources read the pages as shown, and the
reader turns pages 6 and 7 upright before it finds their tables (``pdf_turned``). Both sources
give the same text and findings (``test_pdf_native_parity``).
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from hostile.pdf import ligature_pdf
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.ingest import read_report
from fa_tui.ingest.pdf_native import open_pages
from fa_tui.ingest.pdf_placement import place
from fa_tui.ingest.pdf_tables import find_tables
from fa_tui.ingest.pdf_text import read_pdf
from fa_tui.ingest.pdf_turned import TurnedPage, direction, upright
from fa_tui.model import Finding, PartName, Report, Row, Table
from fa_tui.model.outline import Part
from fa_tui.pipeline import analyse

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOTE = "注：本页数据已经财政部门审核，合计50.00万元。"  # page 1's margin note
PARAGRAPH = (
    "2024年度一般公共预算财政拨款基本支出1,490.10万元，其中：人员经费1,400.10万元，主要包括基",
    "本工资、津贴补贴；公用经费90.00万元，主要包括办公费、印刷费。",
)
ROTATED = FIXTURES / "rotated.pdf"

Figures = tuple[str | None, ...]


@cache
def _analysed() -> tuple[Report, list[Finding]]:
    return analyse(read_report(ROTATED))


def _table(role: str) -> Table:
    table = _analysed()[0].table(role)
    assert table is not None, role
    return table


def _page(row: Row | Part) -> int:
    assert row.span is not None
    location = _analysed()[0].source.location(row.span.line, row.span.column)
    assert location is not None
    return location.page


def _rows(table: Table, page: int | None = None) -> list[tuple[str | None, str, Figures]]:
    """Each row's code, name and figures (``None`` for a blank cell), of ``page`` or all."""
    return [
        (
            row.code,
            row.name,
            tuple(
                None if (a := row.cells.get(column)) is None or a.value is None else str(a.value)
                for column in table.columns
            ),
        )
        for row in table.rows
        if page is None or _page(row) == page
    ]


def _pages_of(table: Table) -> set[int]:
    """The pages the table's rows were read from."""
    return {_page(row) for row in table.rows}


def _page_lines(number: int) -> list[str]:
    source = _analysed()[0].source
    assert source.locations is not None
    return [
        line for line, at in zip(source.lines, source.locations, strict=True) if at.page == number
    ]


# --- the pages as PDFium reads them --------------------------------------------------------------


def test_each_page_is_read_in_the_frame_it_is_shown_in() -> None:
    """Width and height as shown (landscape when turned a quarter), glyphs upright where they
    read upright on screen, the first glyph where the generator put it in the shown page."""
    with open_pages(ROTATED.read_bytes()) as (count, pages):
        read = list(pages)
    assert count == 7
    assert [(round(p.width), round(p.height)) for p in read] == [
        (595, 842),
        (842, 595),
        (595, 842),
        (842, 595),
        (842, 595),
        (842, 595),
        (842, 595),
    ]
    assert [sorted({c["upright"] for c in p.chars}) for p in read] == [[False, True]] + [
        [True]
    ] * 4 + [[False]] * 2
    # each glyph's turn, clockwise as shown: page 1's margin note reads bottom to top
    assert [sorted({c["turn"] for c in p.chars}) for p in read] == [[0, 270]] + [[0]] * 4 + [
        [90],
        [270],
    ]
    # pages 2-5: the line of text at 60 pt (page 4: 36, page 5: 40) from the left, its
    # baseline 60 pt below the top (the glyph's box 10.5 pt tall, 2.85 of it below the
    # baseline, as pdfminer boxes STSong-Light)
    assert [(p.chars[0]["text"], round(p.chars[0]["x0"], 2)) for p in read[1:5]] == [
        ("支", 60.0),
        ("一", 60.0),
        ("收", 36.0),
        ("政", 40.0),
    ]
    for page in read[1:5]:
        assert page.chars[0]["top"] == pytest.approx(52.35, abs=0.01)
        assert page.chars[0]["bottom"] == pytest.approx(62.85, abs=0.01)
    # page 6, shown turned clockwise: its first line runs down the right of the shown page;
    # page 7, turned counterclockwise: up the left
    sideways = read[5].chars[0]
    assert (sideways["text"], round(sideways["top"], 2)) == ("一", 60.0)
    assert sideways["x0"] > 700
    other_way = read[6].chars[0]
    assert (other_way["text"], round(other_way["bottom"], 2)) == ("第", round(595.28 - 60, 2))
    assert other_way["x0"] < 60


def test_the_ruled_table_of_each_page_is_found_as_shown() -> None:
    """Rows by columns of each page's grid, and its box: header and body rows across the
    shown page; on the sideways page the printed table's columns are the shown rows."""
    with open_pages(ROTATED.read_bytes()) as (_, pages):
        grids = [find_tables(page) for page in pages]
    shapes = [[(len(g.rows), len(g.rows[0])) for g in page] for page in grids]
    assert shapes == [[(6, 5)], [(9, 8)], [(6, 5)], [(7, 9)], [(6, 8)], [(3, 6)], [(2, 4)]]
    boxes = [tuple(round(v) for v in page[0].bbox) for page in grids]
    assert boxes == [
        (60, 156, 510, 264),
        (60, 116, 790, 278),
        (60, 116, 530, 224),
        (36, 116, 758, 242),
        (40, 116, 780, 224),
        (578, 60, 686, 360),
        (160, 285, 232, 535),
    ]


def test_the_sideways_pages_are_turned_upright_and_no_other() -> None:
    """Most glyphs of pages 6 and 7 share one quarter turn (90, 270): each is turned back by it,
    its size and its table's box as on the portrait page it was drawn on (the table 100 pt
    below the top on page 6, 60 pt on page 7, 60 pt from the left); page 1, with its sideways
    margin note, and the pages drawn to read upright are read as they are."""
    data = ROTATED.read_bytes()
    with open_pages(data) as (_, pages):
        read = [(page, upright(page)) for page in pages]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plumber = [(page, upright(page)) for page in pdf.pages]
    for shown in (read, plumber):
        assert [turned is page for page, turned in shown] == [True] * 5 + [False] * 2
        for page, turned in shown[5:]:
            assert isinstance(turned, TurnedPage)
            assert (turned.width, turned.height) == pytest.approx((page.height, page.width))
            assert {c["turn"] for c in turned.chars} == {0}
            assert all(c["upright"] for c in turned.chars)
        boxes = [tuple(round(v) for v in find_tables(t)[0].bbox) for _, t in shown[5:]]
        assert boxes == [(60, 156, 360, 264), (60, 160, 310, 232)]
        first = shown[6][1].chars[0]  # page 7's heading, 60 pt from the left and the top
        assert (first["text"], round(first["x0"], 2)) == ("第", 60.0)
        assert first["top"] == pytest.approx(49.79, abs=0.01)  # as page 1's heading
    assert [turned.turn for _, turned in read[5:]] == [90, 270]


def test_a_page_turns_with_more_than_half_of_its_visible_glyphs() -> None:
    """Blanks do not count, slanted glyphs count against every turn."""

    def glyphs(*turns: int | None, text: str = "字") -> list[dict[str, object]]:
        return [{"text": text, "turn": t} for t in turns]

    assert direction(glyphs(90, 90, 0)) == 90
    assert direction(glyphs(90, 0)) == 0
    assert direction(glyphs(270, 270, None, None)) == 0
    assert direction(glyphs(180, 180, 180, None, 0)) == 180
    assert direction(glyphs(270) + glyphs(0, 0, 0, text=" ")) == 270
    assert direction(glyphs(0, 0) + glyphs(90, 90, 90, text="")) == 0
    assert direction([]) == 0


def test_turned_pages_read_top_to_bottom_as_shown() -> None:
    """The lines of the pages shown turned by 90, 180 and 270 degrees: the line of text, the
    title, the unit, then the table's rows, each cell in its column."""
    assert _page_lines(2)[:6] == [
        "— 2 —",
        "支出决算表反映本部门本年度各项支出情况，本年支出合计1,650.10万元。",
        "支出决算表",
        "单位：万元",
        "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出"
        "\t对附属单位补助支出",
        "\t合计\t1,650.10\t1,520.10\t130.00\t\t\t",
    ]
    assert _page_lines(3) == [
        "— 3 —",
        "一般公共预算财政拨款支出决算表反映一般公共预算财政拨款支出情况。",
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        "科目编码\t科目名称\t小计\t基本支出\t项目支出",
        "\t合计\t1,620.10\t1,490.10\t130.00",
        "201\t一般公共服务支出\t1,620.10\t1,490.10\t130.00",
        "20106\t财政事务\t1,620.10\t1,490.10\t130.00",
        "2010601\t行政运行\t1,511.90\t1,490.10\t21.80",
        "2010602\t一般行政管理事务\t108.20\t\t108.20",
    ]
    assert _page_lines(4)[1:4] == [
        "收入决算表反映本部门本年度取得的各项收入情况，本年收入合计1,656.30万元。",
        "收入决算表",
        "单位：万元",
    ]
    assert _page_lines(4)[-1] == "208\t社会保障和就业支出\t30.00\t30.00\t\t\t\t\t"


# --- the tables of the report -------------------------------------------------------------------


def test_the_table_of_the_upright_page() -> None:
    table = _table("公开08表")
    assert _pages_of(table) == {1}
    assert _rows(table) == [
        (None, "合计", ("50.00", "40.00", "10.00")),
        ("223", "国有资本经营预算支出", ("50.00", "40.00", "10.00")),
        ("22301", "改革成本支出", ("50.00", "40.00", "10.00")),
        ("2230102", "国有企业改革成本支出", ("45.00", "40.00", "5.00")),
        ("2230199", "其他改革成本支出", ("5.00", None, "5.00")),
    ]


def test_the_table_of_the_page_shown_turned_by_90() -> None:
    table = _table("公开03表")
    assert (table.title, table.unit, table.status) == ("支出决算表", "万元", "data")
    assert _pages_of(table) == {2}
    blank = (None, None, None)
    assert _rows(table) == [
        (None, "合计", ("1650.10", "1520.10", "130.00", *blank)),
        ("201", "一般公共服务支出", ("1620.10", "1490.10", "130.00", *blank)),
        ("20106", "财政事务", ("1620.10", "1490.10", "130.00", *blank)),
        ("2010601", "行政运行", ("1511.90", "1490.10", "21.80", *blank)),
        ("2010602", "一般行政管理事务", ("108.20", None, "108.20", *blank)),
        ("208", "社会保障和就业支出", ("30.00", "30.00", None, *blank)),
        ("20805", "行政事业单位养老支出", ("30.00", "30.00", None, *blank)),
        ("2080505", "机关事业单位基本养老保险缴费支出", ("30.00", "30.00", None, *blank)),
    ]


def test_the_table_of_the_page_shown_turned_by_180() -> None:
    table = _table("公开05表")
    assert _pages_of(table) == {3}
    assert table.columns == ["小计", "基本支出", "项目支出"]
    assert _rows(table) == [
        (None, "合计", ("1620.10", "1490.10", "130.00")),
        ("201", "一般公共服务支出", ("1620.10", "1490.10", "130.00")),
        ("20106", "财政事务", ("1620.10", "1490.10", "130.00")),
        ("2010601", "行政运行", ("1511.90", "1490.10", "21.80")),
        ("2010602", "一般行政管理事务", ("108.20", None, "108.20")),
    ]


def test_the_table_of_the_page_shown_turned_by_270() -> None:
    table = _table("公开02表")
    assert _pages_of(table) == {4}
    blank4 = (None, None, None, None)
    assert _rows(table) == [
        (None, "合计", ("1656.30", "1650.10", *blank4, "6.20")),
        ("201", "一般公共服务支出", ("1626.30", "1620.10", *blank4, "6.20")),
        ("20106", "财政事务", ("1626.30", "1620.10", *blank4, "6.20")),
        ("2010601", "行政运行", ("1511.91", "1511.90", *blank4, "0.01")),
        ("2010602", "一般行政管理事务", ("114.39", "108.20", *blank4, "6.19")),
        ("208", "社会保障和就业支出", ("30.00", "30.00", *blank4, None)),
    ]


def test_the_table_of_the_landscape_media_box() -> None:
    table = _table("公开07表")
    assert _rows(table, page=5) == [
        (None, "合计", ("2.00", "20.00", "18.00", "3.00", "15.00", "4.00")),
        ("212", "城乡社区支出", ("2.00", "20.00", "18.00", "3.00", "15.00", "4.00")),
        (
            "21208",
            "国有土地使用权出让收入安排的支出",
            ("2.00", "20.00", "18.00", "3.00", "15.00", "4.00"),
        ),
        ("2120804", "农村基础设施建设支出", ("2.00", "12.00", "10.00", "3.00", "7.00", "4.00")),
        (
            "2120899",
            "其他国有土地使用权出让收入安排的支出",
            (None, "8.00", "8.00", None, "8.00", None),
        ),
    ]


def test_the_figures_of_the_turned_pages_add_up() -> None:
    """With every figure in its cell, no arithmetic rule fires on any table (表六 of the
    sideways page included), and no table that is printed is missing."""
    _, findings = _analysed()
    assert [f for f in findings if f.code.startswith(("FA2", "FA3"))] == []
    missing = {f.message for f in findings if f.code == "FA102"}
    assert missing == {
        "缺少公开01表（收入支出决算总表）",
        "缺少公开04表（财政拨款收入支出决算总表）",
        "缺少公开09表（财政拨款“三公”经费支出决算表）",
    }


def test_the_tables_command_reads_the_table_of_a_turned_page() -> None:
    result = CliRunner().invoke(app, ["tables", str(ROTATED), "--table", "02", "--format", "json"])
    assert result.exit_code == 0, result.output
    [t02] = json.loads(result.stdout)["tables"]
    assert (t02["id"], t02["title"], t02["unit"]) == ("公开02表", "收入决算表", "万元")
    total = t02["rows"][0]
    assert total["name"] == "合计"
    assert {k: v["text"] for k, v in total["cells"].items() if v["value"] is not None} == {
        "本年收入合计": "1,656.30",
        "财政拨款收入": "1,650.10",
        "其他收入": "6.20",
    }


# --- the page whose content reads sideways ----------------------------------------------------


def test_text_printed_sideways_is_read_once_its_page_is_turned() -> None:
    """Page 6 is shown turned, its content not: every glyph reads sideways. Placed as shown,
    its line of text, title and unit would be left out as turned glyphs outside a table's cells
    (``pdf_placement``), by both sources; the reader turns the page first, and they are its
    first lines, every figure of its table on one of the next."""
    data = ROTATED.read_bytes()
    with open_pages(data) as (_, pages):
        page = list(pages)[5]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plumber = pdf.pages[5]
        left_out = "".join(c["text"] for c in place(plumber.chars, find_tables(plumber)).rotated)
    expected = (
        "一般公共预算财政拨款基本支出决算表反映基本支出的经济分类情况。"
        "一般公共预算财政拨款基本支出决算表单位：万元"
    )
    assert "".join(c["text"] for c in place(page.chars, find_tables(page)).rotated) == expected
    assert left_out == expected
    assert _page_lines(6)[1:4] == [
        "一般公共预算财政拨款基本支出决算表反映基本支出的经济分类情况。",
        "一般公共预算财政拨款基本支出决算表",
        "单位：万元",
    ]
    text = "\n".join(_page_lines(6))
    for figure in ("1,400.10", "600.00", "800.10", "90.00", "1,490.10"):
        assert figure in text
    assert _analysed()[0].source.turned_text == ((1, NOTE),)  # nothing of page 6 left out


def test_a_table_printed_sideways_is_read_as_its_text_reads() -> None:
    t06 = _table("公开06表")
    assert _pages_of(t06) == {6}
    assert [(r.code, r.name) for r in t06.rows][:3] == [
        ("301", "工资福利支出"),
        ("30101", "基本工资"),
        ("30102", "津贴补贴"),
    ]
    assert _pages_of(_table("公开07表")) == {5}
    assert (t06.title, t06.unit) == ("一般公共预算财政拨款基本支出决算表", "万元")
    assert t06.status == "data"
    assert _rows(t06) == [
        ("301", "工资福利支出", ("1400.10",)),
        ("30101", "基本工资", ("600.00",)),
        ("30102", "津贴补贴", ("800.10",)),
        ("302", "商品和服务支出", ("90.00",)),
    ]
    assert _page_lines(6)[4:] == [
        "科目编码\t科目名称\t决算数",
        "301\t工资福利支出\t1,400.10",
        "30101\t基本工资\t600.00",
        "30102\t津贴补贴\t800.10",
        "302\t商品和服务支出\t90.00",
        "\t合计\t1,490.10",
    ]


def test_a_page_printed_sideways_the_other_way_reads_as_its_text_reads() -> None:
    """Page 7 (/Rotate 270, content unturned: bottom to top on screen) is read upright: the
    part's heading, the section, the paragraph joined over its wrap, the ruled table."""
    assert _page_lines(7) == [
        "— 7 —",
        "第三部分 上海市云岭区水务局2024年度部门决算情况说明",
        "六、一般公共预算财政拨款基本支出决算情况说明",
        "".join(PARAGRAPH),
        "项目\t决算数",
        "人员经费\t1,400.10",
        "公用经费\t90.00",
        "合计\t1,490.10",
    ]
    report, findings = _analysed()
    explanation = next(part for part in report.parts if part.name == PartName.EXPLANATION)
    assert explanation.present and _page(explanation) == 7
    assert "报告没有决算情况说明部分" not in {f.message for f in findings}


def test_the_lines_of_a_turned_page_keep_their_page_and_their_turned_order() -> None:
    """Each line of pages 6 and 7 is located on its page, numbered in the order it reads once
    turned; the paragraph wrapped on page 7 starts on its third printed line and goes on on
    the fourth (the printed lines as on the portrait page it was drawn on)."""
    source = _analysed()[0].source
    assert source.locations is not None
    located = [
        (at.page, at.page_line, at.pieces)
        for at in source.locations
        if at.page in (6, 7) and at.page_line is not None
    ]
    assert [(page, line) for page, line, _ in located] == [(6, n) for n in range(1, 10)] + [
        (7, n) for n in (1, 2, 3, 5, 6, 7, 8)
    ]
    [(_, _, pieces)] = [entry for entry in located if entry[:2] == (7, 3)]
    [paragraph] = [line for line in source.lines if line.startswith("2024年度")]
    [(column, page, line)] = pieces
    assert (page, line) == (7, 4)
    assert paragraph[column - 1 :] == PARAGRAPH[1]


def test_a_sideways_note_on_an_upright_page_is_left_out_and_said() -> None:
    """Page 1 carries a note printed bottom to top in its left margin: the page is not turned
    (its lines as they read, the note in none of them), and the note, figure and all, is a
    finding on page 1 (FA118), from both sources."""
    data = ROTATED.read_bytes()
    with open_pages(data) as (_, pages):
        page = next(pages)
        assert upright(page) is page
    assert not any("审核" in line for line in _page_lines(1))
    assert _page_lines(1)[1] == "第二部分 上海市云岭区水务局2024年度部门决算表"
    for source in ("native", "pdfplumber"):
        assert read_pdf(ROTATED, data, source=source).turned_text == ((1, NOTE),)
    report, findings = _analysed()
    [note] = [f for f in findings if f.code == "FA118"]
    assert note.message == f"第 1 页有与正文方向不同的文字未读入，未参与核对：“{NOTE}”"
    assert note.span is not None
    assert report.source.line(note.span.line) == "— 1 —"


# --- an offset MediaBox under each rotation ------------------------------------------------------


LINE = b"BT /F1 12 Tf 72 500 Td (Total 1,234.50 and 12.00.) Tj ET"
ROTATIONS = (0, 90, 180, 270)
OFFSET = (30.0, 40.0, 625.0, 882.0)  # an A4 MediaBox whose lower left corner is not 0 0


def _chars(data: bytes) -> tuple[list[list[dict]], list[list[dict]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plumber = [page.chars for page in pdf.pages]
    with open_pages(data) as (_, pages):
        native = [page.chars for page in pages]
    return plumber, native


def test_a_media_box_off_the_origin_is_read_in_the_page_box_s_frame(tmp_path: Path) -> None:
    """The same line drawn at the same place of the page as shown, on pages whose MediaBox
    starts at 30 40 instead of 0 0, each shown turned 0, 90, 180 and 270 degrees.

    PDFium's glyphs are where they are on the page shown (as on the unshifted pages; rendered,
    the line's ink starts 72 pt from the shown page's left edge). pdfplumber shifts its
    coordinates by the box's corner (its ``mediabox`` is not at 0 0: pdfminer's position plus
    the box's x0 and minus its y0, for a page turned a quarter its y0 and minus its x0); the
    reader's lines are the same either way."""
    shifted = ligature_pdf([(r, LINE) for r in ROTATIONS], box=OFFSET)
    plain = ligature_pdf([(r, LINE) for r in ROTATIONS])
    plumber, native = _chars(shifted)
    _, at_origin = _chars(plain)
    x0, y0 = OFFSET[:2]
    for rotation, ref, got, want in zip(ROTATIONS, plumber, native, at_origin, strict=True):
        assert [c["text"] for c in got] == [c["text"] for c in want] == [c["text"] for c in ref]
        dx, dy = (y0, -x0) if rotation in (90, 270) else (x0, -y0)
        for p, n, w in zip(ref, got, want, strict=True):
            for key in ("x0", "x1", "top", "bottom"):
                assert n[key] == pytest.approx(w[key], abs=1e-3), (rotation, key)
            assert p["x0"] == pytest.approx(n["x0"] + dx, abs=1e-3)
            assert p["top"] == pytest.approx(n["top"] + dy, abs=1e-3)
        assert got[0]["x0"] == pytest.approx(72.0)
    path = tmp_path / "shifted.pdf"
    path.write_bytes(shifted)
    lines = read_pdf(path, shifted, source="native").lines
    assert lines == read_pdf(path, shifted, source="pdfplumber").lines
    assert "".join(lines).count("Total 1,234.50 and 12.00.") == 4  # (lines joined across pages)


# Two lines drawn turned clockwise by 90, 180 and 270 degrees on a page shown upright (their text
# matrix turns them), the second below the first as they read.
TURNED_LINES = {
    90: b"BT /F1 12 Tf 0 -1 1 0 300 700 Tm (Total 1,234.50 and 12.00.) Tj"
    b" 0 -1 1 0 280 700 Tm (Second line 7.00) Tj ET",
    180: b"BT /F1 12 Tf -1 0 0 -1 500 400 Tm (Total 1,234.50 and 12.00.) Tj"
    b" -1 0 0 -1 500 420 Tm (Second line 7.00) Tj ET",
    270: b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Total 1,234.50 and 12.00.) Tj"
    b" 0 1 -1 0 320 100 Tm (Second line 7.00) Tj ET",
}


@pytest.mark.parametrize("box", [(0.0, 0.0, 595.0, 842.0), OFFSET], ids=["plain", "offset"])
def test_text_drawn_turned_on_an_upright_page_reads_as_it_is_printed(
    tmp_path: Path, box: tuple[float, float, float, float]
) -> None:
    """Text whose matrix turns it (no /Rotate) is read in its own frame by both sources, on a
    MediaBox at 0 0 and off it: each page's two printed lines in the order they read, nothing
    left out."""
    data = ligature_pdf([(0, TURNED_LINES[turn]) for turn in (90, 180, 270)], box=box)
    path = tmp_path / "turned.pdf"
    path.write_bytes(data)
    printed: dict[str, list[tuple[str, ...]]] = {"native": [], "pdfplumber": []}
    read = {
        source: read_pdf(
            path, data, source=source, shown=lambda _, lines, s=source: printed[s].append(lines)
        )
        for source in ("native", "pdfplumber")
    }
    assert read["native"] == read["pdfplumber"]
    assert read["native"].turned_text == ()
    assert printed["native"] == printed["pdfplumber"]
    assert printed["native"] == [("Total 1,234.50 and 12.00.", "Second line 7.00")] * 3


def test_a_figure_in_a_row_no_builder_reads_is_reported_not_lost() -> None:
    """表六's bare 合计 line (its layout knows 人员经费合计 and 公用经费合计 only) is in no row:
    its figure is listed as unplaced and FA114 says so, as for text laid out without rules."""
    table = _table("公开06表")
    assert [str(a.value) for a in table.unplaced] == ["1490.10"]
    assert "合计" not in [row.name for row in table.rows]
    reported = [f for f in _analysed()[1] if f.code == "FA114"]
    assert len(reported) == 1 and "1,490.10" in reported[0].message
