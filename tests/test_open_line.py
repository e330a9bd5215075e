"""`fa-tui FILE:LINE` opens the inspector with the source at that line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import sample_lines, sample_path

from fa_tui import entry
from fa_tui.commands.open import split_line
from fa_tui.ingest import read_report
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.widgets.source_view import SourceView


def test_a_line_suffix_is_split_only_when_the_bare_file_exists(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    shutil.copy(sample_path("2022-liujiang"), report)
    assert split_line(Path(f"{report}:473")) == (report, 473)
    assert split_line(Path(f"{report}:473:28")) == (report, 473)  # as `check` prints it
    assert split_line(report) == (report, None)
    assert split_line(tmp_path / "missing.txt:12") == (tmp_path / "missing.txt:12", None)
    odd = tmp_path / "odd.txt:12"  # a file whose name ends in :12 is that file
    odd.write_text("x", encoding="utf-8")
    (tmp_path / "odd.txt").write_text("y", encoding="utf-8")
    assert split_line(odd) == (odd, None)


@pytest.mark.parametrize(
    "argv", [["{path}:300"], ["open", "{path}:300"], ["open", "--no-mouse", "{path}:300"]]
)
def test_the_command_line_passes_the_line_to_the_app(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no option the inspector starts without Typer (no ``SystemExit``), with one through
    Typer (``SystemExit(0)`` at its end): the same app either way."""
    opened: list[tuple[Path, int | None]] = []

    def run(app: InspectorApp, **_options: object) -> None:
        opened.append((app.source.path, app.line))

    monkeypatch.setattr(InspectorApp, "run", run)
    path = sample_path("2022-liujiang")
    try:
        entry._dispatch([a.format(path=path) for a in argv])
    except SystemExit as exit_:
        assert len(argv) == 3 and exit_.code == 0
    else:
        assert len(argv) < 3
    assert opened == [(path, 300)]


def test_a_missing_report_is_one_line_without_typer(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom fa_tui.entry import main\nsys.argv = ['fa-tui', sys.argv[1]]\n"
        "try:\n    main()\n"
        "finally:\n    sys.stderr.write('typer' in sys.modules and 'TYPER' or '')\n"
    )
    missing = tmp_path / "无此报告.pdf"
    done = subprocess.run(
        [sys.executable, "-c", code, str(missing)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"错误：文件不存在：{missing}"]


async def test_the_source_cursor_is_on_the_line() -> None:
    line = 473  # 增加（减少）: a template leftover in the narrative
    app = InspectorApp(read_report(sample_path("2022-liujiang")), line=line)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        source = app.inspector.query_one(SourceView)
        assert source.cursor_line == line
        assert app.inspector.focused is source  # the tree did not take the focus
        assert 0 < source.screen_row(line) < source.size.height  # the line is on screen
        shown = [source.render_line(y).text for y in range(source.size.height)]
        assert any(sample_lines("2022-liujiang")[line - 1][:8] in row for row in shown)
