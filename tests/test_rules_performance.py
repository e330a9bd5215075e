"""绩效 rules (FA115, FA210–FA214, FA516) on the real samples, mutated copies and 自评表 fixtures.

The fixtures are copies of 2022-liujiang with a 自评表 block written in: its 指标 block as a
clean grid (the sample's own rows are printed one column off, see ``test_liujiang_reading``),
and a 项目支出绩效自评表 of the national template (年初预算数 / 全年预算数 / 全年执行数 / 分值 /
执行率 / 得分, and a 总分 row) added after it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample, sample_path
from helpers_rules import run, span_of

from fa_tui.model import Finding, Severity
from fa_tui.pipeline import load_report
from fa_tui.rules.performance import self_tables
from fa_tui.rules.registry import RuleContext

CODES = ("FA115", "FA210", "FA211", "FA212", "FA213", "FA214", "FA516")
TABLE_CODES = ("FA210", "FA211", "FA212", "FA213", "FA214")

# The liujiang 指标 block (lines 629–647) printed as a clean grid: 分值 90 + 预算执行 10.
CLEAN_INDICATORS = [
    "部门整体支出年度绩效目标衡量指标\t一级指标\t二级指标\t指标内容\t指标值\t分值\t实际完成值"
    "\t指标得分\t偏差原因及改进措施",
    "\t产出指标\t数量指标\t党风廉政建设会议及培训干部次数\t≥10次\t20\t13次\t20\t",
    "\t产出指标\t质量指标\t参保登记准确率\t≥98%\t20\t98%\t20\t",
    "\t产出指标\t时效指标\t按时结算\t12月底之前\t10\t按时\t10\t",
    "\t效益指标\t社会效益指标\t困难群众医疗费用负担减轻程度\t有效缓解\t30\t有效缓解\t30\t",
    "\t满意度指标\t服务对象满意度指标\t服务对象满意度\t≥85%\t10\t99%\t10\t",
]

# A 项目支出绩效自评表 of the national template: 168.91 ÷ 632.56 = 26.70%, 10 × 26.70% = 2.67,
# 30 + 20 + 28 + 10 + 2.67 = 90.67.
NATIONAL = [
    "2022年度项目支出绩效自评表",
    "项目名称\t城乡医疗救助\t\t\t\t\t\t",
    "主管部门\t柳州市柳江区医疗保障局\t\t实施单位\t柳州市柳江区医疗保障局\t\t\t",
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
    "\t年度资金总额\t1284.67\t632.56\t168.91\t10\t26.70%\t2.67",
    "\t其中：当年财政拨款\t1284.67\t632.56\t168.91\t—\t26.70%\t—",
    "\t上年结转资金\t0\t0\t0\t—\t0\t—",
    "\t其他资金\t0\t0\t0\t—\t0\t—",
    "年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t",
    "\t保障困难群众医疗救助\t\t\t已完成\t\t\t",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    "\t产出指标\t数量指标\t救助人次\t≥1000人次\t1200人次\t30\t30\t",
    "\t产出指标\t质量指标\t救助准确率\t100%\t100%\t20\t20\t",
    "\t效益指标\t社会效益指标\t负担减轻程度\t有效缓解\t有效缓解\t30\t28\t",
    "\t满意度指标\t服务对象满意度指标\t服务对象满意度\t≥85%\t90%\t10\t10\t",
    "总分\t\t\t\t\t\t100\t90.67\t",
]
NATIONAL_AT = 648  # the national table's title line in the fixture (after liujiang line 647)
CLEAN_AT = 629  # the clean 指标 block's header line


def _write(tmp_path: Path, lines: list[str], name: str) -> Path:
    out = tmp_path / name
    out.write_bytes("\n".join(lines).encode("utf-8"))
    return out


def _liujiang() -> list[str]:
    return sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")


@pytest.fixture
def clean(tmp_path: Path) -> Callable[..., Path]:
    """liujiang with its 指标 block as ``CLEAN_INDICATORS``; ``edit(k, old, new)`` changes the
    k-th line of the block (0: its header)."""

    def _make(k: int | None = None, old: str = "", new: str = "") -> Path:
        block = list(CLEAN_INDICATORS)
        if k is not None:
            assert old in block[k]
            block[k] = block[k].replace(old, new, 1)
        lines = _liujiang()
        return _write(tmp_path, lines[: CLEAN_AT - 1] + block + lines[647:], "clean.txt")

    return _make


@pytest.fixture
def national(tmp_path: Path) -> Callable[..., Path]:
    """liujiang with ``NATIONAL`` added after line 647; ``(k, old, new)`` edits its k-th line."""

    def _make(k: int | None = None, old: str = "", new: str = "") -> Path:
        block = list(NATIONAL)
        if k is not None:
            assert old in block[k]
            block[k] = block[k].replace(old, new, 1)
        lines = _liujiang()
        return _write(tmp_path, lines[:647] + block + lines[647:], "national.txt")

    return _make


def _table_findings(path: Path) -> list[Finding]:
    return run(path, *TABLE_CODES)


def _where(findings: list[Finding]) -> list[tuple[str, int, int, int]]:
    return sorted(
        (f.code, f.span.line, f.span.column, f.span.end_column) for f in findings if f.span
    )


def _at(path: Path, code: str, line: int, text: str, occurrence: int = 1) -> tuple[str, ...]:
    span = span_of(path, line, text, occurrence)
    return (code, span.line, span.column, span.end_column)


# --- the samples ---------------------------------------------------------------------------------


def test_liujiang_reading() -> None:
    """The 资金 block, its sources and the 预算执行 score are read; the 指标 rows, printed with
    an extra cell (a repeated 得分) or one cell short, are not: their 分值 do not add up."""
    (table,) = self_tables(RuleContext(load_sample("2022-liujiang")))
    assert [row.span.line for row, _ in table.funds] == [614, 615, 616, 617, 618]
    sources = table.sources()
    assert sources is not None and len(sources) == 4
    budget = table.budget()
    assert budget is not None
    score, weight, rate, _, _ = budget
    assert (score.text, weight, rate.text) == ("5.28", 10, "52.78%")
    assert table.score_total is not None and table.score_total[0].text == "95.28"
    assert not table.read_indicators()


def test_score_labels_key_their_figures() -> None:
    """``自评得分(满分100分) 95.28 … 预算执行(10分) 5.28``: each figure keyed by its own label,
    not by the 资金 block's header (年初预算数, 预算执行率) printed lines above."""
    (table,) = [t for t in load_sample("2022-liujiang").tables if "自评表" in t.title]
    row = next(r for r in table.rows if r.span.line == 628)
    assert {k: a.text for k, a in row.cells.items()} == {
        "自评得分(满分100分)": "95.28",
        "预算执行(10分)": "5.28",
    }


