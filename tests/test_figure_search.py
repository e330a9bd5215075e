"""Figure search: a figure query finds the figure however it is printed, on figure boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fa_tui.tui.figure_search import cell_matches, finder, parse_query, printed_figures


def found(query: str, line: str) -> list[str]:
    return [line[start:end] for start, end in finder(query)(line)]


@pytest.mark.parametrize(
    "printed",
    ["371,501.36", "371，501.36", "371, 501. 36", "371 501.36", "371501.36", "371 , 501 .36"],
)
def test_a_figure_query_finds_every_printing(printed: str) -> None:
    line = f"住房保障支出\t{printed}\t元"
    assert found("371501.36", line) == [printed]
    assert found("371,501.36", line) == [printed]


def test_a_grouped_query_finds_the_plain_figure() -> None:
    assert found("371,501.36", "支出371501.36元") == ["371501.36"]
    assert found("371，501.36", "支出371501.36元") == ["371501.36"]


def test_the_sample_split_forms() -> None:
    line = "\t19\t\t十九、住房保障支出\t51\t371, 501. 36\t371, 501. 36\t\t"
    assert found("371501.36", line) == ["371, 501. 36", "371, 501. 36"]
    damaged = "本年支出合计\t59\t138, 307, 27 6. 56\t138, 307, 276. 56"
    assert found("138307276.56", damaged) == ["138, 307, 27 6. 56", "138, 307, 276. 56"]


@pytest.mark.parametrize("query", ["1501.36", "501.36", "71,501.36", "371,501.3", "371501.366"])
def test_figures_match_on_figure_boundaries(query: str) -> None:
    assert found(query, "合计371,501.36元，其中 371, 501. 36") == []


def test_the_right_boundary() -> None:
    assert found("371,501", "共371,501,000元") == []
    assert found("501.36", "501.365") == []


def test_a_whole_query_finds_the_figures_with_that_whole_part() -> None:
    line = "371,501.36 与 371501 与 3715010"
    assert found("371501", line) == ["371,501.36", "371501"]


def test_value_equal_decimals_match() -> None:
    assert found("26.3", "占 26.30%") == ["26.30"]


def test_columns_laid_out_with_one_space_are_separate_figures() -> None:
    assert found("200.00", "合计 100.00 200.00 300.00") == ["200.00"]
    assert found("12", "2023.12.31") == ["12"]


def test_two_spaces_or_a_tab_separate_figures() -> None:
    assert found("371501", "371  501") == []
    assert found("371501", "371\t501") == []
    assert found("501", "371  501") == ["501"]


def test_commas_off_the_thousands_places_separate_figures() -> None:
    assert found("35", "分别为3，5项") == []
    assert found("5", "分别为3，5项") == ["5"]


def test_the_span_covers_the_whole_printed_figure() -> None:
    line = "总计\t138, 307, 276. 56\t"
    [(start, end)] = list(finder("138307276.56")(line))
    assert line[start:end] == "138, 307, 276. 56"
    assert line[:start] == "总计\t" and line[end:] == "\t"


def test_text_queries_are_found_as_text_ignoring_case() -> None:
    assert parse_query("基本支出") is None
    assert parse_query("FA201") is None
    assert parse_query("12.5%") is None
    assert found("fa2", "FA201 与 fa202") == ["FA2", "fa2"]
    assert found("基本支出", "基本支出合计，基本支出") == ["基本支出", "基本支出"]


def test_the_query_parse() -> None:
    figure = parse_query(" 371, 501. 36 ")
    assert figure is not None and figure.value == Decimal("371501.36")
    assert parse_query("2023") is not None and parse_query("2023").decimals is None  # type: ignore[union-attr]


def test_printed_figures_lists_every_figure_in_order() -> None:
    line = "2023年支出1,234.50万元，增长12.5%"
    assert [(line[s:e], f.value) for s, e, f in printed_figures(line)] == [
        ("2023", Decimal("2023")),
        ("1,234.50", Decimal("1234.50")),
        ("12.5", Decimal("12.5")),
    ]


def test_cell_matches_by_value_whatever_the_printing() -> None:
    assert cell_matches("371501.36", "371, 501. 36", Decimal("371501.36"))
    assert cell_matches("371,501.36", "371501.36", Decimal("371501.36"))
    assert cell_matches("371501", "371,501.36", Decimal("371501.36"))
    assert not cell_matches("1501.36", "371,501.36", Decimal("371501.36"))
    assert cell_matches("2080505", "2080505")  # a code, as text of a figure
    assert cell_matches("医疗", "行政单位医疗")
    assert not cell_matches("", "行政单位医疗")


def test_a_run_of_thousands_of_digits_is_no_number_but_no_error() -> None:
    assert found("1", "1" * 10_000) == []
    assert found("1", "1 " * 10_000) == []
    assert cell_matches("1", "x", Decimal("1E+5000")) is False


def test_a_line_without_the_figures_digits_is_passed_over() -> None:
    assert found("371501.36", "371  501.36") == []  # two spaces: a gap between columns
    assert found("371501.36", "合计 138,307,276.56") == []
    assert found("26.30", "占 26.3%") == ["26.3"]
    assert found("0.50", "0.5 与 10.5") == ["0.5"]
