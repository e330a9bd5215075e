"""Stable finding ids: the same across runs, jobs, formats of one document and edits elsewhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLES, SAMPLES_DIR, sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.ingest import read_report
from fa_tui.model import Finding, Report
from fa_tui.pipeline import analyse
from fa_tui.pipeline.anchors import figures
from fa_tui.render.contract import CheckDocument

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ID = re.compile(r"^FA\d{3}-[0-9a-f]{8}$")


def _run(path: Path) -> tuple[Report, list[Finding]]:
    return analyse(read_report(path))


def _ids(path: Path) -> list[str]:
    return [f.id for f in _run(path)[1]]


def _lines(name: str) -> list[str]:
    return sample_path(name).read_text(encoding="utf-8").split("\n")


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    out = tmp_path / f"{name}.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _check(*args: str) -> str:
    result = CliRunner().invoke(app, ["check", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("name", SAMPLES)
def test_ids_are_well_formed_unique_and_the_same_on_a_second_run(name: str) -> None:
    first = _ids(sample_path(name))
    assert first and all(ID.match(i) for i in first)
    assert len(set(first)) == len(first)
    assert _ids(sample_path(name)) == first


def test_ids_are_the_same_with_one_job_or_two() -> None:
    serial = CheckDocument.model_validate_json(
        _check(str(SAMPLES_DIR), "--format", "json", "--jobs", "1")
    )
    parallel = json.loads(_check(str(SAMPLES_DIR), "--format", "json", "--jobs", "2"))
    one = {r.path: [f.id for f in r.findings] for r in serial.reports}
    two = {r["path"]: [f["id"] for f in r["findings"]] for r in parallel["reports"]}
    assert one == two and len(one) == len(SAMPLES)
    assert all(ids for ids in one.values())
    for path, ids in one.items():
        assert ids == _ids(Path(path))


def _coinciding(report: Report, finding: Finding) -> tuple[object, ...]:
    """What makes a finding the same one in another extraction (no position, no message: the
    message of FA701 names line numbers)."""
    quoted = report.source.slice(finding.span) if finding.span else None
    return (finding.code, figures(quoted), finding.expected, finding.actual, finding.table)


@pytest.mark.parametrize("document", ["2024-liling.pdf", "2024-liling.docx"])
def test_a_pdf_or_docx_of_the_report_gives_the_findings_of_the_text_their_ids(
    document: str,
) -> None:
    text_report, text_findings = _run(sample_path("2024-liling"))
    doc_report, doc_findings = _run(FIXTURES / document)
    by_text: dict[tuple[object, ...], list[str]] = {}
    for f in text_findings:
        by_text.setdefault(_coinciding(text_report, f), []).append(f.id)
    by_doc: dict[tuple[object, ...], list[str]] = {}
    for f in doc_findings:
        by_doc.setdefault(_coinciding(doc_report, f), []).append(f.id)
    common = by_text.keys() & by_doc.keys()
    assert len(common) >= 30  # measured: all 35 findings coincide
    for key in common:
        assert by_text[key] == by_doc[key], key
    assert sorted(f.id for f in doc_findings) == sorted(f.id for f in text_findings)


@pytest.mark.parametrize("name", SAMPLES)
def test_five_lines_inserted_at_the_top_keep_every_id(name: str, tmp_path: Path) -> None:
    before = _ids(sample_path(name))
    added = ["", "备注：本文件为核对用副本。", "", "（仅供内部核对）", ""]
    after = _ids(_write(tmp_path, name, added + _lines(name)))
    assert after == before


def _first_paragraph_end(part_line: int, end_line: int, lines: list[str]) -> int:
    """The first line after ``part_line`` that ends a sentence (a paragraph of the part)."""
    return next(n for n in range(part_line + 1, end_line) if lines[n - 1].rstrip().endswith("。"))


@pytest.mark.parametrize("name", SAMPLES)
def test_a_paragraph_added_in_another_part_keeps_every_id(name: str, tmp_path: Path) -> None:
    report, findings = _run(sample_path(name))
    lines = _lines(name)
    tried = 0
    for part in report.parts:
        if part.span is None or not any(f.part != part.name.value for f in findings):
            continue
        try:
            at = _first_paragraph_end(part.span.line, part.span.end_line, lines)
        except StopIteration:
            continue
        added = ["", "本部分内容按统一口径填报，另有说明的除外。"]
        after = _ids(_write(tmp_path, name, lines[:at] + added + lines[at:]))
        others = [f.id for f in findings if f.part != part.name.value]
        assert set(others) <= set(after), part.name
        assert after == [f.id for f in findings], part.name  # the part's own findings too
        tried += 1
    assert tried >= 2


def _involves(finding: Finding, line: int, column: int) -> bool:
    """Whether the finding's span or one of its related spans covers the character."""
    spans = ([finding.span] if finding.span else []) + [r.span for r in finding.related]
    return any((s.line, s.column) <= (line, column) < (s.end_line, s.end_column) for s in spans)


