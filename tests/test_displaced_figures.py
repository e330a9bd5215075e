"""Figures a PDF's text layer prints on the line below their sentence (a template filled in
with another font), read back in their blanks: plain text pairs them with the blanks in order,
layout text by column; where they do not pair up one to one, nothing is moved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fa_tui.ingest import read_report
from fa_tui.model import SourceText
from fa_tui.model.facts import AmountFact, ShareFact
from fa_tui.parse.narrative.displaced import restored_lines
from fa_tui.pipeline import analyse

HEAD = [
    "某某市某某局2024年度部门决算",
    "第一部分 某某市某某局概况",
    "一、主要职能",
    "负责全市某某工作。",
    "第三部分 某某市某某局2024年度部门决算情况说明",
    "五、一般公共预算财政拨款支出决算情况说明",
]


def _source(lines: list[str]) -> SourceText:
    return SourceText(path=Path("x.txt"), encoding="utf-8", lines=tuple(lines))


def _restored(lines: list[str]) -> list[str]:
    return list(restored_lines(_source(lines), set()))


def test_plain_text_fills_the_blanks_in_order() -> None:
    got = _restored(
        ["一般公共预算财政拨款支出 万元，占本年支出合计的 。与 年", "2940.05 100.00% 2023"]
    )
    assert got == ["一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年", ""]


def test_one_more_figure_goes_before_a_line_that_starts_after_one() -> None:
    assert _restored(["；住房保障支出（类） 万元", "15.16% 445.69"]) == [
        "15.16%；住房保障支出（类）445.69万元",
        "",
    ]
    # an enumerator before its 、
    assert _restored(["、一般公共服务支出（类）", "1"]) == ["1、一般公共服务支出（类）", ""]


def test_quotation_marks_of_the_filled_in_font_come_back() -> None:
    got = _restored(["七、财政拨款 三公 经费支出决算情况说明", "“ ”"])
    assert got == ["七、财政拨款“三公”经费支出决算情况说明", ""]
    got = _restored(["三公 经费财政拨款支出年初预算为 万元", "“ ” 0.95"])
    assert got == ["“三公”经费财政拨款支出年初预算为0.95万元", ""]


@pytest.mark.parametrize(
    "lines",
    [
        ["支出 万元，占 。", "2940.05"],  # two blanks, one figure
        ["支出 万元", "2940.05 100.00% 2023"],  # one blank, three figures
        ["一般公共预算财政拨款支出2940.05万元。", "2023"],  # no blank: a line of its own
        ["2024", "100.00"],  # two lines of figures
        ["收入\t支出", "100.00 200.00"],  # a table row
    ],
)
def test_blanks_and_figures_that_do_not_pair_up_are_left_as_printed(lines: list[str]) -> None:
    assert _restored(lines) == lines


def test_layout_text_puts_each_figure_in_the_blank_it_stands_under() -> None:
    host = "   一般公共预算财政拨款支出年初预算为        万元，支出决算为      万元，完"
    below = " " * 24 + "2993.92" + " " * 7 + "2940.05"  # wide characters drift the columns
    assert _restored([host, below]) == [
        "   一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完",
        "",
    ]
    # a figure under a word, or two under one blank: nothing is moved
    assert _restored([host, "      2993.92"]) == [host, "      2993.92"]
    two = " " * 21 + "2993.92 2940.05"
    assert _restored([host, two]) == [host, two]


def test_the_facts_read_the_figures_in_their_blanks(tmp_path: Path) -> None:
    path = tmp_path / "layer.txt"
    text = [
        *HEAD,
        "一般公共预算财政拨款支出 万元，占本年支出合计的 。与 年度相比，减少 万元，",
        "2940.05 100.00% 2023 63.14",
        "主要原因是人员减少。",
    ]
    path.write_text("\n".join(text), encoding="utf-8")
    source = read_report(path)
    report, _ = analyse(source)
    amounts = [f for f in report.facts if isinstance(f, AmountFact)]
    total = next(f for f in amounts if f.amount.value == Decimal("2940.05"))
    assert "一般公共预算财政拨款支出" in total.label
    assert total.amount.span.line == 8
    assert source.slice(total.amount.span) == "2940.05"
    shares = [f for f in report.facts if isinstance(f, ShareFact)]
    assert [(s.share.value, source.slice(s.share.span)) for s in shares] == [
        (Decimal("100.00"), "100.00")
    ]
    assert all(
        (f.span.line, f.span.column) <= (f.span.end_line, f.span.end_column) for f in report.facts
    )
