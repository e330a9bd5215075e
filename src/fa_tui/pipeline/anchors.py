"""What a finding is about, in words that survive re-extraction and edits elsewhere.

An anchor never holds a line, a column or a page. It is one of:

- ``table|公开05表|row|<side>|<code or name>|<column key>`` for a finding on a figure of a
  standard table's row (``name``/``code`` instead of the column key when it points at the row's
  name or code, ``row`` when at neither);
- ``table|公开05表|<title, label, unit or note>`` for a finding on a table's title, label, unit or
  note, ``table|公开05表|text|<normalised text>`` for another place in a table;
- ``text|<sentence>|<label>`` for a finding in the narrative: the sentence that holds the start
  of its span, read as the narrative parser reads paragraphs (noise, white space and page markers
  dropped, lines broken inside a sentence joined), then normalised: full-width forms made
  half-width, punctuation dropped and every figure masked (``#``), so that another figure of the
  same sentence may change without moving the anchor; and the label of the innermost fact read
  there (``收、支总计``: two sentences worded alike about different totals differ by it);
- ``line|<line>``: the masked text of the span's line, for a span in no paragraph (a row of an
  other table);
- ``report`` for a finding without a span.

``figures`` normalises the figures a finding involves (its span's text, expected, actual,
difference): each number as a canonical ``Decimal`` (no thousands separators, no trailing
zeros), white space dropped.
"""

from __future__ import annotations

import bisect
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from fa_tui import pattern_cache
from fa_tui.model import Finding, Report, Row, Span, Table

_NUMBER = pattern_cache.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_SPACE = pattern_cache.compile(r"\s+")
# A list enumerator opening a row name (``九、卫生健康支出``, ``（一）``): renumbered by an edit.
_ENUMERATOR = pattern_cache.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d{1,2}[、.)])"
)


def canonical_number(text: str) -> str:
    """``1,234.50`` → ``1234.5``; ``0.00`` → ``0``; ``007`` → ``7``."""
    digits = text.replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return digits
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def figures(text: str | None) -> str:
    """``text`` half-width, without white space, each number canonical (``None``: ``-``)."""
    if text is None:
        return "-"
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return _NUMBER.sub(lambda m: canonical_number(m.group()), flat)


def masked(text: str) -> str:
    """``text`` half-width, without white space or punctuation, every figure as ``#``."""
    flat = unicodedata.normalize("NFKC", text)
    flat = _NUMBER.sub("#", _SPACE.sub("", flat))
    return "".join(c for c in flat if not unicodedata.category(c).startswith(("P", "C", "Z")))


_masked = lru_cache(maxsize=4096)(masked)


def row_name(name: str) -> str:
    """A row's name without list enumerator, white space or punctuation."""
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    flat = _ENUMERATOR.sub("", flat)
    return "".join(c for c in flat if not unicodedata.category(c).startswith(("P", "C", "Z")))


def _starts_in(span: Span, region: Span | None) -> bool:
    if region is None:
        return False
    start = (span.line, span.column)
    return (region.line, region.column) <= start < (region.end_line, region.end_column)


def _row_anchor(table: Table, row: Row, span: Span) -> str:
    column = next((k for k, a in row.cells.items() if _starts_in(span, a.span)), None)
    if column is None:
        if _starts_in(span, row.code_span):
            column = "code"
        elif _starts_in(span, row.name_span):
            column = "name"
        else:
            column = "row"
    who = row.code or row_name(row.name)
    return f"table|{table.role}|row|{row.side or ''}|{who}|{column}"


def table_anchor(report: Report, table: Table, span: Span) -> str:
    """The anchor of a span inside standard table ``table``."""
    for row in table.rows:
        if _starts_in(span, row.span) or row.span.line <= span.line <= row.span.end_line:
            return _row_anchor(table, row, span)
    for element in ("title", "label", "unit", "note"):
        if _starts_in(span, getattr(table, f"{element}_span")):
            return f"table|{table.role}|{element}"
    return f"table|{table.role}|text|{masked(report.source.slice(span))}"


class Sentences:
    """The narrative sentence at a finding's position, from the paragraphs the narrative parser
    reads: built once per report for the lines ``lines`` that findings start on."""

    def __init__(self, report: Report, lines: set[int]) -> None:
        from fa_tui.parse.narrative.sentences import read_paragraphs, sentences

        # line -> [(first column, end column, sentence number)] of each run of clean text
        self._at: dict[int, list[tuple[int, int, int]]] = {}
        self._texts: list[str] = []  # clean, masked when asked for
        for paragraph in read_paragraphs(report.source, report):
            if not any(n in lines for n in range(paragraph.first_line, paragraph.last_line + 1)):
                continue
            text, starts = paragraph.text, paragraph.run_starts
            for begin, end in sentences(text):
                number = len(self._texts)
                self._texts.append(text[begin:end])
                k = max(bisect.bisect_right(starts, begin) - 1, 0)
                while k < len(starts) and starts[k] < end:
                    run_end = starts[k + 1] if k + 1 < len(starts) else len(text)
                    first, last = max(begin, starts[k]), min(end, run_end)
                    if first < last and paragraph.run_lines[k] in lines:
                        column = paragraph.run_cols[k] + first - starts[k]
                        entry = (column, column + last - first, number)
                        self._at.setdefault(paragraph.run_lines[k], []).append(entry)
                    k += 1
        for entries in self._at.values():
            entries.sort()
        # line -> [(span, label)] of the facts that start on it
        self._facts: dict[int, list[tuple[Span, str]]] = {}
        last = max(lines, default=0)
        for fact in report.facts:
            if fact.span.line <= last:
                self._facts.setdefault(fact.span.line, []).append((fact.span, fact.label))

    def at(self, span: Span) -> str | None:
        """The masked sentence holding ``span``'s start (or the next text on its line, when it
        starts on noise such as ``**``), ``None`` outside the narrative."""
        entries = self._at.get(span.line)
        if not entries:
            return None
        k = bisect.bisect_right(entries, (span.column, 1 << 62, 0)) - 1
        if (k < 0 or span.column >= entries[k][1]) and k + 1 < len(entries):
            k += 1
        return _masked(self._texts[entries[max(k, 0)][2]])

    def label(self, span: Span) -> str:
        """The masked label of the innermost fact whose clause holds ``span``'s start."""
        best: tuple[tuple[int, int], str] | None = None
        for start_line in range(span.line, max(span.line - 3, 0), -1):
            for region, label in self._facts.get(start_line, ()):
                if _starts_in(span, region):
                    size = (region.end_line - region.line, region.end_column - region.column)
                    if best is None or size < best[0]:
                        best = (size, label)
        return "" if best is None else _masked(best[1])


def anchor(finding: Finding, report: Report, sentences: Sentences | None) -> str:
    """The anchor of ``finding`` (see the module docstring); ``sentences`` for the narrative."""
    span = finding.span
    if span is None:
        return "report"
    if finding.table is not None:
        table = report.table(finding.table)
        if table is not None:
            return table_anchor(report, table, span)
    if sentences is not None:
        sentence = sentences.at(span)
        if sentence is not None:
            return f"text|{sentence}|{sentences.label(span)}"
    return f"line|{masked(report.source.line(span.line))}"