@pytest.mark.parametrize(
    ("name", "line", "figure", "changed"),
    [
        ("2024-liling", 374, "13755.93", "13755.98"),  # narrative: FA406, in a sentence of five
        ("2022-liujiang", 197, "184.03", "184.08"),  # a table cell: FA205 of 表三 210
        ("2024-lipu", 186, "58.34", "58.35"),  # FA510
    ],
)
def test_changing_one_figure_changes_only_the_ids_of_its_findings(
    name: str, line: int, figure: str, changed: str, tmp_path: Path
) -> None:
    _, findings = _run(sample_path(name))
    lines = _lines(name)
    column = lines[line - 1].index(figure) + 1
    lines[line - 1] = lines[line - 1].replace(figure, changed, 1)
    after = {f.id for f in _run(_write(tmp_path, name, lines))[1]}
    moved = [f for f in findings if f.id not in after]
    assert moved, "the finding about the figure keeps its id"
    assert all(_involves(f, line, column) for f in moved), [f.code for f in moved]
    same_sentence = [f for f in findings if f.span and f.span.line == line and f not in moved]
    if name == "2024-liling":
        assert len(same_sentence) >= 3  # FA405, FA501 ×2 in the same paragraph keep theirs


def test_ids_are_in_json_sarif_and_text(tmp_path: Path) -> None:
    path = str(sample_path("2024-liling"))
    ids = _ids(Path(path))
    document = CheckDocument.model_validate_json(_check(path, "--format", "json"))
    assert [f.id for f in document.reports[0].findings] == ids
    sarif = json.loads(_check(path, "--format", "sarif"))
    prints = [r["partialFingerprints"] for r in sarif["runs"][0]["results"]]
    assert prints == [{"faTuiFindingId/v1": i} for i in ids]
    text = _check(path)
    tags = re.findall(r" #([0-9a-f]{8})$", text, flags=re.MULTILINE)
    assert tags == [i.split("-")[1] for i in ids]
    out = tmp_path / "report.txt"
    _check(path, "--output", str(out))
    whole = re.findall(r"^\S+: (FA\d{3}) \[.*#([0-9a-f]{8})$", out.read_text(), re.MULTILINE)
    assert [f"{code}-{h}" for code, h in whole] == ids  # one line per header, nothing wrapped


def test_findings_sharing_a_base_key_differ_by_their_ordinal() -> None:
    """The one case where an insertion shifts ids: a twin appearing before the others."""
    from fa_tui.pipeline import Checked, stages

    source = read_report(sample_path("2024-liling"))
    _, findings = _run(sample_path("2024-liling"))
    one = next(f for f in findings if f.code == "FA803")

    def ids(copies: int) -> list[str]:
        *_, last = stages(source, checker=lambda r: [one] * copies)
        assert isinstance(last, Checked)
        return [f.id for f in last.findings]

    single, twins = ids(1), ids(3)
    assert single == [one.id] and twins[0] == one.id
    assert len(set(twins)) == 3
