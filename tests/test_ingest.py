"""Ingestion: encodings, newlines, and one-line errors with exit 2 for unreadable input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.commands.outline import outline_document
from fa_tui.ingest import InputError, read_report
from fa_tui.pipeline import load_report


def _outline_without_path(path: Path) -> dict:
    doc = outline_document(load_report(path))
    doc.pop("path")
    doc.pop("encoding")
    return doc


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("gb18030", b"", "gb18030"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ],
)
def test_same_outline_in_every_encoding(
    tmp_path: Path, encoding: str, prefix: bytes, expected: str
) -> None:
    original = sample_path("2022-liujiang")
    text = original.read_text(encoding="utf-8")
    copy = tmp_path / "report.txt"
    copy.write_bytes(prefix + text.encode(encoding))
    assert read_report(copy).encoding == expected
    assert _outline_without_path(copy) == _outline_without_path(original)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_are_normalised(tmp_path: Path, newline: str) -> None:
    original = sample_path("2024-liling")
    lines = original.read_text(encoding="utf-8").split("\n")
    copy = tmp_path / "report.txt"
    copy.write_bytes(newline.join(lines).encode("utf-8"))
    source = read_report(copy)
    assert list(source.lines) == lines[: len(source.lines)]
    assert _outline_without_path(copy) == _outline_without_path(original)


def test_lines_are_kept_exactly() -> None:
    path = sample_path("2024-panzhihua")
    source = read_report(path)
    raw = path.read_text(encoding="utf-8").split("\n")
    assert source.lines[0] == raw[0] and source.line(125) == raw[124]


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\t\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    undecodable = tmp_path / "undecodable.txt"
    undecodable.write_bytes(b"\x81\x30\xff\xfe\xfd" * 50)
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return {
        "missing": (tmp_path / "nope.txt", "不存在"),
        "directory": (tmp_path, "目录"),
        "empty": (empty, "为空"),
        "blank": (blank, "为空"),
        "binary": (binary, "二进制"),
        "undecodable": (undecodable, "编码"),
        "pdf": (pdf, "PDF"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "blank", "binary", "undecodable", "pdf"]
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    path, word = _bad_inputs(tmp_path)[case]
    before = path.read_bytes() if path.is_file() else None
    result = CliRunner().invoke(app, ["outline", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert word in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.stderr
    if before is not None:
        assert path.read_bytes() == before


def test_read_report_raises_input_error_not_oserror(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_report(tmp_path / "missing.txt")


def test_reading_never_modifies_the_file() -> None:
    path = sample_path("2024-liling")
    stat = path.stat()
    before = path.read_bytes()
    load_report(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stat.st_mtime_ns
