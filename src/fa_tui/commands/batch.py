"""Check many report files, on every core: one result per file, in input order.

Each file is read, parsed, checked and *rendered* in a worker process, which sends back only
what the output needs (the findings, the JSON entry or the text blocks): a parsed ``Report``
is large and slow to pickle. A file that cannot be read, or whose checking raises (a bug in
fa-tui), becomes one error line for that file; a worker process that dies takes only the file
it was checking with it, never the whole run. Each document has a time and memory budget
(``commands/budget.py``); the workers, their deadlines and Ctrl+C are ``commands/pool.py``'s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from fa_tui.commands.budget import Budget, is_out_of_memory
from fa_tui.model import Finding, Report
from fa_tui.pipeline.stages import looks_like_report

if TYPE_CHECKING:
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
    except MemoryError:  # the budget's (``budget.memory_line``): the caller words it
        raise
    except ImportError as exc:  # a library that no longer fits in the address space
        if is_out_of_memory(exc):
            raise MemoryError from exc
        raise
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


def _preload() -> None:
    """Import everything a worker needs before forking, so that workers start warm."""
    import fa_tui.render.json_report
    import fa_tui.render.text_report  # noqa: F401
    from fa_tui.pipeline import preload

    preload()


Progress = Callable[[FileResult], None]


def _check_in_worker(task: Task) -> FileResult:
    """``check_file`` as a worker calls it (looked up at each call: tests replace it)."""
    return check_file(task)


def check_here(task: Task, previous: Report | None, budget: Budget) -> FileResult:
    """Check one document in this process within ``budget`` (see ``commands/budget.py``)."""
    from fa_tui.commands.budget import OverTime, memory_line, timeout_line, within

    try:
        with within(budget):
            return check_file(task, previous)
    except OverTime:
        return FileResult(task.path, error=timeout_line(task.path, budget))
    except MemoryError:
        return FileResult(task.path, error=memory_line(task.path, budget))


def iter_results(
    tasks: Sequence[Task],
    jobs: int = 1,
    progress: Progress | None = None,
    previous: Report | None = None,
    budget: Budget | None = None,
) -> Generator[FileResult, None, None]:
    """Check ``tasks``, each within ``budget``; results in input order, as they are ready.

    One task is checked in this process; several in up to ``jobs`` worker processes (one
    worker at least: a document over its budget is stopped without stopping the batch).
    ``previous`` (last year's report, ``check --previous``) is for a single task.
    """
    budget = budget or Budget()
    if previous is not None and len(tasks) > 1:
        raise ValueError("a previous report goes with one report only")
    if len(tasks) == 1:
        result = check_here(tasks[0], previous, budget)
        if progress is not None:
            progress(result)
        yield result
        return
    if not tasks:
        return
    from fa_tui.commands.pool import Pool, fork_context

    _preload()
    with Pool(tasks, jobs, budget, _check_in_worker, fork_context(), progress) as pool:
        yield from pool.results()


def check_files(
    tasks: Sequence[Task],
    jobs: int = 1,
    progress: Progress | None = None,
    previous: Report | None = None,
    budget: Budget | None = None,
) -> list[FileResult]:
    """Every result of ``iter_results`` in a list (tests; ``check`` streams them)."""
    return list(iter_results(tasks, jobs, progress, previous, budget))
