"""A table that is not the template's, printed in sides (收入 ‖ 支出 on one line): one row per side
and line, each figure under its own side's label; other texts between figures stay cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fa_tui.model import Table, TableRole
from fa_tui.pipeline import Stage, load_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"

_SIDED = """上海市云岭区水务局2026年部门预算

2026年部门财政拨款收支预算总表
单位：元
财政拨款收入\t\t财政拨款支出\t\t
项目\t预算数\t项目\t合计\t一般公共预算
一、一般公共预算\t96,282.44\t一、公共安全支出\t87,267.44\t87,267.44
二、政府性基金预算\t0.00\t二、卫生健康支出\t9,015.00\t9,015.00
\t\t三、住房保障支出\t0.00\t0.00
收入总计\t96,282.44\t支出总计\t96,282.44\t96,282.44
"""


def _others(path: Path) -> list[Table]:
    report = load_report(path, until=Stage.TABLES)
    return [t for t in report.tables if t.role is TableRole.OTHER]


def _rows(table: Table) -> list[tuple[str | None, str, dict[str, Decimal | None]]]:
    return [(r.side, r.name, {k: a.value for k, a in r.cells.items()}) for r in table.rows]


def test_each_side_keeps_its_labels_and_its_own_columns(tmp_path: Path) -> None:
    path = tmp_path / "sided.txt"
    path.write_text(_SIDED, encoding="utf-8")
    [table] = _others(path)
    assert _rows(table) == [
        ("财政拨款收入", "一、一般公共预算", {"预算数": Decimal("96282.44")}),
        ("财政拨款收入", "二、政府性基金预算", {"预算数": Decimal("0.00")}),
        ("财政拨款收入", "收入总计", {"预算数": Decimal("96282.44")}),
        (
            "财政拨款支出",
            "一、公共安全支出",
            {"合计": Decimal("87267.44"), "一般公共预算": Decimal("87267.44")},
        ),
        (
            "财政拨款支出",
            "二、卫生健康支出",
            {"合计": Decimal("9015.00"), "一般公共预算": Decimal("9015.00")},
        ),
        (
            "财政拨款支出",
            "三、住房保障支出",
            {"合计": Decimal("0.00"), "一般公共预算": Decimal("0.00")},
        ),
        (
            "财政拨款支出",
            "支出总计",
            {"合计": Decimal("96282.44"), "一般公共预算": Decimal("96282.44")},
        ),
    ]
    spending = next(r for r in table.rows if r.name == "一、公共安全支出")
    source = load_report(path, until=Stage.TABLES).source
    assert source.slice(spending.cells["合计"].span) == "87,267.44"


def test_a_side_without_a_header_is_named_by_its_total() -> None:
    [table] = _others(FIXTURES / "budget-report.pdf")
    assert {r.side for r in table.rows} == {"收入", "支出"}
    assert ("支出", "二、农林水支出", {"预算数": Decimal("950.00")}) in _rows(table)


def test_texts_between_figures_are_not_sides(tmp_path: Path) -> None:
    path = tmp_path / "perf.txt"
    path.write_text(
        "某局2024年度部门决算\n\n2024年度部门整体绩效自评表\n"
        "一级指标\t指标内容\t分值\t实际完成值\t得分\n"
        "产出指标\t培训次数\t5\t达成预期指标\t5\n"
        "\t参保登记\t3\t达成预期指标\t3\n",
        encoding="utf-8",
    )
    [table] = _others(path)
    assert {r.side for r in table.rows} == {None}
    assert [r.name for r in table.rows] == ["产出指标", "参保登记"]
