"""No escape sequence from a report reaches the terminal: `check` (text), `outline` and `tables`
show controls as visible placeholders and Rich markup as literal text, with and without colour.
JSON and SARIF keep the original characters, escaped so that the document itself is safe.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import sample_path
from rich.console import Console
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.pipeline import load_report
from fa_tui.render.outline_tree import print_outline
from fa_tui.render.styled import RichSink
from fa_tui.render.text_report import print_text_report
from fa_tui.rules.engine import check_report
from fa_tui.safe_text import neutralise

# A colour our own styles never use, so that a leak of the report's SGR cannot hide among ours.
SGR = "\x1b[38;5;201m"
PAYLOAD = (
    "[bold red]markup[/] [/b] [link=http://evil.example]x[/link]"  # Rich markup
    f"{SGR}红字\x1b[0m"  # colour
    "\x1b]0;pwned-title\x07"  # window title (OSC 0, BEL)
    "\x1b]52;c;ZXZpbA==\x1b\\"  # clipboard write (OSC 52, ST)
    "\x1b[2J\x1b[H\x1b[5A"  # clear screen, cursor home, cursor up
    "\x9b31m\x9d0;c1\x9c\x85"  # C1: CSI, OSC, ST, NEL
    "\x7f\x08\x0b\x01"  # DEL, backspace, VT, SOH (a NUL makes the file binary)
    "\u202e反转\u202c\u2066隔离\u2069\u200f"  # bidi override, isolate, RLM
)
# Characters that must never reach the terminal raw.
RAW = re.compile(r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OUR_SGR = re.compile(r"\x1b\[[0-9;]*m")
LITERALS = ("[bold red]markup[/]", "[/b]", "[link=http://evil.example]x[/link]")


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """liujiang with the payload in a section heading, a table row name and a narrative line
    that has a finding (FA801 on line 473), and a figure changed so that a finding quotes the
    row name."""
    lines = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")
    assert lines[47].startswith("一、") and lines[196].startswith("210\t卫生健康支出\t627.68")
    # A form feed is a page break (it starts a line, as a newline would): one starts the heading.
    lines[47] = "\x0c" + lines[47] + PAYLOAD
    lines[196] = (
        lines[196].replace("卫生健康支出", "卫生健康支出" + PAYLOAD).replace("443.66", "443.76")
    )
    lines[472] = lines[472].replace("增加（减少）0万元", "增加（减少）" + PAYLOAD + "0万元")
    path = tmp_path_factory.mktemp("evil") / f"evil{PAYLOAD[:6]}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def assert_terminal_safe(output: str, *, coloured: bool, whole: bool = True) -> None:
    """No raw control, no OSC, no foreign SGR; markup literal; placeholders visible.

    ``whole``: the output shows the whole payload (not cut to a label or a column width).
    """
    assert SGR not in output and "\x1b]" not in output and "\x07" not in output
    stripped = OUR_SGR.sub("", output)
    assert "\x1b" not in stripped, repr(stripped[stripped.index("\x1b") - 40 :][:120])
    found = RAW.search(stripped)
    assert found is None, repr(stripped[max(found.start() - 40, 0) : found.end() + 40])
    assert ("\x1b[" in output) is coloured  # the colour path was (or was not) taken
    assert "␛[38;5;201m" in stripped
    for literal in LITERALS:
        assert literal in stripped
    if whole:
        assert "␛]52;c;ZXZpbA==" in stripped and "␛[2J" in stripped
        assert "<U+202E>" in stripped and "<U+009B>" in stripped and "␡" in stripped


COMMANDS = [
    ("check", "--select", "FA801,FA2"),
    ("outline",),
    ("tables", "--table", "03"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("coloured", [False, True], ids=["plain", "force-color"])
def test_cli_text_outputs_are_terminal_safe(
    evil: Path, command: tuple[str, ...], coloured: bool
) -> None:
    # plain: a pipe, no COLUMNS (``tables`` keeps names whole there; 80 columns would cut them)
    env = {"FORCE_COLOR": "1", "COLUMNS": "200"} if coloured else {"NO_COLOR": "1", "COLUMNS": None}
    name, *options = command
    result = CliRunner().invoke(app, [name, str(evil), *options], env=env)
    assert result.exit_code in (0, 1), result.stderr
    assert_terminal_safe(result.stdout, coloured=coloured, whole=name == "check")
    assert not RAW.search(OUR_SGR.sub("", result.stderr))


def test_renderers_on_a_forced_terminal_console(evil: Path) -> None:
    report = load_report(evil)
    findings = check_report(report, select=("FA801", "FA2"))
    assert findings
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="256", width=160)
    print_text_report(RichSink(console), [(report, findings)])
    assert_terminal_safe(buffer.getvalue(), coloured=True)
    buffer = io.StringIO()
    print_outline(report, Console(file=buffer, force_terminal=True, width=160))
    assert_terminal_safe(buffer.getvalue(), coloured=True, whole=False)


def test_paths_in_error_lines_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "no\x1b]0;title\x07such.txt"
    for command in ("check", "outline", "tables"):
        result = CliRunner().invoke(app, [command, str(path)])
        assert result.exit_code == 2
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "␛]0;title␇" in result.stderr


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_keep_the_original_text_escaped(evil: Path, fmt: str) -> None:
    result = CliRunner().invoke(app, ["check", str(evil), "--format", fmt, "--select", "FA2"])
    assert result.exit_code == 1
    raw = result.stdout
    assert not RAW.search(raw) and "\x1b" not in raw  # every control escaped as \\uXXXX
    strings = _strings(json.loads(raw))
    # the messages quote the row name: its controls come back as the original characters
    quoted = [s for s in strings if "卫生健康支出" in s and SGR in s]
    assert quoted, "the row name's controls were not kept"
    for original in ("\x1b]52;c;ZXZpbA==", "\x9b31m", "\u202e反转", "\x7f", "[/b]"):
        assert any(original in s for s in quoted), original
    assert any(s.endswith(evil.name) for s in strings)  # the path, controls and all


def test_outline_json_keeps_the_original_text_escaped(evil: Path) -> None:
    result = CliRunner().invoke(app, ["outline", str(evil), "--format", "json"])
    assert result.exit_code == 0
    assert not RAW.search(result.stdout) and "\x1b" not in result.stdout
    assert any(PAYLOAD in s for s in _strings(json.loads(result.stdout)))


def test_tables_json_keeps_the_original_text_escaped(evil: Path) -> None:
    result = CliRunner().invoke(app, ["tables", str(evil), "--format", "json"])
    assert result.exit_code == 0
    assert any(PAYLOAD in s for s in _strings(json.loads(result.stdout)))
    assert not RAW.search(result.stdout) and "\x1b" not in result.stdout


def test_neutralise_leaves_no_raw_control() -> None:
    every = "".join(chr(c) for c in range(0x00, 0xA0)) + PAYLOAD
    shown = neutralise(every, tabs=" ")
    assert not RAW.search(shown) and "\x1b" not in shown and "\n" not in shown


def test_tables_csv_shows_controls_as_placeholders(evil: Path) -> None:
    result = CliRunner().invoke(app, ["tables", str(evil), "--table", "03", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and not RAW.search(result.stdout)
    assert "卫生健康支出[bold red]markup[/]" in result.stdout and "␛[38;5;201m" in result.stdout
