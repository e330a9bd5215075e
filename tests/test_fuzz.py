"""Property tests: the whole pipeline (ingest, outline, tables, facts, rules, renderers) never
raises, and no rule crashes (a crashing rule becomes an ``internal`` finding: that is a bug too).
The findings of an unmodified sample are the same in every run, whatever the hash seed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES, SAMPLES_DIR, sample_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from fa_tui.ingest import InputError, decode_report
from fa_tui.model import Category
from fa_tui.pipeline import build_report
from fa_tui.render.json_report import render_json
from fa_tui.render.outline_tree import print_outline
from fa_tui.render.sarif_report import render_sarif
from fa_tui.render.styled import RichSink
from fa_tui.render.text_report import print_text_report
from fa_tui.rules.engine import check_report, selected_rules

# Small inputs are cheap: more examples. A whole sample costs ~0.1 s per example: fewer.
SMALL = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WHOLE = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters that matter to the parsers: digits, separators, table tabs, headings, units, noise.
ALPHABET = st.sampled_from(
    [
        *"0123456789.,，、。：:%％ \t\n-—（）()一二三四五六七八九十第部分表元万合计类款项",
        *("公开01表", "单位：万元", "[bookmark: _Toc1]", "**", "\x1b[31m", "总计", "增长", "减少"),
        *("第二部分 部门决算表", "收入支出决算总表", "本年收入合计", "比上年", "2023年", "占"),
        *("万元，", "%。", "\r\n", "\u202e", "[/b]", "9" * 30),
    ]
)


def run_pipeline(text: str) -> None:
    """Decode, parse, check and render ``text``; only ``InputError`` (a clean rejection) escapes."""
    try:
        source = decode_report(text.encode("utf-8"), Path("fuzz.txt"))
    except InputError:
        return
    report = build_report(source)
    findings = check_report(report)
    crashed = [f.message for f in findings if f.category is Category.INTERNAL]
    assert not crashed, crashed
    assert all(f.code.startswith("FA") for f in findings)
    for f in findings:
        if f.span is not None:
            assert 1 <= f.span.line <= max(source.line_count, 1)
    results = [(report, findings)]
    json.loads(render_json(results))
    json.loads(render_sarif(results, selected_rules()))
    console = Console(file=io.StringIO(), width=100, force_terminal=True)
    print_text_report(RichSink(console), results)
    print_outline(report, console)


@SMALL
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    run_pipeline(text)


@SMALL
@given(st.lists(ALPHABET, max_size=400).map("".join))
def test_report_like_text_never_raises(text: str) -> None:
    run_pipeline(text)


@st.composite
def edited_sample(draw: st.DrawFn) -> str:
    """A real sample with random line-level edits: delete, swap, duplicate, splice."""
    name = draw(st.sampled_from(SAMPLES))
    lines = list(sample_lines(name))
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        op = draw(st.sampled_from(["delete", "swap", "duplicate", "splice"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i : i + draw(st.integers(1, 30))]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "duplicate":
            lines[i:i] = lines[i : i + draw(st.integers(1, 20))]
        else:
            other = list(sample_lines(draw(st.sampled_from(SAMPLES))))
            lines = lines[:i] + other[min(j, len(other) - 1) :]
    return "\n".join(lines)


@WHOLE
@given(edited_sample())
def test_line_edits_of_real_samples_never_raise(text: str) -> None:
    run_pipeline(text)


@WHOLE
@given(
    st.sampled_from(SAMPLES),
    st.lists(
        st.tuples(st.floats(0, 1), st.one_of(st.characters(codec="utf-8"), ALPHABET)),
        min_size=1,
        max_size=8,
    ),
)
def test_character_edits_of_real_samples_never_raise(
    name: str, edits: list[tuple[float, str]]
) -> None:
    text = list("\n".join(sample_lines(name)))
    for where, char in edits:
        text[int(where * (len(text) - 1))] = char
    run_pipeline("".join(text))


def test_findings_of_unmodified_samples_are_deterministic_across_processes() -> None:
    """Two whole ``fa-tui check --format json`` runs, different hash seeds and job counts."""
    outputs = []
    for seed, jobs in (("1", "1"), ("4242", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "fa_tui",
                "check",
                str(SAMPLES_DIR),
                "--format=json",
                f"-j{jobs}",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert out.returncode == 1, out.stderr  # the samples have errors (lipu has no tables)
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["reports"]) == len(SAMPLES)
