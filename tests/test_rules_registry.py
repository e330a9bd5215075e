"""Rule declarations: names, reviewer texts, parts; each function reports only its own codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample, sample_path
from msgspec.structs import replace

from fa_tui.model import PartName, Report, SourceText
from fa_tui.parse.tables.build import parse_tables
from fa_tui.pipeline import load_report
from fa_tui.rules.engine import by_function, load_rules, selected_rules
from fa_tui.rules.registry import NAME_PATTERN, RULES, Rule, RuleContext, find_rule

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The documents that have a text layer (``scanned.pdf`` is refused before any rule runs).
DOCUMENTS = sorted(
    p.name for p in FIXTURES.iterdir() if p.suffix in (".pdf", ".docx") and p.stem != "scanned"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _rules() -> list[Rule]:
    load_rules()
    return sorted(RULES.values(), key=lambda r: r.code)


def test_names_are_unique_kebab_case() -> None:
    names = [r.name for r in _rules()]
    assert len(names) == len(set(names)) == len(RULES) > 50
    for name in names:
        assert NAME_PATTERN.fullmatch(name) and re.fullmatch(r"[a-z0-9-]+", name), name
        assert "--" not in name and not name.endswith("-"), name


def test_titles_and_explanations_are_chinese_for_reviewers() -> None:
    for rule in _rules():
        assert re.fullmatch(r"FA[1-9]\d\d", rule.code), rule.code
        assert _CJK.search(rule.title), rule.code
        text = rule.explanation
        assert len(text) >= 40 and text.startswith(("检查", "提示")), rule.code
        letters = [c for c in text if not c.isspace()]
        assert len(_CJK.findall(text)) > len(letters) / 2, rule.code
        assert "\n" not in text and text == text.strip(), rule.code


def test_sum_rules_state_their_rounding_tolerance() -> None:
    for rule in _rules():
        if rule.code.startswith(("FA2", "FA306")):
            assert "尾数差异" in rule.explanation and "末位半个单位" in rule.explanation


def test_parts_of_file_level_findings() -> None:
    parts = {r.code: r.part for r in _rules() if r.part is not None}
    assert parts == {
        "FA101": PartName.TABLES,
        "FA102": PartName.TABLES,
        "FA103": PartName.TABLES,
        "FA104": PartName.TABLES,
        "FA105": PartName.EXPLANATION,
        "FA106": PartName.GLOSSARY,
        "FA116": PartName.TABLES,
        "FA117": PartName.TABLES,
        "FA902": PartName.OVERVIEW,
    }


def test_text_table_codes_share_one_function() -> None:
    codes = [f"FA4{n:02d}" for n in range(1, 12)]
    functions = {r.func for r in _rules() if r.code in codes}
    assert len(functions) == 1
    (func,) = functions
    assert RULES["FA401"].owned == tuple(codes)
    assert [first.code for first, _ in by_function(selected_rules(tuple(codes)))] == ["FA401"]
    # FA412–FA415 (rules.composition) are two functions of their own
    assert [first.code for first, _ in by_function(selected_rules(("FA4",)))] == [
        "FA401",
        "FA412",
        "FA414",
    ]
    assert func.__doc__ and not _CJK.search(func.__doc__.split("\n")[0])


def test_find_rule_by_code_or_name() -> None:
    growth = find_rule("fa502")
    assert growth is not None and find_rule(growth.name) is growth
    assert find_rule(growth.name.upper()) is growth and find_rule(" FA502 ") is growth
    assert find_rule("FA999") is None and find_rule("no-such-rule") is None


def _foreign_codes(report: Report) -> tuple[list[str], set[tuple[str, str]]]:
    """Findings of codes their function does not own (none expected), and (code, message) of all."""
    foreign: list[str] = []
    found: set[tuple[str, str]] = set()
    seen: set[object] = set()
    for rule in _rules():
        if rule.func in seen:
            continue
        seen.add(rule.func)
        for finding in rule.func(RuleContext(report)):
            found.add((finding.code, finding.message))
            if finding.code not in rule.owned:
                foreign.append(f"{rule.func.__name__} reported {finding.code}: {finding.message}")
    return foreign, found


def _own_codes(report: Report) -> list[str]:
    return _foreign_codes(report)[0]


@pytest.mark.parametrize("name", SAMPLES)
def test_each_function_reports_its_own_codes_on_samples(name: str) -> None:
    assert list(_own_codes(load_sample(name))) == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_function_reports_its_own_codes_on_fixtures(name: str) -> None:
    assert list(_own_codes(load_report(FIXTURES / name))) == []


def _changed(report: Report, edit: dict[int, str]) -> Report:
    """``report`` with lines replaced (1-based), its tables re-parsed from the changed text."""
    lines = list(report.source.lines)
    for number, text in edit.items():
        lines[number - 1] = text
    source: SourceText = replace(report.source, lines=tuple(lines), text="\n".join(lines))
    copy = replace(report, source=source)
    copy.tables = parse_tables(source, copy)
    return copy


def _bump_figures(report: Report, every: int) -> Report:
    """Every ``every``-th table figure's units digit changed (breaks sums and cross-checks)."""
    lines = list(report.source.lines)
    amounts = [a for t in report.tables for a in t.amounts() if a.value]
    for amount in amounts[::every]:
        line = lines[amount.span.line - 1]
        start, end = amount.span.column - 1, amount.span.end_column - 1
        figure = line[start:end]
        digits = [m.start() for m in re.finditer(r"\d", figure.split(".")[0])]
        if not digits:
            continue
        k = digits[-1]
        new = "8" if figure[k] == "9" else str(int(figure[k]) + 1)
        lines[amount.span.line - 1] = line[:start] + figure[:k] + new + figure[k + 1 :] + line[end:]
    return _changed(report, dict(enumerate(lines, start=1)))


@pytest.mark.parametrize("name", ["2022-liujiang", "2024-liling"])
def test_each_function_reports_its_own_codes_on_mutated_copies(name: str, tmp_path: Path) -> None:
    report = load_sample(name)
    _, before = _foreign_codes(report)
    foreign, bumped = _foreign_codes(_bump_figures(report, 7))
    assert foreign == [] and {"FA2", "FA3"} <= {c[:3] for c, _ in bumped - before}
    # The narrative reversed and its figures shifted: the FA4xx/FA5xx findings change too.
    text = sample_path(name).read_text(encoding="utf-8")
    mutated = tmp_path / f"{name}.txt"
    mutated.write_text(
        text.replace("增长", "下降").replace("增加", "减少").replace("0万元", "1万元"),
        encoding="utf-8",
    )
    foreign, reversed_codes = _foreign_codes(load_report(mutated))
    assert foreign == [] and {"FA4", "FA5"} <= {c[:3] for c, _ in reversed_codes - before}
