"""`fa-tui tables`: text, JSON and CSV output, table selection, usage errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import sample_path
from typer.testing import CliRunner

from fa_tui.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["tables", *args])


def test_json_document_of_one_table() -> None:
    result = run(str(sample_path("2022-liujiang")), "--table", "05", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["path"].endswith("2022-liujiang.txt")
    [t05] = doc["tables"]
    assert (t05["id"], t05["role"], t05["label"], t05["status"], t05["unit"]) == (
        "公开05表",
        "公开05表",
        "公开05表",
        "data",
        "万元",
    )
    assert t05["title"] == "一般公共预算财政拨款支出决算表"
    assert t05["columns"] == ["小计", "基本支出", "项目支出"]
    assert t05["line"] == 261 and t05["end_line"] >= t05["line"]
    total = t05["rows"][0]
    assert total["name"] == "合计" and total["code"] is None
    assert total["cells"]["小计"] == {
        "value": "953.20",
        "decimals": 2,
        "line": 272,
        "column": 5,
        "end_column": 11,
        "repaired": False,
        "text": "953.20",
        "repair_note": None,
    }
    codes = [r["code"] for r in t05["rows"]]
    assert codes[1:4] == ["201", "20132", "2013202"]


def test_json_all_tables_amounts_as_strings() -> None:
    result = run(str(sample_path("2024-liling")), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    statuses = {t["id"]: t["status"] for t in doc["tables"] if t["id"]}
    assert statuses["公开09表"] == "empty" and statuses["公开04表"] == "data"
    t04 = next(t for t in doc["tables"] if t["id"] == "公开04表")
    health = next(r for r in t04["rows"] if r["name"] == "九、卫生健康支出")
    assert health["side"] == "spending"
    cell = health["cells"]["合计"]
    assert cell["value"] == "137500265.00" and cell["repaired"] is True
    assert cell["text"] == "137,500,26 5.00"
    for tab in doc["tables"]:
        for row in tab["rows"]:
            for c in row["cells"].values():
                assert c["value"] is None or isinstance(c["value"], str)


@pytest.mark.parametrize("wanted", ["公开03表", "03", "3", "支出决算表", "公开 03 表"])
def test_table_selection(wanted: str) -> None:
    result = run(str(sample_path("2022-liujiang")), "--table", wanted, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [t["id"] for t in json.loads(result.stdout)["tables"]] == ["公开03表"]


def test_selection_by_title_not_label() -> None:
    result = run(str(sample_path("2024-liling")), "--table", "收入决算表", "--format", "json")
    [tab] = json.loads(result.stdout)["tables"]
    assert tab["id"] == "公开02表" and tab["label"] == "公开03表"


def test_text_output_shows_statuses_and_figures_as_printed() -> None:
    result = run(str(sample_path("2024-liling")))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "决算表概览" in out and "空表" in out and "公开09表" in out
    assert "137,559,258.00" in out  # as printed, never re-rounded or rescaled
    assert "137,500,265.00*" in out  # repaired and marked
    assert "标记的 31 个数字原文有提取损坏" in out  # the legend under 表五 (31 split figures)
    clean = run(str(sample_path("2022-liujiang"))).stdout
    assert "提取损坏" not in clean  # no legend where nothing was repaired


def test_text_output_neutralises_report_text(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(
        "支出决算表\n公开 03 表\n单位：万元\n栏次\t\t1\t2\t3\n"
        "201\t[bold]x[/bold]\x1b]0;pwn\x07\t1.00\t1.00\t0.00\n",
        encoding="utf-8",
    )
    result = run(str(path), "--table", "03")
    assert result.exit_code == 0, result.output
    assert "[bold]x[/bold]" in result.stdout
    assert "\x1b]0;" not in result.stdout


def test_csv_one_line_per_cell() -> None:
    result = run(str(sample_path("2022-liujiang")), "--table", "公开09表", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 12
    assert rows[0]["column"] == "预算数合计" and rows[0]["value"] == "0.09"
    assert rows[0]["line"] == "393" and rows[0]["start_column"] == "1"


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--table", "公开10表"), "未找到表"), (("--format", "xml"), "不支持的输出格式")],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    result = run(str(sample_path("2022-liujiang")), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
