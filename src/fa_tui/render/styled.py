"""Styled lines without Rich, and the two places they are printed: a terminal or a plain stream.

A ``Styled`` is a list of ``(text, style)`` segments (Rich style names, ``""`` for none), which
may hold ``"\\n"``. The text renderer builds them without importing Rich; they pickle cheaply
from the batch workers. On a terminal ``RichSink`` prints them through a Rich ``Console``
(colour, bold); anywhere else ``PlainSink`` writes their text directly, which is what Rich
would write there, without paying for Rich's import and rendering. Report text in a segment
must already have been through ``safe_text.neutralise``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

Segment = tuple[str, str]
Styled = list[Segment]


def plain(styled: Styled) -> str:
    """The text of ``styled`` without its styles."""
    return "".join(text for text, _style in styled)


def to_rich(styled: Styled) -> Text:
    """``styled`` as a Rich ``Text`` (never parsed as markup)."""
    from rich.text import Text

    return Text.assemble(*styled)


def joined(lines: list[Styled]) -> Styled:
    """``lines`` as one ``Styled``, separated by newlines."""
    out: Styled = []
    for k, line in enumerate(lines):
        if k:
            out.append(("\n", ""))
        out.extend(line)
    return out


class TextSink(Protocol):
    """Where the text output goes."""

    def line(self, styled: Styled | None = None) -> None:
        """Print ``styled`` as it is (no wrapping) and end the line; ``None``: an empty line."""

    def renderable(self, renderable: RenderableType) -> None:
        """Print a Rich renderable (the batch summary table)."""


class RichSink:
    """Print through a Rich ``Console``: styles where the console has a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def line(self, styled: Styled | None = None) -> None:
        """Print ``styled`` without wrapping, or an empty line."""
        if styled is None:
            self.console.print()
        else:
            self.console.print(to_rich(styled), soft_wrap=True)

    def renderable(self, renderable: RenderableType) -> None:
        """Print ``renderable`` with the console's width."""
        self.console.print(renderable)


class PlainSink:
    """Write the text of each line to ``stream``; Rich only for a renderable, built on demand."""

    def __init__(self, stream: IO[str], console: Callable[[], Console]) -> None:
        self.stream = stream
        self._make_console = console
        self._console: Console | None = None

    def line(self, styled: Styled | None = None) -> None:
        """Write the text of ``styled`` and a newline."""
        self.stream.write(("" if styled is None else plain(styled)) + "\n")

    def renderable(self, renderable: RenderableType) -> None:
        """Render ``renderable`` with a console that writes plain text to the same stream."""
        if self._console is None:
            self._console = self._make_console()
        self._console.print(renderable)


def styles_wanted(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether Rich would treat ``stream`` as a terminal (``Console.is_terminal``).

    ``TTY_COMPATIBLE=0``/``1`` decides; else ``FORCE_COLOR`` set and not empty; else
    ``isatty()``. ``tests/test_styled.py`` holds this against Rich's own answer.
    """
    env = os.environ if environ is None else environ
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def stream_sink(stream: IO[str], *, stderr: bool = False) -> TextSink:
    """The sink for standard output (or standard error): Rich on a terminal, plain otherwise."""

    def console() -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False) if stderr else Console(highlight=False)

    if styles_wanted(stream):
        return RichSink(console())
    return PlainSink(stream, console)


def file_sink(handle: IO[str]) -> TextSink:
    """The sink for ``--output FILE``: plain text, wide enough that no table row wraps."""

    def console() -> Console:
        from rich.console import Console

        return Console(
            file=handle, no_color=True, highlight=False, width=10_000, force_terminal=False
        )

    return PlainSink(handle, console)
