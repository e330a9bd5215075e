"""``fa-tui check`` text output, like a compiler or ruff.

    path:line:col: FA201 [错误] message #3f9a2c1b
      215 | 210	卫生健康支出	627.68	443.66	184.03
          |                 ^^^^^^
          = 443.66 + 184.03 = 627.69 ≠ 627.68
          - 215:20 基本支出

``#3f9a2c1b`` is the finding's stable id without its code (``pipeline.finding_ids``).
Severities are tagged in Chinese (``[错误]`` ``[警告]`` ``[提示]``); the machine formats keep
``error``/``warning``/``info``. Laid out for a width (``check`` takes the terminal's, or 80 on a
pipe), a block fits it: long source lines become a window around the figure, messages and
computations wrap between units, never inside a figure (``render/fit.py``).

Carets are placed in terminal cells (``rich.cells.cell_len``), so Chinese lines underline
correctly; tabs are expanded to spaces first. Report text goes through ``safe_text.neutralise``
and into ``Styled`` segments (``render/styled.py``), never markup; they are printed through a
``TextSink``: colour only on a terminal, and no Rich at all on a pipe or into a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from fa_tui.model import Finding, Report, Severity, SourceText, Span
from fa_tui.render.fit import MIN_WIDTH, window, wrap_styled
from fa_tui.render.json_report import document_location
from fa_tui.render.styled import Styled, TextSink, joined, plain
from fa_tui.safe_text import neutralise

if TYPE_CHECKING:
    from rich.table import Table as RichTable

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_NAME = SEVERITY_NAMES
TAB = 4
MARGIN = 2  # cells left free at the right edge of the width
INDENT = 9  # continuation lines start under the text after ``     = ``


def _display(line: str) -> str:
    """A source line ready for the terminal: tabs expanded, controls made visible."""
    return neutralise(line.expandtabs(TAB))


def _cells_before(line: str, column: int) -> int:
    """Terminal cells taken by the characters before 1-based ``column`` of ``line``."""
    return cell_len(_display(line[: max(column - 1, 0)]))


def underline(line: str, span: Span, number: int) -> tuple[int, int]:
    """(start cell, width in cells) of ``span`` on source line ``number``."""
    start_col = span.column if span.line == number else 1
    end_col = span.end_column if span.end_line == number else len(line) + 1
    start = _cells_before(line, start_col)
    width = max(_cells_before(line, end_col) - start, 1)
    return start, width


def _source_block(source: SourceText, span: Span, room: int | None) -> list[Styled]:
    """The span's first line with its number gutter, then the caret line.

    With ``room`` (cells for the line after the gutter), a longer line is shown as a window
    around the underlined figure, cut at unit boundaries and marked with ``…``.
    """
    number = span.line
    line = source.line(number)
    gutter = f"{number:>6} | "
    start, width = underline(line, span, number)
    shown = _display(line)
    if room is not None:
        shown, start, width = window(shown, start, width, max(room - len(gutter), 10))
    return [
        [(gutter, "dim"), (shown, "")],
        [(" " * (len(gutter) - 2) + "| ", "dim"), (" " * start + "^" * width, "bold")],
    ]


def _wrapped(prefix: Styled, rest: Styled, room: int | None) -> list[Styled]:
    """``prefix`` then ``rest``, ``rest`` wrapped in ``room`` cells under an indent."""
    if room is None:
        return [prefix + rest]
    used = cell_len(plain(prefix))
    if used > room - 12:  # no room worth the name after the prefix: start on the next line
        lines = wrap_styled(rest, room, first=INDENT, indent=INDENT)
        return [_rstrip(prefix), *[[(" " * INDENT, ""), *line] for line in lines]]
    lines = wrap_styled(rest, room, first=used, indent=INDENT)
    return [prefix + lines[0], *[[(" " * INDENT, ""), *line] for line in lines[1:]]]


def _rstrip(line: Styled) -> Styled:
    out = list(line)
    while out and not out[-1][0].strip():
        out.pop()
    if out:
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return out


def short_id(finding_id: str) -> str:
    """The hash part of a finding id (``FA301-3f9a2c1b`` → ``3f9a2c1b``): the code is shown."""
    return finding_id.rpartition("-")[2]


def finding_block(report: Report, finding: Finding, width: int | None = None) -> Styled:
    """The block of one finding: header, source and underline, computation, related spans.

    ``width`` (terminal cells) fits the block into a terminal that wide: long source lines
    become a window around the figure, messages wrap between units (never inside a figure).
    ``None``: every line whole, however long.
    """
    room = None if width is None else max(width, MIN_WIDTH) - MARGIN
    path = neutralise(str(report.path), tabs=" ")
    where = f"{path}:{finding.span.line}:{finding.span.column}" if finding.span else path
    header: Styled = [
        (where, "bold"),
        (": ", ""),
        (finding.code, "bold"),
        (" ", ""),
        (f"[{SEVERITY_NAMES[finding.severity]}]", _STYLE[finding.severity]),
        (" ", ""),
    ]
    message: Styled = [(neutralise(finding.message, tabs=" "), "")]
    if finding.id:
        message.append((f" #{short_id(finding.id)}", "dim"))
    lines = _wrapped(header, message, room)
    location = document_location(report, finding)
    if location is not None:
        lines.append([(f"       @ 原文{location}", "dim")])
    if finding.span is not None:
        lines.extend(_source_block(report.source, finding.span, room))
    if finding.computation:
        computation = [(neutralise(finding.computation, tabs=" "), "")]
        lines.extend(_wrapped([("       = ", "dim")], computation, room))
    for related in finding.related:
        r = related.span
        snippet = neutralise(report.source.slice(r), tabs=" ").strip()
        entry: Styled = [(neutralise(related.note, tabs=" "), "")]
        if snippet:
            entry.append((f"  “{snippet}”", "dim"))
        lines.extend(_wrapped([(f"       - {r.line}:{r.column} ", "dim")], entry, room))
    return joined(lines)


Counts = dict[Severity, int]


def counts(findings: Sequence[Finding]) -> Counts:
    """Number of findings per severity."""
    out = {s: 0 for s in Severity}
    for f in findings:
        out[f.severity] += 1
    return out


def summary_line(label: str, findings: Sequence[Finding]) -> Styled:
    """``path: 2 错误, 1 警告, 3 提示`` (or 未发现问题)."""
    return counts_line(label, counts(findings))


def counts_line(label: str, c: Counts) -> Styled:
    """``summary_line`` from the counts per severity."""
    out: Styled = [(neutralise(label, tabs=" "), "bold"), (": ", "")]
    if not any(c.values()):
        out.append(("未发现问题", "green"))
        return out
    for k, s in enumerate(Severity):
        if k:
            out.append(("，", ""))
        out.append((f"{c[s]} {_NAME[s]}", _STYLE[s] if c[s] else "dim"))
    return out


def print_file(
    sink: TextSink,
    label: str,
    blocks: Sequence[Styled],
    findings: Sequence[Finding],
    notice: str | None = None,
) -> None:
    """One file's finding blocks (from ``finding_block``), its notice, then its summary line."""
    for block in blocks:
        sink.line(block)
        sink.line()
    if notice is not None:
        sink.line([(neutralise(label, tabs=" "), "bold"), (": ", ""), (notice, "yellow")])
    sink.line(summary_line(label, findings))


