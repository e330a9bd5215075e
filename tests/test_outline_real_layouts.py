"""Part headings as real templates print them: wrapped titles, a tables part without 第二部分,
table rows with ordinals (never sections). Short synthetic reports, one per layout feature."""

from __future__ import annotations

from pathlib import Path

import pytest

from fa_tui.ingest import read_report
from fa_tui.model import Finding, PartName, Report, Span
from fa_tui.pipeline import analyse

OVERVIEW = [
    "某某市某某局2024年度部门决算",
    "第一部分 某某市某某局概况",
    "一、主要职能",
    "负责全市某某工作的统筹协调和监督管理。",
    "二、机构设置",
    "本部门设办公室、综合科、监督科3个内设机构。",
]
TABLES_HEADING = "第二部分 某某市某某局2024年度部门决算表"
TABLES = [
    "收入支出决算总表",
    "单位：万元",
    "收入\t\t支出\t",
    "项目\t决算数\t项目\t决算数",
    "一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t100.00",
    "\t\t十、节能环保支出\t",
    "本年收入合计\t100.00\t本年支出合计\t100.00",
    "收入决算表",
    "单位：万元",
    "项目\t本年收入合计\t财政拨款收入",
    "合计\t100.00\t100.00",
]
EXPLANATION_HEADING = ["第三部分 某某市某某局2024年度部门决算情况说明"]
EXPLANATION = [
    "一、收入支出决算总体情况说明",
    "某某市某某局2024年度收入支出总计100.00万元，与上年度持平。",
    "二、收入决算情况说明",
    "本年收入合计100.00万元，其中：财政拨款收入100.00万元，占100%。",
]
GLOSSARY_HEADING = ["第四部分 名词解释"]
GLOSSARY = ["一、财政拨款收入：指本年度从本级财政部门取得的财政拨款。"]
# Rows of a table inside 概况, printed as real PDFs print them: as cells, with their figures on
# the next line, with figures at the end, with one cell break.
TABLE_IN_OVERVIEW = [
    "某某局支出分类统计表",
    "单位：万元",
    "\t\t十、节能环保支出\t",
    "十一、城乡社区支出",
    "12.50",
    "十二、农林水支出    3.00",
    "十三、交通运输支出\t",
    "三、人员情况",
    "本部门年末实有人员33人。",
]


def report_of(tmp_path: Path, lines: list[str]) -> tuple[Report, list[Finding]]:
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return analyse(read_report(path))


def part_lines(report: Report) -> dict[str, int | None]:
    return {p.name.value: (p.span.line if p.present and p.span else None) for p in report.parts}


def section_titles(report: Report, name: PartName) -> list[str]:
    part = report.part(name)
    assert part is not None
    return [s.title for s in part.walk_sections()]


def part_findings(findings: list[Finding]) -> list[str]:
    """Findings that say a whole part is missing (FA101, FA105, FA106)."""
    missing = ("报告没有决算表部分", "报告没有决算情况说明部分", "报告缺少名词解释部分")
    return [f.message for f in findings if f.message.startswith(missing)]


def full_report(
    tables_heading: list[str], explanation: list[str], glossary: list[str]
) -> list[str]:
    return [
        *OVERVIEW,
        *tables_heading,
        *TABLES,
        *explanation,
        *EXPLANATION,
        *glossary,
        *GLOSSARY,
    ]


def test_the_synthetic_report_reads_as_expected(tmp_path: Path) -> None:
    report, findings = report_of(
        tmp_path, full_report([TABLES_HEADING], EXPLANATION_HEADING, GLOSSARY_HEADING)
    )
    assert part_lines(report) == {
        "概况": 2,
        "决算表": 7,
        "情况说明": 19,
        "名词解释": 24,
        "绩效": None,
    }
    assert part_findings(findings) == []


def test_a_part_heading_wrapped_over_two_lines_is_one_heading(tmp_path: Path) -> None:
    explanation = ["第三部分 某某市某某局2024年度部门决算情况", "说明"]
    glossary = ["　　第四部分 名词", "解释　"]
    report, findings = report_of(tmp_path, full_report([TABLES_HEADING], explanation, glossary))
    assert part_lines(report) == {
        "概况": 2,
        "决算表": 7,
        "情况说明": 19,
        "名词解释": 25,
        "绩效": None,
    }
    part = report.part(PartName.EXPLANATION)
    assert part is not None and part.heading is not None
    assert part.heading_text == "第三部分 某某市某某局2024年度部门决算情况说明"
    assert part.heading == Span(line=19, column=1, end_line=20, end_column=3)
    assert report.source.slice(part.heading) == "\n".join(explanation)
    assert section_titles(report, PartName.EXPLANATION) == [
        "收入支出决算总体情况说明",
        "收入决算情况说明",
    ]
    glossary_part = report.part(PartName.GLOSSARY)
    assert glossary_part is not None and glossary_part.heading is not None
    assert glossary_part.heading == Span(line=25, column=3, end_line=26, end_column=3)
    assert report.source.slice(glossary_part.heading) == "第四部分 名词\n解释"
    assert part_findings(findings) == []


