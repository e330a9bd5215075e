"""`fa-tui check` and `fa-tui rules`: formats, options, exit codes, headless core."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES_DIR, sample_path
from rich.cells import cell_len
from typer.testing import CliRunner

from fa_tui.cli import app
from fa_tui.model import Span
from fa_tui.render.contract import CheckDocument
from fa_tui.render.text_report import underline
from fa_tui.rules.engine import load_rules
from fa_tui.rules.registry import RULES


def _check(*args: str):
    return CliRunner().invoke(app, ["check", *args])


def test_json_follows_the_contract() -> None:
    result = _check(
        str(sample_path("2022-liujiang")), str(sample_path("2024-lipu")), "--format", "json"
    )
    assert result.exit_code == 1, result.stderr  # lipu has no tables: an error
    document = CheckDocument.model_validate_json(result.stdout)  # stdout is only the document
    assert document.tool.name == "fa-tui"
    liujiang, lipu = document.reports
    assert liujiang.department == "柳州市柳江区医疗保障局" and liujiang.year == 2022
    assert liujiang.kind == "final_accounts"
    assert [p.name for p in liujiang.parts] == ["概况", "决算表", "情况说明", "名词解释", "绩效"]
    glossary = next(p for p in liujiang.parts if p.name == "名词解释")
    assert glossary.present and glossary.line == 649
    assert not next(p for p in lipu.parts if p.name == "决算表").present
    fa101 = next(f for f in lipu.findings if f.code == "FA101")
    assert fa101.severity == "error" and fa101.line is None
    for report in document.reports:
        counts = {
            s: sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")
        }
        assert report.summary.model_dump() == counts
    raw = json.loads(result.stdout)
    assert set(raw["reports"][0]) == {
        "path",
        "department",
        "kind",
        "year",
        "unit",
        "parts",
        "tables",
        "findings",
        "summary",
    }


def test_json_finding_positions_point_at_the_text() -> None:
    result = _check(str(sample_path("2022-liujiang")), "--format", "json", "--select", "FA801")
    document = CheckDocument.model_validate_json(result.stdout)
    finding = document.reports[0].findings[0]
    line = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "增加（减少）"


def test_sarif_has_the_required_fields() -> None:
    result = _check(str(sample_path("2024-lipu")), "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "fa-tui"
    ids = [r["id"] for r in rules]
    assert "FA101" in ids and all(r["shortDescription"]["text"] for r in rules)
    load_rules()
    growth = next(r for r in rules if r["id"] == "FA502")
    assert growth["name"] == RULES["FA502"].name == "growth-rate-on-prior-year"
    assert growth["shortDescription"]["text"] == RULES["FA502"].title
    assert growth["fullDescription"]["text"] == RULES["FA502"].explanation
    assert growth["fullDescription"]["text"].startswith("检查")
    assert growth["defaultConfiguration"] == {"level": "error"}
    assert len({r["name"] for r in rules}) == len(rules)
    assert run["results"], "lipu has findings"
    for res in run["results"]:
        assert res["level"] in ("error", "warning", "note")
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        physical = res["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("2024-lipu.txt")
        if "region" in physical:
            assert physical["region"]["startLine"] >= 1


def test_exit_codes() -> None:
    liujiang = str(sample_path("2022-liujiang"))
    assert _check(liujiang, "--select", "FA106").exit_code == 0
    assert _check(str(sample_path("2024-lipu")), "--select", "FA101").exit_code == 1
    # warnings only: 0 by default, 1 with --fail-on warning (FA501 on liujiang: one warning)
    assert _check(liujiang, "--select", "FA501").exit_code == 0
    assert _check(liujiang, "--select", "FA501", "--fail-on", "warning").exit_code == 1
    assert _check(liujiang, "--select", "FA108", "--fail-on", "warning").exit_code == 0  # info
    bad_format = _check(liujiang, "--format", "xml")
    assert bad_format.exit_code == 2 and len(bad_format.stderr.strip().splitlines()) == 1
    assert _check(liujiang, "--select", "FA999").exit_code == 2
    assert _check(liujiang, "--fail-on", "never").exit_code == 2


def test_unreadable_files_are_skipped_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(sample_path("2024-lipu"), folder / "nested" / "lipu.txt")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "README.md").write_text("# 说明\n\n这里是样例。\n", encoding="utf-8")
    (folder / "data.csv").write_text("a,b\n", encoding="utf-8")
    result = _check(str(folder), "--format", "json")
    assert result.exit_code == 2
    document = CheckDocument.model_validate_json(result.stdout)
    assert [Path(r.path).name for r in document.reports] == ["lipu.txt"]
    errors = [line for line in result.stderr.splitlines() if "broken.txt" in line]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert "README.md" in result.stderr  # skipped, said so


def test_missing_path_is_reported_and_others_still_checked() -> None:
    result = _check("/no/such/report.txt", str(sample_path("2024-lipu")))
    assert result.exit_code == 2
    assert "report.txt" in result.stderr
    assert "2024-lipu.txt:" in result.stdout


def test_text_format_is_compiler_like() -> None:
    result = _check(str(sample_path("2022-liujiang")), "--select", "FA801")
    lines = result.stdout.splitlines()
    header = f"{sample_path('2022-liujiang')}:473:"
    first = next(k for k, line in enumerate(lines) if line.startswith(header))
    assert " FA801 [错误]" in lines[first]
    at = next(k for k in range(first, len(lines)) if lines[k].lstrip().startswith("473 | "))
    source, carets = lines[at], lines[at + 1]
    assert source.lstrip().startswith("473 | ")
    # the carets sit under 增加（减少）in terminal cells
    start = carets.index("^")
    prefix = source[: source.index("增加（减少）")]
    assert cell_len(prefix) == cell_len(carets[:start])
    assert carets.count("^") == cell_len("增加（减少）")
    assert lines[-1].startswith(str(sample_path("2022-liujiang")))
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_total_line_for_several_files_and_statistics(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = _check(
        str(sample_path("2024-lipu")),
        str(sample_path("2023-yanbian")),
        "--output",
        str(out),
        "--statistics",
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "共 2 个文件" in text and "FA101" in text
    assert any(line.split()[1:2] == ["FA101"] for line in text.splitlines() if line.strip())


def test_underline_measures_terminal_cells() -> None:
    line = "卫生健康支出\t627.68\t443.66"
    span = Span.at(1, 8, 14)  # 627.68
    start, width = underline(line, span, 1)
    assert width == 6
    assert start == cell_len("卫生健康支出".expandtabs(4)) + (
        len("卫生健康支出\t".expandtabs(4)) - len("卫生健康支出")
    )


def test_report_text_is_neutralised(tmp_path: Path) -> None:
    text = sample_path("2022-liujiang").read_text(encoding="utf-8")
    text = text.replace("增加（减少）0万元", "增加（减少）\x1b[31m0万元", 1)
    path = tmp_path / "evil.txt"
    path.write_text(text, encoding="utf-8")
    result = _check(str(path), "--select", "FA801")
    assert "\x1b" not in result.stdout and "␛" in result.stdout


def test_check_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "from fa_tui.commands.check import CheckOptions, run_check\n"
        "try:\n"
        f"    run_check(CheckOptions(paths=[__import__('pathlib').Path({str(SAMPLES_DIR)!r})],"
        " fmt='json', output=__import__('pathlib').Path(sys.argv[1])))\n"
        "except BaseException:\n"
        "    pass\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "/dev/null"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_rules_lists_and_explains() -> None:
    runner = CliRunner()
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    codes = [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]
    assert codes == sorted(codes) and {"FA101", "FA201", "FA305", "FA701"} <= set(codes)
    load_rules()
    assert all(
        line.split()[1] == RULES[line.split()[0]].name for line in listing.stdout.splitlines()
    )
    one = runner.invoke(app, ["rules", "fa701"])
    assert one.exit_code == 0 and "FA701" in one.stdout and "万元" in one.stdout
    assert RULES["FA701"].explanation in one.stdout.replace("\n", "")
    by_name = runner.invoke(app, ["rules", "growth-rate-on-prior-year"])
    assert by_name.exit_code == 0 and by_name.stdout.startswith("FA502  ")
    assert "名称：growth-rate-on-prior-year" in by_name.stdout
    assert "所属部分" not in by_name.stdout
    glossary = runner.invoke(app, ["rules", "FA106"])
    assert "所属部分：名词解释" in glossary.stdout
    missing = runner.invoke(app, ["rules", "FA999"])
    assert missing.exit_code == 2 and missing.stdout == ""


def test_nothing_checked_prints_no_misleading_total(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "文件不存在" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(app, ["check", str(empty)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "未找到报告文件" in result.stderr


def test_json_findings_name_their_part_and_table() -> None:
    """Each finding says where it belongs: a table figure its table and 决算表, a missing part
    its part (from the rule), a narrative figure the part it is written in."""
    result = _check(str(sample_path("2022-liujiang")), "--format", "json", "--fail-on", "info")
    findings = json.loads(result.stdout)["reports"][0]["findings"]
    source = sample_path("2022-liujiang").read_text(encoding="utf-8").split("\n")
    by_code = {}
    for f in findings:
        by_code.setdefault(f["code"], []).append(f)
    table_finding = by_code["FA207"][0]
    assert (table_finding["part"], table_finding["table"]) == ("决算表", "公开06表")
    assert "301" in source[table_finding["line"] - 1]
    for f in findings:
        if f["line"] is None:
            assert f["part"] is not None, f
        elif f["table"] is not None:
            assert f["part"] == "决算表" and f["table"].startswith("公开"), f
    narrative = [f for f in findings if f["code"].startswith("FA5")]
    assert narrative and {f["part"] for f in narrative} <= {"情况说明", "绩效", "概况"}
    assert all(f["table"] is None for f in narrative)
