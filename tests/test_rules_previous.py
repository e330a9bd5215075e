"""FA9xx: the 上年 figures of a report against last year's report (``check --previous``).

The samples are five departments and years, so last year's report is a copy of a sample made
in the test's temp dir: its years moved back by one, and the figures this year's text implies
for last year written into its tables and text (so that nothing differs); then one figure
changed, expecting exactly one finding at the right span.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample, sample_path
from helpers_rules import span_of
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.model import Finding, Report, Severity
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import check_report

THIS = "2022-liujiang"
# liujiang's 上年 figures: 953.20 + 898.98 (收、支总计, 财政拨款收、支总计, 财政拨款支出) and
# 45.19 + 46.66 (机关运行经费), written into last year's 表一, 表四, 表五 and text.
LAST_YEAR_FIGURES = (
    (128, "953.20", "1852.18", -1),  # 表一 总计, both sides
    (256, "953.20", "1852.18", -1),  # 表四 总计
    (272, "953.20", "1852.18", 1),  # 表五 合计 小计
    (511, "45.19", "91.85", 1),  # 机关运行经费
)

Edit = tuple[int, str, str, int]
MakePrevious = Callable[..., Path]


def _write(tmp_path: Path, name: str, text: str, edits: tuple[Edit, ...], out: str) -> Path:
    lines = text.split("\n")
    for line, old, new, count in edits:
        assert old in lines[line - 1], f"{old!r} not on line {line}"
        lines[line - 1] = lines[line - 1].replace(old, new, count)
    path = tmp_path / out
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def previous(tmp_path: Path) -> MakePrevious:
    """Last year's report: a copy of ``name`` one year back, with ``edits`` applied after the
    years are moved (``shift=False`` keeps the years)."""

    def make(
        name: str = THIS,
        edits: tuple[Edit, ...] = LAST_YEAR_FIGURES,
        *,
        shift: bool = True,
        replace: tuple[str, str] | None = None,
    ) -> Path:
        text = sample_path(name).read_text(encoding="utf-8")
        if shift:
            for year in range(2019, 2026):
                text = text.replace(str(year), str(year - 1))
        if replace is not None:
            text = text.replace(*replace)
        return _write(tmp_path, name, text, edits, f"{name}-previous.txt")

    return make


def fa9(report: Report | Path, last: Path | None) -> list[Finding]:
    this = report if isinstance(report, Report) else load_report(report)
    prior = None if last is None else load_report(last)
    return check_report(this, select=("FA9",), previous=prior)


def with_figure(edits: tuple[Edit, ...], line: int, new: str) -> tuple[Edit, ...]:
    """``edits`` with the figure written on ``line`` replaced by ``new``."""
    return tuple((n, old, new if n == line else fig, c) for n, old, fig, c in edits)


def test_agreement_gives_no_finding(previous: MakePrevious) -> None:
    assert fa9(load_sample(THIS), previous()) == []


def test_figures_within_rounding_give_no_finding(previous: MakePrevious) -> None:
    # 953.20 + 898.98 may stand for anything in [1852.17, 1852.19]
    for line in (128, 256):
        edits = with_figure(LAST_YEAR_FIGURES, line, "1852.19")
        assert fa9(load_sample(THIS), previous(edits=edits)) == []


def test_a_different_t01_total_is_one_error_at_the_change(previous: MakePrevious) -> None:
    edits = with_figure(LAST_YEAR_FIGURES, 128, "1862.18")
    (finding,) = fa9(load_sample(THIS), previous(edits=edits))
    path = sample_path(THIS)
    assert finding.code == "FA901" and finding.severity is Severity.ERROR
    assert finding.span == span_of(path, 401, "898.98")
    assert finding.message == (
        "按文中“收、支总计”本年 953.20 万元、比上年减少 898.98 万元推算，上年数为 1852.18 万元，"
        "与上年报告表一“总计”的 1862.18 万元（上年报告第 128 行）不一致"
    )
    assert finding.computation == (
        "953.20 + 898.98 = 1852.18 ≠ 1862.18（上年报告表一“总计”：1,862.18，上年报告第 128 行）"
    )
    assert (finding.expected, finding.actual, finding.difference) == (
        "1862.18",
        "1852.18",
        "-10.00",
    )
    assert [(r.span, r.note) for r in finding.related] == [(span_of(path, 401, "953.20"), "本年数")]


def test_a_different_t05_total(previous: MakePrevious) -> None:
    edits = with_figure(LAST_YEAR_FIGURES, 272, "1850.00")
    (finding,) = fa9(load_sample(THIS), previous(edits=edits))
    assert finding.span == span_of(sample_path(THIS), 419, "898.98")
    assert "上年报告表五“合计”的 1850.00 万元（上年报告第 272 行）" in finding.message


def test_office_running_costs_against_last_years_text(previous: MakePrevious) -> None:
    edits = with_figure(LAST_YEAR_FIGURES, 511, "95.00")
    (finding,) = fa9(load_sample(THIS), previous(edits=edits))
    assert finding.span == span_of(sample_path(THIS), 511, "46.66")
    assert "上年报告文中“机关运行经费支出”的 95.00 万元（上年报告第 511 行）" in finding.message


def test_a_stated_previous_figure(previous: MakePrevious, mutate: Callable[..., Path]) -> None:
    this = mutate(THIS, 511, "比2021年减少", "比2021年的91.85万元减少")
    assert fa9(this, previous()) == []
    (finding,) = fa9(this, previous(edits=with_figure(LAST_YEAR_FIGURES, 511, "93.85")))
    assert finding.span == span_of(this, 511, "91.85")
    assert finding.message.startswith("文中“机关运行经费支出”的上年数为 91.85 万元，")
    assert finding.related == []


def test_figures_in_yuan_under_a_wan_label(previous: MakePrevious) -> None:
    """liling's tables are in 元 under 单位：万元 (FA701): read in 万元 in last year's too."""
    # 13830.7 − 3156.43 = 10674.27 (财政拨款收、支总计 ↔ 表四 总计); 34.86 + 27.77 (机关运行经费)
    edits: tuple[Edit, ...] = (
        (223, "138, 307, 276. 56", "106, 742, 700. 00", 1),
        (458, "34.86", "62.63", 1),
    )
    this = load_sample("2024-liling")
    assert fa9(this, previous("2024-liling", edits)) == []
    wrong = ((223, "138, 307, 276. 56", "106, 752, 700. 00", 1), edits[1])
    (finding,) = fa9(this, previous("2024-liling", wrong))
    assert finding.span == span_of(sample_path("2024-liling"), 364, "3156.43")
    assert "表四“总计”的 10675.27 万元（上年报告第 223 行）" in finding.message


def test_a_report_of_another_year_is_one_warning(previous: MakePrevious) -> None:
    (finding,) = fa9(load_sample(THIS), previous(shift=False))
    assert finding.code == "FA902" and finding.severity is Severity.WARNING
    assert finding.span is None
    assert "是 2022 年度的报告，本报告为 2022 年度，应为 2021 年度" in finding.message


def test_another_department_is_one_warning_and_no_comparison(previous: MakePrevious) -> None:
    edits = with_figure(LAST_YEAR_FIGURES, 128, "1862.18")
    last = previous(edits=edits, replace=("柳江区医疗保障局", "柳江区财政局"))
    (finding,) = fa9(load_sample(THIS), last)
    assert finding.code == "FA902"
    assert "的部门“柳州市柳江区财政局”与本报告的“柳州市柳江区医疗保障局”不同" in finding.message


@pytest.mark.parametrize("name", SAMPLES)
def test_no_previous_report_no_fa9_finding(name: str) -> None:
    report = load_sample(name)
    assert not [f for f in check_report(report) if f.code.startswith("FA9")]
    assert fa9(report, None) == []


def _json_findings(text: str) -> list[dict[str, object]]:
    (entry,) = json.loads(text)["reports"]
    findings: list[dict[str, object]] = entry["findings"]
    return findings


def test_check_previous_through_typer(previous: MakePrevious) -> None:
    last = previous(edits=with_figure(LAST_YEAR_FIGURES, 128, "1862.18"))
    args = ["check", str(sample_path(THIS)), "--previous", str(last), "--select", "FA9"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 1, result.output
    assert [f["code"] for f in _json_findings(result.stdout)] == ["FA901"]
    agreeing = CliRunner().invoke(app, [*args[:3], str(previous()), "--select", "FA9"])
    assert agreeing.exit_code == 0, agreeing.output


def _entry(*args: str) -> subprocess.CompletedProcess[str]:
    """``fa-tui ARGS`` through the console script's entry (``check`` without Typer)."""
    return subprocess.run(
        [sys.executable, "-m", "fa_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_previous_on_the_fast_path(previous: MakePrevious) -> None:
    last = previous(edits=with_figure(LAST_YEAR_FIGURES, 511, "95.00"))
    result = _entry(
        "check", str(sample_path(THIS)), "--previous", str(last), "--select", "FA9",
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    (finding,) = _json_findings(result.stdout)
    assert finding["code"] == "FA901"


def test_an_unreadable_previous_report_is_one_line_exit_2(tmp_path: Path) -> None:
    result = _entry("check", str(sample_path(THIS)), "--previous", str(tmp_path / "无.txt"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--previous" in result.stderr


def test_previous_with_a_directory_is_a_usage_error(previous: MakePrevious) -> None:
    last = str(previous())
    for paths in ([str(sample_path(THIS).parent)], [str(sample_path(THIS))] * 2):
        result = _entry("check", *paths, "--previous", last)
        assert result.returncode == 2
        assert (
            result.stderr == "错误：--previous 只能与一份报告一起使用（不能用于目录或多个文件）\n"
        )
