"""One way to round and print a figure: half up (四舍五入), in every message."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import sample_path
from test_rules_narrative import at, run

from fa_tui.model.decimals import half_unit, places_in, rounded, show
from fa_tui.pipeline import load_report


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("0.125", 2, "0.13"),
        ("-0.125", 2, "-0.13"),
        ("2.5", 0, "3"),
        ("3.5", 0, "4"),
        ("0.135", 2, "0.14"),
        ("0.124999", 2, "0.12"),
        ("1.2", 3, "1.200"),
        ("7", -1, "7"),  # negative places print as 0
    ],
)
def test_ties_round_half_up(value: str, places: int, text: str) -> None:
    assert show(Decimal(value), places) == text


def test_rounded_keeps_the_places_and_every_digit() -> None:
    assert rounded(Decimal("0.125"), 2) == Decimal("0.13")
    assert str(rounded(Decimal("5"), 2)) == "5.00"
    wide = Decimal("1" * 60 + ".5")  # beyond the default context's 28 digits
    assert rounded(wide, 0) == Decimal("1" * 59 + "2")


def test_show_groups_and_signs() -> None:
    assert show(Decimal("1234567.125"), 2, grouped=True) == "1,234,567.13"
    assert show(Decimal("1234.5"), 0, grouped=True) == "1,235"
    assert show(Decimal("0.125"), 2, signed=True) == "+0.13"
    assert show(Decimal("-0.125"), 2, signed=True) == "-0.13"
    assert show(Decimal(0), 2, signed=True) == "0.00"


def test_half_unit_and_places() -> None:
    assert half_unit(2) == Decimal("0.005")
    assert half_unit(0) == Decimal("0.5")
    assert places_in("1234.50") == 2
    assert places_in("1234") == 0
    assert places_in("-0.125") == 3


def test_a_recomputed_figure_is_printed_half_up(tmp_path: Path) -> None:
    """表五 行政单位医疗 137,250.00 元 is 13.725 万元: the message shows 13.73 (half even 13.72)."""
    lines = sample_path("2024-liling").read_text(encoding="utf-8").split("\n")
    assert "137, 518. 16" in lines[240]
    lines[240] = lines[240].replace("137, 518. 16", "137, 250. 00")
    path = tmp_path / "2024-liling-tie.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = at(run(load_report(path), "FA4"), "FA406", 390)
    assert len(found) == 1
    assert found[0].expected == "13.73"
    assert "表五“卫生健康支出（类）行政单位医疗（项）”的 13.73 万元不一致" in found[0].message
    assert found[0].computation is not None and found[0].computation.endswith("= 13.73 万元 ≠ 13.8")
