"""FA412–FA415: listed 人员经费/公用经费 items and reasons for a change against the tables.

On the real samples (liujiang and liling have tables) and on mutated copies: one item, one
table cell or one reason changed, expecting exactly the finding at its span.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample, sample_path
from helpers_rules import span_of

from fa_tui.model import Finding, Report, Severity
from fa_tui.model.facts import TotalFact
from fa_tui.pipeline import load_report
from fa_tui.rules.composition import name_key
from fa_tui.rules.engine import check_report

CODES = ("FA412", "FA413", "FA414", "FA415")


def findings(report: Report) -> list[Finding]:
    return check_report(report, select=CODES)


def where(found: list[Finding]) -> list[tuple[str, int, int, int]]:
    return [
        (f.code, f.span.line, f.span.column, f.span.end_column) for f in found if f.span is not None
    ]


def expect(path: Path, code: str, line: int, text: str) -> tuple[str, int, int, int]:
    span = span_of(path, line, text)
    return (code, span.line, span.column, span.end_column)


# -- the list reader: items named without amounts -----------------------------------------------


def test_items_named_without_amounts_are_read_with_their_spans() -> None:
    report = load_sample("2022-liujiang")
    lists = [f for f in report.facts if isinstance(f, TotalFact) and f.named]
    assert [(f.label, f.total.text, f.span.line) for f in lists] == [
        ("人员经费", "480.64", 465),
        ("公用经费", "45.19", 467),
    ]
    public = lists[1]
    assert not public.exhaustive and public.parts == []
    line = report.source.line(467)
    names = [it.label for it in public.named]
    assert names[:3] == ["办公费", "水费", "电费"] and names[-1] == "其他商品和服务支出"
    assert len(names) == 11
    for item in public.named:
        assert line[item.span.column - 1 : item.span.end_column - 1] == item.label


def test_a_list_without_marker_after_its_figure_is_no_list() -> None:
    """lipu 85: ``…资金，既包括财政拨款结转和结余，也包括…`` names no items of its figure."""
    report = load_sample("2024-lipu")
    assert not [f for f in report.facts if isinstance(f, TotalFact) and f.named]


def test_names_after_the_amounts_of_a_list_are_read(mutate) -> None:
    path = mutate("2022-liujiang", 467, "办公费、水费", "办公费7.43万元、水费")
    report = load_report(path)
    lists = [f for f in report.facts if isinstance(f, TotalFact) and f.span.line == 467]
    named = [f for f in lists if f.named]
    assert len(named) == 1 and named[0].named[0].label == "水费"
    assert named[0].named[-1].label == "其他商品和服务支出"


def test_name_keys_join_the_ways_a_row_is_printed() -> None:
    assert name_key("维修（护）费") == name_key("维修费")
    assert name_key("其他交通费用") == name_key("其他交通费")
    assert name_key("其他商品和服务支出") == name_key("其他商品服务支出")
    assert name_key("对个人和家庭的补助") == name_key("对个人和家庭的补助支出")
    assert name_key("医疗费") != name_key("医疗费补助")
    assert name_key("福利费") != name_key("其他工资福利支出")


# -- FA412 / FA413: listed items against 表六 ----------------------------------------------------


def test_liujiang_lists_welfare_that_table_six_has_as_zero() -> None:
    """liujiang 467 lists 福利费 among 公用经费; 表六 30229 福利费 is 0.00: a real slip."""
    path = sample_path("2022-liujiang")
    found = findings(load_sample("2022-liujiang"))
    assert where(found) == [expect(path, "FA413", 467, "福利费")]
    (f,) = found
    assert f.severity is Severity.WARNING
    assert (f.expected, f.actual) == ("表六“30229 福利费” > 0", "0.00")
    assert "福利费" in f.message and "表六“30229 福利费”为 0.00" in f.message
    assert [r.span.line for r in f.related] == [337]


def test_liling_items_blank_in_table_six() -> None:
    """liling lists 职业年金缴费, 对个人和家庭的补助, 生活补助, 印刷费 and 邮电费, all blank in
    its 表六; 其他交通费 and 其他商品服务支出 match 30239/30299 and have data."""
    path = sample_path("2024-liling")
    found = [f for f in findings(load_sample("2024-liling")) if f.code in ("FA412", "FA413")]
    assert where(found) == [
        expect(path, "FA412", 442, "职业年金缴费"),
        expect(path, "FA412", 442, "对个人和家庭的补助"),
        expect(path, "FA412", 442, "生活补助"),
        expect(path, "FA413", 444, "印刷费"),
        expect(path, "FA413", 444, "邮电费"),
    ]
    assert all(f.actual == "空白（未填数）" for f in found)
    assert [r.span.line for f in found for r in f.related] == [272, 279, 284, 267, 272]


def test_item_given_a_figure_in_table_six_is_not_reported(mutate) -> None:
    path = mutate("2022-liujiang", 337, "30229\t福利费\t0.00", "30229\t福利费\t0.10")
    assert [f for f in findings(load_report(path)) if f.code == "FA413"] == []


def test_listed_item_zeroed_in_table_six_is_reported(mutate) -> None:
    """维修（护）费 2.85 set to 0.00 in 表六 (line 325): the listed item is reported too."""
    path = mutate("2022-liujiang", 325, "30213\t维修（护）费\t2.85", "30213\t维修（护）费\t0.00")
    found = findings(load_report(path))
    assert where(found) == [
        expect(path, "FA413", 467, "维修（护）费"),
        expect(path, "FA413", 467, "福利费"),
    ]
    assert found[0].related[0].note == "表六“30213 维修（护）费”"


def test_item_printed_otherwise_is_matched_by_the_table_names(mutate) -> None:
    """``维修费`` in the text is 表六's ``维修（护）费``: zeroed there, it is reported."""
    text = mutate("2022-liujiang", 467, "维修（护）费", "维修费")
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[324] = lines[324].replace("30213\t维修（护）费\t2.85", "30213\t维修（护）费\t0.00")
    text.write_text("\n".join(lines), encoding="utf-8")
    assert expect(text, "FA413", 467, "维修费") in where(findings(load_report(text)))


