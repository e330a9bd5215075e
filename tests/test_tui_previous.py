"""Last year beside this year in the inspector: ``--previous`` (or the list's pairing) checks
the 上年 figures (FA9xx) and the tree shows last year's report with those findings."""

from __future__ import annotations

from pathlib import Path

from conftest import sample_path

from fa_tui.ingest import read_report
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.index import PREVIOUS_KEY
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.screens.reports import ReportListScreen
from fa_tui.tui.widgets.parts_tree import PartsTree
from fa_tui.tui.widgets.status_line import StatusLine

SIZE = (80, 24)
THIS = sample_path("2022-liujiang")


def last_year(tmp_path: Path, total: str = "1862.18") -> Path:
    """liujiang one year back, its 表一 总计 written as ``total`` (1852.18 agrees)."""
    text = THIS.read_text(encoding="utf-8")
    for year in range(2019, 2026):
        text = text.replace(str(year), str(year - 1))
    lines = text.split("\n")
    assert "953.20" in lines[127]
    lines[127] = lines[127].replace("953.20", total, -1)
    path = tmp_path / "2021-liujiang.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def tree_text(screen: InspectorScreen) -> str:
    tree = screen.query_one(PartsTree)
    return "\n".join(tree.render_line(y).text for y in range(tree.size.height))


async def test_previous_gives_its_findings_and_a_node_in_the_tree(tmp_path: Path) -> None:
    app = InspectorApp(read_report(THIS), previous=last_year(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause()
        screen = app.inspector
        index = screen.index
        assert index is not None
        fa9 = [i for i, f in enumerate(index.findings) if f.code == "FA901"]
        assert fa9  # 表一 总计 differs (and 表四, 表五, 机关运行经费 keep this year's figures)
        assert index.of_node(PREVIOUS_KEY) == fa9
        assert f"{len(fa9)} 上年报告 2021 柳州市" in tree_text(screen)  # cut at 80 columns
        screen.open_node_key(PREVIOUS_KEY)
        await pilot.pause()
        assert screen.query_one("#findings").order[0] == fa9[0]  # type: ignore[attr-defined]


async def test_without_previous_there_is_no_such_node() -> None:
    app = InspectorApp(read_report(THIS))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause()
        screen = app.inspector
        assert screen.index is not None and PREVIOUS_KEY not in {n.key for n in screen.index.nodes}
        assert not any(f.code.startswith("FA9") for f in screen.index.findings)


async def test_an_unreadable_previous_report_is_said_and_the_report_still_checked(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 junk")
    app = InspectorApp(read_report(THIS), previous=bad)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause()
        status = app.inspector.query_one(StatusLine).render_line(0).text
        assert "上年报告无法读取" in status or "已审" in status
        assert app.inspector.previous is None


async def test_the_list_pairs_a_report_with_last_years(tmp_path: Path) -> None:
    this = tmp_path / THIS.name
    this.write_bytes(THIS.read_bytes())
    prior = last_year(tmp_path)
    app = InspectorApp(None, reports=[prior, this])
    async with app.run_test(size=SIZE) as pilot:
        listing = app.screen
        assert isinstance(listing, ReportListScreen)
        for _ in range(1200):
            if all(r.checked for r in listing.rows.values()):
                break
            await pilot.pause(0.05)
        assert listing.last_year_of(this) == prior and listing.last_year_of(prior) is None
        await pilot.press("down", "enter")
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InspectorScreen) and screen.previous is not None
        assert any(f.code == "FA901" for f in screen.index.findings)  # type: ignore[union-attr]
