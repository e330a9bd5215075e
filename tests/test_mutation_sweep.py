"""Mutation sweep: change any single non-zero figure of tables 01–06 by one integer digit, and the
table rules must report an error or a warning pointing at the changed line.

Only the units digit of the integer part is changed (±1 in the printed unit), so the change is
always beyond rounding: a change of 1 in the last decimal place can be legitimately
indistinguishable from 舍位 rounding, and there an ``info`` finding would be the right answer.
The outline does not depend on a digit inside a table line, so each mutant re-parses only the
tables (line numbering is unchanged), which keeps the sweep fast.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import load_sample
from msgspec.structs import replace

from fa_tui.model import Amount, Report, Severity, SourceText
from fa_tui.parse.tables.build import parse_tables
from fa_tui.rules.engine import check_report
from fa_tui.schema import NATIONAL

MAIN_TABLES = NATIONAL.ids[:6]  # 公开01表 … 公开06表
SAMPLE_SIZE = {"2022-liujiang": 80, "2024-liling": 100}  # of 222 and 141 (suite time)
SEED = 20240601


def figures(report: Report) -> list[Amount]:
    """Every non-zero figure of tables 01–06."""
    return [
        a
        for t in report.tables
        if t.role in MAIN_TABLES
        for a in t.amounts()
        if a.value is not None and a.value != 0
    ]


def mutate_digit(line: str, amount: Amount) -> str:
    """``line`` with the units digit of ``amount``'s integer part changed (9 → 8, else +1)."""
    start, end = amount.span.column - 1, amount.span.end_column - 1
    text = line[start:end]
    integer = text.split(".")[0]
    digits = [m.start() for m in re.finditer(r"\d", integer)]
    k = digits[-1]
    new_digit = "8" if text[k] == "9" else str(int(text[k]) + 1)
    return line[:start] + text[:k] + new_digit + text[k + 1 :] + line[end:]


def mutant(report: Report, amount: Amount) -> Report:
    """The report with one figure changed; tables re-parsed from the changed text."""
    source = report.source
    lines = list(source.lines)
    number = amount.span.line
    lines[number - 1] = mutate_digit(lines[number - 1], amount)
    changed: SourceText = replace(source, lines=tuple(lines), text="\n".join(lines))
    copy = replace(report, source=changed)
    copy.tables = parse_tables(changed, copy)
    return copy


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
def test_every_changed_figure_is_caught_on_its_line(name: str) -> None:
    report = load_sample(name)
    baseline = {(f.code, f.span, f.message) for f in check_report(report, select=("FA2", "FA3"))}
    candidates = figures(report)
    assert len(candidates) > 100
    chosen = random.Random(SEED).sample(candidates, min(SAMPLE_SIZE[name], len(candidates)))
    missed: list[str] = []
    for amount in chosen:
        changed = mutant(report, amount)
        line = amount.span.line
        caught = [
            f
            for f in check_report(changed, select=("FA2", "FA3"))
            if f.severity.rank >= Severity.WARNING.rank
            and (f.code, f.span, f.message) not in baseline
            and any(s.line == line for s in [f.span, *(r.span for r in f.related)] if s)
        ]
        if not caught:
            missed.append(f"L{line} {amount.text!r}")
    assert not missed, f"{len(missed)} changed figures went unnoticed: {missed[:20]}"


def test_mutate_digit_changes_the_integer_part() -> None:
    report = load_sample("2024-liling")
    amount = next(a for a in figures(report) if a.text.strip() == "138, 307, 276. 56")
    line = report.source.line(amount.span.line)
    assert "138, 307, 277. 56" in mutate_digit(line, amount)
