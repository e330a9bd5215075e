"""The Typer-free start of `fa-tui check`: same options as Typer, or Typer decides."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES_DIR, sample_path
from typer.testing import CliRunner

import fa_tui.commands.check as check_module
from fa_tui.cli import app
from fa_tui.commands.check import CheckOptions
from fa_tui.commands.check_args import CHECK_OPTIONS, _parser, parse_check_args

READ = [
    ["a.txt"],
    ["a.txt", "dir/b.txt", "c d.txt"],
    ["--format", "json", "a.txt"],
    ["a.txt", "--format=sarif"],
    ["--format", "xml", "a.txt"],  # read as given; run_check refuses it
    ["-o", "out.txt", "a.txt"],
    ["-oout.txt", "a.txt"],
    ["--output=报告.json", "a.txt", "--format", "json"],
    ["--select", "FA2,FA301", "--ignore", "FA205", "a.txt"],
    ["--select=FA1", "--select", "FA2", "a.txt"],  # the last one wins
    ["--fail-on", "warning", "a.txt"],
    ["--statistics", "a.txt"],
    ["--jobs", "3", "a.txt"],
    ["-j4", "a.txt"],
    ["-j", "0", "a.txt"],  # read as given; run_check refuses it
    ["a.txt", "--", "-odd.txt", "--format"],
    ["-", "a.txt"],
    ["部门决算/2023年.txt", "--statistics", "-j", "2", "--format", "text"],
    ["2024.txt", "--previous", "2023.txt"],
    ["--previous=上年/2023年.pdf", "2024.pdf", "--format", "json"],
]

UNSURE = [
    [],
    ["--help"],
    ["a.txt", "-h"],
    ["--format"],
    ["--format", "json"],  # no path
    ["--form", "json", "a.txt"],  # an abbreviation Typer does not accept
    ["--unknown", "a.txt"],
    ["-x", "a.txt"],
    ["--statistics=yes", "a.txt"],
    ["--jobs", "x", "a.txt"],
    ["--jobs", "-1", "a.txt"],
    ["--jobs", "4.0", "a.txt"],
    ["--jobs", "٣", "a.txt"],  # int() would read an Arabic-Indic digit
    ["--jobs", "--format", "a.txt"],
    [""],
    ["a\0b.txt"],
    ["--output", "", "a.txt"],
    ["--previous", "", "a.txt"],
]


def typer_options(args: list[str], monkeypatch: pytest.MonkeyPatch) -> CheckOptions | None:
    """The options Typer hands to ``run_check`` for ``fa-tui check ARGS`` (None: it did not)."""
    seen: list[CheckOptions] = []
    monkeypatch.setattr(check_module, "run_check", seen.append)
    CliRunner().invoke(app, ["check", *args])
    return seen[0] if seen else None


@pytest.mark.parametrize("args", READ, ids=" ".join)
def test_read_exactly_as_typer_reads_it(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_check_args(args)
    assert fast is not None
    assert fast == typer_options(args, monkeypatch)


@pytest.mark.parametrize("args", UNSURE, ids=repr)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert parse_check_args(args) is None


def test_both_readers_are_built_from_the_one_declaration() -> None:
    """Typer's command and the argparse reader have exactly the declared options, in order."""
    import typer.main

    names = [spec.name for spec in CHECK_OPTIONS]
    assert names == list(CheckOptions.__struct_fields__)
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]  # a group
    typer_params = [(p.name, p.opts, p.default, p.help) for p in command.params]
    expected = [(s.name, list(s.flags) or [s.name], s.default, s.help_text) for s in CHECK_OPTIONS]
    expected[0] = (*expected[0][:2], None, expected[0][3])  # a required argument has no default
    assert typer_params == expected
    read = [(a.dest, a.option_strings) for a in _parser()._actions]
    assert read == [(s.name, list(s.flags)) for s in CHECK_OPTIONS]


HEAVY = ("typer", "pydantic", "textual", "rich.console")


def run_entry(
    *args: str,
    cwd: Path | None = None,
    watch: tuple[str, ...] = HEAVY,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``fa-tui ARGS`` through the console-script entry, reporting which of ``watch`` it loaded."""
    code = (
        "import sys\n"
        "from fa_tui.entry import main\n"
        "sys.argv = ['fa-tui', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        f"    loaded = sorted(m for m in {watch!r} if m in sys.modules)\n"
        "    sys.stderr.write('\\nLOADED ' + ','.join(loaded) + '\\n')\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "120", **(env or {})},
        timeout=120,
    )


def loaded(result: subprocess.CompletedProcess[str]) -> str:
    """The heavy packages the run imported, as the entry script reported them."""
    last = result.stderr.rstrip("\n").rpartition("\n")[2]
    assert last.startswith("LOADED "), result.stderr[-2000:]
    return last.removeprefix("LOADED ")


def test_check_starts_without_typer_or_pydantic() -> None:
    result = run_entry("check", str(sample_path("2022-liujiang")), "--format", "json")
    assert result.returncode == 1, result.stderr  # FA801 errors on liujiang
    assert '"department": "柳州市柳江区医疗保障局"' in result.stdout
    assert loaded(result) == ""


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_check_into_a_pipe_starts_without_dataclasses(fmt: str) -> None:
    """The model is msgspec Structs: a check imports no ``dataclasses`` (Rich's console would,
    on a terminal).

    ``inspect`` is not asserted: msgspec imports ``typing_extensions``, which imports it.
    """
    path = str(sample_path("2022-liujiang"))
    result = run_entry("check", path, "--format", fmt, watch=("dataclasses",))
    assert result.returncode == 1, result.stderr  # FA801 errors on liujiang
    assert loaded(result) == ""


def test_text_check_of_a_directory_without_typer() -> None:
    result = run_entry("check", str(SAMPLES_DIR), "-j", "1")
    assert result.returncode == 1  # lipu has no tables
    assert "2024-lipu.txt" in result.stdout and "FA101" in result.stdout
    assert loaded(result) == "rich.console"  # for the summary table only


def test_text_check_into_a_pipe_writes_without_a_rich_console() -> None:
    result = run_entry("check", str(sample_path("2022-liujiang")), "--statistics")
    assert result.returncode == 1  # FA801: template alternatives left on lines 473 and 479
    assert "2022-liujiang.txt:473:28: FA801" in result.stdout and "  [错误]" in result.stdout
    assert "\x1b" not in result.stdout
    assert loaded(result) == ""


def test_text_check_in_colour_writes_without_a_rich_console() -> None:
    """FORCE_COLOR makes stdout a terminal for Rich: the escape codes are written directly."""
    path = str(sample_path("2022-liujiang"))
    result = run_entry("check", path, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.returncode == 1  # FA801 errors on liujiang
    assert "\x1b[1;33m[警告]\x1b[0m" in result.stdout
    assert loaded(result) == ""


def test_a_mistake_is_worded_by_typer() -> None:
    result = run_entry("check", "--jobs", "many", str(sample_path("2022-liujiang")))
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr
    assert "typer" in loaded(result).split(",")  # recent Typers load pydantic too


def test_bad_values_fail_the_same_either_way() -> None:
    path = str(sample_path("2022-liujiang"))
    for args in (["--format", "xml"], ["--fail-on", "never"], ["-j", "0"], ["--select", "FA999"]):
        fast = run_entry("check", path, *args)
        slow = CliRunner().invoke(app, ["check", path, *args])
        assert fast.returncode == slow.exit_code == 2
        assert fast.stderr.partition("\nLOADED")[0].strip() == slow.stderr.strip()
        assert loaded(fast) == ""