@pytest.mark.parametrize("name", SAMPLES)
def test_no_table_findings_on_samples(name: str) -> None:
    """The samples' 自评表 arithmetic holds (liujiang: 3438.102 − 1637.905 = 1800.197,
    950.138 ÷ 1800.197 = 52.78%, 10 × 52.78% = 5.28); the others have no 自评表."""
    assert _table_findings(sample_path(name)) == []


def test_only_referenced_on_samples() -> None:
    found = {name: run(sample_path(name), "FA115") for name in SAMPLES}
    assert found["2022-liujiang"] == [] and found["2024-liling"] == []
    lipu, yanbian = sample_path("2024-lipu"), sample_path("2023-yanbian")
    panzhihua = sample_path("2024-panzhihua")
    assert _where(found["2024-lipu"]) == [_at(lipu, "FA115", 196, "2023年度预算项目绩效自评表")]
    assert _where(found["2024-panzhihua"]) == [
        _at(panzhihua, "FA115", 142, "单位预算项目支出绩效自评表")
    ]
    (only,) = found["2023-yanbian"]
    assert _where([only]) == [_at(yanbian, "FA115", 107, "绩效自评表")]
    assert [(r.span.line, r.span.column) for r in only.related] == [
        (184, span_of(yanbian, 184, "部门预算项目支出绩效自评表").column)
    ]
    assert only.severity is Severity.WARNING and "没有这张表" in only.message


def test_satisfaction_on_samples() -> None:
    """liujiang: 评价数15699次, 非常满意15698次, 满意1次 — every answer satisfied, 100%, printed
    99% (a real slip), in the text (597) and in the 自评表's 满意度 cell (647); no other sample
    states a 满意度 with its counts."""
    for name in SAMPLES:
        found = run(sample_path(name), "FA516")
        if name != "2022-liujiang":
            assert found == []
            continue
        path = sample_path(name)
        text, cell = span_of(path, 597, "99%"), span_of(path, 647, "99%")
        assert _where(found) == [
            ("FA516", 597, text.column, text.end_column - 1),
            ("FA516", 647, cell.column, cell.end_column - 1),
        ]
        for f in found:
            assert f.expected == "100.00%" and f.actual == "99%"
            assert f.severity is Severity.ERROR
            assert [r.note for r in f.related] == ["评价数", "非常满意", "满意"]
            assert "(15698 + 1) ÷ 15699" in (f.computation or "")
        assert [r.span.column for r in found[1].related] == [
            span_of(path, 647, "15699").column,
            span_of(path, 647, "15698").column,
            span_of(path, 647, "满意1次").column + 2,
        ]


def test_satisfaction_cell_right(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 647, "群众满意度99%", "群众满意度100%")
    assert [f.span.line for f in run(path, "FA516") if f.span] == [597]


