"""Hostile and broken input: `check`, `outline` and `tables` give findings or one clear line
(exit 2), in bounded time and memory, and never a traceback.

The corpus is generated here, in the test's temp dir; nothing binary is committed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.commands.outline import outline_document
from fa_tui.ingest.text import MAX_BYTES
from fa_tui.pipeline import load_report

COMMANDS = ("check", "outline", "tables")
SECONDS = 5.0  # per command on the small hostile files (real reports take well under 1 s)


def run(command: str, path: Path, *args: str):
    """Invoke ``command`` on ``path`` in-process; the result and the seconds it took."""
    start = time.perf_counter()
    result = CliRunner().invoke(app, [command, str(path), *args])
    return result, time.perf_counter() - start


def assert_clean(result, *, word: str | None = None) -> None:
    """Findings (exit 0/1, output on stdout) or exactly one line on stderr and exit 2."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert word is None or word in lines[0], lines[0]
    else:
        assert word is None, f"expected a one-line error with {word!r}, got exit {result.exit_code}"
        assert result.exit_code in (0, 1) and result.stdout.strip()


def sample_text(name: str = "2022-liujiang") -> str:
    return sample_path(name).read_text(encoding="utf-8")


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body>第一部分</w:body></w:document>")
    return buffer.getvalue()


