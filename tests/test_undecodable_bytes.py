"""A text report with a few undecodable bytes is read, the bytes replaced, and FA110 names the
lines; a file that is mostly undecodable is still refused with one line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import sample_path
from helpers_rules import run
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.ingest import InputError, read_report
from fa_tui.model import Span


def _with_stray_bytes(tmp_path: Path, encoding: str, prefix: bytes = b"") -> tuple[Path, str]:
    """A copy of liling in ``encoding`` with a stray 0xFF byte after the first 万 of line 80."""
    lines = sample_path("2024-liling").read_text(encoding="utf-8").split("\n")
    target = lines[79]
    cut = target.index("万") + 1
    before = "\n".join([*lines[:79], target[:cut]]).encode(encoding)
    after = "\n".join([target[cut:], *lines[80:]]).encode(encoding)
    path = tmp_path / f"liling-{encoding}.txt"
    path.write_bytes(prefix + before + b"\xff" + after)
    return path, target


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [("utf-8", b"", "utf-8"), ("gb18030", b"", "gb18030"), ("utf-8", codecs.BOM_UTF8, "utf-8-sig")],
)
def test_a_stray_byte_is_replaced_and_the_rest_read(
    tmp_path: Path, encoding: str, prefix: bytes, expected: str
) -> None:
    path, target = _with_stray_bytes(tmp_path, encoding, prefix)
    source = read_report(path)
    assert source.encoding == expected
    cut = target.index("万") + 1
    assert source.line(80) == target[:cut] + "\ufffd" + target[cut:]
    original = read_report(sample_path("2024-liling"))
    assert len(source.lines) == len(original.lines)
    assert [n for n, line in enumerate(source.lines, 1) if line != original.line(n)] == [80]


def test_fa110_names_the_line_and_points_at_the_byte(tmp_path: Path) -> None:
    path, target = _with_stray_bytes(tmp_path, "utf-8")
    (finding,) = run(path, "FA110")
    column = target.index("万") + 2
    assert finding.span == Span.at(80, column, column + 1)
    assert finding.message == "第 80 行有无法解码的字节（显示为“\ufffd”），这些行的内容可能残缺"
    assert finding.related == []


def test_fa110_lists_every_line_once(tmp_path: Path) -> None:
    lines = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")
    data = "\n".join(lines).encode("utf-8").split(b"\n")
    for index in (9, 19, 20):  # lines 10, 20 and 21, a run of two bytes on line 21
        data[index] = data[index] + (b"\xfe\xff" if index == 20 else b"\xff")
    path = tmp_path / "three.txt"
    path.write_bytes(b"\n".join(data))
    (finding,) = run(path, "FA110")
    assert finding.message.startswith("第 10、20、21 行有无法解码的字节")
    assert [r.span.line for r in finding.related] == [20, 21]
    assert finding.related[1].span.end_column - finding.related[1].span.column == 2


def test_a_clean_report_has_no_fa110() -> None:
    assert run(sample_path("2024-liling"), "FA110") == []


def test_mostly_undecodable_bytes_are_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes("合计".encode() + b"\x81\x30\xff\xfe\xfd" * 200)
    with pytest.raises(InputError, match="无法识别文件编码"):
        read_report(path)


def test_check_reads_the_damaged_file_and_reports_its_lines(tmp_path: Path) -> None:
    path, _ = _with_stray_bytes(tmp_path, "gb18030")
    result = CliRunner().invoke(app, ["check", str(path), "--select", "FA110"])
    assert result.exit_code == 0, result.output  # warnings pass the default --fail-on error
    assert "FA110 [警告]" in result.output and "第 80 行有无法解码的字节" in result.output
