"""Marks in the inspector: o / w / d / e on a finding, shown in the list, the tree, the detail
and the status line, kept in the review file across restarts; a revised report's new findings;
a damaged review file."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import sample_path

from fa_tui.ingest import read_report
from fa_tui.review.places import default_review_path
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.widgets.finding_detail import FindingDetail
from fa_tui.tui.widgets.findings_list import FindingsList
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.status_line import StatusLine

SIZE = (80, 24)
LILING = sample_path("2024-liling")


async def opened(app: InspectorApp, pilot) -> InspectorScreen:  # type: ignore[no-untyped-def]
    assert await app.wait_until_ready(60) == "checked"
    await pilot.pause()
    return app.inspector


def list_row(screen: InspectorScreen, y: int) -> str:
    return screen.query_one(FindingsList).render_line(y).text


def status(screen: InspectorScreen) -> str:
    return screen.query_one(StatusLine).render_line(0).text


def detail(screen: InspectorScreen) -> str:
    body = screen.query_one(FindingDetail).query_one("#detail-body")
    rows = [body.render_line(y).text.rstrip() for y in range(body.size.height)]
    return "".join(rows)  # the rows as wrapped, joined back: what the pane says


def app_text(app: InspectorApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def tree_text(screen: InspectorScreen) -> str:
    tree = screen.query_one(PartsTree)
    return "\n".join(tree.render_line(y).text for y in range(tree.size.height))


async def test_marks_show_at_once_and_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "2024-liling.txt"
    path.write_bytes(LILING.read_bytes())
    app = InspectorApp(read_report(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("3", "x")  # the findings list, every finding
        await pilot.pause()
        listing = screen.query_one(FindingsList)
        first, second = listing.order[0], listing.order[1]
        total = len(listing.order)
        assert "已审0/" in status(screen)
        await pilot.press("o")  # 已核实
        await pilot.pause()
        assert list_row(screen, 0).startswith("错 核 ")
        assert f"已审1/{total}" in status(screen)
        assert "标记：已核实" in detail(screen)
        await pilot.press("down", "d", "e")  # the second: 待说明, and a note
        await pilot.pause()
        await pilot.press(*"请说明口径", "enter")
        await pilot.pause()
        assert "待 " in list_row(screen, 1)
        assert "标记：待说明  备注：请说明口径" in detail(screen)
        finding_ids = (screen.index.findings[first].id, screen.index.findings[second].id)  # type: ignore[union-attr]
    stored = json.loads(default_review_path(path).read_text(encoding="utf-8"))
    assert stored["marks"][finding_ids[0]]["status"] == "confirmed"
    assert stored["marks"][finding_ids[1]] | {"updated": ""} == {
        "status": "query",
        "note": "请说明口径",
        "updated": "",
    }
    again = InspectorApp(read_report(path))
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(again, pilot)
        await pilot.press("3", "x")
        await pilot.pause()
        assert list_row(screen, 0).startswith("错 核 ") and "待 " in list_row(screen, 1)
        assert f"已审2/{total}" in status(screen)


async def test_the_same_key_again_clears_the_mark_and_dismissed_ones_can_be_hidden() -> None:
    app = InspectorApp(read_report(LILING))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("3", "x")
        await pilot.pause()
        listing = screen.query_one(FindingsList)
        total = len(listing.order)
        first = listing.order[0]
        await pilot.press("w")  # 误报
        await pilot.pause()
        assert list_row(screen, 0).startswith("错 误 ")
        await pilot.press("M", "M")  # 未标记, then 隐藏误报
        await pilot.pause()
        assert first not in listing.order and len(listing.order) == total - 1
        assert "隐藏误报" in str(listing.border_title)
        await pilot.press("x")
        await pilot.pause()
        listing.highlight(first)
        await pilot.press("w")  # again: cleared
        await pilot.pause()
        assert list_row(screen, 0).startswith("错 FA")
        assert "已取消“误报”" in status(screen)


async def test_the_tree_counts_the_findings_left_to_review() -> None:
    app = InspectorApp(read_report(LILING))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        index = screen.index
        assert index is not None
        key = "part:绩效"
        own = index.of_node(key)
        assert own  # liling's 绩效 holds the FA803 repeated word
        await pilot.press("3", "x")
        await pilot.pause()
        listing = screen.query_one(FindingsList)
        for i in own:
            listing.highlight(i)
            await pilot.press("o")
            await pilot.pause()
        line = next(t for t in tree_text(screen).split("\n") if "绩效" in t)
        assert "审毕 绩效" in line


async def test_a_revised_report_flags_its_new_findings(tmp_path: Path) -> None:
    path = tmp_path / "2024-liling.txt"
    path.write_bytes(LILING.read_bytes())
    first = InspectorApp(read_report(path))
    async with first.run_test(size=SIZE) as pilot:
        screen = await opened(first, pilot)
        await pilot.press("3", "x", "o")  # a mark: the review file is written
        await pilot.pause()
    # The revised version: the repeated word is repeated once more, a finding of its own.
    text = LILING.read_text(encoding="utf-8").replace("全部全部", "全部全部全部", 1)
    path.write_text(text, encoding="utf-8")
    revised = InspectorApp(read_report(path))
    async with revised.run_test(size=SIZE) as pilot:
        screen = await opened(revised, pilot)
        await pilot.press("3", "x")
        await pilot.pause()
        index = screen.index
        assert index is not None and index.new
        assert "新" in status(screen) and "已解决" in status(screen)
        listing = screen.query_one(FindingsList)
        row = listing.order.index(next(iter(index.new)))
        assert " 新 " in list_row(screen, row)
        await pilot.press("R")  # the findings the last version had: the old FA803
        await pilot.pause()
        body = app_text(revised)
        assert "上一稿以来已解决的问题 1 条" in body and "“全部全部”重复" in body
        await pilot.press("escape")
        await pilot.pause()
        assert revised.screen is screen


async def test_a_damaged_review_file_is_said_kept_and_marks_go_beside_it(tmp_path: Path) -> None:
    damaged = tmp_path / "审阅.json"
    damaged.write_text("{broken", encoding="utf-8")
    app = InspectorApp(read_report(LILING), review=damaged)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        assert "已损坏" in status(screen) or "已损坏" in " ".join(
            str(n)
            for n in screen.reviewing.review.notices  # type: ignore[union-attr]
        )
        await pilot.press("3", "o")
        await pilot.pause()
    assert damaged.read_text(encoding="utf-8") == "{broken"
    beside = [p for p in tmp_path.glob("审阅.*.json")]
    assert len(beside) == 1 and "confirmed" in beside[0].read_text(encoding="utf-8")


async def test_export_from_the_inspector_writes_the_marked_workbook(tmp_path: Path) -> None:
    import openpyxl

    from fa_tui.tui.screens.prompt import PromptScreen

    out = tmp_path / "意见.xlsx"
    app = InspectorApp(read_report(LILING))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("3", "x", "o", "E")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.value.endswith("2024-liling-审核意见.xlsx")  # in the working directory
        field = prompt.query_one("#prompt-input")
        field.value = str(out)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert f"已导出 {len(screen.index.findings)} 条问题" in status(screen)  # type: ignore[union-attr]
        # From the command palette too, and a name without a known suffix is refused.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"导出审核意见")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one("#prompt-input").value = str(tmp_path / "意见.pdf")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "须以 .xlsx、.docx 或 .md 结尾" in status(screen)
    rows = list(openpyxl.load_workbook(out)["问题清单"].iter_rows(values_only=True))
    header = rows[0]
    assert rows[1][header.index("标记")] == "已核实" and len(rows) == 36
    assert not (tmp_path / "意见.pdf").exists()
