"""The `check` text output fits an 80-column terminal: windows around figures, wrapped messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import load_sample, sample_path
from rich.cells import cell_len
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.model import Finding, Report
from fa_tui.pipeline import run_rules
from fa_tui.render.fit import ELLIPSIS, units, window, wrap
from fa_tui.render.styled import plain
from fa_tui.render.text_report import finding_block

FIGURE = re.compile(r"[+\-±]?\d[\d,]*(?:\.\d+)?%?")
HEADER = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<code>FA\d{3}) \[")


def _check(*args: str, columns: str | None = "80"):
    return CliRunner().invoke(app, ["check", *args], env={"COLUMNS": columns})


def _findings(name: str) -> tuple[Report, list[Finding]]:
    report = load_sample(name)
    return report, run_rules(report)


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
def test_every_line_fits_in_80_columns(name: str) -> None:
    result = _check(str(sample_path(name)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) > 50
    too_wide = [line for line in lines if cell_len(line) > 78]
    assert too_wide == []
    # the long table lines were cut: an ellipsis in some source lines, none in the samples' text
    assert any(" | " in line and ELLIPSIS in line for line in lines)


def test_a_pipe_without_columns_is_laid_out_in_80() -> None:
    result = _check(str(sample_path("2022-liujiang")), columns=None)
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 78


def test_a_wide_terminal_shows_whole_lines() -> None:
    result = _check(str(sample_path("2022-liujiang")), columns="200")
    source = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")[145]
    assert f"   146 | {source.expandtabs(4)}" in result.stdout.splitlines()


def test_output_file_keeps_whole_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    _check(str(sample_path("2022-liujiang")), "--output", str(out))
    source = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")[145]
    assert f"   146 | {source.expandtabs(4)}" in out.read_text(encoding="utf-8").splitlines()


def _under_carets(shown: str, carets: str) -> str:
    """The characters of ``shown`` whose cells lie under the ``^`` of ``carets``."""
    start, end = carets.index("^"), carets.rindex("^") + 1
    out, cell = [], 0
    for char in shown:
        width = cell_len(char)
        if cell >= start and cell + width <= end:
            out.append(char)
        cell += width
    return "".join(out)


def test_carets_sit_under_the_figure_in_the_window() -> None:
    checked = 0
    for name in ("2022-liujiang", "2024-liling", "2023-yanbian", "2024-panzhihua"):
        report, findings = _findings(name)
        for finding in findings:
            span = finding.span
            if span is None or span.line != span.end_line:
                continue
            lines = plain(finding_block(report, finding, 80)).split("\n")
            at = next(k for k, line in enumerate(lines) if line.startswith(f"{span.line:>6} | "))
            shown, carets = lines[at][9:], lines[at + 1][9:]
            assert cell_len(lines[at]) <= 78
            expected = report.source.slice(span).expandtabs(4)
            assert _under_carets(shown, carets) == expected, (finding.code, lines[at], carets)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
def test_messages_wrap_between_figures_never_inside(name: str) -> None:
    report, findings = _findings(name)
    wrapped = 0
    for finding in findings:
        lines = plain(finding_block(report, finding, 80)).split("\n")
        match = HEADER.match(lines[0])
        assert match and match.group("code") == finding.code
        message_lines = [re.sub(r"^[^\]]*\] ?", "", lines[0][match.end() :])]
        for line in lines[1:]:
            if not line.startswith(" " * 9):  # the source, a computation or a related figure
                break
            message_lines.append(line[9:])
        text = "".join(message_lines).replace(" ", "")
        tag = f"#{finding.id.rpartition('-')[2]}"
        assert text == finding.message.replace(" ", "").replace("\t", "") + tag
        assert message_lines[-1].endswith(f" {tag}") or message_lines[-1] == tag
        figures = FIGURE.findall(finding.message)
        message_lines[-1] = message_lines[-1].removesuffix(tag)
        assert sorted(f for line in message_lines for f in FIGURE.findall(line)) == sorted(figures)
        wrapped += len(message_lines) > 1
    assert wrapped > 5


def test_wrap_keeps_figures_and_punctuation_together() -> None:
    lines = wrap("本年收入合计为 1,234,567.89，相差 -0.01（±0.02），占 12.5%。", 16)
    assert all(cell_len(line) <= 16 for line in lines if len(units(line)) > 1)
    joined = "".join(lines)
    for figure in ("1,234,567.89，", "-0.01（±0.02），", "12.5%。"):
        assert any(figure.split("（")[0] in line for line in lines), (figure, lines)
    assert not any(line.startswith(("，", "）", "。", "%")) for line in lines)
    assert not any(line.endswith(("（", "“")) for line in lines)
    assert joined.replace(" ", "") == "本年收入合计为1,234,567.89，相差-0.01（±0.02），占12.5%。"


def test_window_centres_the_figure_and_marks_the_cuts() -> None:
    line = "  ".join(f"第{k}栏 {k * 111}.{k:02d}" for k in range(1, 30))
    figure = "1554.14"
    start = cell_len(line[: line.index(figure)])
    shown, at, width = window(line, start, cell_len(figure), 60)
    assert cell_len(shown) <= 60 and shown.startswith(ELLIPSIS) and shown.endswith(ELLIPSIS)
    assert width == len(figure)
    cells = 0
    for k, char in enumerate(shown):
        if cells == at:
            assert shown[k : k + len(figure)] == figure
            break
        cells += cell_len(char)
    else:
        raise AssertionError("caret start not at a character")
    # whole units only: every figure shown is a figure of the line
    for found in FIGURE.findall(shown.strip(ELLIPSIS)):
        assert found in line


def _tables(*args: str, columns: str = "80"):
    return CliRunner().invoke(app, ["tables", *args], env={"COLUMNS": columns})


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
def test_tables_fit_80_columns_with_code_name_and_whole_figures(name: str) -> None:
    path = str(sample_path(name))
    text = _tables(path)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    import json

    document = json.loads(_tables(path, "--format", "json").stdout)
    rows_checked = 0
    for table in document["tables"]:
        if table["id"] not in ("公开02表", "公开03表", "公开05表", "公开09表"):
            continue
        for row in table["rows"]:
            # the row's lines (one per grid of figure columns), each starting with its line number
            shown = [line for line in lines if re.match(rf"^\s*{row['line']}\s{{3}}", line)]
            assert shown, (table["id"], row)
            words = [w.rstrip("*") for line in shown for w in line.split()]
            if row["code"]:
                assert all(row["code"] in line for line in shown)
            name_start = row["name"].strip()[:2]
            assert all(name_start in line for line in shown), (row["name"], shown)
            for cell in row["cells"].values():
                if cell["text"] and " " not in cell["text"]:
                    assert cell["text"] in words, (cell, shown)
            rows_checked += 1
    assert rows_checked > 30


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("表一", "公开01表"), ("表五", "公开05表"), ("表九", "公开09表"), ("表5", "公开05表")],
)
def test_tables_accepts_the_inspector_names(wanted: str, expected: str) -> None:
    import json

    result = _tables(str(sample_path("2022-liujiang")), "--table", wanted, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [t["id"] for t in json.loads(result.stdout)["tables"]] == [expected]


def test_tables_unknown_name_names_the_choices() -> None:
    result = _tables(str(sample_path("2022-liujiang")), "--table", "表十")
    assert result.exit_code == 2 and "表一…表九" in result.stderr
