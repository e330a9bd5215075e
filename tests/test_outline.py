"""The outline of the five real samples: parts, their lines, department, year, key sections."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, load_sample, sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.model import PartName, Report, Section


def part_lines(report: Report) -> dict[str, int | None]:
    return {p.name.value: (p.span.line if p.present and p.span else None) for p in report.parts}


def all_sections(report: Report, name: PartName) -> list[Section]:
    part = report.part(name)
    assert part is not None
    return part.walk_sections()


def find(sections: list[Section], title_start: str) -> Section:
    hits = [s for s in sections if s.title.startswith(title_start)]
    assert hits, f"no section starting with {title_start!r}"
    return hits[0]


EXPECTED_PARTS = {
    "2024-lipu": {"概况": 1, "决算表": None, "情况说明": 70, "名词解释": 197, "绩效": 178},
    "2023-yanbian": {"概况": 1, "决算表": 185, "情况说明": 39, "名词解释": 110, "绩效": 106},
    "2022-liujiang": {"概况": 46, "决算表": 82, "情况说明": 397, "名词解释": 649, "绩效": 523},
    "2024-panzhihua": {"概况": 2, "决算表": 160, "情况说明": 33, "名词解释": 125, "绩效": 111},
    "2024-liling": {"概况": 47, "决算表": 71, "情况说明": 346, "名词解释": 498, "绩效": 472},
}
EXPECTED_IDENTITY = {
    "2024-lipu": ("荔浦市医疗保障局", 2024),
    "2023-yanbian": ("盐边县医疗保障局", 2023),
    "2022-liujiang": ("柳州市柳江区医疗保障局", 2022),
    "2024-panzhihua": ("攀枝花市医疗保障局", 2024),
    "2024-liling": ("醴陵市医疗保障局", 2024),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_parts_present_at_their_heading_line(name: str) -> None:
    assert part_lines(load_sample(name)) == EXPECTED_PARTS[name]


@pytest.mark.parametrize("name", SAMPLES)
def test_department_and_year(name: str) -> None:
    report = load_sample(name)
    assert (report.department, report.year) == EXPECTED_IDENTITY[name]
    assert report.department_span is not None and report.year_span is not None
    assert report.source.slice(report.department_span) == report.department
    assert report.source.slice(report.year_span) == str(report.year)


def test_liujiang_table_of_contents_is_not_the_body() -> None:
    report = load_sample("2022-liujiang")
    every = [s for p in report.parts for s in p.walk_sections()]
    assert all(s.span.line > 45 for s in every), "a 目录 entry (lines 9-45) was taken as a section"
    top = [s.number for s in report.part(PartName.EXPLANATION).sections]
    assert top == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
        "七、",
        "八、",
        "九、",
        "十、",
        "十一、",
        "十二、",
        "十三、",
    ]


def test_liujiang_restarted_numbering_inside_performance_is_nested() -> None:
    report = load_sample("2022-liujiang")
    perf = find(all_sections(report, PartName.EXPLANATION), "关于2022年度绩效评价")
    assert perf.level == 1 and perf.span.line == 523
    inner = find(perf.walk(), "资金情况分析")
    assert inner.level > 1 and inner.span.line == 535
    glossary = report.part(PartName.GLOSSARY)
    assert glossary.sections == []  # 一、财政拨款收入：… are entries, not sections


def test_liujiang_section_span_reaches_the_line_before_the_next_sibling() -> None:
    report = load_sample("2022-liujiang")
    section = find(
        all_sections(report, PartName.EXPLANATION), "一般公共预算财政拨款支出决算情况说明"
    )
    assert (section.span.line, section.span.end_line) == (415, 459)
    assert [c.number for c in section.children] == ["（一）", "（二）", "（三）"]
    assert report.source.slice(section.heading) == "五、一般公共预算财政拨款支出决算情况说明"


def test_panzhihua_bookmarks_and_arabic_part_number() -> None:
    report = load_sample("2024-panzhihua")
    glossary = report.part(PartName.GLOSSARY)
    assert glossary.present and glossary.heading_text == "第3部分 名词解释"
    section = find(all_sections(report, PartName.EXPLANATION), "收入决算情况说明")
    assert section.number == "二、" and section.span.line == 40
    # the heading span skips the [bookmark: …] noise and points at the title itself
    assert report.source.slice(section.heading) == "二、收入决算情况说明"
    assert section.heading.column > 1


def test_yanbian_headings_without_ordinals() -> None:
    report = load_sample("2023-yanbian")
    sections = report.part(PartName.EXPLANATION).sections
    titles = [(s.number, s.title, s.span.line) for s in sections[:4]]
    assert titles == [
        (None, "收入支出决算总体情况说明", 40),
        (None, "收入决算情况说明", 43),
        (None, "支出决算情况说明", 46),
        ("四、", "财政拨款收入支出决算总体情况说明", 49),
    ]
    assert find(report.part(PartName.OVERVIEW).sections, "部门职责").span.line == 2


def test_yanbian_performance_points_into_explanation_and_annex() -> None:
    perf = load_sample("2023-yanbian").part(PartName.PERFORMANCE)
    assert perf.present and perf.located_in == "情况说明、附件"
    assert [s.span.line for s in perf.sections] == [106, 135]
    assert perf.sections[1].title == "部门预算绩效评价报告"
    assert [c.number for c in perf.sections[1].children] == ["一、", "二、", "三、", "四、"]


def test_lipu_missing_tables_and_figure_headings() -> None:
    report = load_sample("2024-lipu")
    assert not report.part(PartName.TABLES).present
    first = report.part(PartName.EXPLANATION).sections[0]
    income = first.children[0]
    assert income.number == "（一）" and income.title == "收入总计2844.76万元，其中："
    # the numbered list items under it are paragraphs, not sections
    assert income.children == []
    overview = report.part(PartName.OVERVIEW).sections[0]
    assert [c.title for c in overview.children] == [
        "医疗保障局主要职能职责",
        "医疗保障管理中心主要职能职责",
    ]
    assert all(c.children == [] for c in overview.children)  # duty list items


def test_liling_part_number_and_title_on_separate_lines() -> None:
    report = load_sample("2024-liling")
    overview = report.part(PartName.OVERVIEW)
    assert overview.heading_text == "第一部分 醴陵市医疗保障局概况"
    tables = report.part(PartName.TABLES)
    assert tables.span.line == 71 and tables.span.end_line == 345
    perf = report.part(PartName.PERFORMANCE)
    assert [s.span.line for s in perf.sections] == [472, 518]


def test_outline_json_command() -> None:
    result = CliRunner().invoke(
        app, ["outline", str(sample_path("2022-liujiang")), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["department"] == "柳州市柳江区医疗保障局" and doc["year"] == 2022
    assert doc["encoding"] == "utf-8"
    names = [(p["name"], p["present"], p["line"]) for p in doc["parts"]]
    assert names[0] == ("概况", True, 46)
    section = doc["parts"][2]["sections"][0]
    assert set(section) == {"level", "number", "title", "line", "end_line", "children"}
    assert "tables" in doc


def test_outline_text_command_marks_missing_parts() -> None:
    result = CliRunner().invoke(app, ["outline", str(sample_path("2024-lipu"))])
    assert result.exit_code == 0, result.output
    assert "决算表  ✗ 缺失" in result.stdout
    assert "荔浦市医疗保障局" in result.stdout


def test_run_in_heading_title_stops_at_its_first_full_stop() -> None:
    report = load_sample("2024-lipu")
    results = find(all_sections(report, PartName.EXPLANATION), "项目支出绩效自评结果")
    first = results.children[0]
    assert (first.number, first.title, first.span.line) == ("1.", "项目绩效自评结果总体情况。", 186)
    assert report.source.slice(first.heading) == "1.项目绩效自评结果总体情况。"
