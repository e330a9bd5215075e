"""The inspector's pure parts: display mapping of source lines, tree nodes and finding counts."""

from __future__ import annotations

from conftest import load_sample, sample_lines
from rich.cells import cell_len
from rich.style import Style

from fa_tui.model import Category, Finding, PartName, RelatedSpan, Severity, Span, TableStatus
from fa_tui.tui.display import display_line, styled_line
from fa_tui.tui.index import (
    FindingFilter,
    FindingIndex,
    NodeKind,
    build_nodes,
    ordered_for_node,
    section_label,
)
from fa_tui.tui.marks import finding_marks, split_span


def _finding(code: str, severity: Severity, span: Span | None, **kw) -> Finding:
    return Finding(
        code=code, severity=severity, category=Category.NARRATIVE, message="测试", span=span, **kw
    )


def test_display_line_expands_tabs_in_cells_and_keeps_the_column_map() -> None:
    line = "合计\t953.20\t525.83"
    shown = display_line(line)
    # "合计" is four cells wide: the tab pads to the next stop at cell 8.
    assert shown.text == "合计    953.20  525.83"
    assert shown.text[shown.offset(4) :].startswith("953.20")
    assert cell_len(shown.text[: shown.offset(4)]) == 8


def test_display_line_makes_control_characters_visible() -> None:
    shown = display_line("a\x1b[31mb\u202ec")
    assert "\x1b" not in shown.text and "\u202e" not in shown.text
    assert shown.text.startswith("a\u241b[31mb<U+202E>c")
    # Column 9 (the "c") still maps to the "c" after the longer placeholder.
    assert shown.text[shown.offset(9)] == "c"


def test_styled_line_styles_exactly_the_span_characters() -> None:
    style = Style(bgcolor="red")
    text = styled_line(display_line("收入\t100.00\t200.00"), [(4, 10, style)])
    covered = [text.plain[s.start : s.end] for s in text.spans if s.style == style]
    assert covered == ["100.00"]


def test_split_span_per_line() -> None:
    source = load_sample("2024-liling").source
    span = Span(line=51, column=3, end_line=53, end_column=4)
    pieces = split_span(span, source)
    assert pieces[0] == (51, 3, len(source.line(51)) + 1)
    assert pieces[1] == (52, 1, len(source.line(52)) + 1)
    assert pieces[-1] == (53, 1, 4)


def test_nodes_have_the_five_parts_in_order_and_missing_ones_marked() -> None:
    nodes = build_nodes(load_sample("2024-lipu"))
    assert [n.label for n in nodes] == ["概况", "决算表", "情况说明", "名词解释", "绩效"]
    tables = next(n for n in nodes if n.part is PartName.TABLES)
    assert not tables.present
    assert len(tables.children) == 9
    assert all(c.status is TableStatus.MISSING and not c.present for c in tables.children)


def test_section_labels_join_numbers_without_a_stray_space() -> None:
    assert section_label("一、", "部门职责") == "一、部门职责"
    assert section_label("（二）", "机构设置") == "（二）机构设置"
    assert section_label("1.", "收入") == "1. 收入"
    assert section_label(None, "名词解释") == "名词解释"


def test_finding_index_counts_per_node_with_the_worst_severity() -> None:
    report = load_sample("2024-liling")
    lines = sample_lines("2024-liling")
    col = lines[51 - 1].index("部门职责") + 1
    in_duties = Span.at(51, col, col + 4)
    in_glossary = Span.at(500, 1, 3)
    findings = [
        _finding("FA501", Severity.INFO, in_duties),
        _finding("FA502", Severity.ERROR, in_duties),
        _finding("FA601", Severity.WARNING, in_glossary),
        # No span: about the 名词解释 part, as the pipeline placed it.
        _finding("FA106", Severity.ERROR, None, part=PartName.GLOSSARY),
    ]
    index = FindingIndex(findings, build_nodes(report))
    assert index.count("part:概况") == 2
    assert index.worst("part:概况") is Severity.ERROR
    duties = next(n for n in index.nodes if n.kind is NodeKind.SECTION and "部门职责" in n.label)
    assert index.count(duties.key) == 2
    assert index.count("part:名词解释") == 2
    assert index.worst("part:名词解释") is Severity.ERROR
    assert index.count("part:情况说明") == 0
    assert index.totals() == {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 1}


