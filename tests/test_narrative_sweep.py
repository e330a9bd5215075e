"""Issue 5, done-when: in the narrative of any sample, changing one digit of a share, growth or
completion percentage whose inputs are stated makes ``check`` report it.

Every such percentage of every sample is mutated in turn (its first significant digit moved by
one) in a copy of the sample, and the check of that copy must give an error or a warning on the
percentage's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample, sample_lines

from fa_tui.ingest import decode_report
from fa_tui.model import Amount, Severity
from fa_tui.model.facts import ChangeFact, CompletionFact, ShareFact
from fa_tui.pipeline import build_report
from fa_tui.rules.engine import check_report


def checkable_rates(name: str) -> list[Amount]:
    """The percentages of ``name`` whose inputs are all stated (in the text or a table)."""
    rates: list[Amount] = []
    for fact in load_sample(name).facts:
        if isinstance(fact, ShareFact) and fact.part is not None and fact.whole is not None:
            rates.append(fact.share)
        elif _stated(fact, "amount", "current") or _stated(fact, "budget", "outturn"):
            rates.append(fact.rate)
    return [r for r in rates if r.value]  # a zero rate has no significant digit to move


def _stated(fact: object, *inputs: str) -> bool:
    """A change or completion fact whose rate and the given inputs are all printed."""
    kinds = (ChangeFact, CompletionFact)
    names = ("rate", *inputs)
    return isinstance(fact, kinds) and all(getattr(fact, n, None) is not None for n in names)


def moved_digit(line: str, rate: Amount) -> str:
    """``line`` with the first significant digit of ``rate`` moved by one (9 becomes 8)."""
    start = rate.span.column - 1
    text = line[start : rate.span.end_column - 1]
    k = next(i for i, ch in enumerate(text) if ch in "123456789")
    digit = int(text[k])
    new = str(digit + 1 if digit < 9 else digit - 1)
    return line[: start + k] + new + line[start + k + 1 :]


CASES = [(name, rate) for name in SAMPLES for rate in checkable_rates(name)]


def test_every_sample_with_narrative_rates_is_swept() -> None:
    names = {name for name, _ in CASES}
    assert {"2024-liling", "2024-lipu", "2024-panzhihua", "2022-liujiang"} <= names
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("name", "rate"), CASES, ids=[f"{n}-L{r.span.line}:{r.span.column}" for n, r in CASES]
)
def test_changing_one_digit_of_a_rate_is_reported(name: str, rate: Amount) -> None:
    lines = list(sample_lines(name))
    number = rate.span.line
    lines[number - 1] = moved_digit(lines[number - 1], rate)
    source = decode_report("\n".join(lines).encode("utf-8"), Path(f"{name}.txt"))
    findings = check_report(build_report(source))
    on_line = [
        f
        for f in findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
        and f.span is not None
        and (f.span.line == number or any(r.span.line == number for r in f.related))
    ]
    assert on_line, f"{lines[number - 1][max(rate.span.column - 30, 0) : rate.span.end_column + 5]}"
