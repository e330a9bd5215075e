"""The table schema: one declaration per table is enough to parse, check and show it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_path

from fa_tui.ingest import decode_report
from fa_tui.model import TableStatus
from fa_tui.pipeline import analyse
from fa_tui.schema import (
    NATIONAL,
    TEMPLATES,
    Codes,
    ColumnSum,
    Layout,
    TableSpec,
    TemplateSet,
    register,
)
from fa_tui.tui.index import build_nodes

# A tenth table, declared in this one place (a region's extra 公开表).
PROJECTS = TableSpec(
    id="公开10表",
    number=10,
    short="表十",
    title="一般公共预算财政拨款项目支出决算表",
    titles=("一般公共预算财政拨款项目支出决算表",),
    layout=Layout.CODED,
    codes=Codes.FUNCTIONAL,
    columns=("合计", "财政拨款", "其他资金"),
    column_sums=(ColumnSum("合计", ("财政拨款", "其他资金")),),
    hierarchy=True,
    rules=("FA102", "FA204", "FA205"),
)

TENTH_TABLE = """一般公共预算财政拨款项目支出决算表
公开10表
单位：万元
科目代码\t科目名称\t合计\t财政拨款\t其他资金
栏次\t\t1\t2\t3
合计\t\t30.00\t20.00\t10.00
201\t一般公共服务支出\t30.00\t20.00\t10.00
2010101\t行政运行\t30.00\t20.00\t11.00
"""


@pytest.fixture
def ten_tables() -> TemplateSet:
    template = register(TemplateSet("test-ten", "测试：十张表", (*NATIONAL.tables, PROJECTS)))
    yield template
    TEMPLATES.pop(template.name)


def _with_tenth_table(tmp_path: Path) -> Path:
    """A copy of a real report with the tenth table printed after the ninth."""
    lines = sample_path("2024-liling").read_text(encoding="utf-8").split("\n")
    part_three = next(i for i, line in enumerate(lines) if i > 300 and line == "第三部分")
    lines[part_three:part_three] = TENTH_TABLE.split("\n")
    path = tmp_path / "ten.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _source(path: Path):
    return decode_report(path.read_bytes(), path)


def test_a_tenth_table_is_parsed_checked_and_shown(tmp_path: Path, ten_tables) -> None:
    path = _with_tenth_table(tmp_path)
    report, findings = analyse(_source(path), template=ten_tables.name)
    table = report.table("公开10表")
    assert table is not None and table.status is TableStatus.DATA
    assert table.columns == ["合计", "财政拨款", "其他资金"]
    assert [(r.code, r.cells["其他资金"].text) for r in table.rows] == [
        (None, "10.00"),
        ("201", "10.00"),
        ("2010101", "11.00"),
    ]
    # Checked by the rules the declaration's identities drive: the row sum (FA204) ...
    row_sum = [f for f in findings if f.code == "FA204" and f.table == "公开10表"]
    assert len(row_sum) == 1 and "表十“2010101 行政运行”合计为 30.00" in row_sum[0].message
    # ... and the hierarchy (FA205: 类 201 = Σ its 项): the one wrong figure breaks both, so the
    # engine blames it once, in its own cell.
    assert "另见 FA205" in row_sum[0].message and row_sum[0].expected == "10.00"
    wrong = table.rows[2].cells["其他资金"]
    assert row_sum[0].span == wrong.span
    # Shown in the tree, under 决算表, with its short name.
    tables = next(n for n in build_nodes(report) if n.key == "part:决算表").children
    node = next(n for n in tables if n.role == "公开10表")
    assert node.label == "表十 一般公共预算财政拨款项目支出决算表" and node.present


def test_a_declared_table_that_is_missing_is_reported_and_shown(ten_tables) -> None:
    report, findings = analyse(_source(sample_path("2024-liling")), template=ten_tables.name)
    missing = [f for f in findings if f.code == "FA102" and "公开10表" in f.message]
    assert [f.message for f in missing] == ["缺少公开10表（一般公共预算财政拨款项目支出决算表）"]
    assert missing[0].part == "决算表"
    tables = next(n for n in build_nodes(report) if n.key == "part:决算表").children
    assert any(n.role == "公开10表" and not n.present for n in tables)


def test_the_national_set_does_not_know_the_tenth_table(tmp_path: Path) -> None:
    # (detected, the report would be read with the Sichuan set, which has this title too)
    report, findings = analyse(_source(_with_tenth_table(tmp_path)), template="national")
    assert report.table("公开10表") is None
    assert not any(f.table == "公开10表" for f in findings)
    assert [t.role for t in report.tables[: len(NATIONAL.tables)]] == list(NATIONAL.ids)


def test_a_title_variant_is_one_declaration(tmp_path: Path) -> None:
    """A region printing 表八 under another title: one changed declaration recognises it."""
    source = sample_path("2024-liling").read_text(encoding="utf-8")
    variant = "国有资本经营预算财政拨款收入支出决算表"
    assert "国有资本经营预算财政拨款支出决算表" in source
    path = tmp_path / "variant.txt"
    path.write_text(source.replace("国有资本经营预算财政拨款支出决算表", variant), encoding="utf-8")
    national, _ = analyse(_source(path), template="national")
    assert national.table("公开08表").status is TableStatus.MISSING
    t08 = NATIONAL.spec("公开08表")
    regional = [s if s is not t08 else _retitled(t08, variant) for s in NATIONAL.tables]
    template = register(TemplateSet("test-variant", "测试：表八标题", regional))
    try:
        report, findings = analyse(_source(path), template=template.name)
    finally:
        TEMPLATES.pop(template.name)
    assert report.table("公开08表").status is not TableStatus.MISSING
    assert report.table("公开08表").title == variant
    assert not any(f.code == "FA102" and "公开08表" in f.message for f in findings)


def _retitled(spec: TableSpec, title: str) -> TableSpec:
    from msgspec.structs import replace

    return replace(spec, titles=(*spec.titles, title))


def test_template_sets_refuse_a_table_declared_twice() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        TemplateSet("twice", "重复", (*NATIONAL.tables, NATIONAL.tables[0]))


def test_every_national_declaration_is_consistent() -> None:
    for number, spec in enumerate(NATIONAL.tables, start=1):
        assert spec.number == number and spec.id == f"公开{number:02d}表"
        assert spec.titles and spec.titles[0] == spec.title.replace("“", "").replace("”", "")
        for identity in spec.column_sums:
            assert {identity.total, *identity.parts} <= set(spec.columns), spec.id
        if spec.sides is not None:
            assert set(spec.sides.income) | set(spec.sides.spending) == set(spec.columns)
        if spec.layout is Layout.ECONOMIC:
            assert spec.side_classes and spec.codes is Codes.ECONOMIC


def test_a_new_rule_is_one_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule written in one place (its code, name, Chinese title and explanation, and the
    function) is run by the pipeline, placed, and listed by ``fa-tui rules``."""
    from typer.testing import CliRunner

    from fa_tui.cli import app
    from fa_tui.model import Category, PartName, Severity
    from fa_tui.rules.engine import load_rules
    from fa_tui.rules.registry import RULES, RuleCode, RuleContext, rule

    load_rules()
    monkeypatch.setattr("fa_tui.rules.registry.RULES", dict(RULES))
    from fa_tui.rules import registry

    @rule(
        RuleCode(
            "FA799",
            "unit-named-in-title-page",
            "封面写明金额单位",
            Category.UNITS,
            Severity.INFO,
            explanation="测试规则：报告使用的金额单位。",
        )
    )
    def unit_named(ctx: RuleContext):
        overview = ctx.report.part(PartName.OVERVIEW)
        yield ctx.finding("FA799", f"金额单位为{ctx.report.unit}", overview.heading)

    assert "FA799" in registry.RULES
    monkeypatch.setattr("fa_tui.rules.engine.RULES", registry.RULES)
    _, findings = analyse(_source(sample_path("2024-liling")), select=("FA799",))
    assert [(f.code, f.message, f.part) for f in findings] == [("FA799", "金额单位为万元", "概况")]
    listed = CliRunner().invoke(app, ["rules", "FA799"])
    assert listed.exit_code == 0 and "unit-named-in-title-page" in listed.output