def test_list_order_puts_the_node_first_and_filters() -> None:
    report = load_sample("2024-liling")
    findings = [
        _finding("FA201", Severity.ERROR, Span.at(500, 1, 2)),
        _finding("FA502", Severity.INFO, Span.at(51, 1, 2)),
        _finding("FA503", Severity.WARNING, Span.at(52, 1, 2)),
    ]
    index = FindingIndex(findings, build_nodes(report))
    order, own = ordered_for_node(index, "part:名词解释", FindingFilter())
    assert own == 1
    assert index.findings[order[0]].code == "FA201"
    assert [index.findings[i].code for i in order[1:]] == ["FA502", "FA503"]
    order, _ = ordered_for_node(index, None, FindingFilter(codes=("FA5",)))
    assert [index.findings[i].code for i in order] == ["FA502", "FA503"]
    order, _ = ordered_for_node(index, None, FindingFilter(levels=frozenset({Severity.WARNING})))
    assert [index.findings[i].code for i in order] == ["FA503"]
    assert FindingFilter.parse_codes("fa2， FA301") == ("FA2", "FA301")


def test_marks_paint_primary_spans_over_related_ones() -> None:
    source = load_sample("2024-liling").source
    finding = _finding(
        "FA401",
        Severity.ERROR,
        Span.at(51, 1, 3),
        related=[RelatedSpan(span=Span.at(52, 2, 5), note="表中")],
    )
    marks = finding_marks([finding], source)
    assert marks.gutter[51] is Severity.ERROR
    assert 52 not in marks.gutter  # a related span does not colour the gutter
    assert marks.ranges[51][-1][:2] == (1, 3)
    assert marks.ranges[52][0][:2] == (2, 5)


def test_stages_give_the_same_report_as_the_pipeline() -> None:
    from conftest import sample_path

    from fa_tui.ingest import read_report
    from fa_tui.pipeline import build_report, run_rules
    from fa_tui.tui.worker import Described, Indexed, Outlined, stages

    source = read_report(sample_path("2022-liujiang"))
    outlined, parsed, checked = list(stages(source))
    assert isinstance(outlined, Outlined) and isinstance(parsed, Described)
    assert isinstance(checked, Indexed)
    assert outlined.report.tables == [] and outlined.report.facts == []
    expected = build_report(source)
    assert parsed.report.tables == expected.tables and parsed.report.tables
    assert parsed.report.facts == expected.facts
    assert parsed.report.parts == expected.parts
    assert checked.index.findings == sorted(run_rules(expected), key=Finding.sort_key)
    assert outlined.report.tables == [], "a later stage does not change an earlier report"


def test_finding_index_agrees_with_a_plain_scan_on_real_findings() -> None:
    from fa_tui.pipeline import run_rules

    for name in ("2022-liujiang", "2024-liling", "2023-yanbian"):
        report = load_sample(name)
        index = FindingIndex(run_rules(report), build_nodes(report))
        for node in index.nodes:
            expected = [
                i
                for i, f in enumerate(index.findings)
                if (f.span is not None and node.contains(f.span))
                or (f.span is None and node.kind is NodeKind.PART and f.part == node.part)
            ]
            assert index.of_node(node.key) == expected, (name, node.key)


def test_piece_on_line_matches_split_span() -> None:
    from fa_tui.tui.marks import piece_on_line

    source = load_sample("2024-liling").source
    for span in (Span(line=51, column=3, end_line=53, end_column=4), Span.at(60, 2, 9)):
        pieces = {line: (col, end) for line, col, end in split_span(span, source)}
        for line in range(48, 58):
            assert piece_on_line(span, line, source) == pieces.get(line)


def test_detail_names_the_place_in_a_pdf() -> None:
    from pathlib import Path

    from fa_tui.pipeline import load_report
    from fa_tui.rules.engine import check_report
    from fa_tui.tui.widgets.finding_detail import detail_text

    report = load_report(Path(__file__).parent / "fixtures" / "2024-liling.pdf")
    finding = next(f for f in check_report(report) if f.code == "FA401")
    place = report.source.location(finding.span.line, finding.span.column)
    assert place is not None and place.page is not None
    shown = detail_text(finding, report.source).plain
    assert f"（文档第 {place.page} 页第 {place.page_line} 行）" in shown


def test_detail_of_a_text_report_names_no_document_place() -> None:
    from fa_tui.tui.widgets.finding_detail import detail_text

    report = load_sample("2024-liling")
    finding = _finding("FA401", Severity.ERROR, Span.at(352, 14, 21))
    assert "文档" not in detail_text(finding, report.source).plain
