"""Check many report files, on every core: one result per file, in input order.

Each file is read, parsed, checked and *rendered* in a worker process, which sends back only
what the output needs (the findings, the JSON entry or the text blocks): a parsed ``Report``
is large and slow to pickle. A file that cannot be read, or whose checking raises (a bug in
fa-tui), becomes one error line for that file; a worker process that dies takes only the file
it was checking with it (the others are retried), never the whole run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from fa_tui.model import Finding, Report
from fa_tui.pipeline.stages import looks_like_report

if TYPE_CHECKING:
    from concurrent.futures import Future

    from fa_tui.render.styled import Styled


class Task(Struct, frozen=True):
    """One file to check, and how its result is wanted."""

    path: Path
    explicit: bool  # named on the command line (a file found in a directory may be skipped)
    fmt: str = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    width: int | None = None  # text format: the terminal cells to fit (``None``: whole lines)


class FileResult(Struct):
    """What the output needs of one checked file (picklable, small)."""

    path: Path
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)
    fragment: str | None = None  # the JSON entry as text, indented for ``documents_text``
    blocks: list[Styled] = field(default_factory=list)  # one per finding (text format)
    notice: str | None = None  # one line about the whole report (a budget, not 决算)
    error: str | None = None  # one line: unreadable, or checking failed
    skipped: str | None = None  # one line: not a report (found in a directory)

    @property
    def checked(self) -> bool:
        """Whether the file was checked (not unreadable, not skipped)."""
        return self.error is None and self.skipped is None


def check_file(task: Task, previous: Report | None = None) -> FileResult:
    """Read, parse, check and render one file; never raises for a bad file or a bug.

    ``previous``: last year's report, for the FA9xx rules.
    """
    from fa_tui.pipeline import transient

    # The collector stays paused until the report is dropped (see ``pipeline.transient``).
    with transient():
        return _check_file(task, previous)


def _check_file(task: Task, previous: Report | None) -> FileResult:
    from fa_tui.ingest.errors import InputError
    from fa_tui.pipeline import load_report, run_rules

    try:
        report = load_report(task.path)
        if not task.explicit and not looks_like_report(report):
            return FileResult(
                task.path, skipped=f"跳过 {task.path}：不像部门决算报告（未识别出任何部分）"
            )
        findings = run_rules(report, task.select, task.ignore, previous)
        return _rendered(task, report, findings)
    except InputError as exc:
        return FileResult(task.path, error=str(exc))
    except OSError as exc:
        return FileResult(task.path, error=f"错误：无法读取 {task.path}：{exc.strerror or exc}")
    except RecursionError:
        return FileResult(task.path, error=f"错误：检查 {task.path} 时嵌套过深（fa-tui 内部缺陷）")
    except Exception as exc:  # a bug in fa-tui: one line for this file, keep checking the others
        if os.environ.get("FA_TUI_DEBUG"):
            import traceback

            traceback.print_exc()
        return FileResult(
            task.path,
            error=(
                f"内部错误：检查 {task.path} 时出错：{exc.__class__.__name__}: {exc}"
                "（设置 FA_TUI_DEBUG=1 查看详情）"
            ),
        )


def _rendered(task: Task, report: Report, findings: list[Finding]) -> FileResult:
    from fa_tui.render.notices import kind_notice

    result = FileResult(
        task.path, encoding=report.encoding, findings=findings, notice=kind_notice(report)
    )
    if task.fmt == "json":
        from fa_tui.render.json_report import report_document

        result.fragment = entry_text(report_document(report, findings))
    elif task.fmt == "text":
        from fa_tui.render.text_report import finding_block

        result.blocks = [finding_block(report, f, task.width) for f in findings]
    return result


# An entry sits at depth 2 of the document (``{"reports": [entry]}``), indented by 2 per level.
_ENTRY_INDENT = "\n    "


def entry_text(document: dict[str, Any]) -> str:
    """One report entry as it appears inside ``dump_documents``' text (encoded by the worker).

    Encoding every entry in the parent, after the last worker has finished, was a serial tail
    of the batch. JSON strings hold no raw newline, so indenting each line gives the nested
    text exactly.
    """
    from fa_tui.render.json_report import indented_json

    return indented_json(document).replace("\n", _ENTRY_INDENT)


def documents_text(fragments: Sequence[str]) -> str | None:
    """The text of ``dump_documents`` for entries encoded by ``entry_text`` (``None``: the
    document's layout is not the expected one, encode the entries again)."""
    from fa_tui.render.json_report import dump_documents

    empty = dump_documents([])  # the tool header, and "reports": [] as the last key
    tail = '"reports": []\n}\n'
    if not empty.endswith(tail):
        return None
    if not fragments:
        return empty
    joined = ",\n    ".join(fragments)
    return f'{empty[: -len(tail)]}"reports": [\n    {joined}\n  ]\n}}\n'


def _crashed(task: Task) -> FileResult:
    return FileResult(
        task.path,
        error=f"内部错误：检查 {task.path} 时工作进程异常退出（可能是内存不足或 fa-tui 的缺陷）",
    )


def _preload() -> None:
    """Import everything a worker needs before forking, so that workers start warm."""
    import fa_tui.render.json_report
    import fa_tui.render.text_report  # noqa: F401
    from fa_tui.pipeline import preload

    preload()


def _context() -> Any:
    """``fork`` where it is safe and cheap (Linux: workers inherit the imported modules)."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


Progress = Callable[[FileResult], None]


def check_files(
    tasks: Sequence[Task],
    jobs: int = 1,
    progress: Progress | None = None,
    previous: Report | None = None,
) -> list[FileResult]:
    """Check ``tasks`` with up to ``jobs`` processes; results in input order.

    ``previous`` (last year's report, ``check --previous``) is for a single task: it is
    checked in this process.
    """
    if previous is not None:
        if len(tasks) > 1:
            raise ValueError("a previous report goes with one report only")
        jobs = 1
    if jobs <= 1 or len(tasks) <= 1:
        results = []
        for task in tasks:
            results.append(check_file(task, previous))
            if progress is not None:
                progress(results[-1])
        return results
    _preload()
    done: dict[int, FileResult] = {}
    pending = list(range(len(tasks)))
    while pending:
        lost = _run_pool(tasks, pending, min(jobs, len(pending)), done, progress)
        # A worker died and the pool with it: the files in flight are suspects. Check each of
        # them alone in a fresh process (so only the file that kills its worker is reported as
        # such), then the rest in a new pool. Every round settles at least ``jobs + 1`` files.
        suspects, pending = lost[: jobs + 1], lost[jobs + 1 :]
        for k in suspects:
            if _run_pool(tasks, [k], 1, done, progress):
                done[k] = _crashed(tasks[k])
                if progress is not None:
                    progress(done[k])
    return [done[k] for k in range(len(tasks))]


def _run_pool(
    tasks: Sequence[Task],
    indexes: Sequence[int],
    jobs: int,
    done: dict[int, FileResult],
    progress: Progress | None,
) -> list[int]:
    """Run ``indexes`` in a pool, filling ``done``; return the indexes lost to a dead worker."""
    # Imported here: a single file never pays for multiprocessing.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    lost: list[int] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        futures: dict[Future[FileResult], int] = {
            pool.submit(check_file, tasks[k]): k for k in indexes
        }
        for future in as_completed(futures):
            k = futures[future]
            try:
                done[k] = future.result()
            except BrokenProcessPool:
                lost.append(k)
                continue
            except Exception as exc:  # e.g. a result that cannot be pickled: still one line
                done[k] = FileResult(
                    tasks[k].path,
                    error=f"内部错误：检查 {tasks[k].path} 时出错：{exc.__class__.__name__}: {exc}",
                )
            if progress is not None:
                progress(done[k])
    return sorted(lost)
