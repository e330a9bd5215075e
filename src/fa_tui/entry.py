"""The ``fa-tui`` console script: ``check`` and ``fa-tui FILE`` start without Typer when they
can, the rest via Typer.

``fa-tui FILE`` is ``fa-tui open FILE``. A bug still ends in one line on stderr and exit 2
(``FA_TUI_DEBUG=1`` shows the traceback); Ctrl-C ends with exit 130; a closed pipe
(``| head``) ends quietly with exit 141.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

COMMANDS = ("open", "check", "rules", "outline", "tables", "export")


def main() -> None:
    """Run the command line in ``sys.argv``."""
    try:
        _dispatch(sys.argv[1:])
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        sys.exit(130)
    except MemoryError:  # a document too big for this host (``check`` words its budget itself)
        sys.stderr.write("错误：内存不足，已停止（文档过大）\n")
        sys.exit(2)
    except BrokenPipeError:  # ``fa-tui check … | head``: the reader has all it wanted
        _silence_stdout()
        sys.exit(141)  # 128 + SIGPIPE, as a command killed by the signal
    except Exception as exc:  # a bug: still one line for the reviewer, details on demand
        if os.environ.get("FA_TUI_DEBUG"):
            raise
        sys.stderr.write(
            f"内部错误：{exc.__class__.__name__}: {exc}（设置 FA_TUI_DEBUG=1 查看详情）\n"
        )
        sys.exit(2)


def _report_alone(argv: list[str]) -> Path | None:
    """The one report of ``open FILE`` given with no option and not a folder (a folder opens
    the list), else ``None``: Typer reads the command line."""
    if len(argv) != 2 or argv[0] != "open" or argv[1].startswith("-") or "\0" in argv[1]:
        return None
    report = Path(argv[1])
    return None if report.is_dir() else report


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _dispatch(argv: list[str]) -> None:
    if argv and argv[0] == "check":
        from fa_tui.commands.check_args import parse_check_args

        options = parse_check_args(argv[1:])
        if options is not None:
            from fa_tui.commands.check import run_check

            run_check(options)
            return
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        argv = ["open", *argv]
    report = _report_alone(argv)
    if report is not None:  # ``fa-tui FILE``: the inspector without Typer (0.1 s sooner)
        from fa_tui.commands.common import apply_limits
        from fa_tui.commands.open import run_open

        apply_limits({})
        try:
            run_open(report)
        except KeyboardInterrupt:  # on the splash: quietly, as through Typer
            raise SystemExit(130) from None
        return
    from fa_tui.cli import app

    app(args=argv, prog_name="fa-tui")
