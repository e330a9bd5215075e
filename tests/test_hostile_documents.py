"""Hostile and oversized PDF and DOCX files: through the real console entry (a subprocess),
each ends within a bounded time and memory with a finding or one line naming what it exceeds.

The files are written by the generators of ``tests/hostile`` into the test's temp dir. The
bounds (30 s, 1 GB) are generous so that the tests never flake on a loaded host; the real
figures are in ``bench/limits.py``'s output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from hostile import docx, pdf

SECONDS = 30.0
PEAK_MB = 1024


class Outcome(NamedTuple):
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: int


def run_entry(*args: str, timeout: float = 2 * SECONDS) -> Outcome:
    """``fa-tui ARGS`` as a child process (``python -m fa_tui``): its exit code, output, wall
    time and peak resident memory (the child's own, from ``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "fa_tui", *args],
            stdout=out,
            stderr=err,
            env={**os.environ, "COLUMNS": "120"},
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Outcome(
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss // 1024,  # KB on Linux
        )


def assert_bounded(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.seconds < SECONDS, outcome
    assert outcome.peak_mb < PEAK_MB, outcome


def assert_refused(outcome: Outcome, *words: str) -> None:
    """Exit 2 with one line on stderr holding every one of ``words``."""
    assert_bounded(outcome)
    lines = outcome.stderr.strip().splitlines()
    assert outcome.code == 2 and len(lines) == 1, outcome
    assert all(word in lines[0] for word in words), lines[0]
    assert "已损坏" not in lines[0]


def assert_findings(outcome: Outcome) -> None:
    assert_bounded(outcome)
    assert outcome.code in (0, 1) and outcome.stdout.strip(), outcome


# name: (generator, words of the one line; none: the file is read and gives findings)
CASES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...] | None]] = {
    "self-referencing-resources": (pdf.self_referencing_resources, None),
    "exponential-forms": (pdf.exponential_forms, ("第 1 页文字超过 200000 字符",)),
    "deep-forms": (pdf.deep_forms, None),
    "exponential-references": (pdf.exponential_references, ("第 1 页", "引用过多")),
    "page-tree-cycle": (pdf.page_tree_cycle, None),
    "deep-page-tree": (pdf.deep_page_tree, ("嵌套过深",)),
    "flate-bomb": (pdf.flate_bomb, ("第 1 页", "64 MB", "--max-page-stream-mb")),
    "huge-media-box": (pdf.huge_media_box, None),
    "junk-before-header": (pdf.junk_before_header, None),
    "dense-600-pages": (pdf.dense_pdf, ("600 页", "超过 500 页", "--max-pages")),
    "dense-huge-page": (pdf.huge_page_pdf, ("第 1 页文字超过 200000 字符", "--max-page-chars")),
    "10000-tiny-objects-a-page": (pdf.tiny_objects_pdf, None),
    "99000-streams": (pdf.many_streams_pdf, None),
    "docx-zip-bomb": (docx.zip_bomb, ("DOCX 解压后超过 200 MB", "--max-docx-mb")),
    "docx-60-mb-of-paragraphs": (docx.many_paragraphs, ("16 MB", "--max-docx-xml-mb")),
    "docx-billion-laughs": (docx.billion_laughs, ("DTD", "实体")),
    "docx-huge-gridspan": (docx.huge_grid_span, None),
    "docx-deep-nesting": (docx.deep_nesting, ("DOCX", "嵌套", "层")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_ends_in_bounds(tmp_path: Path, name: str) -> None:
    make, words = CASES[name]
    path = make(tmp_path)
    outcome = run_entry("check", str(path))
    if words is None:
        assert_findings(outcome)
    else:
        assert_refused(outcome, *words, str(path))


def test_truncated_xref_is_damaged_not_a_hang(tmp_path: Path) -> None:
    outcome = run_entry("check", str(pdf.truncated_xref(tmp_path)))
    assert_bounded(outcome)
    assert outcome.code == 2 and "已损坏" in outcome.stderr


@pytest.mark.parametrize("command", ["outline", "tables"])
@pytest.mark.parametrize("name", ["exponential-references", "dense-huge-page", "docx-zip-bomb"])
def test_outline_and_tables_end_in_bounds(tmp_path: Path, command: str, name: str) -> None:
    make, words = CASES[name]
    assert words is not None
    assert_refused(run_entry(command, str(make(tmp_path))), *words)


def test_a_limit_is_raised_by_its_option(tmp_path: Path) -> None:
    path = pdf.dense_pdf(tmp_path, 3)  # 8,908 characters a page
    refused = run_entry("check", str(path), "--max-page-chars", "100")
    assert_refused(refused, "第 1 页文字超过 100 字符", "--max-page-chars")
    assert_findings(run_entry("tables", str(path), "--max-page-chars", "10000"))
    few = run_entry("outline", str(path), "--max-pages", "2")
    assert_refused(few, "PDF 有 3 页，超过 2 页", "--max-pages")


def test_a_limit_must_be_positive(tmp_path: Path) -> None:
    outcome = run_entry("check", str(pdf.junk_before_header(tmp_path)), "--max-pages", "0")
    assert_refused(outcome, "--max-pages 必须是正数")


def test_a_page_over_its_time_budget_stops(tmp_path: Path) -> None:
    outcome = run_entry("check", str(pdf.dense_pdf(tmp_path, 3)), "--page-seconds", "0")
    assert outcome.code == 2  # 0 is refused as a limit: the budget is at least a second
    huge = str(pdf.huge_page_pdf(tmp_path))
    slow = run_entry("check", huge, "--max-page-chars", "999999", "--page-seconds", "1")
    assert_refused(slow, "第 1 页读取超过 1 秒", "--page-seconds")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_fifo_or_dev_zero_named_as_a_report_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "报告.txt"
    if kind == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer for ever
    else:
        path.symlink_to("/dev/zero")  # reading it would never end
    assert_refused(run_entry("check", str(path)), "不是普通文件", str(path))


def test_a_batch_with_hostile_files_mixed_in_checks_every_sample(tmp_path: Path) -> None:
    """The samples and the hostile documents in one folder: every sample is checked, every
    other file is listed with its reason, and the exit status says not all were checked."""
    from conftest import SAMPLES, sample_path

    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for name in SAMPLES:
        (folder / f"{name}.txt").write_bytes(sample_path(name).read_bytes())
    made_in = tmp_path / "made"
    made_in.mkdir()
    refused = {
        name: generate(made_in)
        for name, (generate, words) in CASES.items()
        if words is not None and name not in ("dense-huge-page", "exponential-forms")  # 2-6 s
    }
    for name, made in list(refused.items()):
        refused[name] = made.rename(folder / f"{name}{made.suffix}")
    outcome = run_entry("check", str(folder), "--format", "json", timeout=4 * SECONDS)
    assert "Traceback" not in outcome.stderr and outcome.code == 2, outcome
    import json

    checked = {Path(r["path"]).stem for r in json.loads(outcome.stdout)["reports"]}
    assert set(SAMPLES) <= checked
    lines = outcome.stderr.strip().splitlines()
    for name in refused:
        assert sum(f"{name}." in line for line in lines) == 1, (name, lines)
