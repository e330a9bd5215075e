"""ASCII mode: not one character of East Asian width "A" on the screen at 80×24, so that a
terminal drawing them two cells wide (Xshell, SecureCRT, PuTTY with a CJK font) cannot break
the layout; and the same screens without ASCII mode do hold such characters."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import sample_path
from rich.cells import cell_len

from fa_tui.ingest import PendingPdf, open_report, read_report
from fa_tui.model import Category, Finding, RelatedSpan, Severity, Span
from fa_tui.tui.ambiguous import narrow_finding
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.narrow_chars import cell_safe, narrow
from fa_tui.tui.widgets.finding_detail import FindingDetail

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def ambiguous_on_screen(app: InspectorApp) -> set[str]:
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    return {ch for line in lines for ch in line if unicodedata.east_asian_width(ch) == "A"}


def test_cell_safe_keeps_every_width_and_leaves_nothing_ambiguous() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if unicodedata.east_asian_width(ch) != "A" or unicodedata.category(ch) == "Cs":
            continue
        safe = cell_safe(ch)
        assert cell_len(safe) == cell_len(ch), (hex(code), safe)
        assert all(unicodedata.east_asian_width(c) != "A" for c in safe), hex(code)


def test_narrow_spells_out_and_leaves_the_rest() -> None:
    assert narrow("合计≠基本+项目…“三公”×2÷4") == '合计!=基本+项目..."三公"x2/4'
    assert narrow("plain ascii") == "plain ascii"


def test_narrow_finding_keeps_the_spans() -> None:
    span = Span.at(3, 1, 5)
    finding = Finding(
        code="FA201",
        severity=Severity.ERROR,
        category=Category.TABLE_INTERNAL,
        message="合计≠基本支出+项目支出",
        span=span,
        related=[RelatedSpan(span=Span.at(4, 2, 3), note="“基本支出”")],
        computation="1×2÷3≈0.67",
    )
    narrowed = narrow_finding(finding)
    assert narrowed.message == "合计!=基本支出+项目支出" and narrowed.span == span
    assert narrowed.computation == "1x2/3~0.67"
    assert narrowed.related[0].note == '"基本支出"' and narrowed.related[0].span == span.at(4, 2, 3)


def liling_findings(report) -> list[Finding]:
    line = next(n for n, text in enumerate(report.source.lines, 1) if "“" in text)
    col = report.source.lines[line - 1].index("“") + 1
    return [
        Finding(
            code="FA201",
            severity=Severity.ERROR,
            category=Category.TABLE_INTERNAL,
            message="合计≠基本支出+项目支出…“三公”经费×2",
            span=Span.at(line, col, col + 4),
            computation="100.00 ≠ 60.00 + 30.00",
        )
    ]


async def visit_screens(app: InspectorApp, pilot, seen: dict[str, set[str]]) -> None:
    """Every kind of screen the reviewer sees: tree, finding and detail, table, help, prompt,
    palette, a notification; what each shows of ambiguous width is put in ``seen``."""
    await app.wait_until_ready(60)
    await pilot.pause(0.2)
    seen["start"] = ambiguous_on_screen(app)
    await pilot.press("right_square_bracket")
    await pilot.pause(0.2)
    seen["finding"] = ambiguous_on_screen(app)
    await pilot.press("3")
    await pilot.pause(0.2)
    seen["findings pane"] = ambiguous_on_screen(app)
    await pilot.press("1", "down", "down", "down", "down", "down", "enter")
    await pilot.pause(0.2)
    seen["table"] = ambiguous_on_screen(app)
    await pilot.press("question_mark")
    await pilot.pause(0.2)
    seen["help"] = ambiguous_on_screen(app)
    await pilot.press("escape", "g")
    await pilot.pause(0.2)
    seen["prompt"] = ambiguous_on_screen(app)
    await pilot.press("escape", "ctrl+p")
    await pilot.pause(0.3)
    seen["palette"] = ambiguous_on_screen(app)
    await pilot.press("escape", "right_square_bracket", "r")  # "no related": a notification
    await pilot.pause(0.3)
    seen["notify"] = ambiguous_on_screen(app)


async def test_no_ambiguous_character_on_any_screen_in_ascii_mode() -> None:
    source = read_report(sample_path("2024-liling"))
    app = InspectorApp(source, checker=liling_findings, ascii_mode=True)
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await visit_screens(app, pilot, seen)
        detail = "\n".join(
            app.inspector.query_one(FindingDetail).query_one("#detail-body").render_line(y).text
            for y in range(4)
        )
        assert "合计!=基本支出" in detail  # spelt out in the app's own text
    assert len(seen) == 8
    assert all(not chars for chars in seen.values()), seen


async def test_the_same_screens_without_ascii_mode_do_hold_them() -> None:
    """The control: the check above would see them if they were there."""
    source = read_report(sample_path("2024-liling"))
    app = InspectorApp(source, checker=liling_findings)
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await visit_screens(app, pilot, seen)
    assert {"─", "“"} <= seen["start"]
    assert "≠" in seen["finding"] | seen["findings pane"]
    assert all(chars for chars in seen.values()), seen


@pytest.mark.parametrize("ascii_mode", [True, False])
async def test_the_loading_screen_of_a_pdf(ascii_mode: bool) -> None:
    pending = open_report(FIXTURES / "2024-liling.pdf")
    assert isinstance(pending, PendingPdf)
    app = InspectorApp(pending, ascii_mode=ascii_mode)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        chars = ambiguous_on_screen(app)
        if ascii_mode:
            assert not chars and any("PDF：第" in line and "页..." in line for line in lines)
        else:
            assert "─" in chars and "…" in chars
        await app.wait_until_ready(60)
        assert (not ambiguous_on_screen(app)) is ascii_mode
