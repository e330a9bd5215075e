"""Constant patterns made from the cache file are the patterns ``re.compile`` makes, and a
missing, damaged, foreign or unwritable cache changes nothing but the time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sample_path

from fa_tui import pattern_cache

# Of every kind the compiler treats apart: named groups, flags, bytes, a CJK class (a big
# charset), lookarounds, a back reference, a negated class, an empty pattern.
PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<dept>[\u4e00-\u9fff]{4,30}?)（(?:以下)?简称", 0),
    (r"^(?:第[一二三四五六七八九十\d]+部分|[（(][一二三四五六七八九十\d]+[）)])\s*(\S.*)$", 0),
    (r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\d)", 0),
    (r"([\u4e00-\u9fff]{2,4})\1", 0),
    (r"[^\u4e00-\u9fff]", 0),
    (r"heading \s+ (?P<n>\d+)  # verbose", re.VERBOSE | re.IGNORECASE),
    (rb"(?<![0-9])\d+[\x00\t\n\x0c\r ]+\d+[\x00\t\n\x0c\r ]+obj$", re.MULTILINE),
    ("", 0),
]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The module as a new process finds it, with a cache directory of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_known", None)
    monkeypatch.setattr(pattern_cache, "_made", {})
    monkeypatch.setattr(pattern_cache, "_enabled", True)
    return tmp_path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_cache, "_known", None)
    monkeypatch.setattr(pattern_cache, "_made", {})


def test_patterns_made_from_the_cache_are_those_re_compiles(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [pattern_cache.compile(p, f) for p, f in PATTERNS]
    assert len(pattern_cache._made) == len(PATTERNS)
    pattern_cache._save()
    assert pattern_cache.cache_file().parent == fresh / "fa-tui"
    _new_process(monkeypatch)
    again = [pattern_cache.compile(p, f) for p, f in PATTERNS]
    assert pattern_cache._made == {}, "compiled again instead of made from the file"
    for (pattern, flags), made, cached in zip(PATTERNS, first, again, strict=True):
        expected = re.compile(pattern, flags)
        assert made == expected and cached == expected, pattern  # ``==`` compares the code
        assert (cached.flags, cached.groups, cached.groupindex) == (
            expected.flags,
            expected.groups,
            expected.groupindex,
        )
    dept = again[0].search("上海市普陀区财政局（以下简称“财政局”）")
    assert dept is not None and dept["dept"] == "上海市普陀区财政局"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # one byte changed
        lambda data: b"not a cache file at all",
        lambda data: b"",
    ],
    ids=["truncated", "one-byte", "foreign", "empty"],
)
def test_a_damaged_cache_file_is_compiled_afresh_and_rewritten(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    for pattern, flags in PATTERNS:
        pattern_cache.compile(pattern, flags)
    pattern_cache._save()
    path = pattern_cache.cache_file()
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    _new_process(monkeypatch)
    for pattern, flags in PATTERNS:
        assert pattern_cache.compile(pattern, flags) == re.compile(pattern, flags)
    assert len(pattern_cache._made) == len(PATTERNS)
    pattern_cache._save()
    _new_process(monkeypatch)
    assert len(pattern_cache._cache()) == len(PATTERNS)


def test_a_cache_file_of_another_python_is_not_read(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern_cache.compile(*PATTERNS[0])
    pattern_cache._save()
    _new_process(monkeypatch)
    monkeypatch.setattr(pattern_cache, "_TAG", "cpython-399-1-4-1114111")
    assert pattern_cache._cache() == {}


def test_an_unwritable_cache_directory_is_no_error(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = fresh / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # its "fa-tui" cannot be made
    assert pattern_cache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    pattern_cache._save()
    assert list(fresh.iterdir()) == [blocked]


def test_the_cache_lies_where_platformdirs_puts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    for value in (None, "/srv/cache", "  "):
        if value is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert pattern_cache.cache_file().parent == Path(user_cache_dir("fa-tui")), value


def _check(cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, "-m", "fa_tui", "check", str(sample_path("2024-liling"))]
    return subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, env=env, timeout=120
    )


def test_check_reads_the_same_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    cold = _check(tmp_path)
    (written,) = (tmp_path / "fa-tui").iterdir()
    warm = _check(tmp_path)
    assert cold.returncode == warm.returncode == 1 and cold.stderr == warm.stderr == ""
    assert json.loads(cold.stdout)["reports"][0]["findings"] and cold.stdout == warm.stdout
    # Every pattern the check compiled, as the file holds it, is the one ``re`` makes.
    entries = pattern_cache._read(written)
    assert len(entries) > 150
    for (pattern, flags), entry in entries.items():
        assert pattern_cache._sre.compile(pattern, *entry) == re.compile(pattern, flags), pattern


def test_a_compiler_unlike_the_one_known_leaves_every_pattern_to_re(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Elsewhere:  # an engine that makes some other pattern of the parts it is given
        @staticmethod
        def compile(pattern: object, *parts: object) -> re.Pattern[str]:
            return re.compile("something else")

    monkeypatch.setattr(pattern_cache, "_sre", Elsewhere)
    for pattern, flags in PATTERNS:
        assert pattern_cache.compile(pattern, flags) == re.compile(pattern, flags)
    assert not pattern_cache._enabled and pattern_cache._made == {}
    pattern_cache._save()
    assert not pattern_cache.cache_file().exists()
