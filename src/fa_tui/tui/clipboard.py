"""The copy key: a finding as plain text, and the file it is also saved to.

The app cannot know whether the terminal honours OSC 52 (the clipboard escape Textual sends),
so the text is also written to ``copied.txt`` in platformdirs' ``user_state_dir("fa-tui")``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fa_tui.model import Finding, SourceText
from fa_tui.model.findings import CATEGORY_NAMES
from fa_tui.safe_text import neutralise
from fa_tui.tui.index import SEVERITY_NAMES

COPY_FILE = "copied.txt"


def finding_text(finding: Finding, source: SourceText | None, name: str = "") -> str:
    """``finding`` as plain text for a review note: code, severity, message, place, figures."""
    lines = [
        f"{finding.code} [{SEVERITY_NAMES[finding.severity]}] {CATEGORY_NAMES[finding.category]}",
        " ".join(finding.message.split()),
    ]
    span = finding.span
    if span is None:
        where = "无具体位置"
    else:
        where = f"第 {span.line} 行"
        place = source.location(span.line, span.column) if source is not None else None
        if place is not None and place.describe():
            where += f"（原文{place.describe()}）"
    lines.append(f"位置：{name} {where}" if name else f"位置：{where}")
    if finding.computation:
        lines.append(f"计算：{' '.join(finding.computation.split())}")
    figures = [
        f"{label} {value}"
        for label, value in (
            ("应为", finding.expected),
            ("实为", finding.actual),
            ("差额", finding.difference),
        )
        if value is not None
    ]
    if figures:
        lines.append("  ".join(figures))
    return "\n".join(neutralise(line, tabs=" ") for line in lines) + "\n"


def copy_path() -> Path:
    """Where the copied text is saved."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("fa-tui")) / COPY_FILE


def save_copy(text: str, path: Path | None = None) -> Path:
    """Write ``text`` to ``path`` (default ``copy_path()``) atomically; returns the path.

    Raises ``OSError`` when the directory cannot be made or the file written.
    """
    path = copy_path() if path is None else path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".copied-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def shown_path(path: Path) -> str:
    """``path`` with the home directory written ``~`` (shorter on the status line)."""
    home = Path.home()
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)
