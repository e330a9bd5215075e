"""``q`` quits at once while the analysis still runs (its thread is not waited for)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from conftest import sample_path

from fa_tui.ingest import read_report
from fa_tui.model import SourceText
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.worker import Checker, Stage

SLOW = 30.0  # seconds the fake analysis takes: far more than any bound below


def slow_analyser(source: SourceText, checker: Checker | None = None) -> Iterator[Stage]:
    """Stands in for the pipeline on a huge report: a rule that runs for ``SLOW`` seconds."""
    time.sleep(SLOW)
    yield from ()


@pytest.mark.asyncio
async def test_q_quits_within_a_second_while_the_analysis_runs() -> None:
    app = InspectorApp(read_report(sample_path("2024-lipu")), analyser=slow_analyser)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        assert app.stage == "loading"  # still analysing
        start = time.perf_counter()
        await pilot.press("q")
    assert time.perf_counter() - start < 1.0


_SCRIPT = """
import asyncio, sys, time
sys.path.insert(0, {tests!r})
from test_tui_quit import slow_analyser
from fa_tui.ingest import read_report
from fa_tui.tui.app import InspectorApp

async def main() -> None:
    app = InspectorApp(read_report({path!r}), analyser=slow_analyser)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        print("QUIT", flush=True)
        await pilot.press("q")

asyncio.run(main())
"""


def test_the_process_ends_at_once_after_q() -> None:
    """At interpreter exit no thread of the analysis is joined (Textual's would be)."""
    tests = str(sample_path("2024-lipu").parent.parent / "tests")
    code = _SCRIPT.format(tests=tests, path=str(sample_path("2024-lipu")))
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "QUIT"
    start = time.monotonic()
    _, stderr = process.communicate(timeout=SLOW / 2)
    assert time.monotonic() - start < 2.0, stderr  # generous: the loop's teardown included
    assert process.returncode == 0 and "Traceback" not in stderr