# --- mutants of liujiang's 资金 block ------------------------------------------------------------


def test_execution_rate_of_a_source(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 615, "52.78%", "52.87%")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA211", 615, "52.87%")]
    assert found[0].expected == "52.78%" and found[0].actual == "52.87%"


def test_execution_rate_of_the_total_and_its_score(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 614, "52.78%", "55.78%")
    found = _table_findings(path)
    assert _where(found) == sorted(
        [_at(path, "FA211", 614, "55.78%"), _at(path, "FA214", 628, "5.28", 2)]
    )


def test_budget_execution_score(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 628, "\t5.28", "\t5.82")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA214", 628, "5.82")]
    (f,) = found
    assert f.expected == "5.28" and f.actual == "5.82"
    assert {r.note for r in f.related} == {"预算执行率", "预算执行分值"}


def test_funds_total_of_sources(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 615, "950.138", "950.148")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA212", 614, "950.138")]
    assert found[0].severity is Severity.ERROR


def test_adjusted_budget(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 616, "\t0\t0\t0\t0\t0", "\t0\t0\t5\t0\t0")
    found = _table_findings(path)
    # 合计 1800.197 ≠ Σ sources too: the engine blames the one figure both identities share.
    assert _where(found) == [_at(path, "FA210", 616, "5")]
    assert found[0].expected == "0" and found[0].actual == "5"


def test_adjusted_budget_of_the_total(mutate: Callable[..., Path]) -> None:
    """The 合计 row's 调整数 breaks its row (FA210) and its column (FA212): one finding, on it."""
    path = mutate("2022-liujiang", 614, "-1637.905", "-1637.950")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA212", 614, "-1637.950")]
    path_ = run(path, "FA210")
    assert _where(path_) == [_at(path, "FA210", 614, "1800.197")]


# --- the clean 指标 block -------------------------------------------------------------------------


def test_clean_block_reads_and_holds(clean: Callable[..., Path]) -> None:
    path = clean()
    (table,) = self_tables(RuleContext(load_report(path)))
    assert len(table.indicators) == 5 and table.read_indicators()
    assert _table_findings(path) == []


def test_total_score(clean: Callable[..., Path]) -> None:
    path = clean(1, "\t13次\t20\t", "\t13次\t18\t")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA213", 628, "95.28")]
    assert found[0].expected == "93.28" and found[0].severity is Severity.ERROR


def test_total_score_off_by_one_point_is_no_rounding(national: Callable[..., Path]) -> None:
    """Whole-point scores are exact: one point off is an error, not 尾数差异."""
    path = national(13, "\t30\t28\t", "\t30\t29\t")
    (found,) = _table_findings(path)
    assert (found.code, found.span.line) == ("FA213", NATIONAL_AT + 15)
    assert found.severity is Severity.ERROR and "±0.01" in found.message


def test_total_score_within_rounding(national: Callable[..., Path]) -> None:
    """2.67 may be a rounded 2.670…; a total 0.01 off is 尾数差异 (info)."""
    path = national(15, "90.67", "90.68")
    (found,) = _table_findings(path)
    assert (found.code, found.severity) == ("FA213", Severity.INFO)


def test_score_above_weight(clean: Callable[..., Path]) -> None:
    path = clean(5, "\t99%\t10\t", "\t99%\t12\t")
    found = _table_findings(path)
    # Σ 得分 breaks too, by the same 2: the engine reports the one figure both relations share.
    assert _where(found) == [_at(path, "FA214", CLEAN_AT + 5, "12")]
    assert _where(run(path, "FA213")) == [_at(path, "FA213", 628, "95.28")]
    (above,) = found
    assert "“服务对象满意度”得分为 12" in above.message and "另见 FA213" in above.message
    assert above.actual == "12" and "12 > 10" in (above.computation or "")


def test_weights_off_full_marks_say_nothing(clean: Callable[..., Path]) -> None:
    """分值 adding up to 95, not 90: the block is not read, even with a 得分 above its 分值."""
    path = clean(1, "\t≥10次\t20\t13次\t20\t", "\t≥10次\t25\t13次\t30\t")
    (table,) = self_tables(RuleContext(load_report(path)))
    assert not table.read_indicators()
    assert _table_findings(path) == []


# --- the national 项目支出绩效自评表 ---------------------------------------------------------


def test_national_template_holds(national: Callable[..., Path]) -> None:
    path = national()
    tables = self_tables(RuleContext(load_report(path)))
    project = next(t for t in tables if "项目支出" in t.table.title)
    assert project.read_indicators() and len(project.indicators) == 4
    assert project.sources() is not None
    assert _table_findings(path) == []


