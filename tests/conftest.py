"""Shared fixtures: the real sample reports, and mutated copies of them in a temp dir."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

# The compiled-pattern cache (``fa_tui.pattern_cache``) of this test process and of the fa-tui
# processes its tests start: one of its own, never the real home's; removed at exit, after the
# cache is written (``atexit`` runs the handlers registered first last).
_CACHE_HOME = tempfile.mkdtemp(prefix="fa-tui-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "sample_reports"
SAMPLES = ("2024-lipu", "2023-yanbian", "2022-liujiang", "2024-panzhihua", "2024-liling")


def sample_path(name: str) -> Path:
    """Path of a sample report by its short name (``2022-liujiang``)."""
    return SAMPLES_DIR / f"{name}.txt"


@cache
def sample_lines(name: str) -> tuple[str, ...]:
    """The lines of a sample report (1-based: ``sample_lines(n)[line - 1]``)."""
    return tuple(sample_path(name).read_text(encoding="utf-8").split("\n"))


@cache
def load_sample(name: str):
    """The parsed Report of a sample (cached; treat as read-only)."""
    from fa_tui.pipeline import load_report

    return load_report(sample_path(name))


@pytest.fixture
def mutate(tmp_path: Path) -> Callable[..., Path]:
    """Write a copy of a sample with ``line`` (1-based) edited: replace ``old`` by ``new`` once.

    The sample itself is never touched; the copy lives in the test's temp dir.
    """

    def _mutate(name: str, line: int, old: str, new: str, count: int = 1) -> Path:
        text = sample_path(name).read_bytes().decode("utf-8")
        lines = text.split("\n")
        assert old in lines[line - 1], f"{old!r} not on line {line} of {name}"
        lines[line - 1] = lines[line - 1].replace(old, new, count)
        out = tmp_path / f"{name}-mutated.txt"
        out.write_bytes("\n".join(lines).encode("utf-8"))
        return out

    return _mutate


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets user data and state directories of its own (platformdirs follows XDG on
    Linux): review files and copies never land in the real home, nor leak between tests."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    return home
