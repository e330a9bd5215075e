"""Reading the narrative into facts: spans, labels, joins, noise, robustness and speed."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import msgspec
from conftest import SAMPLES, load_sample
from hypothesis import given, settings
from hypothesis import strategies as st

from fa_tui.ingest import read_report
from fa_tui.model import Report, TableRole
from fa_tui.model.facts import (
    AmountFact,
    AverageFact,
    ChangeBasis,
    ChangeFact,
    CompletionFact,
    CountFact,
    Direction,
    Fact,
    ShareFact,
    TotalFact,
    YearFact,
    YearRole,
)
from fa_tui.parse.narrative.facts import parse_facts
from fa_tui.parse.outline.parts import parse_outline
from fa_tui.pipeline import build_report, load_report


def facts_on(report: Report, line: int, kind: type) -> list:
    return [
        f for f in report.facts if isinstance(f, kind) and f.span.line <= line <= f.span.end_line
    ]


def text_of(report: Report, span) -> str:
    return report.source.slice(span)


def test_amount_span_through_bookmarks_panzhihua() -> None:
    report = load_sample("2024-panzhihua")
    amount = facts_on(report, 36, AmountFact)[0]
    assert amount.label == "收、支总计"
    assert amount.amount.value == Decimal("974.39")
    assert text_of(report, amount.amount.span) == "974.39"


def test_markdown_and_spaces_liling() -> None:
    report = load_sample("2024-liling")
    staff = facts_on(report, 442, AmountFact)[0]
    assert staff.label == "人员经费" and staff.amount.value == Decimal("399.57")
    assert text_of(report, staff.amount.span) == "399.57"
    assert staff.quantity is not None and staff.quantity.table is TableRole.T06


def test_word_broken_across_lines_is_joined_liling() -> None:
    """``公务员医`` / blank line / ``疗补助（项）``: the item label is read whole."""
    report = load_sample("2024-liling")
    outturn = next(f for f in facts_on(report, 396, AmountFact) if f.role == "outturn")
    assert "公务员医疗补助（项）" in outturn.label
    assert outturn.quantity is not None and outturn.quantity.row == "公务员医疗补助"
    assert text_of(report, outturn.amount.span) == "2.19"


def test_sentence_broken_across_lines_liujiang() -> None:
    report = load_sample("2022-liujiang")
    change = next(f for f in facts_on(report, 419, ChangeFact) if f.amount is not None)
    assert change.direction is Direction.DOWN and change.compared_year == 2021
    assert change.current is not None and change.current.value == Decimal("953.20")


def test_share_with_part_and_whole_liujiang() -> None:
    report = load_sample("2022-liujiang")
    share = facts_on(report, 409, ShareFact)[0]
    assert share.share.value == Decimal("55.16") and share.share.decimals == 2
    assert share.part is not None and share.part.value == Decimal("525.83")
    assert share.whole is not None and share.whole.value == Decimal("953.20")
    assert text_of(report, share.share.span) == "55.16"


def test_change_with_rate_lipu() -> None:
    report = load_sample("2024-lipu")
    change = facts_on(report, 76, ChangeFact)[0]
    assert change.direction is Direction.UP and change.rate_direction is Direction.UP
    assert change.amount.value == Decimal("44.93") and change.rate.value == Decimal("1.60")
    assert change.current.value == Decimal("2844.74")
    assert change.basis is ChangeBasis.PREVIOUS_YEAR
    assert change.signed_amount() == Decimal("44.93")


def test_change_against_budget_lipu() -> None:
    report = load_sample("2024-lipu")
    changes = facts_on(report, 142, ChangeFact)
    assert [c.basis for c in changes] == [ChangeBasis.BUDGET, ChangeBasis.PREVIOUS_YEAR]
    assert [c.signed_amount() for c in changes] == [Decimal("-3.22"), Decimal("-0.15")]


def test_completion_with_budget_and_outturn_liujiang() -> None:
    report = load_sample("2022-liujiang")
    fact = facts_on(report, 435, CompletionFact)[0]
    assert (fact.budget.value, fact.outturn.value, fact.rate.value) == (
        Decimal("41.23"),
        Decimal("43.71"),
        Decimal("106.02"),
    )
    assert fact.quantity is not None and fact.quantity.row == "机关事业单位基本养老保险缴费支出"


def test_total_with_parts_across_paragraphs_lipu() -> None:
    report = load_sample("2024-lipu")
    total = facts_on(report, 74, TotalFact)[0]
    assert total.total.value == Decimal("2844.76")
    assert [p.label for p in total.parts][:2] == ["财政拨款收入", "事业收入"]
    assert [p.change for p in total.parts][:3] == [Decimal("44.93"), Decimal(0), Decimal(0)]


def test_counts_average_and_count_shares_lipu() -> None:
    report = load_sample("2024-lipu")
    avg = facts_on(report, 156, AverageFact)[0]
    assert (avg.total.value, avg.count.value, avg.average.value) == (
        Decimal("0.31"),
        Decimal(1),
        Decimal("0.31"),
    )
    counts = facts_on(report, 186, CountFact)
    assert [c.count.value for c in counts] == [7, 4, 1]
    shares = facts_on(report, 186, ShareFact)
    assert all(s.is_count and s.whole.value == 12 for s in shares)


def test_years_and_roles() -> None:
    years = {
        (f.role, f.year, f.span.line)
        for f in load_sample("2024-panzhihua").facts
        if isinstance(f, YearFact)
    }
    assert (YearRole.AS_OF, 2023, 95) in years
    assert (YearRole.COMPARISON, 2023, 36) in years
    cover = [
        f
        for f in load_sample("2022-liujiang").facts
        if isinstance(f, YearFact) and f.role is YearRole.COVER_DATE
    ]
    assert [(f.year, f.month, f.span.line) for f in cover] == [(2023, 9, 5)]


def test_latex_percent_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "第三部分 2022年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
        "本年支出合计100.00万元，其中：基本支出60.00万元，占$\\geq 60\\%$；"
        "项目支出40.00万元，占40%。\n",
        encoding="utf-8",
    )
    report = load_report(path)
    shares = [f for f in report.facts if isinstance(f, ShareFact)]
    assert [s.share.value for s in shares] == [60, 40]
    assert text_of(report, shares[0].share.span) == "60"


def test_facts_serialise_round_trip() -> None:
    """Facts survive a msgspec JSON round trip: the ``kind`` tag picks each fact's class."""
    kinds: set[str] = set()
    for name in SAMPLES:
        facts = load_sample(name).facts
        data = msgspec.json.encode(facts)
        assert [d["kind"] for d in json.loads(data)] == [f.kind for f in facts]
        assert msgspec.json.decode(data, type=list[Fact]) == facts
        kinds.update(f.kind for f in facts)
    assert kinds == {
        "amount",
        "share",
        "change",
        "completion",
        "total",
        "count",
        "average",
        "comparison",
        "year",
    }


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="其中：占增加减少增长下降持平完成年初预算的万元%％，。；、（）()类款项"
        "12345.0 \t\n*$[]",
        max_size=300,
    )
)
def test_odd_text_never_raises(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("odd") / "odd.txt"
    path.write_text("第三部分 2024年度部门决算情况说明\n" + text, encoding="utf-8")
    build_report(read_report(path))


def test_pathological_inputs_are_fast(tmp_path: Path) -> None:
    """The fact reader stays fast on long lines made to trip up regexes (timed alone)."""
    inputs = [
        "1" * 200_000,
        "其中：" * 50_000 + "1万元",
        "占" * 100_000 + "5%",
        "[bookmark: " * 20_000,
        ("收入1.0万元，" * 30_000),
        "增加1万元，增长" * 20_000 + "5%",
    ]
    for k, text in enumerate(inputs):
        path = tmp_path / f"p{k}.txt"
        path.write_text("第三部分 2024年度部门决算情况说明\n" + text + "\n", encoding="utf-8")
        source = read_report(path)
        report = parse_outline(source)
        start = time.perf_counter()
        parse_facts(source, report)
        assert time.perf_counter() - start < 5, f"input {k} too slow"


def test_a_threshold_is_not_an_amount(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "第三部分 2022年度部门决算情况说明\n一、国有资产占有使用情况\n"
        "截至2022年12月31日，本部门共有车辆2辆；单位价值50万元以上通用设备0台，"
        "单位价值100万元（含）以上专用设备1台。资产总额为86.50万元。\n",
        encoding="utf-8",
    )
    amounts = [f.amount.value for f in load_report(path).facts if isinstance(f, AmountFact)]
    assert Decimal("86.50") in amounts
    assert Decimal(50) not in amounts and Decimal(100) not in amounts
