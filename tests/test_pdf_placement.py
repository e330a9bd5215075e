"""Every glyph of a PDF page ends up in exactly one place: a table cell, the free text, or (a
figure that fits no cell) an unplaced line that FA112 reports.

The invariant is checked on every committed PDF fixture; the rules of placement on glyphs
drawn by hand; ``overhang.pdf`` (``layouts/overhang.py``) end to end.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from fa_tui.ingest import read_report
from fa_tui.ingest.pdf_placement import Grid, Placement, place
from fa_tui.ingest.pdf_tables import find_tables
from fa_tui.ingest.pdf_text import _page_lines, page_marker
from fa_tui.ingest.pdf_turned import left_out as left_out_text
from fa_tui.ingest.pdf_turned import upright
from fa_tui.model import Report, TableRole
from fa_tui.pipeline import build_report
from fa_tui.rules.engine import check_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDFS = sorted(p.name for p in FIXTURES.glob("*.pdf") if p.name != "scanned.pdf")
OVERHANG = FIXTURES / "overhang.pdf"


def _placed(placement: Placement) -> list[Any]:
    cells = [c for chars in placement.cells.values() for c in chars]
    return cells + placement.free + placement.unplaced + placement.rotated


# --- the invariant on every fixture ------------------------------------------------------------


@pytest.mark.parametrize("filename", PDFS)
def test_every_glyph_is_placed_exactly_once(filename: str) -> None:
    """Counted by identity: no glyph in two places, none in no place."""
    with pdfplumber.open(FIXTURES / filename) as pdf:
        assert pdf.pages
        for page in pdf.pages:
            chars = page.chars
            placed = _placed(place(chars, find_tables(page)))
            assert len(placed) == len(chars)
            assert {id(c) for c in placed} == {id(c) for c in chars}


@pytest.mark.parametrize("filename", PDFS)
def test_every_visible_glyph_is_in_the_pages_lines(filename: str) -> None:
    """The printed lines of each page (table rows, text lines, unplaced figures; before the
    running headers and footers are dropped) hold the page's visible glyphs, each once: all
    but the glyphs turned against the page's text outside every cell, left out and said
    (``rotated.pdf``'s margin note on page 1; its pages 6 and 7, which read sideways, are
    turned upright first and read whole)."""
    with pdfplumber.open(FIXTURES / filename) as pdf:
        for page in pdf.pages:
            printed = Counter(ch for c in page.chars for ch in str(c["text"]) if not ch.isspace())
            turned = upright(page)
            left_out = place(turned.chars, find_tables(turned)).rotated
            printed -= Counter(ch for c in left_out for ch in str(c["text"]) if not ch.isspace())
            read = _page_lines(page)
            got = Counter(ch for line in read.lines for ch in line.text if not ch.isspace())
            assert got == printed
            assert read.turned == left_out_text(left_out)
            assert bool(left_out) == ((filename, page.page_number) == ("rotated.pdf", 1))


def test_the_extracted_text_holds_every_figure_of_overhang_pdf() -> None:
    with pdfplumber.open(OVERHANG) as pdf:
        printed = Counter(str(c["text"]) for page in pdf.pages for c in page.chars)
    lines = read_report(OVERHANG).lines
    text = "".join(line for line in lines if line not in (page_marker(1), page_marker(2)))
    assert Counter(ch for ch in text if not ch.isspace()) == Counter(
        {ch: n for ch, n in printed.items() if not ch.isspace()}
    )


# --- the rules of placement, on glyphs drawn by hand -------------------------------------------

SIZE = 10.0
# Two rows of two cells: x 0..100..200, y 100..120..140 (top-down).
GRID = Grid(
    (0.0, 100.0, 200.0, 140.0),
    (
        ((0.0, 100.0, 100.0, 120.0), (100.0, 100.0, 200.0, 120.0)),
        ((0.0, 120.0, 100.0, 140.0), (100.0, 120.0, 200.0, 140.0)),
    ),
)


def glyphs(text: str, x: float, top: float, upright: bool = True) -> list[dict[str, Any]]:
    """One glyph per character, 6 pt wide and SIZE tall, from ``x`` rightwards."""
    return [
        {
            "text": ch,
            "x0": x + 6 * i,
            "x1": x + 6 * (i + 1),
            "top": top,
            "bottom": top + SIZE,
            "size": SIZE,
            "upright": upright,
        }
        for i, ch in enumerate(text)
    ]


def cell_texts(placement: Placement) -> dict[tuple[int, int, int], str]:
    return {
        key: "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
        for key, chars in placement.cells.items()
    }


def texts(chars: list[Any]) -> str:
    return "".join(c["text"] for c in sorted(chars, key=lambda c: (c["top"], c["x0"])))


def test_a_glyph_on_a_shared_rule_is_in_one_cell() -> None:
    on_rule = glyphs("5", 97.0, 104.0)  # its middle exactly on x = 100
    placement = place(on_rule, [GRID])
    assert len(_placed(placement)) == 1
    assert list(placement.cells) in ([(0, 0, 0)], [(0, 0, 1)])


def test_a_figure_overhanging_the_right_rule_stays_whole_in_its_cell() -> None:
    figure = glyphs("1,234.56", 170.0, 104.0)  # ends at 218, 18 pt past the right rule
    placement = place(figure, [GRID])
    assert cell_texts(placement) == {(0, 0, 1): "1,234.56"}
    assert placement.free == placement.unplaced == []


def test_figures_below_their_labels_overhang_the_bottom_rule_into_the_last_row() -> None:
    label = glyphs("合计", 4.0, 124.0)
    inside = glyphs("9.00", 150.0, 129.0)  # middle at 134: inside, bottom 1 pt past the rule
    placement = place(label + inside, [GRID])
    assert cell_texts(placement) == {(0, 1, 0): "合计", (0, 1, 1): "9.00"}


def test_a_figure_on_its_rows_line_belongs_to_the_row_though_its_middle_is_outside() -> None:
    label = glyphs("合计", 4.0, 133.0)  # the row sits low: the label overhangs by 3 pt
    figure = glyphs("9.00", 150.0, 138.0)  # 2 pt inside the rule, middle 3 pt outside
    placement = place(label + figure, [GRID])
    assert cell_texts(placement) == {(0, 1, 0): "合计", (0, 1, 1): "9.00"}


def test_a_word_mostly_inside_the_table_belongs_to_the_cell_it_overlaps() -> None:
    figure = glyphs("9.00", 150.0, 137.0)  # 3 of its 10 pt inside, alone on its line
    assert cell_texts(place(figure, [GRID])) == {(0, 1, 1): "9.00"}


def test_a_caption_touching_the_top_rule_stays_free_text() -> None:
    caption = glyphs("单位：万元", 150.0, 91.0)  # 1 pt over the top rule
    placement = place(caption, [GRID])
    assert placement.cells == {}
    assert texts(placement.free) == "单位：万元"


def test_a_note_with_figures_under_the_table_is_free_text_not_unplaced() -> None:
    note = glyphs("注：", 4.0, 144.0) + glyphs("12.00", 20.0, 144.0)
    placement = place(note, [GRID])
    assert texts(placement.free) == "注：12.00"
    assert placement.unplaced == []


def test_a_figure_where_no_cell_is_is_unplaced() -> None:
    holed = Grid(GRID.bbox, (GRID.rows[0], (GRID.rows[1][0], None)))  # no cell bottom right
    stray = glyphs("8.00", 150.0, 125.0)
    placement = place(glyphs("合计", 4.0, 125.0) + stray, [holed])
    assert cell_texts(placement) == {(0, 1, 0): "合计"}
    assert texts(placement.unplaced) == "8.00"


def test_a_figure_beside_a_row_is_unplaced() -> None:
    row = glyphs("合计", 4.0, 124.0) + glyphs("9.00", 150.0, 124.0)
    beside = glyphs("5.00", 260.0, 124.0)  # 60 pt right of the table, on the row's line
    placement = place(row + beside, [GRID])
    assert cell_texts(placement) == {(0, 1, 0): "合计", (0, 1, 1): "9.00"}
    assert texts(placement.unplaced) == "5.00"


def test_a_figure_alone_just_below_a_table_is_unplaced_and_far_below_free_text() -> None:
    near = glyphs("7.00", 150.0, 146.0)  # 6 pt below the rule: within a row's height
    far = glyphs("3.00", 150.0, 200.0)
    placement = place(near + far, [GRID])
    assert texts(placement.unplaced) == "7.00"
    assert texts(placement.free) == "3.00"


def test_rotated_glyphs_are_in_their_cell_or_kept_apart() -> None:
    inside = glyphs("甲", 10.0, 104.0, upright=False)
    outside = glyphs("乙", 300.0, 300.0, upright=False)
    placement = place(inside + outside, [GRID])
    assert cell_texts(placement) == {(0, 0, 0): "甲"}
    assert texts(placement.rotated) == "乙"
    assert placement.free == []


def test_without_tables_every_glyph_is_free_text() -> None:
    text = glyphs("正文12.00", 0.0, 0.0)
    placement = place(text, [])
    assert texts(placement.free) == "正文12.00"
    assert placement.cells == {} and placement.unplaced == []


# --- overhang.pdf end to end -------------------------------------------------------------------


@cache
def overhang() -> Report:
    return build_report(read_report(OVERHANG))


def figures(report: Report, role: str) -> dict[tuple[str | None, str, str], Decimal | None]:
    table = next(t for t in report.tables if t.role == role)
    return {
        (row.side, row.name, key): amount.value
        for row in table.rows
        for key, amount in row.cells.items()
    }


def test_overhanging_figures_of_the_income_and_expenditure_table_are_in_their_cells() -> None:
    cells = figures(overhang(), "公开01表")
    assert cells == {
        ("income", "一、一般公共预算财政拨款收入", "金额"): Decimal("1200.00"),
        ("income", "八、其他收入", "金额"): Decimal("35.50"),
        ("income", "本年收入合计", "金额"): Decimal("1235.50"),
        ("income", "年初结转和结余", "金额"): Decimal("64.50"),
        ("income", "总计", "金额"): Decimal("1300.00"),  # overhangs the bottom rule
        ("spending", "一、一般公共服务支出", "金额"): Decimal("800.00"),
        ("spending", "八、社会保障和就业支出", "金额"): Decimal("250.25"),  # past the right rule
        ("spending", "九、卫生健康支出", "金额"): Decimal("90.75"),
        ("spending", "十九、住房保障支出", "金额"): Decimal("70.00"),
        ("spending", "本年支出合计", "金额"): Decimal("1211.00"),
        ("spending", "年末结转和结余", "金额"): Decimal("89.00"),
        ("spending", "总计", "金额"): Decimal("1300.00"),  # overhangs the bottom rule
    }


def test_a_low_last_row_is_read_and_unplaced_figures_are_no_rows() -> None:
    other = next(t for t in overhang().tables if t.role == TableRole.OTHER)
    assert other.title == "其他收入明细表"
    rows = {
        (row.name, key): amount.value for row in other.rows for key, amount in row.cells.items()
    }
    assert rows == {
        ("利息收入", "本年数"): Decimal("12.00"),
        ("利息收入", "上年数"): Decimal("10.00"),
        ("捐赠收入", "本年数"): Decimal("23.50"),
        ("捐赠收入", "上年数"): Decimal("20.00"),
        ("租金收入", "本年数"): Decimal("12.00"),
        ("合计", "本年数"): Decimal("47.50"),
        ("合计", "上年数"): Decimal("30.00"),
    }


def test_unplaced_figures_are_reported_with_their_page_and_text() -> None:
    report = overhang()
    found = [
        (
            f.severity.value,
            f.message,
            report.source.slice(f.span),
            report.source.location(f.span.line, f.span.column),
        )
        for f in check_report(report)
        if f.code == "FA112" and f.span is not None
    ]
    assert [(s, m, t, loc.page if loc else None) for s, m, t, loc in found] == [
        ("warning", "第 2 页的数字“5.00”不在任何单元格内，未能定位到表格的行和栏", "5.00", 2),
        ("warning", "第 2 页的数字“8.00”不在任何单元格内，未能定位到表格的行和栏", "8.00", 2),
    ]
    assert len([f for f in check_report(report) if f.code == "FA112"]) == 2


def test_the_fixture_tables_add_up() -> None:
    """With every figure in its cell, no arithmetic rule fires on the fixture's tables."""
    assert [f.code for f in check_report(overhang()) if f.code.startswith("FA2")] == []


