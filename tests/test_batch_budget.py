"""A batch within budgets: a document over its time or memory is stopped and listed, the
others are checked; Ctrl+C, a closed pipe and non-UTF-8 names end cleanly (the real entry)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES_DIR, sample_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.commands import batch
from fa_tui.commands.batch import Task, check_files
from fa_tui.commands.budget import Budget

FIXTURES = Path(__file__).parent / "fixtures"
SLOW_PDF = FIXTURES / "2022-liujiang.pdf"  # some 60 MB more memory to read
GBK = os.fsdecode(b"\xc1\xf8\xbd\xad.txt")  # 六江.txt in GBK, as a Windows zip names it
ENTRY = "import sys\nfrom fa_tui.entry import main\nsys.argv = ['fa-tui', *sys.argv[1:]]\nmain()\n"


def entry(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """``fa-tui ARGS`` through the console entry, output as bytes."""
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "120"},
    )


def _hang_on_name(task: Task) -> batch.FileResult:
    """Stands in for ``check_file`` in forked workers: ``hang.txt`` never ends."""
    if task.path.name == "hang.txt":
        time.sleep(600)
    return _REAL_CHECK_FILE(task)


_REAL_CHECK_FILE = batch.check_file


def test_a_hanging_document_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["2024-lipu", "hang", "2022-liujiang", "2023-yanbian", "2024-liling"]
    paths = []
    for name in names:
        paths.append(tmp_path / f"{name}.txt")
        shutil.copy(sample_path("2024-lipu"), paths[-1])
    monkeypatch.setattr(batch, "check_file", _hang_on_name)
    start = time.monotonic()
    results = check_files([Task(p, True, "json") for p in paths], jobs=2, budget=Budget(1))
    assert time.monotonic() - start < 30  # not 600
    assert [r.path for r in results] == paths  # input order
    assert results[1].error == f"已停止：{paths[1]} 检查超过 1 秒（可用 --timeout 放宽）"
    assert all(r.checked for k, r in enumerate(results) if k != 1)


def test_over_time_through_the_entry_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from hostile import pdf

    slow = pdf.dense_pdf(tmp_path, 40)  # 40 dense pages: checked in about 3 s
    result = entry("check", str(slow), str(sample_path("2024-lipu")), "--timeout", "1")
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    assert stderr.strip().splitlines() == [f"已停止：{slow} 检查超过 1 秒（可用 --timeout 放宽）"]
    assert "2024-lipu.txt: " in result.stdout.decode()  # the other one was checked


@pytest.mark.parametrize("others", [(), (str(sample_path("2024-lipu")),)], ids=["one", "batch"])
def test_over_memory_is_one_line_and_exit_2(others: tuple[str, ...]) -> None:
    result = entry("check", str(SLOW_PDF), *others, "--max-memory", "20", "--format", "json")
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    line = f"已停止：{SLOW_PDF} 检查内存超过 20 MB（可用 --max-memory 放宽）"
    assert stderr.strip().splitlines() == [line]
    reports = json.loads(result.stdout)["reports"]
    assert [Path(r["path"]).name for r in reports] == [Path(p).name for p in others]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ps --ppid, fork workers")
def test_ctrl_c_stops_a_batch_at_once_and_leaves_no_worker() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "check", str(FIXTURES), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _children(process.pid)
    assert len(workers) == 2
    time.sleep(0.3)  # the workers are checking
    start = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert time.monotonic() - start < 5  # measured: 0.03 to 0.05 s
    assert process.returncode == 130
    assert stderr.strip() == "已中断", stderr
    time.sleep(0.2)
    assert not [p for p in workers if Path(f"/proc/{p}").exists()]


@pytest.mark.parametrize("args", [["-j", "2"], ["--format", "json", "-j", "2"], []])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    target = str(SAMPLES_DIR) if args else str(sample_path("2022-liujiang"))
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "check", target, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()  # what ``head -1`` reads
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 1, 141)  # 141: stopped at the closed pipe
    assert "内部错误" not in stderr and "Traceback" not in stderr
    assert set(stderr.strip().splitlines()) <= {
        f"跳过 {SAMPLES_DIR / 'README.md'}：不像部门决算报告（未识别出任何部分）"
    }


@pytest.fixture
def gbk_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "g"
    folder.mkdir()
    shutil.copy(sample_path("2024-lipu"), folder / GBK)
    shutil.copy(sample_path("2022-liujiang"), folder / "b.txt")
    return folder


@pytest.mark.parametrize("into", ["stdout", "file"])
def test_non_utf8_names_in_every_format(gbk_folder: Path, tmp_path: Path, into: str) -> None:
    shown = f"{gbk_folder}/\\xc1\\xf8\\xbd\\xad.txt"
    for fmt in ("text", "json", "sarif"):
        out = tmp_path / f"out.{fmt}"
        extra = ["-o", str(out)] if into == "file" else []
        result = entry("check", str(gbk_folder), "--format", fmt, *extra)
        assert result.returncode == 1, result.stderr.decode()
        data = out.read_bytes() if into == "file" else result.stdout
        text = data.decode("utf-8")  # valid UTF-8 in every format
        if fmt == "text":
            assert f"{shown}: 7 错误" in text
        elif fmt == "json":
            assert [r["path"] for r in json.loads(text)["reports"]][1] == shown
        else:
            uris = [a["location"]["uri"] for a in json.loads(text)["runs"][0]["artifacts"]]
            assert uris[1] == f"{gbk_folder.as_posix()}/%C1%F8%BD%AD.txt"


def test_a_non_utf8_name_that_cannot_be_read_is_one_visible_line(tmp_path: Path) -> None:
    result = entry("check", str(tmp_path / GBK))
    assert result.returncode == 2
    line = result.stderr.decode("utf-8").strip()
    assert "\\xc1\\xf8\\xbd\\xad.txt" in line and len(line.splitlines()) == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=4096))
def test_check_on_any_bytes_never_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    for fmt in ("text", "json"):
        result = CliRunner().invoke(app, ["check", str(path), "--format", fmt])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in (0, 1, 2) and "Traceback" not in result.stderr
        if result.exit_code == 2:
            assert len(result.stderr.strip().splitlines()) == 1


def test_a_page_timer_inside_the_document_budget_leaves_the_budget_running() -> None:
    """The page's alarm (ingest) nested in the document's (a single-file check): the page's
    rings first when it is due first, and the document's still rings after a page is read."""
    from fa_tui.commands.budget import OverTime, _timer
    from fa_tui.ingest.limits import Clock, LimitExceeded, alarm

    with pytest.raises(LimitExceeded), _timer(5), alarm(Clock(0.2, "第 1 页读取超过", "x")):
        time.sleep(3)
    with pytest.raises(OverTime), _timer(1):
        with alarm(Clock(20, "第 1 页读取超过 20 秒", "page_seconds")):
            pass  # a page read in time
        time.sleep(3)  # the rest of the document: over its budget
