"""Table titles as real templates number them, and the 13-table Sichuan set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import load_sample, sample_path

from fa_tui.model import TableRole, TableStatus
from fa_tui.parse.tables.titles import match_title
from fa_tui.pipeline import Stage, load_report
from fa_tui.schema import template_named

NATIONAL = template_named(None)


@pytest.mark.parametrize(
    ("line", "role", "title"),
    [
        ("表1 收入支出决算总表", TableRole.T01, "收入支出决算总表"),
        ("表一：收入支出决算总表", TableRole.T01, "收入支出决算总表"),
        ("附表1 收入支出决算总表", TableRole.T01, "收入支出决算总表"),
        ("附表1-2：收入决算表", TableRole.T02, "收入决算表"),
        ("（一）收入决算表", TableRole.T02, "收入决算表"),
        ("部门决算表（三）支出决算表", TableRole.T03, "支出决算表"),
        ("财决04表 财政拨款收入支出决算总表", TableRole.T04, "财政拨款收入支出决算总表"),
        ("财政拨款收入支出决算总表（财决04表）", TableRole.T04, "财政拨款收入支出决算总表"),
        (
            "公开05表 一般公共预算财政拨款支出决算表",
            TableRole.T05,
            "一般公共预算财政拨款支出决算表",
        ),
        ("十三、财政拨款“三公”经费支出决算表", TableRole.T09, "财政拨款“三公”经费支出决算表"),
    ],
)
def test_numbering_variants(line: str, role: str, title: str) -> None:
    found = match_title(line, NATIONAL)
    assert found is not None and (found.role, found.title) == (role, title)
    assert line[found.start : found.end] == title


@pytest.mark.parametrize("prefix", ["表1 ", "附表1：", "部门决算表（一）", "财决01表 ", "（一）"])
def test_a_numbered_title_still_reads_the_table_under_it(
    mutate: Callable[..., Path], prefix: str
) -> None:
    path = mutate("2024-liling", 77, "收入支出决算总表", f"{prefix}收入支出决算总表")
    table = load_report(path, until=Stage.TABLES).table(TableRole.T01)
    original = load_sample("2024-liling").table(TableRole.T01)
    assert table is not None and original is not None
    assert table.status is TableStatus.DATA and table.title == "收入支出决算总表"
    assert [(r.side, r.name, {k: c.text for k, c in r.cells.items()}) for r in table.rows] == [
        (r.side, r.name, {k: c.text for k, c in r.cells.items()}) for r in original.rows
    ]


def test_the_sichuan_thirteen_are_all_listed() -> None:
    report = load_report(sample_path("2023-yanbian"), until=Stage.TABLES)
    assert report.template == "sichuan"
    listed = [(t.role, t.span.line if t.span else None) for t in report.tables]
    assert [line for _, line in listed] == list(range(186, 199))
    assert [role for role, _ in listed][4:7] == ["四川05表", TableRole.T05, "四川07表"]
    assert all(t.status is TableStatus.TITLE_ONLY for t in report.tables)


def test_a_nine_table_report_stays_national() -> None:
    for name in ("2022-liujiang", "2024-liling"):
        assert load_report(sample_path(name), until=Stage.TABLES).template == "national"
