"""The preferences file, FA_TUI_ASCII, --ascii and --no-mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.ingest import read_report
from fa_tui.model import Severity
from fa_tui.tui.app import InspectorApp
from fa_tui.tui.prefs import Prefs, config_path, load_prefs
from fa_tui.tui.widgets.findings_list import FindingsList


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_prefs(tmp_path / "none.toml", {}) == (Prefs(), None)


def test_a_full_file_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nseverity = "error"\nascii = true\nmouse = false\n')
    prefs, warning = load_prefs(path, {})
    assert warning is None
    assert prefs == Prefs(theme="nord", severity=Severity.ERROR, ascii=True, mouse=False)


def test_broken_toml_gives_one_warning_line_and_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord\nascii = yes please\n')
    prefs, warning = load_prefs(path, {})
    assert prefs == Prefs()
    assert warning is not None and "\n" not in warning
    assert "不是有效的 TOML" in warning and str(path) in warning


def test_wrong_values_are_named_and_only_they_fall_back(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "no-such-theme"\nseverity = "fatal"\nascii = 1\ncolour = "red"\nmouse = false\n',
    )
    prefs, warning = load_prefs(path, {})
    assert prefs == Prefs(mouse=False)
    assert warning is not None and "\n" not in warning
    for name in ("no-such-theme", "fatal", "ascii = 1", "colour"):
        assert name in warning


def test_a_file_that_is_not_utf8_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff\xfe'\n")
    prefs, warning = load_prefs(path, {})
    assert prefs == Prefs() and warning is not None and "无法读取" in warning


@pytest.mark.parametrize(("value", "ascii"), [("1", True), ("yes", True), ("0", False)])
def test_the_environment_sets_ascii_over_the_file(tmp_path: Path, value: str, ascii: bool) -> None:
    path = write(tmp_path, "ascii = true\n" if not ascii else "")
    prefs, warning = load_prefs(path, {"FA_TUI_ASCII": value})
    assert warning is None and prefs.ascii is ascii


def test_a_wrong_environment_value_is_a_warning(tmp_path: Path) -> None:
    prefs, warning = load_prefs(tmp_path / "none.toml", {"FA_TUI_ASCII": "maybe"})
    assert not prefs.ascii and warning is not None and "FA_TUI_ASCII" in warning


def test_the_file_lives_in_the_user_config_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "fa-tui" / "config.toml"


# -- the command line -------------------------------------------------------------------------


class Ran:
    """What ``InspectorApp.run`` was called with (the app is not started)."""

    def __init__(self, monkeypatch) -> None:
        self.apps: list[InspectorApp] = []
        self.kwargs: list[dict[str, object]] = []

        def run(app: InspectorApp, **kw: object) -> None:
            self.apps.append(app)
            self.kwargs.append(kw)

        monkeypatch.setattr(InspectorApp, "run", run)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("FA_TUI_ASCII", raising=False)
    (tmp_path / "fa-tui").mkdir()
    return tmp_path / "fa-tui" / "config.toml"


def test_open_without_options_uses_mouse_and_no_ascii(config_home: Path, monkeypatch) -> None:
    from fa_tui.cli import app

    ran = Ran(monkeypatch)
    result = CliRunner().invoke(app, ["open", str(sample_path("2024-liling"))])
    assert result.exit_code == 0, result.output
    assert ran.kwargs == [{"mouse": True}] and not ran.apps[0].ascii_mode


def test_no_mouse_and_ascii_options(config_home: Path, monkeypatch) -> None:
    from fa_tui.cli import app

    ran = Ran(monkeypatch)
    args = ["open", str(sample_path("2024-liling")), "--no-mouse", "--ascii"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ran.kwargs == [{"mouse": False}] and ran.apps[0].ascii_mode


def test_the_config_and_the_environment_reach_the_app(config_home: Path, monkeypatch) -> None:
    from fa_tui.cli import app

    config_home.write_text('theme = "nord"\nseverity = "warning"\nmouse = false\n')
    monkeypatch.setenv("FA_TUI_ASCII", "1")
    ran = Ran(monkeypatch)
    result = CliRunner().invoke(app, ["open", str(sample_path("2024-liling"))])
    assert result.exit_code == 0, result.output
    opened = ran.apps[0]
    assert ran.kwargs == [{"mouse": False}] and opened.ascii_mode
    assert opened.theme == "nord" and opened.severity is Severity.WARNING


def test_an_invalid_config_warns_in_one_line_and_opens_anyway(
    config_home: Path, monkeypatch
) -> None:
    from fa_tui.cli import app

    config_home.write_text("ascii = [\n")
    ran = Ran(monkeypatch)
    result = CliRunner().invoke(app, ["open", str(sample_path("2024-liling"))])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "配置有误" in lines[0] and "Traceback" not in result.output
    assert ran.apps[0].notices and not ran.apps[0].ascii_mode


# -- in the app ---------------------------------------------------------------------------------


async def test_the_default_severity_filter_applies_at_start() -> None:
    app = InspectorApp(read_report(sample_path("2024-liling")), severity=Severity.ERROR)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_ready(60)
        await pilot.pause()
        listing = app.inspector.query_one(FindingsList)
        shown = [app.inspector.index.findings[i] for i in listing.order]
        assert shown and all(f.severity is Severity.ERROR for f in shown)
        assert len(shown) < len(app.inspector.index.findings)
        assert "筛选：错误" in str(listing.border_title)


async def test_a_config_warning_is_notified_in_the_app() -> None:
    notice = "警告：配置有误，已按默认设置处理：/x/config.toml：未知的设置 'colour'"
    app = InspectorApp(read_report(sample_path("2024-liling")), notices=[notice])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.wait_until_ready(60)
        await pilot.pause(0.2)
        text = "".join(s.text for s in app.screen._compositor.render_strips())
        assert "配置有误" in text
