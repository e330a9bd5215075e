"""The inspector's preferences: a small TOML file the app reads and never writes.

``~/.config/fa-tui/config.toml`` on Linux (platformdirs' ``user_config_dir("fa-tui")``)::

    theme = "ansi-dark"     # a Textual theme (textual-dark, nord, gruvbox, ansi-dark, ...)
    severity = "error"      # the findings list starts filtered: all | error | warning | info
    ascii = true            # ASCII mode for CJK-ambiguous-wide terminals (see tui/ambiguous.py)
    mouse = false           # leave the mouse to the terminal (selecting text to copy)

The command line wins over the environment (``FA_TUI_ASCII=1``), which wins over the file. A
file that cannot be read or parsed, an unknown key or a wrong value gives one warning line and
the default for what is wrong; never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from fa_tui.model import Severity

SEVERITIES: dict[str, Severity | None] = {
    "all": None,
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
}
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")
ASCII_ENV = "FA_TUI_ASCII"


@dataclass(frozen=True)
class Prefs:
    """What the inspector starts with."""

    theme: str | None = None  # None: Textual's default (ansi-dark on a 16-colour terminal)
    severity: Severity | None = None  # the severity filter of the findings list at start
    ascii: bool = False
    mouse: bool = True


def config_path() -> Path:
    """Where the preferences file is looked for."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("fa-tui")) / "config.toml"


def load_prefs(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> tuple[Prefs, str | None]:
    """The preferences from the file at ``path`` (default ``config_path()``) and the
    environment, and one warning line for the reviewer when something in them was wrong."""
    path = config_path() if path is None else path
    environ = os.environ if environ is None else environ
    problems: list[str] = []
    prefs = Prefs()
    table: dict[str, object] = {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"无法读取（{exc.__class__.__name__}）")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"不是有效的 TOML（{' '.join(str(exc).split())}）")
    prefs = _from_table(table, problems)
    value = environ.get(ASCII_ENV)
    if value is not None:
        flag = value.strip().lower()
        if flag in _TRUE or flag in _FALSE:
            prefs = replace(prefs, ascii=flag in _TRUE)
        else:
            problems.append(f"环境变量 {ASCII_ENV}={value!r} 应为 1 或 0")
    if not problems:
        return prefs, None
    return prefs, f"警告：配置有误，已按默认设置处理：{path}：{'；'.join(problems)}"


def _from_table(table: Mapping[str, object], problems: list[str]) -> Prefs:
    prefs = Prefs()
    for key, value in table.items():
        if key == "theme":
            if isinstance(value, str) and value in _themes():
                prefs = replace(prefs, theme=value)
            else:
                known = ", ".join(_themes()[:4])
                problems.append(f"theme = {value!r} 不是可用的主题（如 {known}）")
        elif key == "severity":
            if isinstance(value, str) and value.lower() in SEVERITIES:
                prefs = replace(prefs, severity=SEVERITIES[value.lower()])
            else:
                problems.append(f"severity = {value!r} 应为 {' | '.join(SEVERITIES)}")
        elif key in ("ascii", "mouse"):
            if isinstance(value, bool) and key == "ascii":
                prefs = replace(prefs, ascii=value)
            elif isinstance(value, bool):
                prefs = replace(prefs, mouse=value)
            else:
                problems.append(f"{key} = {value!r} 应为 true 或 false")
        else:
            problems.append(f"未知的设置 {key!r}（可用 theme、severity、ascii、mouse）")
    return prefs


def _themes() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)
