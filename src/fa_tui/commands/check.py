"""`fa-tui check`: check reports and print findings; exit 0, 1 or 2.

Machine formats (json, sarif) print only the document on stdout (or into ``--output``);
everything else (unreadable files, statistics) goes to stderr. Never imports textual.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console

from fa_tui.commands.common import fail
from fa_tui.model import Finding, Report, Severity, TableStatus
from fa_tui.rules.registry import Rule

FORMATS = ("text", "json", "sarif")
SUFFIXES = (".txt", ".md")
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class CheckOptions:
    """The options of ``fa-tui check`` as given on the command line."""

    paths: list[Path]
    fmt: str = "text"
    output: Path | None = None
    select: str | None = None
    ignore: str | None = None
    fail_on: str = "error"
    statistics: bool = False


def report_files(paths: Sequence[Path]) -> Iterator[tuple[Path, bool]]:
    """Each file to check, with whether it was named explicitly (directories: recursive)."""
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            for p in found:
                yield p, False
        else:
            yield path, True


def looks_like_report(report: Report) -> bool:
    """Whether a file found in a directory is a 决算 report at all (a README is not)."""
    return any(p.present for p in report.parts) or any(
        t.status is not TableStatus.MISSING for t in report.tables
    )


def _stderr(message: str) -> None:
    sys.stderr.write(message.replace("\n", " ") + "\n")


def run_check(options: CheckOptions) -> None:
    """Check every report under ``options.paths``; exit 0, 1 or 2."""
    from fa_tui.ingest import InputError
    from fa_tui.pipeline import load_report
    from fa_tui.rules.engine import check_report, parse_codes, selected_rules, unknown_codes

    if options.fmt not in FORMATS:
        fail(f"错误：不支持的输出格式：{options.fmt}（可选 text、json、sarif）")
    if options.fail_on not in FAIL_ON:
        fail(f"错误：--fail-on 只能是 error、warning 或 info，而不是 {options.fail_on}")
    select, ignore = parse_codes(options.select), parse_codes(options.ignore)
    unknown = unknown_codes([*select, *ignore])
    if unknown:
        fail(f"错误：未知的规则代码：{'、'.join(unknown)}（用 fa-tui rules 查看）")

    results: list[tuple[Report, list[Finding]]] = []
    unreadable = False
    for path, explicit in report_files(options.paths):
        try:
            report = load_report(path)
        except InputError as exc:
            _stderr(str(exc))
            unreadable = True
            continue
        except OSError as exc:
            _stderr(f"错误：无法读取 {path}：{exc.strerror or exc}")
            unreadable = True
            continue
        if not explicit and not looks_like_report(report):
            _stderr(f"跳过 {path}：不像部门决算报告（未识别出任何部分）")
            continue
        results.append((report, check_report(report, select=select, ignore=ignore)))

    _emit(options, results, selected_rules(select, ignore))

    if unreadable:
        raise typer.Exit(2)
    threshold = FAIL_ON[options.fail_on].rank
    failing = any(f.severity.rank >= threshold for _, fs in results for f in fs)
    raise typer.Exit(1 if failing else 0)


def _emit(
    options: CheckOptions, results: list[tuple[Report, list[Finding]]], rules: list[Rule]
) -> None:
    """Write the chosen format to stdout or ``--output`` (statistics: after text, else stderr)."""
    from fa_tui.render.text_report import print_text_report, statistics_table

    handle = None
    try:
        if options.output is not None:
            try:
                handle = options.output.open("w", encoding="utf-8")
            except OSError as exc:
                fail(f"错误：无法写入 {options.output}：{exc.strerror or exc}")
        if options.fmt == "json":
            from fa_tui.render.json_report import render_json

            (handle or sys.stdout).write(render_json(results))
        elif options.fmt == "sarif":
            from fa_tui.render.sarif_report import render_sarif

            (handle or sys.stdout).write(render_sarif(results, rules))
        console = None
        if options.fmt == "text":
            console = (
                Console(file=handle, no_color=True, highlight=False, width=10_000)
                if handle is not None
                else Console(highlight=False)
            )
            print_text_report(console, results)
        if options.statistics:
            titles = {r.code: r.title for r in rules}
            everything = [f for _, fs in results for f in fs]
            # Machine formats keep stdout for the document: statistics go to stderr then.
            target = console or Console(stderr=True, highlight=False)
            if everything:
                target.print(statistics_table(everything, titles), soft_wrap=True)
    finally:
        if handle is not None:
            handle.close()
