"""Column meanings from a multi-row header: 预算数/决算数 interleaved per item, no 栏次 row."""

from __future__ import annotations

from pathlib import Path

from conftest import sample_path

from fa_tui.model import TableStatus
from fa_tui.pipeline import load_report, run_rules

# 表九 as a template that interleaves 预算数 and 决算数 per item prints it: no 栏次 row, 运行费
# for 运行维护费, the items on the top rows and 预算数/决算数 on the last header row.
INTERLEAVED = [
    "财政拨款“三公”经费\t\t\t\t\t\t\t\t\t\t\t",
    "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t",
    "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t",
    "\t".join(["预算数", "决算数"] * 6),
    "3.00\t2.50\t1.00\t0.80\t1.50\t1.20\t0.00\t0.00\t1.50\t1.20\t0.50\t0.50",
]


def _liujiang_with(tmp_path: Path, header_and_rows: list[str]) -> Path:
    """liujiang with its 表九 header, 栏次 row and figures replaced by ``header_and_rows``."""
    lines = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")
    start = lines.index("预算数\t\t\t\t\t\t决算数\t\t\t\t\t")
    end = start + 5  # three header rows, the 栏次 row, the figure row
    assert lines[end - 1].startswith("0.09\t")
    lines[start:end] = header_and_rows
    path = tmp_path / "t09.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _cells(path: Path) -> dict[str, str]:
    table = load_report(path).table("公开09表")
    assert table is not None and table.status is TableStatus.DATA
    assert len(table.rows) == 1
    return {key: amount.text for key, amount in table.rows[0].cells.items()}


def test_interleaved_budget_and_outturn_columns_are_read_by_their_headers(tmp_path: Path) -> None:
    cells = _cells(_liujiang_with(tmp_path, INTERLEAVED))
    assert cells == {
        "预算数合计": "3.00",
        "预算数因公出国（境）费": "1.00",
        "预算数公务用车购置及运行维护费小计": "1.50",
        "预算数公务用车购置费": "0.00",
        "预算数公务用车运行维护费": "1.50",
        "预算数公务接待费": "0.50",
        "决算数合计": "2.50",
        "决算数因公出国（境）费": "0.80",
        "决算数公务用车购置及运行维护费小计": "1.20",
        "决算数公务用车购置费": "0.00",
        "决算数公务用车运行维护费": "1.20",
        "决算数公务接待费": "0.50",
    }
    # Read by position (six budget figures, then six outturn figures) these break FA209.
    report = load_report(_liujiang_with(tmp_path, INTERLEAVED))
    assert run_rules(report, select=("FA209",)) == []


def test_a_wrong_interleaved_figure_is_found_in_its_table(tmp_path: Path) -> None:
    rows = [*INTERLEAVED[:-1], INTERLEAVED[-1].replace("\t0.80\t", "\t0.90\t")]
    findings = run_rules(load_report(_liujiang_with(tmp_path, rows)), select=("FA209",))
    assert [(f.code, f.table) for f in findings] == [("FA209", "公开09表")]
    assert "决算数" in findings[0].message


def test_the_national_header_without_its_row_numbers_reads_the_same(tmp_path: Path) -> None:
    lines = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")
    start = lines.index("预算数\t\t\t\t\t\t决算数\t\t\t\t\t")
    header = lines[start : start + 3]
    figures = "\t".join(["3.00", "1.00", "1.50", "0.00", "1.50", "0.50"])
    outturn = "\t".join(["2.50", "0.80", "1.20", "0.00", "1.20", "0.50"])
    cells = _cells(_liujiang_with(tmp_path, [*header, f"{figures}\t{outturn}"]))
    assert cells["预算数公务用车运行维护费"] == "1.50" and cells["决算数公务接待费"] == "0.50"
    assert cells["决算数合计"] == "2.50" and cells["预算数公务用车购置费"] == "0.00"


def test_a_header_that_names_no_column_falls_back_to_the_printed_order(tmp_path: Path) -> None:
    """预算数/决算数 missing from the last header row: the reading by position applies, as
    before (six budget figures, then six outturn figures)."""
    rows = [*INTERLEAVED[:3], "\t".join(["甲", "乙"] * 6), INTERLEAVED[-1]]
    cells = _cells(_liujiang_with(tmp_path, rows))
    assert cells["预算数合计"] == "3.00" and cells["预算数因公出国（境）费"] == "2.50"
