"""Budget reports are recognised as such, and the department and year are read, never invented."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.ingest import read_report
from fa_tui.model import ReportKind, TableRole
from fa_tui.pipeline import Stage, analyse, load_report
from fa_tui.rules.engine import load_rules
from fa_tui.rules.registry import RULES
from fa_tui.tui.index import build_nodes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUDGET = FIXTURES / "budget-report.pdf"


def test_a_budget_report_is_recognised_by_its_title() -> None:
    report = load_report(BUDGET, until=Stage.OUTLINE)
    assert report.kind is ReportKind.BUDGET
    assert report.kind_span is not None
    assert report.source.slice(report.kind_span) == "预算"
    assert report.source.line(report.kind_span.line) == "上海市云岭区2026年区级部门预算"


def test_a_budget_names_its_department_by_label_and_its_year_in_the_title() -> None:
    report = load_report(BUDGET, until=Stage.OUTLINE)
    assert (report.department, report.year) == ("上海市云岭区水务局", 2026)
    assert report.department_span is not None and report.year_span is not None
    assert report.source.slice(report.department_span) == "上海市云岭区水务局"
    assert report.source.slice(report.year_span) == "2026"


def test_a_budget_gets_the_rules_for_any_report_and_no_final_accounts_rule() -> None:
    report, findings = analyse(read_report(BUDGET))
    assert [(f.code, f.severity.value) for f in findings] == [("FA501", "error")]
    (share,) = findings
    assert report.source.slice(share.span) == "5"
    assert share.expected == "4.00%"
    # No standard 决算 table is listed missing on a budget; its own table is still read.
    assert [t.role for t in report.tables] == [TableRole.OTHER]
    assert report.tables[0].title == "2026年部门财务收支预算总表"


def test_which_rules_hold_for_a_budget() -> None:
    load_rules()
    budget = sorted(c for c, r in RULES.items() if ReportKind.BUDGET in r.kinds)
    assert all(c.startswith(("FA5", "FA7", "FA8")) for c in budget if c[:3] not in ("FA1", "FA6"))
    assert {"FA108", "FA110", "FA111", "FA501", "FA601", "FA603", "FA701", "FA801"} <= set(budget)
    assert not any(c.startswith(("FA2", "FA3", "FA4")) for c in budget)
    assert "FA102" not in budget and "FA605" not in budget


def test_check_says_so_in_one_line_in_text_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(app, ["check", str(BUDGET)])
    notice = [line for line in text.output.splitlines() if "部门预算报告" in line]
    assert len(notice) == 1
    assert notice[0].startswith(f"{BUDGET}: 这是一份部门预算报告（第 2 行，原文第 1 页第 1 行）")
    assert "决算规则不适用" in notice[0]
    document = json.loads(runner.invoke(app, ["check", str(BUDGET), "--format", "json"]).stdout)
    assert document["reports"][0]["kind"] == "budget"
    outline = runner.invoke(app, ["outline", str(BUDGET)])
    assert outline.output.splitlines()[0].startswith(
        "上海市云岭区水务局  2026  部门预算（决算规则不适用）"
    )


def test_a_budget_calls_its_tables_part_budget_tables() -> None:
    report = load_report(BUDGET, until=Stage.TABLES)
    outline = CliRunner().invoke(app, ["outline", str(BUDGET)]).output
    assert "预算表  ✗ 缺失" in outline and "决算表" not in outline
    tables = CliRunner().invoke(app, ["tables", str(BUDGET)]).output
    assert tables.splitlines()[0].strip() == "预算表概览"
    nodes = {n.key: n for n in build_nodes(report)}
    assert nodes["part:决算表"].label == "预算表"
    # its own tables, and no 决算 table listed as missing
    assert [c.label for c in nodes["part:决算表"].children] == ["其他 2026年部门财务收支预算总表"]
    final = load_report(sample_path("2022-liujiang"), until=Stage.OUTLINE)
    assert {n.key: n.label for n in build_nodes(final)}["part:决算表"] == "决算表"


def test_batch_check_prints_the_notice_too(tmp_path: Path) -> None:
    (tmp_path / "budget.pdf").write_bytes(BUDGET.read_bytes())
    (tmp_path / "final.txt").write_bytes(sample_path("2022-liujiang").read_bytes())
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--jobs", "2"])
    assert sum("这是一份部门预算报告" in line for line in result.output.splitlines()) == 1


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling", "2024-lipu"])
def test_final_accounts_stay_final_accounts(name: str) -> None:
    assert load_report(sample_path(name), until=Stage.OUTLINE).kind is ReportKind.FINAL_ACCOUNTS


def test_a_report_calling_itself_budget_in_a_final_accounts_title_list_is_final(
    mutate: Callable[..., Path],
) -> None:
    # Budget words inside a final-accounts report (预算数, 一般公共预算) change nothing.
    report = load_report(sample_path("2024-panzhihua"), until=Stage.OUTLINE)
    assert report.kind is ReportKind.FINAL_ACCOUNTS


def test_the_name_on_the_line_above_a_title_without_one(mutate: Callable[..., Path]) -> None:
    path = mutate(
        "2022-liujiang",
        3,
        "柳州市柳江区医疗保障局 2022 年部门决算",
        "江苏省人民检察院\n2022 年部门决算",
    )
    report = load_report(path, until=Stage.OUTLINE)
    assert report.department == "江苏省人民检察院"
    assert report.source.slice(report.department_span) == "江苏省人民检察院"


def test_a_name_is_never_cut_at_its_front(tmp_path: Path) -> None:
    text = sample_path("2024-lipu").read_text(encoding="utf-8")
    assert "荔浦市医疗保障局" in text and "万里街道" not in text
    path = tmp_path / "renamed.txt"
    path.write_text(text.replace("荔浦市医疗保障局", "万里街道社区公共服务中心"), encoding="utf-8")
    assert load_report(path, until=Stage.OUTLINE).department == "万里街道社区公共服务中心"


def test_an_organisation_only_mentioned_inside_sentences_is_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "anonymous.txt"
    path.write_text(
        "第一部分 部门概况\n"
        "一、主要职能\n"
        "本单位经万里街道社区公共服务中心批准设立，受理居民事务。\n"
        "二、机构设置\n"
        "本单位内设两个科室，业务上接受万里街道社区公共服务中心指导。\n",
        encoding="utf-8",
    )
    assert load_report(path, until=Stage.OUTLINE).department is None
