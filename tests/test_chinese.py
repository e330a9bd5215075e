"""Chinese throughout: rule texts, severity tags, finding messages, Textual's own strings."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SAMPLES, load_sample, sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.ingest import read_report
from fa_tui.model import Category, Finding, Severity, Span
from fa_tui.model.findings import CATEGORY_NAMES
from fa_tui.pipeline import run_rules
from fa_tui.rules.engine import load_rules
from fa_tui.rules.registry import RULES
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.palette import PLACEHOLDER, ChinesePalette
from fa_tui.tui.widgets.finding_detail import detail_text
from fa_tui.tui.widgets.findings_list import finding_line

CJK = re.compile(r"[\u4e00-\u9fff]")
# three or more Latin words in a row: an English phrase left in Chinese text
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ -][A-Za-z]{2,}){2,}")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》")  # report text quoted in a message: the report's own
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:()!?]|[,;:()!?][\u4e00-\u9fff]")


def test_every_rule_has_a_chinese_title_and_explanation() -> None:
    load_rules()
    assert len(RULES) > 80
    for rule in RULES.values():
        for text in (rule.title, rule.explanation):
            assert CJK.search(text), (rule.code, text)
            assert not ENGLISH.search(text), (rule.code, ENGLISH.search(text))
        assert rule.category in CATEGORY_NAMES


def test_rules_command_explains_in_chinese() -> None:
    result = CliRunner().invoke(app, ["rules", "FA502"])
    assert result.exit_code == 0
    load_rules()
    assert RULES["FA502"].explanation in result.stdout.replace("\n", "")
    assert "默认级别：错误" in result.stdout and "类别：文字内运算" in result.stdout
    listing = CliRunner().invoke(app, ["rules"]).stdout
    assert "completeness" not in listing and " error " not in listing
    assert re.search(r"^FA801 .* 错误  文字规范 ", listing, re.M)


def test_sarif_carries_the_chinese_texts() -> None:
    result = CliRunner().invoke(app, ["check", str(sample_path("2024-lipu")), "--format", "sarif"])
    load_rules()
    run = json.loads(result.stdout)["runs"][0]
    for described in run["tool"]["driver"]["rules"]:
        assert described["fullDescription"]["text"] == RULES[described["id"]].explanation
        assert CJK.search(described["shortDescription"]["text"])
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}  # the contract


def test_text_tags_are_chinese_and_json_keeps_its_values() -> None:
    path = str(sample_path("2022-liujiang"))
    text = CliRunner().invoke(app, ["check", path, "--statistics"]).stdout
    assert "[错误]" in text and "[提示]" in text and "[警告]" in text
    assert not re.search(r"\[(error|warning|info)\]", text)
    document = json.loads(CliRunner().invoke(app, ["check", path, "--format", "json"]).stdout)
    severities = {f["severity"] for f in document["reports"][0]["findings"]}
    assert severities == {"error", "warning", "info"}


@pytest.mark.parametrize("name", SAMPLES)
def test_finding_messages_read_as_a_reviewer_writes(name: str) -> None:
    findings = run_rules(load_sample(name))
    for f in findings:
        texts = [f.message, f.computation or "", *(r.note for r in f.related)]
        for text in texts:
            own = QUOTED.sub("“”", text)  # what the rule wrote, not what it quotes
            assert not ENGLISH.search(own), (f.code, text)
            assert not HALF_WIDTH.search(own), (f.code, text, HALF_WIDTH.search(own))
            assert not re.search(r"为\d|\d万元", own), (f.code, text)
        assert CJK.search(f.message), (f.code, f.message)


def _finding(severity: Severity) -> Finding:
    return Finding(
        code="FA201",
        severity=severity,
        category=Category.TABLE_INTERNAL,
        message="表一合计不等于各项之和",
        span=Span.at(1, 1, 3),
    )


def test_the_findings_list_and_the_detail_tag_in_chinese() -> None:
    shown = {s: finding_line(_finding(s)).plain for s in Severity}
    assert shown[Severity.ERROR].startswith("错 FA201")
    assert shown[Severity.WARNING].startswith("警 FA201")
    assert shown[Severity.INFO].startswith("提 FA201")
    detail = detail_text(_finding(Severity.ERROR), None).plain
    assert detail.startswith("FA201 [错误] 表内运算")


async def test_textual_strings_are_chinese() -> None:
    from textual.command import CommandInput

    app_ = InspectorApp(read_report(sample_path("2024-lipu")))
    async with app_.run_test(size=(80, 24)) as pilot:
        await app_.workers.wait_for_complete()
        await pilot.pause()
        commands = [c.title for c in app_.get_system_commands(app_.screen)]
        assert "退出" in commands and "主题" in commands
        assert not any(CJK.search(c) is None for c in commands)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app_.screen
        assert isinstance(palette, ChinesePalette)
        assert palette.query_one(CommandInput).placeholder == PLACEHOLDER
        descriptions = [b.description for b in ChinesePalette.BINDINGS if hasattr(b, "description")]
        assert descriptions and all(CJK.search(d) for d in descriptions)
        await pilot.press("escape")
        await pilot.pause()
        app_.action_help_quit()
        await pilot.pause()
        notices = [n.message for n in app_._notifications]
        assert any("退出" in n for n in notices), notices


def test_the_detail_wraps_chinese_between_characters_not_only_at_blanks() -> None:
    """Rich wraps at blanks only: ``第 1`` would stand alone on a row, the sentence after it on
    the next. The detail wraps by cells, as the source view does, styles kept."""
    from rich.console import Console
    from rich.text import Text

    from fa_tui.tui.widgets.finding_detail import CellWrapped

    message = Text("FA118 [警告]\n", style="bold")
    message.append("第 1 页有与正文方向不同的文字未读入，未参与核对：“注：本页数据已经审核。”")
    console = Console(width=30, color_system=None, legacy_windows=False)
    rows = [
        "".join(segment.text for segment in line)
        for line in console.render_lines(CellWrapped(message), pad=False)
    ]
    assert rows[0] == "FA118 [警告]"
    assert rows[1] == "第 1 页有与正文方向不同的文字"  # 29 cells: 未 would make 31
    assert "".join(rows[1:]) == message.plain.split("\n")[1]
    assert all(console.measure(row).maximum <= 30 for row in rows)
    assert not any(row.endswith("“") for row in rows)  # an opening quote does not end a row