def test_text_reports_have_no_unplaced_figures(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("收入支出决算总表\n总计\t12.00\n", encoding="utf-8")
    assert read_report(path).unplaced == ()


# --- the cell index ----------------------------------------------------------------------------


def _cell_by_looking_at_every_cell(char: dict, grids: list[Grid]) -> tuple[int, int, int] | None:
    """The rule, spelled out: the cell holding the middle that the glyph overlaps most, the
    first in the tables' order of equal ones."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    best, best_area = None, -1.0
    for t, grid in enumerate(grids):
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                if cell is None or not (cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]):
                    continue
                w = min(char["x1"], cell[2]) - max(char["x0"], cell[0])
                h = min(char["bottom"], cell[3]) - max(char["top"], cell[1])
                if max(w, 0.0) * max(h, 0.0) > best_area:
                    best, best_area = (t, r, c), max(w, 0.0) * max(h, 0.0)
    return best


def test_the_cell_index_finds_the_cell_looking_at_every_cell_finds() -> None:
    """Shared rules, a merged cell, two overlapping tables, a cell taller than the index's
    bands and glyphs straddling them, and coordinates at infinity."""
    import random

    from fa_tui.ingest.pdf_placement import _CellIndex

    rows = tuple(
        tuple((50.0 + 40 * c, 100.0 + 12 * r, 90.0 + 40 * c, 112.0 + 12 * r) for c in range(5))
        for r in range(30)
    )
    merged = ((rows[0][0][0], rows[0][0][1], rows[0][1][2], rows[1][0][3]), None, *rows[0][2:])
    first = Grid((50.0, 100.0, 250.0, 460.0), (merged, *rows[1:]))
    tall = Grid(
        (200.0, 0.0, 300.0, 9000.0), (((200.0, 0.0, 300.0, 9000.0), (250.0, 0.0, 300.0, 9000.0)),)
    )
    infinite = Grid((0.0, 0.0, 10.0, float("inf")), (((0.0, 0.0, 10.0, float("inf")), None),))
    grids = [first, tall, infinite]
    index = _CellIndex(grids)
    pick = random.Random(7)
    chars = []
    for _ in range(5000):
        x, top = (
            pick.uniform(-5, 320),
            pick.choice([pick.uniform(-5, 480), 100.0 + 12 * pick.randint(0, 30) - 3]),
        )
        chars.append({"x0": x, "x1": x + pick.uniform(0, 12), "top": top, "bottom": top + 6.0})
    chars.append({"x0": 1.0, "x1": 2.0, "top": float("inf"), "bottom": float("inf")})
    chars.append({"x0": float("nan"), "x1": 2.0, "top": 1.0, "bottom": 2.0})
    found = [index.holding(c) for c in chars]
    assert found == [_cell_by_looking_at_every_cell(c, grids) for c in chars]
    assert {k[0] for k in found if k} == {0, 1, 2}
