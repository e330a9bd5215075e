"""A table continued on the next page (its title printed again with （续）, its header repeated)
is one table: no row of the continuation is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_sample, sample_path
from helpers_rules import run

from fa_tui.model import TableRole
from fa_tui.pipeline import Stage, load_report

# liling's 公开05表: header on lines 235–237, rows from 238; split after line 245.
HEADER = slice(234, 237)
SPLIT = 245


def _split(tmp_path: Path, *between: str) -> Path:
    lines = sample_path("2024-liling").read_text(encoding="utf-8").split("\n")
    header = lines[HEADER]
    assert header[1].startswith("科目代码")
    out = tmp_path / "split.txt"
    out.write_text("\n".join([*lines[:SPLIT], *between, *header, *lines[SPLIT:]]), encoding="utf-8")
    return out


def _cells(path: Path | None) -> list[tuple[str | None, str, dict[str, str]]]:
    report = load_sample("2024-liling") if path is None else load_report(path, until=Stage.TABLES)
    table = report.table(TableRole.T05)
    assert table is not None
    return [(r.code, r.name, {k: c.text for k, c in r.cells.items()}) for r in table.rows]


@pytest.mark.parametrize(
    "between",
    [
        ("", "— 12 —", ""),
        ("", "— 12 —", "", "一般公共预算财政拨款支出决算表（续）", "单位: 元"),
        ("醴陵市医疗保障局2024年度部门决算", "— 12 —", "一般公共预算财政拨款支出决算表"),
    ],
    ids=["header-repeated", "title-continued", "running-header"],
)
def test_the_continuation_is_read_into_the_same_table(
    tmp_path: Path, between: tuple[str, ...]
) -> None:
    path = _split(tmp_path, *between)
    assert _cells(path) == _cells(None)
    assert [f.message for f in run(path, "FA2", "FA3")] == [
        f.message for f in run(sample_path("2024-liling"), "FA2", "FA3")
    ]


def test_the_same_title_after_running_text_is_not_a_continuation(tmp_path: Path) -> None:
    prose = "本表反映部门本年度一般公共预算财政拨款支出情况，以下为该表的另一份打印件，供核对。"
    path = _split(tmp_path, "", prose, "一般公共预算财政拨款支出决算表")
    rows = _cells(path)
    assert len(rows) < len(_cells(None))  # the first block only: the second is another table
