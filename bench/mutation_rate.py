"""How many single-digit mutants of the samples the rules catch (issue 16's measure).

    uv run python bench/mutation_rate.py              # every sample, every figure
    uv run python bench/mutation_rate.py --limit 60   # at most 60 mutants per kind and sample

Two kinds of mutant, one figure changed each (the units digit of its integer part, 9 → 8, else
+1: always beyond rounding):

* a table figure (any non-zero figure of the standard tables): the tables are read again from the
  changed text and every rule runs;
* a percentage of the narrative (the rate or share of a fact read from the text): the whole
  report is read again. Besides all of them it counts those a rule can know to be wrong: the
  inputs are in the text (part and whole, budget and outturn, this year's figure and the change)
  and the changed rate lies outside every value the printed inputs allow.

A mutant is caught when a warning or an error that the unchanged report does not have points
at (or relates to) the changed line. Per sample it prints the counts and rates, and the lines
of the first misses, to read by hand. An evaluation, not a test: the suite never runs it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from msgspec.structs import replace

from fa_tui.ingest import read_report
from fa_tui.model import Amount, Finding, Report, Severity, SourceText
from fa_tui.model.facts import ChangeFact, CompletionFact, Direction, Fact, ShareFact
from fa_tui.parse.tables.build import parse_tables
from fa_tui.pipeline import analyse
from fa_tui.rules.engine import check_report
from fa_tui.rules.intervals import Interval, growth, of, of_rate, ratio, share_of_sum, total

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"
SEED = 20261203
Key = tuple[str, int | None, str]


def mutate_digit(line: str, amount: Amount) -> str | None:
    """``line`` with the units digit of ``amount``'s integer part changed (``None``: no digit)."""
    start, end = amount.span.column - 1, amount.span.end_column - 1
    text = line[start:end]
    digits = [m.start() for m in re.finditer(r"\d", text.split(".")[0])]
    if not digits:
        return None
    k = digits[-1]
    new = "8" if text[k] == "9" else str(int(text[k]) + 1)
    return line[:start] + text[:k] + new + text[k + 1 :] + line[end:]


def changed_source(source: SourceText, amount: Amount) -> SourceText | None:
    lines = list(source.lines)
    if amount.span.line != amount.span.end_line:
        return None
    new = mutate_digit(lines[amount.span.line - 1], amount)
    if new is None:
        return None
    lines[amount.span.line - 1] = new
    return replace(source, lines=tuple(lines), text="\n".join(lines))


def keys(findings: Iterable[Finding]) -> set[Key]:
    return {(f.code, f.span.line if f.span else None, f.message) for f in findings}


def caught(findings: list[Finding], baseline: set[Key], line: int) -> bool:
    for f in findings:
        if f.severity.rank < Severity.WARNING.rank:
            continue
        if (f.code, f.span.line if f.span else None, f.message) in baseline:
            continue
        spans = [f.span, *(r.span for r in f.related)]
        if any(s is not None and s.line <= line <= s.end_line for s in spans):
            return True
    return False


def table_figures(report: Report, standard: bool = True) -> list[Amount]:
    """The non-zero figures of the standard tables (or of the other tables: 绩效自评表 …)."""
    return [
        a
        for t in report.tables
        if (t.id is not None) is standard
        for a in t.amounts()
        if a.value is not None and a.value != 0
    ]


def narrative_rates(report: Report) -> list[Amount]:
    out: list[Amount] = []
    for fact in report.facts:
        if isinstance(fact, ShareFact):
            out.append(fact.share)
        elif isinstance(fact, (CompletionFact, ChangeFact)) and fact.rate is not None:
            out.append(fact.rate)
    seen: set[tuple[int, int]] = set()
    unique = []
    for a in out:
        if a.value is not None and (a.span.line, a.span.column) not in seen:
            seen.add((a.span.line, a.span.column))
            unique.append(a)
    return unique


def sweep_tables(report: Report, baseline: set[Key], chosen: list[Amount]) -> list[str]:
    missed = []
    for amount in chosen:
        source = changed_source(report.source, amount)
        if source is None:
            continue
        copy = replace(report, source=source)
        copy.tables = parse_tables(source, copy)
        if not caught(check_report(copy), baseline, amount.span.line):
            missed.append(f"L{amount.span.line} {amount.text}")
    return missed


