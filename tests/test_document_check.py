"""`fa-tui check` on PDF and DOCX files: findings name the page, paragraph or cell."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.render.contract import CheckDocument

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDF_WHERE = re.compile(r"^第 \d+ 页第 \d+ 行$")
DOCX_WHERE = re.compile(r"^第 \d+ 段$|^第 \d+ 个表格第 \d+ 行第 \d+ 格$")


def check_json(path: Path, exit_code: int) -> CheckDocument:
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == exit_code, result.stderr
    return CheckDocument.model_validate_json(result.stdout)


def test_json_findings_of_a_pdf_name_page_and_line() -> None:
    report = check_json(FIXTURES / "2024-liling.pdf", 1).reports[0]
    located = [f for f in report.findings if f.line is not None]
    assert located and all(f.location and PDF_WHERE.match(f.location) for f in located)


def test_json_findings_of_a_docx_name_paragraph_or_cell() -> None:
    report = check_json(FIXTURES / "2022-liujiang.docx", 1).reports[0]  # FA801 errors
    located = [f for f in report.findings if f.line is not None]
    assert located and all(f.location and DOCX_WHERE.match(f.location) for f in located)
    assert any("表格" in (f.location or "") for f in located)  # table findings name a cell


def test_text_files_carry_no_document_location() -> None:
    report = check_json(sample_path("2024-liling"), 1).reports[0]
    assert all(f.location is None for f in report.findings)


def test_text_output_shows_the_document_location() -> None:
    result = CliRunner().invoke(app, ["check", str(FIXTURES / "2024-liling.pdf")])
    assert result.exit_code == 1
    assert re.search(r"@ 原文第 \d+ 页第 \d+ 行", result.stdout)


def test_directory_check_picks_up_documents_and_skips_word_lock_files(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "2022-liujiang.docx", tmp_path / "a.docx")
    shutil.copy(FIXTURES / "2024-liling.pdf", tmp_path / "b.pdf")
    (tmp_path / "~$a.docx").write_bytes(b"\x00" * 162)  # Word's lock file
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.stderr
    paths = [Path(r.path).name for r in CheckDocument.model_validate_json(result.stdout).reports]
    assert paths == ["a.docx", "b.pdf"]
