"""Text output written without Rich is exactly what Rich writes: plain into pipes and files,
Rich's escape codes on a terminal (with NO_COLOR, TERM=dumb, FORCE_COLOR…)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample, sample_path
from rich.console import Console

from fa_tui.pipeline import load_report
from fa_tui.render.styled import (
    DirectSink,
    RichSink,
    file_sink,
    joined,
    plain,
    stream_sink,
    styles_wanted,
)
from fa_tui.render.text_report import print_text_report, statistics_table
from fa_tui.rules.engine import check_report, selected_rules


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


STREAMS = pytest.mark.parametrize(
    "stream_type", [io.StringIO, FakeTerminal], ids=["pipe", "terminal"]
)

ENVIRONMENTS = [
    {},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "0"},  # any non-empty value forces colour (force-color.org)
    {"NO_COLOR": "1"},
    {"TTY_COMPATIBLE": "0"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "auto", "FORCE_COLOR": ""},
]


@STREAMS
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=repr)
def test_styles_are_wanted_exactly_where_rich_sees_a_terminal(
    stream_type: type[io.StringIO], env: dict[str, str]
) -> None:
    stream = stream_type()
    console = Console(file=stream, _environ=env)
    assert styles_wanted(stream, env) is console.is_terminal


def rich_plain_output(results: list, width: int = 80) -> str:
    """What Rich itself writes to a stream that is not a terminal."""
    buffer = io.StringIO()
    console = Console(file=buffer, highlight=False, width=width, _environ={})
    assert not console.is_terminal
    print_text_report(RichSink(console), results)
    return buffer.getvalue()


def plain_output(results: list, width: int = 80) -> str:
    buffer = io.StringIO()

    def console() -> Console:
        return Console(file=buffer, highlight=False, width=width, _environ={})

    print_text_report(DirectSink(buffer, console), results)
    return buffer.getvalue()


def test_plain_output_is_what_rich_writes_to_a_pipe() -> None:
    results = [(r, check_report(r)) for r in (load_sample(name) for name in SAMPLES)]
    assert sum(len(f) for _, f in results) > 50
    expected = rich_plain_output(results)
    assert plain_output(results) == expected
    assert "检查汇总" in expected and "卫生健康支出" in expected  # the table, a source line
    one = results[2:3]
    assert plain_output(one) == rich_plain_output(one)


def test_plain_output_of_hostile_text_is_what_rich_writes(mutate) -> None:
    """Controls, markup, tabs and wide characters in the report and in the file name."""
    path = mutate(
        "2022-liujiang",
        197,
        "210\t卫生健康支出\t627.68",
        "210\t卫生健康支出[bold]x[/]\x1b[31m\u202e\t627.69",
    )
    odd = path.with_name("odd\tname [red]x.txt")
    path.rename(odd)
    report = load_report(odd)
    results = [(report, check_report(report))]
    assert any(f.span and f.span.line == 197 for f in results[0][1])
    output = plain_output(results, width=100)
    assert output == rich_plain_output(results, width=100)
    assert "\x1b" not in output and "\t" not in output
    assert "␛[31m" in output and "[bold]x[/]" in output and "odd name [red]x.txt" in output


TERMINALS = [
    {"TERM": "xterm-256color"},
    {"TERM": "xterm", "COLORTERM": "truecolor"},
    {"TERM": "linux", "NO_COLOR": "1"},
    {"TERM": "dumb"},
    {"TERM": "screen-256color", "FORCE_COLOR": "1"},
    {"TERM": "xterm-256color", "TTY_COMPATIBLE": "0"},
]


@STREAMS
@pytest.mark.parametrize("env", TERMINALS, ids=repr)
def test_output_to_a_stream_is_what_rich_writes_there(
    stream_type: type[io.StringIO], env: dict[str, str]
) -> None:
    env = {**env, "COLUMNS": "100"}
    results = [(r, check_report(r)) for r in (load_sample(n) for n in ("2024-lipu", "2024-liling"))]
    ours, theirs = stream_type(), stream_type()
    print_text_report(stream_sink(ours, environ=env), results)
    print_text_report(RichSink(Console(file=theirs, highlight=False, _environ=env)), results)
    assert ours.getvalue() == theirs.getvalue()
    coloured = "NO_COLOR" not in env and Console(file=theirs, _environ=env).color_system
    assert ("\x1b[1;31m" in ours.getvalue()) is bool(coloured)
    one, sink = stream_type(), stream_sink(stream_type(), environ=env)
    print_text_report(RichSink(Console(file=one, highlight=False, _environ=env)), results[1:])
    print_text_report(sink, results[1:])
    assert isinstance(sink, DirectSink) and sink.stream.getvalue() == one.getvalue()
    assert sink._console is None  # one file: no summary table, Rich never built


def test_a_style_the_sink_does_not_know_goes_through_rich() -> None:
    ours, theirs = FakeTerminal(), FakeTerminal()
    env = {"TERM": "xterm-256color"}
    styled = [("a", "italic magenta"), ("b", "")]
    stream_sink(ours, environ=env).line(styled)
    RichSink(Console(file=theirs, highlight=False, _environ=env)).line(styled)
    assert ours.getvalue() == theirs.getvalue() == "\x1b[3;35ma\x1b[0mb\n"


def test_styled_segments_keep_text_and_styles() -> None:
    lines = [[("a", "bold"), ("b", "")], [("c", "dim")]]
    styled = joined(lines)
    assert plain(styled) == "ab\nc"
    buffer = FakeTerminal()
    RichSink(Console(file=buffer, force_terminal=True, color_system="256", width=40)).line(styled)
    assert buffer.getvalue() == "\x1b[1ma\x1b[0mb\n\x1b[2mc\x1b[0m\n"


def test_statistics_in_a_file_are_plain(tmp_path: Path) -> None:
    report = load_report(sample_path("2024-liling"))
    findings = check_report(report)
    titles = {r.code: r.title for r in selected_rules()}
    target = tmp_path / "stats.txt"
    with target.open("w", encoding="utf-8") as handle:
        file_sink(handle).line(statistics_table(findings, titles))
    written = target.read_text(encoding="utf-8")
    assert "\x1b" not in written
    first = written.splitlines()[0].split()
    assert int(first[0]) == max(
        sum(f.code == code for f in findings) for code in {f.code for f in findings}
    )