def test_personnel_item_zero_in_table_six_is_reported(mutate) -> None:
    """伙食补助费 added to liujiang's 人员经费 list: 表六 30106 is 0.00."""
    path = mutate("2022-liujiang", 465, "奖金、", "奖金、伙食补助费、")
    found = [f for f in findings(load_report(path)) if f.code == "FA412"]
    assert where(found) == [expect(path, "FA412", 465, "伙食补助费")]
    assert found[0].expected == "表六“30106 伙食补助费” > 0"


def test_item_of_the_other_group_is_not_matched(mutate) -> None:
    """办公费 listed under 人员经费 is no row of 301/303: left alone, not compared to 30201."""
    path = mutate("2022-liujiang", 465, "奖金、", "奖金、办公费、印刷费、")
    assert [f for f in findings(load_report(path)) if f.code == "FA412"] == []


@pytest.mark.parametrize("item", ["会议费", "津补贴", "其他各项费用"])
def test_meeting_fees_and_unknown_names_are_not_reported(mutate, item: str) -> None:
    """会议费 is never compared (domain guide); a name no row of 表六 has is not judged."""
    path = mutate("2022-liujiang", 467, "办公费、", f"办公费、{item}、")
    assert where(findings(load_report(path))) == [expect(path, "FA413", 467, "福利费")]


def test_no_table_six_no_findings() -> None:
    for name in ("2024-lipu", "2023-yanbian", "2024-panzhihua"):
        assert findings(load_sample(name)) == []


# -- FA414 / FA415: reasons against the carried-over balances ------------------------------------