def test_a_wrapped_title_laid_out_with_blank_lines_between_is_one_heading(
    tmp_path: Path,
) -> None:
    """``pdftotext -layout``: the title's second line centred two blank lines further down."""
    explanation = [
        "   第三部分      某某市某某局            2024 年度部门决算   ",
        "",
        "   ",
        "                      情况说明                ",
    ]
    report, findings = report_of(
        tmp_path, full_report([TABLES_HEADING], explanation, GLOSSARY_HEADING)
    )
    part = report.part(PartName.EXPLANATION)
    assert part is not None and part.present and part.heading is not None
    assert part.heading.line == 19 and part.heading.end_line == 22
    assert part_findings(findings) == []


def test_a_title_five_lines_further_down_is_not_joined(tmp_path: Path) -> None:
    explanation = ["第三部分 某某市某某局2024年度部门决算", "", "", "", "", "情况说明"]
    report, _ = report_of(tmp_path, full_report([TABLES_HEADING], explanation, GLOSSARY_HEADING))
    part = report.part(PartName.EXPLANATION)
    assert part is not None and not part.present


def test_a_cover_with_the_year_on_a_line_of_its_own(tmp_path: Path) -> None:
    """A text layer prints the cover's year, set in another font, on its own line, and the
    title without it: the name is the line above, the year the line below — never ``年度``."""
    cover = ["某某市某某局", "年度部门决算", "2024"]
    report, _ = report_of(
        tmp_path, [*cover, *full_report([TABLES_HEADING], EXPLANATION_HEADING, GLOSSARY_HEADING)]
    )
    assert report.department == "某某市某某局"
    assert report.year == 2024 and report.year_span is not None
    assert report.year_span.line == 3
    report, _ = report_of(tmp_path, ["年度部门决算", *OVERVIEW[1:]])
    assert report.department == "某某市某某局"  # from the 概况 heading


@pytest.mark.parametrize(
    "second_line",
    ["一、收入支出决算总体情况说明", "说明：本表无数据。", "情况"],
)
def test_a_next_line_that_does_not_complete_the_title_is_not_joined(
    tmp_path: Path, second_line: str
) -> None:
    explanation = ["第三部分 某某市某某局2024年度部门决算情况", second_line]
    report, _ = report_of(tmp_path, full_report([TABLES_HEADING], explanation, GLOSSARY_HEADING))
    part = report.part(PartName.EXPLANATION)
    assert part is not None and not part.present


def test_a_tables_part_headed_by_the_department_name(tmp_path: Path) -> None:
    heading = "某某市某某局 2024年度部门决算表"
    report, findings = report_of(
        tmp_path, full_report([heading], EXPLANATION_HEADING, GLOSSARY_HEADING)
    )
    assert part_lines(report)["决算表"] == 7
    part = report.part(PartName.TABLES)
    assert part is not None and part.heading is not None
    assert part.heading_text == heading
    assert report.source.slice(part.heading) == heading
    assert section_titles(report, PartName.OVERVIEW) == ["主要职能", "机构设置"]
    assert part_findings(findings) == []


def test_a_run_of_table_titles_is_the_tables_part(tmp_path: Path) -> None:
    report, findings = report_of(tmp_path, full_report([], EXPLANATION_HEADING, GLOSSARY_HEADING))
    assert part_lines(report) == {
        "概况": 2,
        "决算表": 7,
        "情况说明": 18,
        "名词解释": 23,
        "绩效": None,
    }
    part = report.part(PartName.TABLES)
    assert part is not None and part.heading is not None and part.span is not None
    assert report.source.slice(part.heading) == "收入支出决算总表"
    assert part.span.end_line == 17
    # The table row ``十、节能环保支出`` is no section of 概况.
    assert section_titles(report, PartName.OVERVIEW) == ["主要职能", "机构设置"]
    assert part_findings(findings) == []


def test_one_table_title_alone_makes_no_tables_part(tmp_path: Path) -> None:
    report, _ = report_of(
        tmp_path, [*OVERVIEW, *TABLE_IN_OVERVIEW, *EXPLANATION_HEADING, *EXPLANATION]
    )
    part = report.part(PartName.TABLES)
    assert part is not None and not part.present


def test_table_rows_with_ordinals_are_no_sections(tmp_path: Path) -> None:
    lines = full_report([TABLES_HEADING], EXPLANATION_HEADING, GLOSSARY_HEADING)
    lines[6:6] = TABLE_IN_OVERVIEW
    report, findings = report_of(tmp_path, lines)
    assert part_lines(report) == {
        "概况": 2,
        "决算表": 16,
        "情况说明": 28,
        "名词解释": 33,
        "绩效": None,
    }
    assert section_titles(report, PartName.OVERVIEW) == ["主要职能", "机构设置", "人员情况"]
    overview = report.part(PartName.OVERVIEW)
    assert overview is not None
    last = overview.sections[-1]
    assert last.heading is not None and report.source.slice(last.heading) == "三、人员情况"
    assert part_findings(findings) == []
