"""FA801: the template's placeholders and guidance left in a report, on mutated copies of real
samples (each expecting exactly the new finding at its span)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES, sample_path
from helpers_rules import run, span_of

from fa_tui.model import Finding

# liling line 364: ``2024 年度财政拨款收、支总计 13830.7 万元。与上年相比，增加 31…``
LINE = 364


@pytest.mark.parametrize(
    ("old", "new", "placeholder"),
    [
        ("13830.7", "XXX", "XXX"),
        ("13830.7", "ＸＸ", "ＸＸ"),
        ("13830.7", "××", "××"),
        ("增加", "增加（减少）", "增加（减少）"),
        ("增加", "减少（增加）", "减少（增加）"),
        ("增加", "大于（小于）", "大于（小于）"),
        ("增加", "小于（大于）", "小于（大于）"),
        ("增加", "上升（下降）", "上升（下降）"),
        ("增加", "下降（增长）", "下降（增长）"),
        ("与上年相比", "与上年相比（如持平作持平表述）", "（如持平作持平表述）"),
        ("与上年相比", "某某单位与上年相比", "某某"),
        ("与上年相比", "（单位名称）与上年相比", "（单位名称）"),
    ],
)
def test_a_placeholder_left_is_one_error_at_its_span(
    mutate: Callable[..., Path], old: str, new: str, placeholder: str
) -> None:
    path = mutate("2024-liling", LINE, old, new)
    (finding,) = run(path, "FA801")
    assert finding.severity.value == "error"
    assert finding.span == span_of(path, LINE, placeholder)
    assert finding.message == f"模板占位符或填写说明未替换：“{placeholder}”"


def test_several_placeholders_on_a_line_are_one_finding(mutate: Callable[..., Path]) -> None:
    path = mutate(
        "2024-liling", LINE, "13830.7 万元。与上年相比，增加", "XXX 万元。与上年相比，增加（减少）"
    )
    (finding,) = run(path, "FA801")
    assert finding.message == "模板占位符或填写说明未替换：“XXX”“增加（减少）”"
    assert finding.span == span_of(path, LINE, "XXX")
    assert [r.span for r in finding.related] == [span_of(path, LINE, "增加（减少）")]


@pytest.mark.parametrize(
    "text",
    ["XXL 号", "X 光机", "增加（含减少）", "(逐条填写,和部门职能对应)", "（请见附件 1）"],
)
def test_look_alikes_are_not_placeholders(mutate: Callable[..., Path], text: str) -> None:
    path = mutate("2024-liling", LINE, "与上年相比", f"{text}与上年相比")
    assert run(path, "FA801") == []


@pytest.mark.parametrize("name", [n for n in SAMPLES if n != "2022-liujiang"])
def test_the_filled_in_samples_have_none(name: str) -> None:
    assert run(sample_path(name), "FA801") == []


def test_liujiang_kept_the_template_alternatives_of_its_empty_funds() -> None:
    found = run(sample_path("2022-liujiang"), "FA801")
    assert [(f.span.line if f.span else None, f.message) for f in found] == [
        (473, "模板占位符或填写说明未替换：“增加（减少）”“增长（下降）”"),
        (479, "模板占位符或填写说明未替换：“增加（减少）”“增长（下降）”"),
    ]


# FA802–FA806 on mutated copies of samples; each sample raises none of them where it is right.

LILING = 364  # ``…与上年相比，增加 3156.43 万元，增长 22.8%，主要是因为…``


@pytest.mark.parametrize("garbled", ["增减少", "增长下降", "减少增加", "下降增长"])
def test_opposite_words_run_together_are_an_error(
    mutate: Callable[..., Path], garbled: str
) -> None:
    path = mutate("2024-liling", LILING, "增加 3156.43", f"{garbled} 3156.43")
    (finding,) = run(path, "FA802")
    assert finding.severity.value == "error"
    assert finding.span == span_of(path, LILING, garbled)


@pytest.mark.parametrize("text", ["增减变化", "多少", "增加"])
def test_words_of_one_direction_are_not_garbled(mutate: Callable[..., Path], text: str) -> None:
    path = mutate("2024-liling", LILING, "增加 3156.43", f"{text} 3156.43")
    assert run(path, "FA802") == []


@pytest.mark.parametrize(
    ("old", "new", "repeated"),
    [
        ("主要是因为", "主要是是因为", "是是"),
        ("财政对职工", "财政对职工的的", "的的"),
        ("万元。与上年", "万元。。与上年", "。。"),
        ("万元，增长", "万元，，增长", "，，"),
        ("新增财政", "新增新增财政", "新增新增"),
    ],
)
def test_a_word_or_mark_printed_twice_is_one_warning(
    mutate: Callable[..., Path], old: str, new: str, repeated: str
) -> None:
    path = mutate("2024-liling", LILING, old, new)
    (finding,) = _on_line(run(path, "FA803"), LILING)
    assert finding.severity.value == "warning"
    assert finding.span == span_of(path, LILING, repeated)
    assert finding.message == f"“{repeated}”重复"


@pytest.mark.parametrize("text", ["的的确确", "常常", "年年", "一个一个", "等等", "。。。", "……"])
def test_chinese_reduplication_is_not_a_slip(mutate: Callable[..., Path], text: str) -> None:
    path = mutate("2024-liling", LILING, "主要是因为", f"主要是因为{text}")
    assert _on_line(run(path, "FA803"), LILING) == []


def _on_line(findings: list[Finding], line: int) -> list[Finding]:
    return [f for f in findings if f.span is not None and f.span.line == line]


def test_liling_repeats_a_word_once() -> None:
    path = sample_path("2024-liling")
    assert [(f.span, f.message) for f in run(path, "FA803")] == [
        (span_of(path, 528, "全部全部"), "“全部全部”重复")
    ]


@pytest.mark.parametrize(
    ("old", "new", "figure"),
    [("增长 22.8%，", "增长 22.8，", "22.8"), ("增长 22.8%，", "增长22.8。", "22.8")],
)
def test_a_rate_without_its_percent_sign(
    mutate: Callable[..., Path], old: str, new: str, figure: str
) -> None:
    path = mutate("2024-liling", LILING, old, new)
    (finding,) = run(path, "FA804")
    assert finding.span == span_of(path, LILING, figure)


@pytest.mark.parametrize("text", ["增长 22.8%，", "增长 2 倍，", "增长 22.8 个百分点，"])
def test_rates_with_a_sign_or_unit_pass(mutate: Callable[..., Path], text: str) -> None:
    path = mutate("2024-liling", LILING, "增长 22.8%，", text)
    assert run(path, "FA804") == []


def test_conversion_residue_is_one_info_per_kind_and_part() -> None:
    path = sample_path("2022-liujiang")
    found = [
        (f.span.line if f.span else None, f.severity.value, f.message) for f in run(path, "FA805")
    ]
    assert found == [
        (593, "info", "“绩效”部分残留 LaTeX 公式代码“$\\geq 97\\%$”，共 2 处"),
        (609, "info", "“绩效”部分残留 Markdown 标记“**建议**”，共 6 处"),
    ]
    first = run(path, "FA805")[0]
    assert first.span == span_of(path, 593, "$\\geq 97\\%$")
    assert [r.span.line for r in first.related] == [597]


LIUJIANG_EXPLANATION = 397  # ``第三部分： 2022 年度部门决算情况说明``


def test_a_heading_naming_another_department_is_a_warning(mutate: Callable[..., Path]) -> None:
    path = mutate(
        "2022-liujiang", LIUJIANG_EXPLANATION, "第三部分： ", "第三部分： 柳州市医疗保障局"
    )
    (finding,) = run(path, "FA806")
    assert finding.span == span_of(path, LIUJIANG_EXPLANATION, "柳州市医疗保障局")
    assert (
        finding.message == "部门名称“柳州市医疗保障局”与报告标题中的“柳州市柳江区医疗保障局”不一致"
    )


def test_the_name_without_its_leading_region_is_the_same(mutate: Callable[..., Path]) -> None:
    path = mutate(
        "2022-liujiang", LIUJIANG_EXPLANATION, "第三部分： ", "第三部分： 柳江区医疗保障局"
    )
    assert run(path, "FA806") == []


@pytest.mark.parametrize("name", SAMPLES)
def test_the_samples_have_no_garbled_words_rates_without_sign_or_other_names(name: str) -> None:
    assert run(sample_path(name), "FA802", "FA804", "FA806") == []


# liujiang 409: ``本年支出合计953.20万元，其中：基本支出525.83万元，占55.16%；项目支出 427.37万元…``
LIUJIANG_SPENDING = 409


@pytest.mark.parametrize(
    ("old", "new", "figure"),
    [
        ("基本支出525.83万元，", "基本支出525.83，", "525.83"),
        ("项目支出 427.37万元", "项目支出 427.37", "427.37"),
    ],
)
def test_an_amount_without_its_unit(
    mutate: Callable[..., Path], old: str, new: str, figure: str
) -> None:
    path = mutate("2022-liujiang", LIUJIANG_SPENDING, old, new)
    (finding,) = run(path, "FA807")
    assert finding.span == span_of(path, LIUJIANG_SPENDING, figure)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_gives_its_amounts_units(name: str) -> None:
    assert run(sample_path(name), "FA807") == []


def test_a_sentence_without_units_is_not_judged(mutate: Callable[..., Path]) -> None:
    """A sentence whose amounts all lack units says nothing of which unit was meant."""
    path = mutate("2022-liujiang", LIUJIANG_SPENDING, "万元", "", count=99)
    line = path.read_text(encoding="utf-8").split("\n")[LIUJIANG_SPENDING - 1]
    assert "万元" not in line.split("。")[0]
    assert run(path, "FA807") == []