def test_national_execution_rate(national: Callable[..., Path]) -> None:
    path = national(5, "26.70%", "27.60%")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA211", NATIONAL_AT + 5, "27.60%")]


def test_national_budget_score(national: Callable[..., Path]) -> None:
    path = national(4, "\t2.67", "\t3.67")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA214", NATIONAL_AT + 4, "3.67")]  # blamed, see above
    assert _where(run(path, "FA213")) == [_at(path, "FA213", NATIONAL_AT + 15, "90.67")]


def test_national_total_score(national: Callable[..., Path]) -> None:
    path = national(15, "90.67", "91.67")
    found = _table_findings(path)
    assert _where(found) == [_at(path, "FA213", NATIONAL_AT + 15, "91.67")]


def test_national_funds_total(national: Callable[..., Path]) -> None:
    path = national(6, "\t0\t0\t0\t", "\t0\t0\t1.00\t")
    found = _table_findings(path)
    # 上年结转资金 spent 1.00 of a 全年预算数 of 0: no rate to check; the total misses it.
    assert _where(found) == [_at(path, "FA212", NATIONAL_AT + 4, "168.91")]


def test_national_nested_sources_not_summed(national: Callable[..., Path]) -> None:
    """财政拨款 listed beside 一般公共预算 (one inside the other): not added up."""
    path = national(6, "上年结转资金\t0\t0\t0", "一般公共预算\t9\t9\t9")
    assert run(path, "FA212") == []


# --- FA115 on mutants ----------------------------------------------------------------------------


def test_reference_to_a_project_table_not_there(mutate: Callable[..., Path]) -> None:
    path = mutate(
        "2022-liujiang", 533, "95.28 分。", "95.28 分。《2022年度项目支出绩效自评表》详见附件。"
    )
    found = run(path, "FA115")
    assert _where(found) == [_at(path, "FA115", 533, "2022年度项目支出绩效自评表")]


def test_reference_to_the_table_there(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 533, "95.28 分。", "95.28 分。部门整体绩效自评表详见附件。")
    assert run(path, "FA115") == []


def test_reference_to_a_table_printed_without_ruling(tmp_path: Path) -> None:
    """The 自评表 laid out with blanks is not read as a table, yet it is there: its title is
    followed by its 部门名称 and 资金来源 lines."""
    lines = [
        line.replace("\t", "  ") if 611 <= k <= 647 else line
        for k, line in enumerate(_liujiang(), start=1)
    ]
    lines[532] = lines[532].replace("95.28 分。", "95.28 分。部门整体绩效自评表详见附件。")
    path = _write(tmp_path, lines, "spaced.txt")
    assert self_tables(RuleContext(load_report(path))) == []
    assert run(path, "FA115") == []
    lines[610] = "部门整体情况"  # the title gone: its body alone is no 自评表
    path = _write(tmp_path, lines, "spaced-gone.txt")
    assert _where(run(path, "FA115")) == [_at(path, "FA115", 533, "部门整体绩效自评表")]


# --- FA516 on mutants ----------------------------------------------------------------------------


def test_satisfaction_right(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 597, "群众满意度 99%", "群众满意度 100%")
    assert [f.span.line for f in run(path, "FA516") if f.span] == [647]  # the cell's own slip


def test_satisfaction_between_levels(mutate: Callable[..., Path]) -> None:
    """99.99%: 非常满意 alone gives 99.994%, maybe a weighted score — not reported."""
    path = mutate("2022-liujiang", 597, "群众满意度 99%", "群众满意度 99.99%")
    assert [f.span.line for f in run(path, "FA516") if f.span] == [647]


def test_answers_above_total(mutate: Callable[..., Path]) -> None:
    path = mutate("2022-liujiang", 597, "非常满意 15698 次", "非常满意 15798 次")
    found = [f for f in run(path, "FA516") if f.span and f.span.line == 597]
    assert _where(found) == [_at(path, "FA516", 597, "15699")]
    assert "超过" in found[0].message


def test_all_codes_listed() -> None:
    from fa_tui.rules.registry import RULES

    for code in CODES:
        assert code in RULES and RULES[code].explanation.startswith(("检查", "提示"))


def test_findings_in_a_self_table_belong_to_no_standard_table(
    mutate: Callable[..., Path],
) -> None:
    """A finding in the 自评表 is placed in 绩效, with no table: ``table`` names a 公开NN表."""
    from fa_tui.pipeline.placement import place

    path = mutate("2022-liujiang", 615, "52.78%", "52.87%")
    report = load_report(path)
    placed = place(run(path, "FA211", "FA516"), report)
    assert {(f.code, f.span.line, f.part, f.table) for f in placed if f.span} == {
        ("FA211", 615, "绩效", None),
        ("FA516", 597, "绩效", None),
        ("FA516", 647, "绩效", None),
    }