def worst_first(rows: Sequence[tuple[str, Counts]]) -> list[tuple[str, Counts]]:
    """Per file counts, most errors first, then most warnings, then most info, then by name."""
    return sorted(
        rows,
        key=lambda r: (-r[1][Severity.ERROR], -r[1][Severity.WARNING], -r[1][Severity.INFO], r[0]),
    )


def summary_table(rows: Sequence[tuple[str, Counts]]) -> RichTable:
    """The table at the end of a batch: errors, warnings and info per file, worst first."""
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(title=Text("检查汇总（按严重程度排序）"), box=box.SIMPLE_HEAD)
    table.add_column("文件", overflow="fold")
    for severity in Severity:
        table.add_column(_NAME[severity], justify="right", no_wrap=True)
    for label, c in worst_first(rows):
        cells = [Text(str(c[s]), style=_STYLE[s] if c[s] else "dim") for s in Severity]
        table.add_row(Text(neutralise(label, tabs=" ")), *cells)
    return table


def print_text_report(sink: TextSink, results: Sequence[tuple[Report, Sequence[Finding]]]) -> None:
    """Every finding block, a summary line per file, and for several files a table and total."""
    from fa_tui.render.notices import kind_notice

    for report, findings in results:
        blocks = [finding_block(report, f) for f in findings]
        print_file(sink, str(report.path), blocks, findings, kind_notice(report))
    if len(results) != 1:
        print_totals(sink, [(str(r.path), f) for r, f in results])


def print_totals(sink: TextSink, files: Sequence[tuple[str, Sequence[Finding]]]) -> None:
    """After several files: the summary table (worst first) and the total line."""
    print_count_totals(sink, [(label, counts(findings)) for label, findings in files])


def print_count_totals(sink: TextSink, rows: Sequence[tuple[str, Counts]]) -> None:
    """``print_totals`` from each file's counts per severity (all a streamed batch keeps)."""
    if len(rows) > 1:
        sink.line()
        sink.renderable(summary_table(rows))
    total = {s: sum(c[s] for _, c in rows) for s in Severity}
    sink.line(counts_line(f"共 {len(rows)} 个文件", total))


def statistics_table(findings: Sequence[Finding], titles: dict[str, str]) -> Styled:
    """``--statistics``: the number of findings per code, most frequent first."""
    per_code: dict[str, int] = {}
    severity: dict[str, Severity] = {}
    for f in findings:
        count_code(per_code, severity, f)
    return code_statistics(per_code, severity, titles)


def count_code(per_code: dict[str, int], severity: dict[str, Severity], f: Finding) -> None:
    """Add ``f`` to the counts per code and the worst severity per code."""
    per_code[f.code] = per_code.get(f.code, 0) + 1
    if f.code not in severity or f.severity.rank > severity[f.code].rank:
        severity[f.code] = f.severity


def code_statistics(
    per_code: dict[str, int], severity: dict[str, Severity], titles: dict[str, str]
) -> Styled:
    """``statistics_table`` from the counts of ``count_code``."""
    lines: list[Styled] = []
    for code in sorted(per_code, key=lambda c: (-per_code[c], c)):
        lines.append(
            [
                (f"{per_code[code]:>5}  ", ""),
                (code, "bold"),
                (f"  [{SEVERITY_NAMES[severity[code]]}]", _STYLE[severity[code]]),
                (f"  {titles.get(code, '')}", ""),
            ]
        )
    return joined(lines)
