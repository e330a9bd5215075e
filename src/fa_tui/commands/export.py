"""`fa-tui export REPORT... --format xlsx|docx|md`: the 审核意见 of checked reports.

Each report is read and checked as ``check`` does, its marks taken from its review file (the
user's, or ``--review FILE`` for a single report), and the findings written as a workbook, a
Word letter or Markdown. The output is written atomically and never over an input.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fa_tui.commands.common import fail, stderr_line
from fa_tui.export.output import FORMATS, write_export
from fa_tui.ingest import InputError, read_report

if TYPE_CHECKING:
    from fa_tui.export.rows import ReportSheet


def run_export(
    paths: Sequence[Path],
    fmt: str,
    output: Path | None = None,
    review_file: Path | None = None,
    include_dismissed: bool = False,
) -> None:
    """Export the 审核意见 of the reports at ``paths`` (files or folders)."""
    from fa_tui.commands.check import report_files

    if fmt not in FORMATS:
        fail(f"错误：--format 只能是 {' / '.join(FORMATS)}，而不是 {fmt}")
    errors: list[str] = []
    files = list(report_files(paths, errors))
    for line in errors:
        stderr_line(line)
    if not files:
        fail("错误：没有可导出的报告文件")
    if review_file is not None and len(files) > 1:
        fail("错误：--review 只能用于一份报告（多份报告各用各自的审阅文件）")
    if output is None and fmt != "md":
        output = Path(f"{files[0][0].stem if len(files) == 1 else '审核意见'}-审核意见.{fmt}")
    if output is not None:
        _refuse_overwriting_an_input(output, [p for p, _named in files])
    read = [_sheet(path, named, review_file, include_dismissed) for path, named in files]
    sheets = [s for s in read if s is not None]
    if not sheets:
        fail("错误：没有一份报告能够读取")
    if output is None:  # Markdown to stdout
        from fa_tui.export.markdown import markdown

        sys.stdout.write(markdown(sheets))
        return
    try:
        write_export(sheets, fmt, output)
    except OSError as exc:
        fail(f"错误：无法写入 {output}：{exc.strerror or exc}")
    stderr_line(f"已导出 {len(sheets)} 份报告的审核意见：{output}")


def _sheet(
    path: Path, named: bool, review_file: Path | None, include_dismissed: bool
) -> ReportSheet | None:
    """The rows of the report at ``path`` (``None``, said on stderr, when it cannot be read;
    ``None`` too for a file found in a folder that is no report, such as a README)."""
    from fa_tui.export.rows import report_sheet
    from fa_tui.pipeline import analyse, looks_like_report, rule_titles
    from fa_tui.review.facts import report_facts
    from fa_tui.review.session import Review

    try:
        source = read_report(path)
    except InputError as exc:
        stderr_line(str(exc))
        return None
    report, findings = analyse(source)
    if not named and not looks_like_report(report):
        return None
    review = Review.open(report_facts(report, findings), review_file)
    for notice in review.notices:
        stderr_line(notice)
    titles = rule_titles()
    return report_sheet(
        report, findings, review, titles=titles, include_dismissed=include_dismissed
    )


def _refuse_overwriting_an_input(output: Path, inputs: Sequence[Path]) -> None:
    target = output.expanduser().resolve(strict=False)
    if any(target == p.expanduser().resolve(strict=False) for p in inputs):
        fail(f"错误：输出文件不能是输入的报告：{output}")
    if target.is_dir():
        fail(f"错误：输出位置是一个目录：{output}")
