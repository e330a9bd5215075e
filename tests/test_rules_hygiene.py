"""FA801: the template's placeholders and guidance left in a report, on mutated copies of real
samples (each expecting exactly the new finding at its span)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES, sample_path
from helpers_rules import run, span_of

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
