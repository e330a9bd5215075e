"""The 三公 table as other templates print it: with 会议费 and 培训费 columns, or turned (its items
as rows, 预算数/决算数 as columns). Every figure under its own key; none dropped."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers_rules import run, span_of

from fa_tui.model import Table, TableRole
from fa_tui.pipeline import Stage, load_report

TEXT = Path(__file__).resolve().parent / "fixtures" / "text"
WIDE = TEXT / "three-public-meetings-wide.txt"
TALL = TEXT / "three-public-items-as-rows.txt"

_EXPECTED = {
    "预算数合计": "12.50",
    "预算数因公出国（境）费": "0.00",
    "预算数公务用车购置及运行维护费小计": "8.00",
    "预算数公务用车购置费": "0.00",
    "预算数公务用车运行维护费": "8.00",
    "预算数公务接待费": "4.50",
    "决算数合计": "11.40",
    "决算数因公出国（境）费": "0.00",
    "决算数公务用车购置及运行维护费小计": "7.90",
    "决算数公务用车购置费": "0.00",
    "决算数公务用车运行维护费": "7.90",
    "决算数公务接待费": "3.50",
    "预算数会议费": "3.20",
    "预算数培训费": "6.10",
    "决算数会议费": "2.80",
    "决算数培训费": "5.95",
}


def _t09(path: Path) -> Table:
    table = load_report(path, until=Stage.TABLES).table(TableRole.T09)
    assert table is not None
    return table


@pytest.mark.parametrize("path", [WIDE, TALL], ids=["wide", "tall"])
def test_every_figure_is_read_under_its_key(path: Path) -> None:
    table = _t09(path)
    assert table.status.value == "data"
    assert table.columns == list(_EXPECTED)
    row = table.rows[0]
    assert {k: a.value for k, a in row.cells.items()} == {
        k: Decimal(v) for k, v in _EXPECTED.items()
    }


def test_the_wide_table_keeps_each_figure_at_its_cell() -> None:
    row = _t09(WIDE).rows[0]
    # line 11 holds the figures: 决算数培训费 is the last field
    assert row.cells["决算数培训费"].span == span_of(WIDE, 11, "5.95")
    assert row.cells["预算数会议费"].span == span_of(WIDE, 11, "3.20")


def test_the_turned_table_reads_each_item_on_its_line() -> None:
    row = _t09(TALL).rows[0]
    assert row.cells["决算数公务接待费"].span == span_of(TALL, 13, "3.50")
    assert row.cells["预算数公务用车购置及运行维护费小计"].span == span_of(TALL, 10, "8.00")
    assert row.cells["决算数培训费"].span == span_of(TALL, 15, "5.95")


def test_figures_that_are_not_items_keep_rows_of_their_own() -> None:
    table = _t09(TALL)
    others = [(r.name, {k: a.value for k, a in r.cells.items()}) for r in table.rows[1:]]
    assert others == [
        ("1.因公出国（境）团组数（个）", {"预算数": Decimal("0"), "决算数": Decimal("0")}),
        ("2.公务用车保有量（辆）", {"预算数": Decimal("2"), "决算数": Decimal("2")}),
    ]


@pytest.mark.parametrize(("name", "line", "old"), [("wide", 11, "11.40"), ("tall", 8, "11.40")])
def test_the_three_public_sums_are_checked_in_both_forms(
    tmp_path: Path, name: str, line: int, old: str
) -> None:
    source = WIDE if name == "wide" else TALL
    assert run(source, "FA209") == []
    lines = source.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1].replace(old, "13.40", 1)
    broken = tmp_path / source.name
    broken.write_text("\n".join(lines), encoding="utf-8")
    [finding] = run(broken, "FA209")
    assert finding.span == span_of(broken, line, "13.40")
    assert "决算数合计" in finding.message
