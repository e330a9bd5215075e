"""Several reports in one run of the inspector: the list, checked in the background, a report
opened from it and Esc back, its review progress on its row."""

from __future__ import annotations

from pathlib import Path

from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.ingest import read_report
from fa_tui.pipeline import analyse
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.screens.inspector import InspectorScreen
from fa_tui.tui.screens.reports import ReportListScreen
from fa_tui.tui.widgets.report_header import ReportHeader

SIZE = (80, 24)
LILING = sample_path("2024-liling")
LIUJIANG = sample_path("2022-liujiang")


def screen_text(app: InspectorApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(pilot, condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def test_the_list_fills_in_and_a_report_opens_and_esc_comes_back(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    app = InspectorApp(None, reports=[LILING, LIUJIANG, bad])
    async with app.run_test(size=SIZE) as pilot:
        listing = app.screen
        assert isinstance(listing, ReportListScreen)
        await wait_for(pilot, lambda: all(r.checked or r.problem for r in listing.rows.values()))
        await pilot.pause()
        text = screen_text(app)
        assert "报告 3 份  检查完毕" in text
        _report, findings = analyse(read_report(LILING))
        errors = sum(f.severity.value == "error" for f in findings)
        liling_row = next(line for line in text.split("\n") if "2024-liling.txt" in line)
        assert "醴陵市医疗保障局" in liling_row and "2024" in liling_row
        assert f" {errors} " in liling_row and f"0/{len(findings)}" in liling_row
        bad_row = next(line for line in text.split("\n") if "坏文件.pdf" in line)
        assert "错误" in bad_row  # the reason it cannot be read, on its row
        # Open the first report, mark a finding, come back.
        await pilot.press("enter")
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        assert "醴陵市医疗保障局" in app.screen.query_one(ReportHeader).render_line(0).text
        await pilot.press("3", "o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listing
        liling_row = next(ln for ln in screen_text(app).split("\n") if "2024-liling.txt" in ln)
        assert f"1/{len(findings)}" in liling_row
        # The second report, then back again.
        await pilot.press("down", "enter")
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        assert "柳州市柳江区医疗保障局" in app.screen.query_one(ReportHeader).render_line(0).text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listing


async def test_esc_while_a_report_is_checked_drops_its_late_results() -> None:
    app = InspectorApp(None, reports=[LILING, LIUJIANG])
    async with app.run_test(size=SIZE) as pilot:
        listing = app.screen
        await pilot.press("enter", "escape")  # at once: its analysis is still running
        await pilot.pause(1.0)
        assert app.screen is listing
        await pilot.press("down", "enter")
        assert await app.wait_until_ready(60) == "checked"
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, InspectorScreen) and screen.path == LIUJIANG
        assert screen.report is not None and screen.report.path == LIUJIANG


def test_the_command_line_opens_a_folder_as_a_list(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fa_tui.cli import app as cli

    seen: list[tuple[Path, ...]] = []

    def run(app: InspectorApp, **_options: object) -> None:
        seen.append(app.reports)

    monkeypatch.setattr(InspectorApp, "run", run)
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for sample in (LILING, LIUJIANG):
        (folder / sample.name).write_bytes(sample.read_bytes())
    result = CliRunner().invoke(cli, ["open", str(folder)])
    assert result.exit_code == 0, result.output
    assert seen == [(folder / LIUJIANG.name, folder / LILING.name)]
    result = CliRunner().invoke(cli, ["open", str(tmp_path / "empty")])
    assert result.exit_code == 2
