"""Narrative paragraphs of a PDF read whole: printed lines joined by the layout, with every
character still mapped to its page, printed line and column.

``fixtures/paragraphs.pdf`` (``fixtures/layouts/paragraphs.py``) prints a 情况说明 the way word
processors and converters wrap it: justified lines broken inside figures and percentages,
ragged lines that end short before a number or a bracketed word, a paragraph that goes on over
a page break below a running header, and headings, list items, a table title and short lines
that must stay lines of their own.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pdfplumber

from fa_tui.ingest import read_report
from fa_tui.ingest.lines import LineBuilder
from fa_tui.ingest.pdf_lines import PrintedLine
from fa_tui.ingest.pdf_margins import drop_margins
from fa_tui.ingest.pdf_paragraphs import (
    Body,
    Layout,
    Piece,
    continues,
    is_full,
    line_pitches,
    opens_block,
    page_bodies,
    unit_width,
)
from fa_tui.ingest.pdf_text import _page_lines
from fa_tui.model import Report, SourceText, Span
from fa_tui.model.facts import AmountFact, ChangeFact, CompletionFact, ShareFact
from fa_tui.model.source import Location
from fa_tui.parse.narrative.sentences import read_paragraphs
from fa_tui.pipeline import analyse, build_report

PDF = Path(__file__).resolve().parent / "fixtures" / "paragraphs.pdf"

LINES = [
    "— 1 —",
    "第三部分 上海市云岭区测绘局2024年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "现将本局2024年度部门决算的总体情况说明如下：上海市云岭区测绘局的收入支出总计2,961.68万元。"
    "与2023年度相比，收入支出总计增加120.50万元，主要是本年项目支出有所增加，增长4.24%。",
    "二、收入决算情况说明",
    "本年收入合计2,946.25万元，较上年略有增加，均来自本级财政，其中：财政拨款收入2,940.05万元，"
    "占99.79%；其他收入6.20万元，占0.21%。",
    "三、支出决算情况说明",
    "本年支出合计2,940.05万元，其中：基本支出2,336.91万元，占79.49%；项目支出为603.14万元，"
    "占20.51%。基本支出用于保障机构正常运转，项目支出用于完成测绘工作任务及各专项业务工作。",
    "（一）基本支出情况",
    "基本支出包括人员经费和公用经费两部分，各自的金额和主要用途如下。",
    "1.人员经费2,152.26万元，主要包括了基本工资、津贴补贴、绩效工资、机关事业单位的基本养老保"
    "险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金和其他工资福利支出等各项支出。",
    "2．公用经费184.65万元，主要包括办公费、印刷费、邮电费、差旅费、维修（护）费、培训费、"
    "劳务费、工会经费、福利费和其他商品和服务支出等，保障了本局的日常运转的各项基本需要。",
    "①办公费12.30万元。",
    "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%，具体构成情况见下表。",
    "2024年度机关运行经费支出明细表",
    "项目\t2024年度\t2023年度",
    "机关运行经费\t184.65\t182.10",
    "本局严格落实过紧日子要求，从严控制一般性支出，压减非急需非刚性支出，会议费、培训费和"
    "差旅费等支出均控制在年初预算之内，机关运行成本保持在较低水平，未发生任何超预算支出。",
    "本局将继续加强预算执行管理，提高财政资金使用效益。",
    "四、一般公共预算财政拨款支出决算具体情况",
    "一般公共预算财政拨款支出年初预算为2,993.92万元，支出决算为2,940.05万元，完成预算的98.20%。"
    "决算数小于预算数的主要原因：部分信息化项目延期实施。其中：",
    "— 2 —",
    "5、社会保障和就业支出（类）财政代缴社会保险费支出（款）财政代缴其他社会保险费支出（项）。"
    "年初预算为85.55万元，支出决算为84.65万元。",
    "公务用车购置支出为0.00万元。",
    "公务用车运行维护支出0.00万元。",
]


@cache
def source() -> SourceText:
    return read_report(PDF)


@cache
def report() -> Report:
    return analyse(source())[0]


@cache
def printed_lines() -> list[list[PrintedLine]]:
    """The printed lines of each page as the reader numbers them (headers and footers out)."""
    with pdfplumber.open(PDF) as pdf:
        pages = [_page_lines(page).lines for page in pdf.pages]
        return drop_margins(pages, [float(page.height) for page in pdf.pages])


def printed_at(text: SourceText, line: int, column: int) -> tuple[int, int, int]:
    """(page, printed line, 1-based column on it) of a character of the extracted text."""
    assert text.locations is not None
    where = text.locations[line - 1]
    assert where.page is not None and where.page_line is not None
    start, page, page_line = 1, where.page, where.page_line
    for piece_start, piece_page, piece_line in where.pieces:
        if column >= piece_start:
            start, page, page_line = piece_start, piece_page, piece_line
    return page, page_line, column - start + 1


# --- the fixture, read whole ---------------------------------------------------------------------


def test_paragraphs_are_read_as_one_line_each_and_the_rest_stays_apart() -> None:
    assert list(source().lines) == LINES


def test_every_character_maps_to_its_printed_line_and_column() -> None:
    text, pages = source(), printed_lines()
    assert text.locations is not None
    joined = 0
    for number, (line, where) in enumerate(zip(text.lines, text.locations, strict=True), 1):
        if where.page_line is None:  # a page marker
            continue
        joined += bool(where.pieces)
        for column, char in enumerate(line, start=1):
            page, page_line, at = printed_at(text, number, column)
            assert pages[page - 1][page_line - 1].text[at - 1] == char, (number, column)
    assert joined == 8


def test_the_paragraph_over_the_page_break_locates_both_pages() -> None:
    text = source()
    number = LINES.index(next(line for line in LINES if line.startswith("一般公共预算"))) + 1
    line = text.line(number)
    cut = line.index("20%。") + 1
    assert text.location(number, cut - 1) == Location(page=1, page_line=27)
    assert text.location(number, cut) == Location(page=2, page_line=1)
    assert printed_at(text, number, cut) == (2, 1, 1)


def test_headings_stay_lines_of_their_own_in_the_outline() -> None:
    (narrative,) = [part for part in report().parts if part.name.value == "情况说明"]
    headings = [(s.number, s.title, s.heading.line) for s in narrative.sections]
    assert headings == [
        ("一、", "收入支出决算总体情况说明", 3),
        ("二、", "收入决算情况说明", 5),
        ("三、", "支出决算情况说明", 7),
        ("四、", "一般公共预算财政拨款支出决算具体情况", 20),
    ]
    (sub,) = narrative.sections[2].children
    assert (sub.number, sub.title, sub.heading.line) == ("（一）", "基本支出情况", 9)


# --- facts read from the joined paragraphs -------------------------------------------------------


def _fact(kind: type, value: str, attr: str) -> AmountFact | ShareFact | ChangeFact:
    found = [
        f
        for f in report().facts
        if isinstance(f, kind) and getattr(f, attr).value == Decimal(value)
    ]
    assert len(found) == 1, (value, found)
    fact: AmountFact | ShareFact | ChangeFact = found[0]
    return fact


def test_a_figure_broken_by_the_wrap_is_read_at_its_span() -> None:
    text = source()
    fact = _fact(AmountFact, "2961.68", "amount")
    assert isinstance(fact, AmountFact)
    assert fact.label == "上海市云岭区测绘局的收入支出总计"
    assert fact.amount.span == Span.at(4, 41, 49)
    assert text.slice(fact.amount.span) == "2,961.68"
    assert printed_at(text, 4, 41) == (1, 3, 41)  # "2" ends the first printed line …
    assert printed_at(text, 4, 47) == (1, 4, 1)  # … "6" opens the second
    assert text.location(4, 48) == Location(page=1, page_line=4)


def test_a_percentage_broken_by_the_wrap_is_read_at_its_span() -> None:
    change = _fact(ChangeFact, "120.50", "amount")
    assert isinstance(change, ChangeFact) and change.rate is not None
    assert change.rate.value == Decimal("4.24")
    assert source().slice(change.rate.span) == "4.24"
    assert printed_at(source(), 4, change.rate.span.column) == (1, 4, 49)
    assert printed_at(source(), 4, change.rate.span.end_column - 1) == (1, 5, 2)


def test_a_figure_after_a_ragged_line_is_read_with_its_label() -> None:
    (amount,) = [
        f for f in report().facts if isinstance(f, AmountFact) and f.label == "财政拨款收入"
    ]
    assert amount.amount.value == Decimal("2940.05")
    assert source().slice(amount.amount.span) == "2,940.05"
    assert printed_at(source(), 6, amount.amount.span.column) == (1, 8, 1)
    (share,) = [f for f in report().facts if isinstance(f, ShareFact) and f.label == "财政拨款收入"]
    assert share.share.value == Decimal("99.79")


def test_a_rate_over_the_page_break_is_read_at_its_span() -> None:
    (completion,) = [f for f in report().facts if isinstance(f, CompletionFact)]
    assert completion.rate is not None and completion.rate.value == Decimal("98.20")
    span = completion.rate.span
    assert source().slice(span) == "98.20"
    assert source().location(span.line, span.column) == Location(page=1, page_line=27)
    assert source().location(span.line, span.end_column - 1) == Location(page=2, page_line=1)


def test_the_item_broken_before_its_bracket_is_read_whole() -> None:
    labels = {f.label for f in report().facts if isinstance(f, AmountFact)}
    assert (
        "社会保障和就业支出（类）财政代缴社会保险费支出（款）财政代缴其他社会保险费支出（项）"
        in labels
    )


# --- the rules, on printed lines -----------------------------------------------------------------


def _line(text: str, x0: float, x1: float, top: float, size: float = 10.0) -> PrintedLine:
    return PrintedLine(text, x0, x1, top, top + size, size)


BODY = Body(60.0, 500.0)
WHERE = Layout((BODY, BODY), {10.0: 16.0})


def _continues(a: PrintedLine, b: PrintedLine, new_page: bool = False) -> bool:
    return continues(Piece(a, 1, 1), Piece(b, 2 if new_page else 1, 1 if new_page else 2), WHERE,
                     new_page)  # fmt: skip


def test_a_line_is_full_when_the_next_unit_would_not_have_fitted() -> None:
    assert unit_width("2,940.05万元", 10) == 40  # eight Latin characters, half a size each
    assert unit_width("（项）。主要用于", 10) == 40  # bracket, word, closing punctuation
    assert unit_width("元，支出", 10) == 20  # a character and the comma that may not open a line
    # 30 points left: a number of 30 points does not fit (with the spacing kept before it) …
    assert is_full(_line("年初预算为", 60, 470, 100), "2,940.05万元", BODY)
    # … nor, ragged, a word with its brackets; but a single character would have
    assert is_full(_line("行政单位离退休", 60, 470, 100), "（项）。", BODY)
    assert not is_full(_line("行政单位离退休。", 60, 470, 100), "公", BODY)
    # 30 points left before a number of 20: ragged inside a sentence, not after its end
    assert is_full(_line("支出决算为", 60, 470, 100), "1.30万元", BODY)
    assert not is_full(_line("基本持平。", 60, 470, 100), "1.30万元", BODY)


def test_headings_items_notes_and_titles_open_blocks() -> None:
    blocks = ("一、收入决算情况说明", "（二）结构情况", "第三部分 情况说明", "1.人员经费")
    items = ("2、公用经费", "①办公费", "注：本表无数据", "单位：万元", "表3 支出决算表")
    for text in (*blocks, *items):
        assert opens_block(text, after_sentence=False), text
    assert opens_block("2024年度机关运行经费支出明细表", after_sentence=True)
    assert not opens_block("2024年度机关运行经费支出明细表", after_sentence=False)
    assert not opens_block("1.30万元，完成预算的100%。", after_sentence=False)
    assert not opens_block("68万元。与2023年度相比", after_sentence=True)


def test_continuation_needs_left_edge_size_pitch_and_a_full_line() -> None:
    full = _line("一般公共预算财政拨款支出决算为2,940.", 80, 499, 100)
    assert _continues(full, _line("05万元。", 60, 100, 116))
    assert not _continues(full, _line("05万元。", 81, 120, 116))  # indented: a new paragraph
    assert not _continues(full, _line("05万元。", 60, 100, 116, size=12))  # another size
    assert not _continues(full, _line("05万元。", 60, 100, 132))  # a blank line between
    assert _continues(full, _line("05万元。", 60, 100, 80), new_page=True)
    short = _line("一般公共预算财政拨款支出。", 80, 300, 100)
    assert not _continues(short, _line("本年收入合计", 60, 200, 116))
    row = PrintedLine("合计\t2,940.05", 60, 499, 100, 110, 10, row=True)
    assert not _continues(row, _line("05万元。", 60, 100, 116))
    contents = _line("部门决算情况说明……………………………12", 60, 499, 100)
    assert not _continues(contents, _line("名词解释……………………15", 60, 499, 116))


def test_bodies_are_per_page_width_and_pitch_per_size() -> None:
    portrait = [_line("正文" * 10, 72, 522, 100 + 14 * k, 12) for k in range(5)]
    landscape = [_line("注：本表" * 10, 72, 770, 100 + 14 * k, 12) for k in range(2)]
    bodies = page_bodies([portrait, landscape, portrait], [595.0, 842.0, 595.0])
    assert bodies[0] == bodies[2] == Body(72.0, 522.0)
    assert bodies[1] == Body(72.0, 770.0)
    assert line_pitches([portrait]) == {12: 14.0}


def test_a_running_header_of_a_two_page_document_is_dropped() -> None:
    def page(n: int) -> list[PrintedLine]:
        return [_line("某局2024年度部门决算", 200, 380, 20, 9), _line(f"正文第{n}页", 60, 300, 300)]

    assert [[x.text for x in p] for p in drop_margins([page(1), page(2)], [842.0] * 2)] == [
        ["正文第1页"],
        ["正文第2页"],
    ]
    assert [x.text for x in drop_margins([page(1)], [842.0])[0]] == [
        "某局2024年度部门决算",
        "正文第1页",
    ]


def test_a_page_marker_inside_a_paragraph_is_not_read_as_its_text() -> None:
    """A paragraph the layout did not join over a page break is still read whole, without the
    ``— 2 —`` marker line inside it."""
    builder = LineBuilder()
    builder.add("— 1 —", Location(page=1))
    builder.add("二、收入决算情况说明", Location(page=1, page_line=1))
    builder.add("本年收入合计2,946.25万元，其中：财政拨款收入", Location(page=1, page_line=2))
    builder.add("— 2 —", Location(page=2))
    builder.add("2,940.05万元，占99.79%；其他收入6.20万元。", Location(page=2, page_line=1))
    text = builder.source(Path("report.pdf"), "pdf")
    paragraphs = list(read_paragraphs(text, build_report(text)))
    assert [p.text for p in paragraphs][-1] == (
        "本年收入合计2,946.25万元，其中：财政拨款收入2,940.05万元，占99.79%；其他收入6.20万元。"
    )
    assert paragraphs[-1].span(26, 34) == Span.at(5, 1, 9)  # 2,940.05 on the next page