def mutated_value(amount: Amount) -> Decimal | None:
    """The value ``mutate_digit`` gives ``amount``."""
    text = amount.text.replace(",", "")
    whole, dot, rest = text.partition(".")
    if not whole or not whole[-1].isdigit():
        return None
    new = "8" if whole[-1] == "9" else str(int(whole[-1]) + 1)
    return Decimal(whole[:-1] + new + dot + rest)


def reachable(fact: Fact) -> Interval | None:
    """The rates the printed inputs of ``fact`` allow (``None``: the text states no inputs)."""
    if isinstance(fact, ShareFact) and fact.part is not None and fact.whole is not None:
        if fact.is_count:
            return None
        rest = [p for p in fact.whole_parts if p.span != fact.part.span]
        if fact.whole_is_sum and len(rest) == len(fact.whole_parts) - 1:
            return share_of_sum(of(fact.part), total(rest))
        return ratio(of(fact.part), of(fact.whole))
    if isinstance(fact, CompletionFact) and fact.budget is not None and fact.outturn is not None:
        return ratio(of(fact.outturn), of(fact.budget))
    if (
        isinstance(fact, ChangeFact)
        and fact.current is not None
        and fact.amount is not None
        and fact.direction in (Direction.UP, Direction.DOWN)
    ):
        return growth(of(fact.amount), of(fact.current), fact.direction is Direction.UP)
    return None


def detectable(report: Report) -> set[tuple[int, int]]:
    """The rates whose mutant no exact inputs of the text can give: (line, column) of each.

    A rate with its inputs in the text (part and whole, budget and outturn, current figure and
    change) whose mutant lies outside every value those printed inputs allow."""
    out: set[tuple[int, int]] = set()
    for fact in report.facts:
        rate = fact.share if isinstance(fact, ShareFact) else getattr(fact, "rate", None)
        if not isinstance(rate, Amount) or rate.value is None:
            continue
        allowed = reachable(fact)
        value = mutated_value(rate)
        if allowed is None or value is None:
            continue
        if not of_rate(replace(rate, value=value)).meets(allowed):
            out.add((rate.span.line, rate.span.column))
    return out


def sweep_narrative(report: Report, baseline: set[Key], chosen: list[Amount]) -> list[str]:
    missed = []
    for amount in chosen:
        source = changed_source(report.source, amount)
        if source is None:
            continue
        _, findings = analyse(source)
        if not caught(findings, baseline, amount.span.line):
            missed.append(f"L{amount.span.line}:{amount.span.column} {amount.text}")
    return missed


def _position(miss: str) -> tuple[int, int]:
    line, column = miss.split()[0][1:].split(":")
    return int(line), int(column)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="mutants per kind and sample")
    parser.add_argument("--samples", nargs="*", default=None)
    args = parser.parse_args(argv)
    paths = sorted(SAMPLES.glob("*.txt"))
    if args.samples:
        paths = [p for p in paths if p.stem in args.samples]
    rng = random.Random(SEED)
    for path in paths:
        report, findings = analyse(read_report(path))
        baseline = keys(findings)
        for kind, pool, sweep in (
            ("表内数字", table_figures(report), sweep_tables),
            ("其他表（绩效自评表等）数字", table_figures(report, standard=False), sweep_tables),
            ("叙述中的比例", narrative_rates(report), sweep_narrative),
        ):
            chosen = pool if not args.limit else rng.sample(pool, min(args.limit, len(pool)))
            missed = sweep(report, baseline, chosen)
            count = len(chosen)
            rate = (count - len(missed)) / count if count else 0.0
            print(f"{path.stem}  {kind}：{count - len(missed)}/{count} 发现（{rate:.0%}）")
            if sweep is sweep_narrative:
                knowable = detectable(report)
                judged = [a for a in chosen if (a.span.line, a.span.column) in knowable]
                lost = [m for m in missed if _position(m) in knowable]
                share = (len(judged) - len(lost)) / len(judged) if judged else 0.0
                found = len(judged) - len(lost)
                what = "其中输入在文中、变动超出四舍五入的"
                print(f"    {what}：{found}/{len(judged)} 发现（{share:.0%}）")
            for miss in missed[:8]:
                print(f"    未发现 {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
