"""The terminal while the splash is up (``tui/splash.py`` draws it), and its hand-over to Textual.

``SplashTerminal`` enters the alternate screen and stops the terminal echoing (no echo, not
canonical, no flow control, Ctrl+Z and Ctrl+\\ disabled; Ctrl+C still interrupts), so that
keys typed while the splash is up are neither drawn over it nor left for the app. Leaving it
any way but the hand-over (an error, Ctrl+C, an exception) leaves the alternate screen, drops
what was typed and restores the attributes it found.

``hand_over`` drops what was typed and restores those original attributes; it is called by
the driver ``handing_over`` makes, first thing when Textual's driver starts, because the driver
keeps the attributes it finds there to restore them on exit. The alternate screen is left to
Textual, which enters it again (the terminal is already there) and leaves it on exit, so that
the splash stays on screen until Textual's first frame. The splash leaves the hidden cursor on
the bottom row: a terminal that saves the cursor again on that second entry restores it from
there on exit, and the shell's prompt then comes back on the bottom row, never over its
earlier output.
"""

from __future__ import annotations

import contextlib
import os
import termios
from collections.abc import Callable
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from textual.driver import Driver

    DriverType = TypeVar("DriverType", bound=Driver)

# The alternate screen, the cursor hidden, no automatic wrap (a row that a terminal drawing
# ambiguous characters wide makes too long is cut, not wrapped onto the next), a clear screen.
ENTER = "\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J"
LEAVE = "\x1b[?7h\x1b[?25h\x1b[?1049l"
_IFLAG, _LFLAG, _CC = 0, 3, 6


def splash_possible(stdin: IO[str], stdout: IO[str]) -> bool:
    """Whether both ends are a terminal, this process in its foreground (a job started with
    ``&`` leaves the terminal alone)."""
    try:
        if not (stdin.isatty() and stdout.isatty()):
            return False
        return os.tcgetpgrp(stdin.fileno()) == os.getpgrp()
    except (AttributeError, ValueError, OSError):
        return False


def quiet_attributes(original: list[Any], disabled: int) -> list[Any]:
    """``original`` (``termios.tcgetattr``) without echo, canonical input, flow control (Ctrl+S
    would stop the splash's output), the suspend and quit characters (``disabled`` in their
    place); signals stay on (Ctrl+C), without the flush of the output they would make (the
    terminal would drop what the splash wrote but it has not shown yet, the way out of the
    alternate screen included); one byte satisfies a read."""
    attributes = [*original]
    attributes[_IFLAG] &= ~termios.IXON
    attributes[_LFLAG] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.IEXTEN)
    attributes[_LFLAG] |= termios.NOFLSH  # Ctrl+C must not drop what the splash wrote last
    cc = list(original[_CC])
    cc[termios.VSUSP] = cc[termios.VQUIT] = bytes([disabled])
    cc[termios.VMIN], cc[termios.VTIME] = 1, 0
    attributes[_CC] = cc
    return attributes


class SplashTerminal:
    """The terminal of ``stdin`` and ``stdout`` held for the splash (a context manager)."""

    def __init__(self, stdin: IO[str], stdout: IO[str]) -> None:
        self._input = stdin.fileno()
        self._output = stdout.fileno()
        self._encoding = getattr(stdout, "encoding", None) or "utf-8"
        self._original: list[Any] | None = None
        self.handed_over = False

    def __enter__(self) -> SplashTerminal:
        original = termios.tcgetattr(self._input)
        disabled = os.fpathconf(self._input, "PC_VDISABLE")  # 0 on Linux, 255 on the BSDs
        if not 0 <= disabled <= 255:
            disabled = 0
        termios.tcsetattr(self._input, termios.TCSANOW, quiet_attributes(original, disabled))
        self._original = original
        try:
            self.write(ENTER)
        except BaseException:
            self._restore()
            raise
        return self

    def write(self, text: str) -> None:
        """Write ``text`` (escape codes and text already made safe) to the terminal now."""
        data = text.encode(self._encoding, "replace")
        while data:
            data = data[os.write(self._output, data) :]

    def hand_over(self) -> None:
        """Drop what was typed and give back the original attributes: Textual's turn."""
        if self._original is None or self.handed_over:
            return
        termios.tcflush(self._input, termios.TCIFLUSH)
        termios.tcsetattr(self._input, termios.TCSANOW, self._original)
        self.handed_over = True

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self.handed_over:
            self._restore()

    def _restore(self) -> None:
        """Leave the alternate screen, drop what was typed, restore the original attributes
        (all of it attempted whatever fails: the terminal may be gone)."""
        if self._original is None:
            return
        with contextlib.suppress(OSError):
            self.write(LEAVE)
        with contextlib.suppress(termios.error):
            termios.tcflush(self._input, termios.TCIFLUSH)
            termios.tcsetattr(self._input, termios.TCSADRAIN, self._original)
        self._original = None


def handing_over(driver: type[DriverType], hand_over: Callable[[], None]) -> type[DriverType]:
    """``driver`` (a Textual driver class) calling ``hand_over`` as it starts, before it reads
    the terminal's attributes."""

    class HandingOver(driver):  # type: ignore[valid-type, misc]
        def start_application_mode(self) -> None:
            hand_over()
            super().start_application_mode()

    HandingOver.__name__ = HandingOver.__qualname__ = f"HandingOver{driver.__name__}"
    return HandingOver
