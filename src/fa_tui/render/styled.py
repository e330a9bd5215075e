"""Styled lines without Rich, and the sinks that print them as Rich would.

A ``Styled`` is a list of ``(text, style)`` segments (Rich style names, ``""`` for none), which
may hold ``"\\n"``. The text renderer builds them without importing Rich; they pickle cheaply
from the batch workers. ``DirectSink`` writes them as Rich would (plain text into a pipe or a
file, Rich's escape codes on a terminal) without paying for Rich's import and rendering, which
cost more than checking a report; ``tests/test_styled.py`` holds the two side by side.
``RichSink`` prints through a Rich ``Console``. Report text in a segment must already have been
through ``safe_text.neutralise``.
"""

from __future__ import annotations

import os
import sys
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


# The SGR parameters Rich writes for the words of the text report's styles (attributes in
# Rich's order, then the foreground colour); a style with any other word goes through Rich.
_ATTRIBUTES = {"bold": "1", "dim": "2"}
_COLOURS = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}


def _sgr(style: str, colour: bool) -> str | None:
    """The SGR parameters of ``style`` (``""``: none), ``None`` for a style this module lacks."""
    attributes: list[str] = []
    colours: list[str] = []
    for word in style.split():
        if word in _ATTRIBUTES:
            attributes.append(_ATTRIBUTES[word])
        elif word in _COLOURS:
            colours.append(_COLOURS[word])
        else:
            return None
    codes = sorted(set(attributes), key=int) + (colours[-1:] if colour else [])
    return ";".join(codes)


class DirectSink:
    """Write lines straight to ``stream``, as Rich would but without importing it.

    Plain text, or (``sgr``) with the escape codes Rich writes on a terminal for the styles
    of the text report, without colours when ``colour`` is false (``NO_COLOR``). A renderable,
    or a line with a style this module does not know, goes through a Rich console built on
    demand by ``console``.
    """

    def __init__(
        self,
        stream: IO[str],
        console: Callable[[], Console],
        *,
        sgr: bool = False,
        colour: bool = True,
    ) -> None:
        self.stream = stream
        self.sgr = sgr
        self.colour = colour
        self._make_console = console
        self._console: Console | None = None

    def line(self, styled: Styled | None = None) -> None:
        """Write ``styled`` and a newline."""
        if not styled:
            self.stream.write("\n")
        elif not self.sgr:
            self.stream.write(plain(styled) + "\n")
        else:
            text = self._with_sgr(styled)
            if text is None:
                RichSink(self.console()).line(styled)
            else:
                self.stream.write(text + "\n")

    def _with_sgr(self, styled: Styled) -> str | None:
        out: list[str] = []
        for text, style in styled:
            codes = _sgr(style, self.colour)
            if codes is None:
                return None
            if not codes:
                out.append(text)
                continue
            # Rich styles each line of a segment on its own and leaves empty pieces bare.
            pieces = (f"\x1b[{codes}m{p}\x1b[0m" if p else p for p in text.split("\n"))
            out.append("\n".join(pieces))
        return "".join(out)

    def renderable(self, renderable: RenderableType) -> None:
        """Render ``renderable`` with a Rich console on the same stream."""
        self.console().print(renderable)

    def console(self) -> Console:
        """The Rich console for what this sink does not write itself (built once)."""
        if self._console is None:
            self._console = self._make_console()
        return self._console


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


def stream_sink(stream: IO[str], *, environ: Mapping[str, str] | None = None) -> TextSink:
    """The sink for standard output (or error), writing what Rich would write there.

    Not a terminal, or a dumb one: plain text. A terminal: Rich's escape codes for our styles,
    colours unless ``NO_COLOR``. On Windows Rich itself (its console API).
    """
    env = os.environ if environ is None else environ

    def console() -> Console:
        from rich.console import Console

        return Console(file=stream, highlight=False, _environ=environ)

    if not styles_wanted(stream, env) or env.get("TERM", "").lower() in ("dumb", "unknown"):
        return DirectSink(stream, console)
    if sys.platform == "win32":
        return RichSink(console())
    return DirectSink(stream, console, sgr=True, colour=env.get("NO_COLOR", "") == "")


def file_sink(handle: IO[str]) -> TextSink:
    """The sink for ``--output FILE``: plain text, wide enough that no table row wraps."""

    def console() -> Console:
        from rich.console import Console

        return Console(
            file=handle, no_color=True, highlight=False, width=10_000, force_terminal=False
        )

    return DirectSink(handle, console)
