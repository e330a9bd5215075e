"""`fa-tui export`: the 审核意见 as xlsx, docx and Markdown, read back and asserted cell by cell."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import SAMPLES, SAMPLES_DIR, sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.export.letter import ordinal
from fa_tui.export.markdown import markdown
from fa_tui.export.rows import ExportRow, ReportSheet
from fa_tui.export.xlsx import FINDING_COLUMNS, SUMMARY_COLUMNS
from fa_tui.ingest import read_report
from fa_tui.pipeline import analyse
from fa_tui.review.facts import report_facts
from fa_tui.review.marks import Status
from fa_tui.review.session import Review

runner = CliRunner()
LILING = sample_path("2024-liling")


def export(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", *args])
    return result.exit_code, result.stdout, result.stderr


def checked(path: Path):  # type: ignore[no-untyped-def]
    return analyse(read_report(path))


def by_code(findings, code: str):  # type: ignore[no-untyped-def]
    return next(f for f in findings if f.code == code)


def rows_of(sheet) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_xlsx_of_one_report_lists_every_finding_with_its_place(tmp_path: Path) -> None:
    out = tmp_path / "意见.xlsx"
    code, _out, err = export(str(LILING), "--format", "xlsx", "--output", str(out))
    assert code == 0, err
    assert "已导出 1 份报告" in err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题清单", "汇总"]
    sheet = book["问题清单"]
    assert tuple(c.value for c in sheet[1]) == FINDING_COLUMNS
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    _report, findings = checked(LILING)
    rows = rows_of(sheet)
    assert len(rows) == len(findings)
    assert [r["序号"] for r in rows] == list(range(1, len(rows) + 1))
    fa310 = next(r for r in rows if str(r["规则"]).startswith("FA310"))
    assert fa310["级别"] == "警告" and fa310["部分"] == "决算表"
    assert fa310["表"] == "公开06表 一般公共预算财政拨款基本支出决算明细表"
    assert fa310["行"] == "30113 住房公积金" and fa310["原文行"] == 276
    assert (fa310["应为"], fa310["实为"], fa310["差额"]) == ("371501.36", "378507.36", "+7006.00")
    assert fa310["编号"] == by_code(findings, "FA310").id
    # Chinese text gets room: the 问题 column is wide, and wraps rather than running on.
    assert sheet.column_dimensions["I"].width == 60
    assert sheet.cell(2, 9).alignment.wrap_text
    summary = rows_of(book["汇总"])
    assert tuple(c.value for c in book["汇总"][1]) == SUMMARY_COLUMNS
    [line] = summary
    assert line["部门"] == "醴陵市医疗保障局" and line["年度"] == 2024
    errors = sum(f.severity.value == "error" for f in findings)
    assert line["错误"] == errors and line["未标记"] == len(findings)


def test_a_pdf_export_gives_the_page(tmp_path: Path) -> None:
    pdf = Path(__file__).parent / "fixtures" / "2024-liling.pdf"
    out = tmp_path / "pdf.xlsx"
    assert export(str(pdf), "-o", str(out))[0] == 0
    rows = rows_of(openpyxl.load_workbook(out)["问题清单"])
    fa310 = next(r for r in rows if str(r["规则"]).startswith("FA310"))
    assert fa310["页/段"] == "第 6 页第 38 行"


def test_a_folder_gives_one_workbook_with_a_summary_row_per_report(tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    code, _o, err = export(str(SAMPLES_DIR), "-o", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    summary = rows_of(book["汇总"])
    assert len(summary) == len(SAMPLES)  # sample_reports/README.md is no report
    assert sorted(Path(str(r["报告文件"])).stem for r in summary) == sorted(SAMPLES)
    rows = rows_of(book["问题清单"])
    assert rows[0].keys() >= {"报告", "问题"}
    total = sum(int(r["错误"]) + int(r["警告"]) + int(r["提示"]) for r in summary)  # type: ignore[call-overload]
    assert len(rows) == total


def mark_liling() -> tuple[str, str, str]:
    """Mark three findings of liling in the user's review file: confirmed with a note,
    dismissed, to be explained. Their ids."""
    report, findings = checked(LILING)
    review = Review.open(report_facts(report, findings))
    confirmed = by_code(findings, "FA310").id
    dismissed = by_code(findings, "FA803").id
    query = by_code(findings, "FA105").id
    review.set_status(confirmed, Status.CONFIRMED)
    review.set_note(confirmed, "请按表五更正表六")
    review.set_status(dismissed, Status.DISMISSED)
    review.set_status(query, Status.QUERY)
    return confirmed, dismissed, query


def test_marks_and_notes_go_into_the_workbook_and_dismissed_ones_are_left_out(
    tmp_path: Path,
) -> None:
    confirmed, dismissed, query = mark_liling()
    out = tmp_path / "marked.xlsx"
    assert export(str(LILING), "-o", str(out))[0] == 0
    book = openpyxl.load_workbook(out)
    rows = {r["编号"]: r for r in rows_of(book["问题清单"])}
    assert rows[confirmed]["标记"] == "已核实" and rows[confirmed]["备注"] == "请按表五更正表六"
    assert rows[query]["标记"] == "待说明"
    assert dismissed not in rows
    [line] = rows_of(book["汇总"])
    assert (line["已核实"], line["误报"], line["待说明"]) == (1, 1, 1)
    out2 = tmp_path / "all-marks.xlsx"
    assert export(str(LILING), "-o", str(out2), "--include-dismissed")[0] == 0
    rows2 = {r["编号"]: r for r in rows_of(openpyxl.load_workbook(out2)["问题清单"])}
    assert rows2[dismissed]["标记"] == "误报"


def test_the_docx_letter_groups_findings_by_part_with_their_arithmetic(tmp_path: Path) -> None:
    mark_liling()
    out = tmp_path / "意见.docx"
    code, _o, err = export(str(LILING), "--format", "docx", "-o", str(out))
    assert code == 0, err
    paragraphs = [p for p in docx.Document(str(out)).paragraphs]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "关于醴陵市医疗保障局2024年度部门决算公开报告的审核意见"
    assert texts[1] == "醴陵市医疗保障局："
    assert any(t.startswith("经审核，该报告共发现问题 ") for t in texts)
    assert any("标为误报的 1 条未列入" in t for t in texts)
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert headings[:2] == ["一、决算表", "二、情况说明"]
    fa310 = texts.index(next(t for t in texts if "〔警告·FA310〕" in t))
    assert "〔已核实〕" in texts[fa310]
    assert texts[fa310 + 1] == (
        "位置：公开06表 一般公共预算财政拨款基本支出决算明细表 · 30113 住房公积金 · 第 276 行"
    )
    assert texts[fa310 + 2].startswith("应为 371501.36，实为 378507.36，差额 +7006.00")
    assert texts[fa310 + 3] == "审核意见：请按表五更正表六"
    assert not any("FA803" in t for t in texts)  # dismissed


def test_markdown_goes_to_stdout() -> None:
    code, out, _err = export(str(LILING), "--format", "md")
    assert code == 0
    assert out.startswith("# 关于醴陵市医疗保障局2024年度部门决算公开报告的审核意见\n")
    assert "## 一、决算表" in out and "## 三、绩效" in out
    assert "〔警告·FA310〕" in out and "应为 371501.36，实为 378507.36，差额 +7006.00" in out


def test_markdown_escapes_report_text() -> None:
    row = ExportRow(
        number=1,
        severity="错误",
        code="FA999",
        title="",
        part="概况",
        page="",
        table="",
        row="",
        line=3,
        message="“<b>|*x*|</b>”\x1b[31m重复",
    )
    text = markdown([ReportSheet(path="r.txt", department="某局", year=2024, rows=[row])])
    assert "<b>" not in text and "\x1b" not in text
    assert "“\\<b\\>\\|\\*x\\*\\|\\</b\\>”" in text


def test_a_revised_report_lists_new_and_resolved_findings(tmp_path: Path, mutate) -> None:  # type: ignore[no-untyped-def]
    mark_liling()
    report, findings = checked(LILING)
    # The revised version: the repeated word fixed, which resolves FA803.
    revised = tmp_path / "2024-liling.txt"
    text = LILING.read_text(encoding="utf-8").replace("全部全部", "全部", 1)
    revised.write_text(text, encoding="utf-8")
    shared = tmp_path / "审阅.json"
    review = Review.open(report_facts(report, findings), shared)
    review.set_status(by_code(findings, "FA803").id, Status.QUERY)
    out = tmp_path / "v2.xlsx"
    code, _o, err = export(str(revised), "-o", str(out), "--review", str(shared))
    assert code == 0, err
    rows = rows_of(openpyxl.load_workbook(out)["问题清单"])
    resolved = [r for r in rows if r["变化"] == "已解决"]
    assert [str(r["规则"])[:5] for r in resolved] == ["FA803"] and resolved[0]["标记"] == "待说明"
    assert not [r for r in rows if r["变化"] == "新"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "pdf"], "--format 只能是"),
        (["-o", str(LILING)], "输出文件不能是输入的报告"),
    ],
)
def test_bad_requests_get_one_line_and_exit_2(args: list[str], says: str) -> None:
    before = LILING.read_bytes()
    code, _o, err = export(str(LILING), *args)
    assert code == 2 and says in err and err.count("\n") == 1
    assert LILING.read_bytes() == before


def test_an_unreadable_report_is_said_and_the_rest_exported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    out = tmp_path / "x.xlsx"
    code, _o, err = export(str(bad), str(LILING), "-o", str(out))
    assert code == 0 and "bad.pdf" in err
    assert len(rows_of(openpyxl.load_workbook(out)["汇总"])) == 1
    code, _o, err = export(str(bad), "-o", str(tmp_path / "y.xlsx"))
    assert code == 2 and "没有一份报告能够读取" in err
    assert not (tmp_path / "y.xlsx").exists()


def test_report_text_never_becomes_a_formula(tmp_path: Path) -> None:
    report, findings = checked(LILING)
    review = Review.open(report_facts(report, findings))
    review.set_note(by_code(findings, "FA310").id, '=HYPERLINK("http://x","点我")\x07')
    out = tmp_path / "f.xlsx"
    assert export(str(LILING), "-o", str(out))[0] == 0
    sheet = openpyxl.load_workbook(out)["问题清单"]
    notes = [
        c for (c,) in sheet.iter_rows(min_col=14, max_col=14) if c.value and "HYPER" in str(c.value)
    ]
    assert len(notes) == 1 and notes[0].data_type == "s"
    assert notes[0].value == '=HYPERLINK("http://x","点我")\\x07'


def test_chinese_ordinals() -> None:
    assert [ordinal(n) for n in (1, 9, 10, 11, 20, 21, 35)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "三十五",
    ]
