"""Run ``python -m fa_tui`` as a reviewer does: on a pseudo-terminal of its own (80×24, its
controlling terminal), reading what it draws as it comes and typing keys into it."""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")
TEXTUAL_STARTED = "\x1b[?1004h"  # focus events: written by Textual's driver as it starts


def visible(raw: str) -> str:
    """What ``raw`` output shows, its escape sequences taken out."""
    return ESCAPE.sub("", raw)


class Session:
    """``python -m fa_tui ARGS`` on a fresh pty; ``close()`` kills it if still running."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)):
        self.master, self.slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.before: list[Any] = termios.tcgetattr(self.slave)
        self.raw = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fa_tui", *args],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=env,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )

    def read(self, seconds: float = 0.05) -> None:
        """Take in what the child wrote within ``seconds``."""
        ready, _, _ = select.select([self.master], [], [], seconds)
        while ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            self.raw += self._decoder.decode(chunk)
            ready, _, _ = select.select([self.master], [], [], 0)

    def wait_for(self, seen: Callable[[str], bool], deadline: float) -> None:
        """Read until ``seen(raw output)``; ``AssertionError`` at the deadline or at exit."""
        while not seen(self.raw):
            assert time.monotonic() < deadline, f"timed out; output so far: {self.raw[-2000:]!r}"
            assert self.proc.poll() is None, f"exited {self.proc.returncode}: {self.raw[-2000:]!r}"
            self.read()

    def type_until_exit(self, key: bytes, deadline: float, every: float = 0.25) -> int:
        """Type ``key`` every ``every`` seconds until the child ends; its exit status."""
        while self.proc.poll() is None:
            assert time.monotonic() < deadline, f"did not exit: {self.raw[-2000:]!r}"
            os.write(self.master, key)
            end = time.monotonic() + every
            while time.monotonic() < end and self.proc.poll() is None:
                self.read(0.02)
        return self.finish(deadline)

    def finish(self, deadline: float) -> int:
        """Read to the end of the child; its exit status."""
        status = self.proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
        self.read(0.1)
        return status

    def attributes(self) -> list[Any]:
        return termios.tcgetattr(self.slave)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        os.close(self.slave)


def child_env(home: Path, pycache: Path) -> dict[str, str]:
    """The environment of a child on a pty: user dirs in ``home``, a 256-colour terminal, the
    size from the pty (no ``COLUMNS``), the bytecode cache in ``pycache`` (shared by the
    children of a test run, so that only the first compiles every module)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FA_TUI_ASCII")}
    env["TERM"] = "xterm-256color"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env
