"""Batch checking: parallel workers, input order, crashes as one line, progress, summary table."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import sample_path
from typer.testing import CliRunner

import fa_tui.pipeline
from fa_tui.cli import app
from fa_tui.commands import batch, check
from fa_tui.commands.batch import Task, check_files
from fa_tui.commands.check import CheckOptions
from fa_tui.render.contract import CheckDocument


def _check(*args: str):
    return CliRunner().invoke(app, ["check", *args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Six reports in nested folders: two of each of three samples."""
    root = tmp_path / "county"
    for k, name in enumerate(["2022-liujiang", "2024-lipu", "2023-yanbian"] * 2):
        target = root / f"d{k % 2}" / f"{k}-{name}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_path(name), target)
    return root


def test_parallel_results_equal_serial_results_in_input_order(folder: Path) -> None:
    serial = _check(str(folder), "--format", "json", "--jobs", "1")
    parallel = _check(str(folder), "--format", "json", "--jobs", "3")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    paths = [r.path for r in CheckDocument.model_validate_json(parallel.stdout).reports]
    assert paths == sorted(paths) and len(paths) == 6


def test_text_and_sarif_are_the_same_with_one_or_many_jobs(folder: Path) -> None:
    for fmt in ("text", "sarif"):
        one = _check(str(folder), "--format", fmt, "-j", "1")
        many = _check(str(folder), "--format", fmt, "-j", "2")
        assert one.stdout == many.stdout and one.exit_code == many.exit_code == 1


def test_summary_table_lists_files_worst_first(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"  # a file: no terminal width, one row per line
    assert _check(str(folder), "--jobs", "2", "-o", str(out)).exit_code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    head = next(k for k, line in enumerate(lines) if "检查汇总" in line)
    rows = [line.split() for line in lines[head:] if line.strip().endswith(tuple("0123456789"))]
    rows = [r for r in rows if len(r) == 4 and r[0].endswith(".txt")]
    assert len(rows) == 6
    counts = [tuple(int(x) for x in r[1:]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert counts[0][0] > 0  # lipu has no tables: errors, listed first
    assert lines[-1].startswith("共 6 个文件")


def test_default_jobs_is_the_number_of_usable_cpus() -> None:
    assert check.default_jobs() == len(os.sched_getaffinity(0))


def test_bad_jobs_value_is_one_line_and_exit_2() -> None:
    result = _check(str(sample_path("2024-lipu")), "--jobs", "0")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def _die_on_crash_file(task: Task) -> batch.FileResult:
    """Stands in for ``check_file`` in forked workers: kill the worker on ``crash.txt``."""
    if task.path.name == "crash.txt":
        os._exit(3)
    return _REAL_CHECK_FILE(task)


_REAL_CHECK_FILE = batch.check_file


def test_a_dying_worker_costs_one_line_and_exit_2(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(sample_path("2024-lipu"), folder / "d0" / "crash.txt")
    monkeypatch.setattr(batch, "check_file", _die_on_crash_file)
    result = _check(str(folder), "--format", "json", "--jobs", "2")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "crash.txt" in errors[0] and "工作进程" in errors[0]
    document = CheckDocument.model_validate_json(result.stdout)
    assert len(document.reports) == 6  # every other file was still checked


def test_an_exception_while_checking_one_file_is_one_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fa_tui.pipeline.load_report

    def load(path: str | Path):
        if Path(path).name.startswith("0-"):
            raise ZeroDivisionError("boom")
        return real(path)

    monkeypatch.setattr(fa_tui.pipeline, "load_report", load)
    for jobs in ("1", "2"):
        result = _check(str(folder), "--format", "json", "--jobs", jobs)
        assert result.exit_code == 2
        assert result.exception is None or isinstance(result.exception, SystemExit)
        errors = result.stderr.strip().splitlines()
        assert len(errors) == 1 and "内部错误" in errors[0] and "ZeroDivisionError" in errors[0]
        assert len(CheckDocument.model_validate_json(result.stdout).reports) == 5


def test_check_files_keeps_input_order_and_reports_unreadable_files(tmp_path: Path) -> None:
    names = ["2024-lipu", "2022-liujiang", "2023-yanbian"]
    tasks = [Task(sample_path(n), True, "json") for n in names]
    tasks.insert(1, Task(tmp_path / "missing.txt", True, "json"))
    seen: list[Path] = []
    results = check_files(tasks, jobs=2, progress=lambda r: seen.append(r.path))
    assert [r.path for r in results] == [t.path for t in tasks]
    assert sorted(seen) == sorted(t.path for t in tasks)  # progress once per file
    assert results[1].error and "不存在" in results[1].error
    checked = [r for r in results if r.checked]
    assert all(r.fragment and json.loads(r.fragment)["path"] == str(r.path) for r in checked)


def _options(fmt: str = "text", output: Path | None = None) -> CheckOptions:
    return CheckOptions(paths=[], fmt=fmt, output=output)


def test_progress_bar_only_for_text_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "_is_terminal", lambda stream: True)
    assert isinstance(check._progress(_options(), 5), check._ProgressBar)
    assert isinstance(check._progress(_options("json"), 5), check._NoProgress)
    assert isinstance(check._progress(_options("sarif"), 5), check._NoProgress)
    assert isinstance(check._progress(_options(), 1), check._NoProgress)  # one file: no bar
    monkeypatch.setattr(check, "_is_terminal", lambda stream: False)
    assert isinstance(check._progress(_options(), 5), check._NoProgress)  # piped


def test_progress_bar_leaves_the_output_intact(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ticks: list[int] = []
    real_advance = check._ProgressBar.advance

    def advance(self, result) -> None:
        ticks.append(1)
        real_advance(self, result)

    monkeypatch.setattr(check, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(check._ProgressBar, "advance", advance)
    out = tmp_path / "out.txt"
    result = _check(str(folder), "-j", "2", "--output", str(out))
    assert result.exit_code == 1 and len(ticks) == 6
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and text.splitlines()[-1].startswith("共 6 个文件")