REJECTED = {
    "empty.txt": (b"", "为空"),
    "blank.txt": (b" \t\n\r\n   \n\x0c\n", "为空"),
    "binary.txt": (bytes(range(256)) * 64, "二进制"),
    "noise.txt": (os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00", "二进制"),
    "report.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "PDF"),
    "report.docx.txt": (_docx_bytes(), "DOCX"),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_unreadable_files_are_one_clear_line(tmp_path: Path, name: str) -> None:
    data, word = REJECTED[name]
    path = tmp_path / name
    path.write_bytes(data)
    for command in COMMANDS:
        result, seconds = run(command, path)
        assert result.exit_code == 2, (command, result.stdout[:200])
        assert_clean(result, word=word)
        assert str(path) in result.stderr and seconds < SECONDS


def broken_reports() -> dict[str, str]:
    """Reports damaged in the ways extraction and editing damage them."""
    lines = sample_text().split("\n")
    table_line = next(k for k, line in enumerate(lines) if line.startswith("210\t"))
    ragged = []
    for k, line in enumerate(lines):
        if "\t" in line:
            cells = line.split("\t")
            line = "\t".join(cells[: 1 + k % len(cells)]) if k % 3 else line + "\t\t\t9.9\t"
        elif k % 7 == 0:
            line = "\t" + line + "\t"
        ragged.append(line)
    forty = "1" + "2345678901" * 4
    return {
        "cut-mid-table": "\n".join(lines[: table_line + 3]) + "\n" + lines[table_line + 3][:9],
        "ragged-rows": "\n".join(ragged),
        "heading-x10000": "第二部分 部门决算表\n" * 10_000,
        "part-headings-x10000": ("一、部门职责\n第一部分 部门概况\n（一）机构设置\n") * 3_400,
        "forty-digits": sample_text()
        .replace("627.68", f"{forty}.68")
        .replace("953.20", f"-{forty}.20")
        .replace("万元", f"{forty}万元", 30),
        "only-tabs-and-numbers": "\n".join("\t".join(["9" * 40] * 12) for _ in range(500)),
        "unbalanced-noise": "[bookmark: " * 5_000 + "**" * 5_000 + "\n第一部分 概况\n",
    }


@pytest.mark.parametrize("name", sorted(broken_reports()))
def test_broken_reports_give_findings_quickly(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(broken_reports()[name], encoding="utf-8")
    for command in COMMANDS:
        result, seconds = run(command, path)
        assert_clean(result)
        assert result.exit_code != 2, result.stderr
        assert seconds < SECONDS, f"{command} on {name} took {seconds:.1f} s"


def test_forty_digit_figures_are_exact_in_tables_and_findings(tmp_path: Path) -> None:
    forty = "1" + "2345678901" * 4
    path = tmp_path / "forty.txt"
    path.write_text(sample_text().replace("627.68", f"{forty}.68", 1), encoding="utf-8")
    tables = json.loads(run("tables", path, "--format", "json")[0].stdout)
    values = [
        cell["value"]
        for table in tables["tables"]
        for row in table["rows"]
        for cell in row["cells"].values()
    ]
    assert f"{forty}.68" in values
    result = run("check", path, "--format", "json")[0]
    findings = json.loads(result.stdout)["reports"][0]["findings"]
    assert not [f for f in findings if f["category"] == "internal"]
    # sums are exact at 40 digits: the difference is the changed figure minus the original
    differences = {f["difference"] for f in findings if f["difference"]}
    exact = f"{int(forty) - 627:+d}".lstrip("+")
    assert any(d and d.lstrip("+-").startswith(exact[:38]) for d in differences), differences


def test_mixed_encodings_decode_line_by_line(tmp_path: Path) -> None:
    lines = sample_text().split("\n")
    half = len(lines) // 2
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030")
    )
    report = load_report(path)
    assert report.source.lines == tuple(lines[: len(report.source.lines)])
    original = outline_document(load_report(sample_path("2022-liujiang")))
    mixed = outline_document(report)
    assert mixed["encoding"] == "utf-8+gb18030"
    assert mixed["parts"] == original["parts"] and mixed["tables"] == original["tables"]
    for command in COMMANDS:
        assert_clean(run(command, path)[0])


def test_directory_with_unreadable_file_and_symlink_loops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    good = folder / "sub" / "lipu.txt"
    good.write_bytes(sample_path("2024-lipu").read_bytes())
    locked = folder / "locked.txt"
    locked.write_bytes(sample_path("2024-lipu").read_bytes())
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)  # directory loop
    # Simulate an unreadable file the same way for root (whom chmod does not stop) and others.
    real_open = Path.open

    def guarded_open(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    result, seconds = run("check", folder, "--format", "json", "--jobs", "1")
    assert result.exit_code == 2 and seconds < SECONDS
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3, errors  # locked.txt and the two looping links, one line each
    assert any("locked.txt" in e and "权限" in e for e in errors)
    assert sum("loop-" in e and "符号链接" in e for e in errors) == 2
    reports = json.loads(result.stdout)["reports"]
    assert [Path(r["path"]).name for r in reports] == ["lipu.txt"]  # once: the loop not followed
    for command in ("outline", "tables", "check"):
        looped = run(command, folder / "loop-a.txt")[0]
        assert looped.exit_code == 2
        assert_clean(looped, word="符号链接")


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="chmod 000 does not stop root from reading; the PermissionError path is covered "
    "by test_directory_with_unreadable_file_and_symlink_loops",
)
def test_chmod_000_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(sample_path("2024-lipu").read_bytes())
    path.chmod(0)
    try:
        for command in COMMANDS:
            result = run(command, path)[0]
            assert result.exit_code == 2
            assert_clean(result, word="权限")
    finally:
        path.chmod(0o644)


# --- the heavy cases: each command in a subprocess, with its wall time and peak memory -------

_MEASURE = """
import sys, time
from fa_tui.entry import main
sys.argv = ["fa-tui", *sys.argv[1:]]
start = time.perf_counter()
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
else:
    code = 0
# VmHWM is this process's own peak; ru_maxrss would carry over the parent's peak across exec.
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) // 1024
sys.stderr.write(f"\\nMEASURE {code} {time.perf_counter() - start:.2f} {peak}\\n")
sys.exit(code)
"""


def measured(*args: str, timeout: float) -> tuple[int, float, int, str]:
    """(exit code, seconds inside the command, peak RSS in MB, stderr without the measure line)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "120"},
    )
    head, _, last = out.stderr.rstrip().rpartition("\n")
    assert last.startswith("MEASURE "), out.stderr[-2000:]
    code, seconds, peak = last.split()[1:]
    return int(code), float(seconds), int(peak), head


def test_a_20_mb_file_is_refused_fast_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    chunk = sample_text().encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(20_000_000 // len(chunk) + 1):
            handle.write(chunk)
    assert path.stat().st_size > 20_000_000 > MAX_BYTES
    for command in COMMANDS:
        code, seconds, peak, stderr = measured(command, str(path), timeout=60)
        assert code == 2 and seconds < 5 and peak < 150, (command, seconds, peak)
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and "过大" in lines[0] and "Traceback" not in stderr


def five_mb_line(tmp_path: Path) -> Path:
    path = tmp_path / "one-line.txt"
    unit = "本年收入1234.56万元，比上年增加12.30万元，增长1.01%；"
    path.write_text(
        "第一部分 部门概况\n" + unit * (5_000_000 // len(unit.encode())) + "\n", encoding="utf-8"
    )
    return path


def test_a_5_mb_line_outline_and_tables(tmp_path: Path) -> None:
    path = five_mb_line(tmp_path)
    for command in ("outline", "tables"):
        code, seconds, peak, stderr = measured(command, str(path), timeout=60)
        assert code == 0 and "Traceback" not in stderr
        # A generous bound (it takes about 1 s): it catches a quadratic reader (minutes), never
        # a loaded machine; the real figures are bench/'s.
        assert seconds < 20 and peak < 400, (command, seconds, peak)


def test_a_5_mb_line_check_is_bounded(tmp_path: Path) -> None:
    path = five_mb_line(tmp_path)
    try:
        code, seconds, peak, stderr = measured("check", str(path), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("check on a 5 MB line took more than 30 s")
    assert code in (0, 1) and "Traceback" not in stderr
    assert seconds < 20 and peak < 600, (seconds, peak)  # generous, as above


def test_a_line_of_unclosed_bookmark_tags_is_linear(tmp_path: Path) -> None:
    """``[bookmark: `` repeated with no closing ``]`` (220 KB) took ~5 s per parser (quadratic)."""
    path = tmp_path / "bookmarks.txt"
    tag_line = "[bookmark: " * 20_000
    closed = "[bookmark: _Toc1]**二、**收入支出决算总体情况说明"
    path.write_text(
        "第一部分 部门概况\n" + tag_line + "\n" + tag_line + closed + "\n" + closed + "\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    report = load_report(path)
    assert time.perf_counter() - start < 2.0
    for command in COMMANDS:
        result, seconds = run(command, path)
        assert_clean(result)
        assert seconds < SECONDS, (command, seconds)
    # the closed tag and the emphasis are still noise: the heading is read without them
    titles = [s.title for p in report.parts for s in p.walk_sections()]
    assert any("收入支出决算总体情况说明" in t and "bookmark" not in t for t in titles), titles
