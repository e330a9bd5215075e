"""`fa-tui check`: check reports and print findings; exit 0, 1 or 2.

Machine formats (json, sarif) print only the document on stdout (or into ``--output``);
everything else (unreadable files, statistics, the progress bar) goes to stderr. Many files are
checked in parallel (``--jobs``, default: every CPU), each within its time and memory budget
(``--timeout``, ``--max-memory``); results are written as they come, in input order
(``commands/check_output.py``), and only their counts are kept. Never imports
textual; builds a Rich console only for text output to a terminal, a batch's summary table
and the progress bar.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fa_tui.commands.batch import FileResult, Task, iter_results
from fa_tui.commands.budget import Budget
from fa_tui.commands.check_args import FAIL_ON, FORMATS, CheckOptions
from fa_tui.commands.check_output import (
    JsonOutput,
    Output,
    SarifOutput,
    Tally,
    TextOutput,
    statistics,
)
from fa_tui.commands.common import apply_limits, fail, stderr_line
from fa_tui.render.styled import file_sink, stream_sink

__all__ = ["FAIL_ON", "FORMATS", "CheckOptions", "run_check"]

if TYPE_CHECKING:
    from fa_tui.model import Report
    from fa_tui.rules.registry import Rule

SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def report_files(
    paths: Sequence[Path], errors: list[str] | None = None
) -> Iterator[tuple[Path, bool]]:
    """Each file to check, with whether it was named explicitly (directories: recursive).

    Directories are walked without following symbolic links to directories (no loops); a
    directory that cannot be listed adds a line to ``errors``.
    """
    for path in paths:
        if path.is_dir():
            yield from ((p, False) for p in _walk(path, errors))
        else:
            yield path, True


def _walk(root: Path, errors: list[str] | None) -> list[Path]:
    def on_error(exc: OSError) -> None:
        if errors is not None:
            where = exc.filename or root
            errors.append(f"错误：无法读取目录 {where}：{exc.strerror or exc}")

    found: list[Path] = []
    for folder, _dirs, names in os.walk(root, onerror=on_error, followlinks=False):
        for name in names:
            if name.startswith("~$"):  # Word's lock file next to an open document
                continue
            p = Path(folder, name)
            if p.suffix.lower() in SUFFIXES and (p.is_file() or p.is_symlink()):
                found.append(p)
    return sorted(found)


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_check(options: CheckOptions) -> None:
    """Check every report under ``options.paths``, writing each as it is checked; exit 0, 1
    or 2 (2 also when a document was stopped for its time or memory budget)."""
    from fa_tui.rules.engine import parse_codes, selected_rules, unknown_codes

    if options.fmt not in FORMATS:
        fail(f"错误：不支持的输出格式：{options.fmt}（可选 text、json、sarif）")
    if options.fail_on not in FAIL_ON:
        fail(f"错误：--fail-on 只能是 error、warning 或 info，而不是 {options.fail_on}")
    if options.jobs is not None and options.jobs < 1:
        fail(f"错误：--jobs 必须是正整数，而不是 {options.jobs}")
    apply_limits(options.limits())
    if options.timeout < 0 or options.max_memory < 0:
        fail("错误：--timeout 和 --max-memory 不能是负数（0 表示不限）")
    select, ignore = parse_codes(options.select), parse_codes(options.ignore)
    unknown = unknown_codes([*select, *ignore])
    if unknown:
        fail(f"错误：未知的规则代码：{'、'.join(unknown)}（用 fa-tui rules 查看）")

    previous = _previous_report(options)
    walk_errors: list[str] = []
    width = _text_width(options)
    tasks = [
        Task(path, explicit, options.fmt, select, ignore, width)
        for path, explicit in report_files(options.paths, walk_errors)
    ]
    for line in walk_errors:
        stderr_line(line)
    if not tasks and not walk_errors:
        stderr_line("提示：未找到报告文件（*.txt、*.md、*.pdf、*.docx）")
    budget = Budget(options.timeout, options.max_memory)
    rules = selected_rules(select, ignore)
    tally = Tally()
    unchecked = bool(walk_errors)
    with _opened(options) as handle, _progress(options, len(tasks)) as advance:
        output = _output(options, handle, rules, tally)
        try:
            jobs = options.jobs or default_jobs()
            with closing(iter_results(tasks, jobs, advance, previous, budget)) as results:
                for result in results:
                    if result.error or result.skipped:
                        stderr_line(result.error or result.skipped or "")
                    unchecked = unchecked or result.error is not None
                    if result.checked:
                        tally.add(result)
                        output.add(result)
            output.finish()
        finally:
            if isinstance(output, SarifOutput):
                output.close()
        if options.statistics:
            # Machine formats keep stdout for the document: statistics go to stderr then.
            sink = output.sink if isinstance(output, TextOutput) else stream_sink(sys.stderr)
            statistics(sink, tally, rules)
    if unchecked:
        raise SystemExit(2)
    raise SystemExit(1 if tally.worst >= FAIL_ON[options.fail_on] else 0)


@contextmanager
def _opened(options: CheckOptions) -> Iterator[IO[str] | None]:
    """``--output FILE`` open for writing (UTF-8), or ``None`` for stdout."""
    if options.output is None:
        yield None
        return
    try:
        handle = options.output.open("w", encoding="utf-8")
    except OSError as exc:
        fail(f"错误：无法写入 {options.output}：{exc.strerror or exc}")
    with handle:
        yield handle


def _output(
    options: CheckOptions, handle: IO[str] | None, rules: list[Rule], tally: Tally
) -> Output:
    """The writer of the chosen format, into ``handle`` or stdout (looked up now: behind the
    progress bar, stdout is Rich's proxy that prints above the bar)."""
    out = handle or sys.stdout
    if options.fmt == "json":
        return JsonOutput(out, rules, tally)
    if options.fmt == "sarif":
        return SarifOutput(out, rules, tally)
    sink = file_sink(handle) if handle is not None else stream_sink(sys.stdout)
    return TextOutput(out, rules, tally, sink)


def _previous_report(options: CheckOptions) -> Report | None:
    """Last year's report of ``--previous``, parsed up to its facts (exit 2: more than one
    report to check, or unreadable)."""
    if options.previous is None:
        return None
    if len(options.paths) != 1 or options.paths[0].is_dir():
        fail("错误：--previous 只能与一份报告一起使用（不能用于目录或多个文件）")
    from fa_tui.ingest import InputError
    from fa_tui.pipeline import load_report

    try:
        return load_report(options.previous)
    except InputError as exc:
        fail(f"{exc}（--previous 上年报告）")
    except OSError as exc:
        fail(f"错误：无法读取上年报告 {options.previous}：{exc.strerror or exc}")


def _text_width(options: CheckOptions) -> int | None:
    """The width the text report is laid out in: none into a file, else stdout's (80 on a pipe)."""
    if options.fmt != "text" or options.output is not None:
        return None
    from fa_tui.render.fit import output_width

    return output_width(sys.stdout)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(options: CheckOptions, total: int) -> Any:
    """A progress bar on stderr for text output to a terminal, else nothing."""
    wanted = (
        options.fmt == "text"
        and total > 1
        and _is_terminal(sys.stderr)
        and (options.output is not None or _is_terminal(sys.stdout))
    )
    if not wanted:
        return _NoProgress()
    return _ProgressBar(total, on_stdout=options.output is None)


class _ProgressBar:
    """A transient Rich progress bar counting checked files.

    Into a file, the bar is on stderr; on the terminal it is on stdout, where the report
    streams: Rich then prints what is written to stdout and stderr above the bar.
    """

    def __init__(self, total: int, *, on_stdout: bool = False) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self._progress = Progress(
            "检查",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console() if on_stdout else Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("check", total=total)

    def __enter__(self) -> Any:
        self._progress.start()
        return self.advance

    def advance(self, _result: FileResult) -> None:
        self._progress.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()


def _json_text(checked: list[FileResult]) -> str:
    """The JSON document, joined from the entries the workers encoded."""
    from fa_tui.commands.batch import documents_text

    fragments = [r.fragment for r in checked if r.fragment is not None]
    text = documents_text(fragments)
    if text is not None:
        return text
    # ``dump_documents`` no longer has the layout ``documents_text`` joins into: encode again.
    import json

    from fa_tui.render.json_report import dump_documents

    return dump_documents([json.loads(f) for f in fragments])