def test_liling_reason_cites_a_carry_over_table_four_has_not() -> None:
    """liling 382: 0.6万元 over budget ``主要原因是：上年度结转``, but 表四 年初财政拨款结转和结余
    is 0.00 (and so is 表一's): the reason contradicts the tables."""
    path = sample_path("2024-liling")
    found = [f for f in findings(load_sample("2024-liling")) if f.code in ("FA414", "FA415")]
    assert where(found) == [expect(path, "FA414", 382, "上年度结转")]
    (f,) = found
    assert f.severity is Severity.WARNING
    assert (f.expected, f.actual) == ("表四“年初财政拨款结转和结余” > 0", "0.00")
    assert [r.span.line for r in f.related] == [219]


def test_carry_over_in_table_four_silences_the_reason(mutate) -> None:
    path = mutate("2024-liling", 219, "\t0. 00\t", "\t0. 60\t")
    assert [f for f in findings(load_report(path)) if f.code == "FA414"] == []


def test_reason_citing_earlier_years_in_an_appropriation_section(mutate) -> None:
    path = mutate(
        "2022-liujiang",
        451,
        "主要原因是新增一般脱贫人口",
        "主要原因是使用以前年度结转资金用于脱贫人口",
    )
    found = findings(load_report(path))
    assert expect(path, "FA414", 451, "以前年度结转资金") in where(found)
    (f,) = [f for f in found if f.code == "FA414"]
    assert f.expected == "表四“年初财政拨款结转和结余” > 0"
    assert [r.span.line for r in f.related] == [252]


def test_reason_outside_the_appropriation_sections_reads_table_one(mutate) -> None:
    path = mutate("2022-liujiang", 511, "主要原因是财政资金紧张", "主要原因是上年结转资金较多")
    found = [f for f in findings(load_report(path)) if f.code == "FA414"]
    assert where(found) == [expect(path, "FA414", 511, "上年结转资金")]
    assert found[0].expected == "表一“年初结转和结余” > 0"
    assert [r.span.line for r in found[0].related] == [126]


@pytest.mark.parametrize(
    "reason",
    ["主要原因是无上年结转资金", "主要原因是上年结转资金减少", "主要原因是财政资金紧张，年初结转"],
)
def test_reasons_that_do_not_claim_a_carry_over(mutate, reason: str) -> None:
    path = mutate("2022-liujiang", 511, "主要原因是财政资金紧张", reason)
    assert [f for f in findings(load_report(path)) if f.code in ("FA414", "FA415")] == []


def test_carry_over_words_outside_a_reason_are_not_read(mutate) -> None:
    path = mutate(
        "2022-liujiang", 511, "主要原因是财政资金紧张", "使用以前年度结转资金，财政资金紧张"
    )
    assert [f for f in findings(load_report(path)) if f.code == "FA414"] == []


def test_reason_citing_money_carried_forward(mutate) -> None:
    path = mutate(
        "2022-liujiang", 455, "主要原因是一般行政", "主要原因是部分资金结转下年使用，一般行政"
    )
    found = [f for f in findings(load_report(path)) if f.code == "FA415"]
    assert where(found) == [expect(path, "FA415", 455, "结转下年使用")]
    assert found[0].expected == "表四“年末财政拨款结转和结余” > 0"
    assert [r.span.line for r in found[0].related] == [252]


def test_year_end_balance_rose_while_table_one_has_none(mutate) -> None:
    path = mutate("2022-liujiang", 511, "主要原因是财政资金紧张", "主要原因是年末结转和结余增加")
    found = [f for f in findings(load_report(path)) if f.code == "FA415"]
    assert where(found) == [expect(path, "FA415", 511, "年末结转和结余增加")]
    assert found[0].expected == "表一“年末结转和结余” > 0"


# -- the samples ---------------------------------------------------------------------------------


def test_findings_on_the_samples() -> None:
    """Every finding of FA412–FA415 on the five samples (each judged a real defect)."""
    counts = {name: len(findings(load_sample(name))) for name in SAMPLES}
    assert counts == {
        "2024-lipu": 0,
        "2023-yanbian": 0,
        "2022-liujiang": 1,
        "2024-panzhihua": 0,
        "2024-liling": 6,
    }
