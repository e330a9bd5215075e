"""Worker processes for a batch, each document within its budget; results in input order.

Each worker checks one document at a time, its address space capped (``budget.limit_memory``)
and its SIGINT ignored (Ctrl+C is the parent's to handle: no traceback from an idle worker).
The parent hands out documents, waits on the workers' pipes until the nearest deadline, and
kills a worker whose document is over time; a worker that ran out of memory, or died, is
replaced by a fresh one and the batch goes on. On leaving the ``Pool`` (the end, Ctrl+C, a
closed pipe) every worker still running is killed and reaped: none outlives the batch.

Results are yielded in input order: a document finished early waits in a reorder buffer, and
no document is handed out more than ``window`` places ahead of the oldest unfinished one, so
the buffer stays small however long one document takes.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from fa_tui.commands.batch import FileResult, Task
from fa_tui.commands.budget import Budget, limit_memory, memory_line, timeout_line

Check = Callable[[Task], FileResult]
Progress = Callable[[FileResult], None]


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn: Connection, budget: Budget, check: Check) -> None:
    """A worker's loop: ``(index, task)`` in, ``(index, result, alive)`` out; EOF ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    limit_memory(budget)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        index, task = item
        alive = True
        try:
            result = check(task)
        except MemoryError:
            result, alive = FileResult(task.path, error=memory_line(task.path, budget)), False
        try:
            conn.send((index, result, alive))
        except MemoryError:
            conn.send((index, FileResult(task.path, error=memory_line(task.path, budget)), False))
            return
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # a result that cannot be pickled: still one line
            error = f"内部错误：检查 {task.path} 时出错：{exc.__class__.__name__}: {exc}"
            conn.send((index, FileResult(task.path, error=error), alive))
        if not alive:
            return


def _crashed(task: Task, exitcode: int | None) -> FileResult:
    return FileResult(
        task.path,
        error=f"内部错误：检查 {task.path} 时工作进程异常退出（可能是内存不足或 fa-tui 的缺陷）"
        + (f"，退出状态 {exitcode}" if exitcode else ""),
    )


class _Worker:
    """One worker process, its pipe, and the document it holds."""

    def __init__(self, context: Any, budget: Budget, check: Check) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, budget, check), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.deadline = float("inf")

    def give(self, index: int, task: Task, seconds: int) -> None:
        self.index = index
        self.deadline = time.monotonic() + seconds if seconds else float("inf")
        self.conn.send((index, task))

    def stop(self) -> None:
        """Kill the process (if running) and reap it."""
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()
        self.conn.close()

    def close(self) -> None:
        """Ask an idle worker to end, briefly; else kill it."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(1.0)
        self.stop()


class Pool:
    """Check ``tasks`` in up to ``jobs`` workers within ``budget``: ``with Pool(…) as p``."""

    def __init__(
        self,
        tasks: Sequence[Task],
        jobs: int,
        budget: Budget,
        check: Check,
        context: Any,
        progress: Progress | None = None,
        window: int | None = None,
    ) -> None:
        self.tasks = tasks
        self.jobs = max(1, min(jobs, len(tasks)))
        self.budget = budget
        self.check = check
        self.context = context
        self.progress = progress
        self.window = window or max(4 * self.jobs, 32)
        self.workers: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        clean = exc[0] is None
        for worker in self.workers:
            if clean and worker.index is None:
                worker.close()
            else:
                worker.stop()
        self.workers = []

    def results(self) -> Iterator[FileResult]:
        """Every task's result, in input order."""
        buffered: dict[int, FileResult] = {}
        following = 0  # the next index to yield
        handed = 0  # the next index to hand out
        total = len(self.tasks)
        while following < total:
            while handed < total and handed < following + self.window:
                idle = self._idle()
                if idle is None:
                    break
                idle.give(handed, self.tasks[handed], self.budget.seconds)
                handed += 1
            for index, result in self._collect():
                buffered[index] = result
                if self.progress is not None:
                    self.progress(result)
            while following in buffered:
                yield buffered.pop(following)
                following += 1

    def _idle(self) -> _Worker | None:
        for worker in list(self.workers):
            if worker.index is None and worker.process.exitcode is not None:
                self._retire(worker)  # died while idle
            elif worker.index is None:
                return worker
        if len(self.workers) < self.jobs:
            self.workers.append(_Worker(self.context, self.budget, self.check))
            return self.workers[-1]
        return None

    def _collect(self) -> Iterator[tuple[int, FileResult]]:
        """Wait for results until the nearest deadline; the results and the timed-out."""
        busy = {w.conn: w for w in self.workers if w.index is not None}
        if not busy:
            return
        nearest = min(w.deadline for w in busy.values())
        timeout = None if nearest == float("inf") else max(nearest - time.monotonic(), 0.0)
        for conn in wait(list(busy), timeout):
            worker = busy[conn]  # type: ignore[index,unused-ignore]  # what ``wait`` was given
            yield self._received(worker)
        now = time.monotonic()
        for worker in busy.values():
            if worker.index is not None and worker.deadline <= now:
                index = worker.index
                self._retire(worker)
                yield (
                    index,
                    FileResult(
                        self.tasks[index].path,
                        error=timeout_line(self.tasks[index].path, self.budget),
                    ),
                )

    def _received(self, worker: _Worker) -> tuple[int, FileResult]:
        index = worker.index
        assert index is not None
        try:
            got, result, alive = worker.conn.recv()
        except (EOFError, OSError):  # the worker died with the document
            worker.process.join()
            exitcode = worker.process.exitcode
            self._retire(worker)
            return index, _crashed(self.tasks[index], exitcode)
        worker.index, worker.deadline = None, float("inf")
        if not alive:  # out of memory: its heap is not to be trusted, a fresh one follows
            self._retire(worker)
        return got, result

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        self.workers.remove(worker)


def fork_context() -> Any:
    """``fork`` where it is safe and cheap (Linux: workers inherit the imported modules)."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
